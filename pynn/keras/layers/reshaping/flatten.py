"""`Flatten`: flattens every sample to one axis."""

import math

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


def normalize_data_format(data_format):
    if data_format is None:
        return "channels_last"
    value = str(data_format).lower()
    if value not in {"channels_first", "channels_last"}:
        raise ValueError(
            'The `data_format` argument must be one of "channels_first", '
            f'"channels_last". Received: {data_format}'
        )
    return value


class Flatten(Layer):
    """Flattens the input to `(batch_size, product of the other dims)`; the batch
    axis is kept. An input of shape `(batch,)` becomes `(batch, 1)`.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`; with
            `"channels_first"` the channel axis is moved last before flattening,
            so the element order matches a `"channels_last"` model.

    Input shape: `(batch_size, ...)`, at least 1-D.
    Output shape: `(batch_size, prod(...))`.
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        if self.data_format == "channels_first" and inputs.ndim > 2:
            inputs = ops.transpose(inputs, [0] + list(range(2, inputs.ndim)) + [1])
        shape = tuple(inputs.shape)
        return ops.reshape(inputs, (shape[0], math.prod(shape[1:])))

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        if not dims:
            return TensorShape([1])
        rest = dims[1:]
        flat = None if None in rest else math.prod(rest)
        return TensorShape([dims[0], flat])

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config
