"""`CenterCrop`: the central `height` x `width` window of each image."""

import numpy as np

from pynn.core.tensor import _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import as_float_tensor, batched


class CenterCrop(Layer):
    """Crops the center of each image to `height` x `width`; an image smaller than that is
    resized up (keeping its aspect ratio by cropping first), as tf.keras does.

    Input: `(batch, h, w, c)` or `(h, w, c)`. Output: `(batch, height, width, c)`, float32.
    """

    def __init__(self, height, width, **kwargs):
        self.height = height
        self.width = width
        super().__init__(**kwargs)

    def call(self, inputs):
        images = as_float_tensor(inputs, self.compute_dtype)._value
        return _wrap(traced_call(_center_crop, images, height=self.height, width=self.width))

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        dims[-3], dims[-2] = self.height, self.width
        return TensorShape(dims)

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width}


def _crop(images, *, height, width):
    h_diff, w_diff = images.shape[1] - height, images.shape[2] - width
    if h_diff >= 0 and w_diff >= 0:
        top, left = int(h_diff / 2), int(w_diff / 2)
        return images[:, top : top + height, left : left + width]
    return image_ops.smart_resize(images, height, width).astype(images.dtype)


def _center_crop(images, *, height, width):
    return np.ascontiguousarray(batched(_crop, images, height=height, width=width))
