"""`AlphaDropout`: dropout that keeps the self-normalizing property of SELU networks."""

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """During training, sets each input to SELU's negative saturation value with
    probability `rate`, then applies the affine map `a * x + b` that restores the
    inputs' mean and variance; at inference the inputs pass through unchanged.
    Pairs with `activation="selu"` and the `lecun_normal` initializer.

    Args:
        rate: float in (0, 1), the drop probability.
        noise_shape: shape of the binary keep-mask, broadcast against the input.
        seed: integer, makes the masks reproducible.

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=None):
        if not training or not 0.0 < self.rate < 1.0:
            return inputs
        rate = self.rate
        shape = tuple(self.noise_shape) if self.noise_shape else tuple(inputs.shape)
        dtype = np.dtype(inputs.dtype.name)
        kept = traced_call(_kept, shape=shape, rate=rate, dtype=dtype, seed=self.seed)
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        a = ((1 - rate) * (1 + rate * alpha_p**2)) ** -0.5
        b = -a * alpha_p * rate
        dropped = ops.add(
            ops.multiply(inputs, kept), traced_call(_dropped_value, kept, alpha_p=alpha_p)
        )
        return dropped * a + b

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config


def _kept(*, shape, rate, dtype, seed):
    return (prandom.op_generator(seed).random(shape) >= rate).astype(dtype)


def _dropped_value(kept, *, alpha_p):
    return (alpha_p * (1 - kept)).astype(kept.dtype)
