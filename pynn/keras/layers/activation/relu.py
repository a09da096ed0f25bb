"""`ReLU`: rectified linear unit activation layer."""

import numpy as np

from pynn.keras import activations
from pynn.keras.engine.base_layer import Layer


class ReLU(Layer):
    """Rectified linear unit:

        f(x) = max_value                          if x >= max_value
        f(x) = x                                  if threshold <= x < max_value
        f(x) = negative_slope * (x - threshold)   otherwise

    Args:
        max_value: float >= 0, the largest output (default: unbounded).
        negative_slope: float >= 0, slope below the threshold (default 0).
        threshold: float >= 0, where the activation starts (default 0).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(
                f"max_value of a ReLU layer cannot be a negative value. Received: {max_value}"
            )
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError(
                "negative_slope of a ReLU layer cannot be a negative value. "
                f"Received: {negative_slope}"
            )
        if threshold is None or threshold < 0.0:
            raise ValueError(
                f"threshold of a ReLU layer cannot be a negative value. Received: {threshold}"
            )
        self.supports_masking = True
        self.max_value = None if max_value is None else float(np.float32(max_value))
        self.negative_slope = float(np.float32(negative_slope))
        self.threshold = float(np.float32(threshold))

    def call(self, inputs):
        return activations.relu(
            inputs, alpha=self.negative_slope, max_value=self.max_value, threshold=self.threshold
        )

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "max_value": self.max_value,
                "negative_slope": self.negative_slope,
                "threshold": self.threshold,
            }
        )
        return config
