"""`GaussianDropout`: multiplicative 1-centred Gaussian noise while training."""

import math

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer


class GaussianDropout(Layer):
    """Multiplies every input by noise drawn from N(1, rate / (1 - rate)) during
    training; at inference the inputs pass through unchanged.

    Args:
        rate: float in (0, 1), the drop probability of the equivalent `Dropout`.
        seed: integer, makes the noise reproducible.

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.rate = rate
        self.seed = seed

    def call(self, inputs, training=None):
        if not training or not 0 < self.rate < 1:
            return inputs
        stddev = math.sqrt(self.rate / (1.0 - self.rate))
        noise = traced_call(
            _noise,
            shape=tuple(inputs.shape),
            stddev=stddev,
            dtype=np.dtype(inputs.dtype.name),
            seed=self.seed,
        )
        return ops.multiply(inputs, noise)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config


def _noise(*, shape, stddev, dtype, seed):
    return prandom.op_generator(seed).normal(1.0, stddev, shape).astype(dtype)
