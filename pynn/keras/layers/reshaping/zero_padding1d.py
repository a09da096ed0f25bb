"""`ZeroPadding1D`: adds zeros at the start and end of sequences."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_tuple
from pynn.keras.utils.generic_utils import shape_list


class ZeroPadding1D(Layer):
    """Pads the time axis of a sequence with zeros.

    Args:
        padding: int (same at both ends) or `(left_pad, right_pad)`. Default 1.

    Input shape: `(batch, steps, features)`.
    Output shape: `(batch, left_pad + steps + right_pad, features)`.
    """

    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = normalize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return ops.pad(inputs, [(0, 0), self.padding, (0, 0)])

    def compute_output_shape(self, input_shape):
        batch, steps, features = shape_list(input_shape)
        if steps is not None:
            steps += sum(self.padding)
        return TensorShape([batch, steps, features])

    def get_config(self):
        config = super().get_config()
        config["padding"] = self.padding
        return config
