"""`ThresholdedReLU`: passes values above a threshold, zeroes the rest."""

import numpy as np

from pynn import ops
from pynn.keras.engine.base_layer import Layer


class ThresholdedReLU(Layer):
    """`f(x) = x` for `x > theta`, `f(x) = 0` otherwise.

    Args:
        theta: float >= 0, the threshold (default 1.0).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, theta=1.0, **kwargs):
        super().__init__(**kwargs)
        if theta is None:
            raise ValueError(
                "Theta of a Thresholded ReLU layer cannot be None, expecting a float. "
                f"Received: {theta}"
            )
        if theta < 0:
            raise ValueError(
                f"The theta value of a Thresholded ReLU layer should be >=0. Received: {theta}"
            )
        self.supports_masking = True
        self.theta = float(np.float32(theta))

    def call(self, inputs):
        return inputs * ops.cast(ops.greater(inputs, self.theta), inputs.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["theta"] = self.theta
        return config
