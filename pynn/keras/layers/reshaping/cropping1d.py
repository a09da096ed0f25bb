"""`Cropping1D`: removes steps at the start and end of sequences."""

from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_tuple
from pynn.keras.utils.generic_utils import shape_list


class Cropping1D(Layer):
    """Crops the time axis of a sequence.

    Args:
        cropping: int (same at both ends) or `(start, end)`: steps removed. Default `(1, 1)`.

    Input shape: `(batch, steps, features)`.
    Output shape: `(batch, steps - start - end, features)`.
    """

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = normalize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        steps = inputs.shape[1]
        if steps is not None and sum(self.cropping) >= steps:
            raise ValueError(
                "cropping parameter of Cropping layer must be greater than the input shape. "
                f"Received: inputs.shape={inputs.shape}, and cropping={self.cropping}"
            )
        start, end = self.cropping
        return inputs[:, start : steps - end, :]

    def compute_output_shape(self, input_shape):
        batch, steps, features = shape_list(input_shape)
        if steps is not None:
            steps -= sum(self.cropping)
        return TensorShape([batch, steps, features])

    def get_config(self):
        config = super().get_config()
        config["cropping"] = self.cropping
        return config
