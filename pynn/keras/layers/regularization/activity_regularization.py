"""`ActivityRegularization`: adds an L1/L2 penalty on its input to the loss."""

from pynn.keras import regularizers
from pynn.keras.engine.base_layer import Layer


class ActivityRegularization(Layer):
    """Passes its input through and adds `l1 * sum(|x|) + l2 * sum(x ** 2)`,
    averaged over the batch, to the layer's `losses`.

    Args:
        l1: L1 factor (default 0).
        l2: L2 factor (default 0).

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"l1": self.l1, "l2": self.l2})
        return config
