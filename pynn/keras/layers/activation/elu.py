"""`ELU`: exponential linear unit activation layer."""

import numpy as np

from pynn.keras import activations
from pynn.keras.engine.base_layer import Layer


class ELU(Layer):
    """Exponential linear unit: `f(x) = alpha * (exp(x) - 1)` if `x < 0`, `f(x) = x` if `x >= 0`.

    Args:
        alpha: float, scale of the negative part (default 1.0).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        if alpha is None:
            raise ValueError(
                f"Alpha of an ELU layer cannot be None, expecting a float. Received: {alpha}"
            )
        self.supports_masking = True
        self.alpha = float(np.float32(alpha))

    def call(self, inputs):
        return activations.elu(inputs, self.alpha)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["alpha"] = self.alpha
        return config
