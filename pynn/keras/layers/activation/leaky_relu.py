"""`LeakyReLU`: leaky rectified linear unit activation layer."""

import numpy as np

from pynn import ops
from pynn.keras.engine.base_layer import Layer


class LeakyReLU(Layer):
    """Leaky ReLU: `f(x) = alpha * x` if `x < 0`, `f(x) = x` if `x >= 0`.

    Args:
        alpha: float >= 0, the negative slope (default 0.3).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, alpha=0.3, **kwargs):
        super().__init__(**kwargs)
        if alpha is None:
            raise ValueError(
                "The alpha value of a Leaky ReLU layer cannot be None, "
                f"Expecting a float. Received: {alpha}"
            )
        self.supports_masking = True
        self.alpha = float(np.float32(alpha))

    def call(self, inputs):
        return ops.leaky_relu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["alpha"] = self.alpha
        return config
