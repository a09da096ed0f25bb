"""`Activation`: applies an activation function."""

from pynn.keras import activations
from pynn.keras.engine.base_layer import Layer


class Activation(Layer):
    """Applies `activation` element-wise (or along the last axis, for softmax).

    Args:
        activation: an activation function or its name (`"relu"`, `"softmax"`, ...).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
