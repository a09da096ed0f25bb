"""`UpSampling1D`: repeats every step of a sequence."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


class UpSampling1D(Layer):
    """Repeats each step `size` times along the time axis.

    Args:
        size: integer, the upsampling factor (default 2).

    Input shape: `(batch, steps, features)`.
    Output shape: `(batch, steps * size, features)`.
    """

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return ops.repeat(inputs, self.size, axis=1)

    def compute_output_shape(self, input_shape):
        batch, steps, features = shape_list(input_shape)
        return TensorShape([batch, None if steps is None else steps * self.size, features])

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config
