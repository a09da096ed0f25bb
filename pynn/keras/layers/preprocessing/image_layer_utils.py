"""What the image preprocessing layers share: float32 conversion of the input, batching of a
single image, and the random augmentation base class (`call(inputs, training=True)`: augment
when training, pass the images through (as float32) at inference, as tf.keras 2.15)."""

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer


def as_float_tensor(inputs, dtype="float32"):
    """The input as a Tensor of the layer's compute dtype (uint8 images become float32)."""
    t = inputs if isinstance(inputs, Tensor) else convert_to_tensor(inputs)
    if t.dtype.name != dtype:
        t = ops.cast(t, dtype)
    return t


def batched(fn, images, **static):
    """`fn(images (b, h, w, c), **static)` for a batch, or for one image (h, w, c)."""
    if images.ndim == 3:
        return fn(images[None], **static)[0]
    return fn(images, **static)


def factor_bounds(factor):
    """`(lower, upper)` of a symmetric factor or an explicit pair."""
    if isinstance(factor, (tuple, list)):
        return factor[0], factor[1]
    return -factor, factor


class RandomImageLayer(Layer):
    """Base of RandomFlip / RandomRotation / ...: subclasses implement `_augment(images,
    rng)` on a float32 numpy batch. The draw runs through `traced_call`, so fit's replayed
    steps draw fresh random numbers every step. Augmentation passes no gradient to its input
    (these layers sit on a model's input images)."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed

    def call(self, inputs, training=True):
        inputs = as_float_tensor(inputs, self.compute_dtype)
        if not training:
            return inputs
        return _wrap(traced_call(self._augment_batch, inputs._value))

    def _augment_batch(self, images):
        rng = prandom.op_generator(self.seed)
        return batched(self._augment, images, rng=rng).astype(images.dtype, copy=False)

    def compute_output_shape(self, input_shape):
        return TensorShape(input_shape)

    def _augment_config(self):
        """The subclass's own arguments (get_config lists them before `seed`, as tf.keras)."""
        return {}

    def get_config(self):
        return {**super().get_config(), **self._augment_config(), "seed": self.seed}


def uniform(rng, lower, upper, size):
    """float32 draws in [lower, upper) (exactly `lower` when the bounds are equal)."""
    return (
        np.float32(lower)
        + (np.float32(upper) - np.float32(lower)) * rng.random(size, dtype=np.float32)
    ).astype(np.float32)
