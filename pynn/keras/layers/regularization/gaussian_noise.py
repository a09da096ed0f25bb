"""`GaussianNoise`: adds zero-centred Gaussian noise while training."""

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer


class GaussianNoise(Layer):
    """Adds noise drawn from N(0, stddev^2) to every input during training (a
    regularizer, and a way to augment real-valued inputs). At inference the inputs pass
    through unchanged.

    Args:
        stddev: standard deviation of the noise.
        seed: integer, makes the noise reproducible.

    Call arguments:
        training: add noise only when True.

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.stddev = stddev
        self.seed = seed

    def call(self, inputs, training=None):
        if not training:
            return inputs
        noise = traced_call(
            _noise,
            shape=tuple(inputs.shape),
            stddev=self.stddev,
            dtype=np.dtype(inputs.dtype.name),
            seed=self.seed,
        )
        return ops.add(inputs, noise)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config


def _noise(*, shape, stddev, dtype, seed):
    return (prandom.op_generator(seed).standard_normal(shape) * stddev).astype(dtype)
