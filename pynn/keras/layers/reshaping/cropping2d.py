"""`Cropping2D`: removes rows and columns at the borders of images."""

from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_data_format
from pynn.keras.layers.reshaping.zero_padding2d import normalize_2d_margins, spatial_axes
from pynn.keras.utils.generic_utils import shape_list


class Cropping2D(Layer):
    """Crops the height and width of images.

    Args:
        cropping: int (same on all sides), `(symmetric_height, symmetric_width)` or
            `((top, bottom), (left, right))`. Default `((0, 0), (0, 0))`.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, rows - top - bottom, cols - left - right, channels)`.
    """

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.cropping = normalize_2d_margins(cropping, "cropping")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        dims = shape_list(inputs.shape)
        index = [slice(None)] * 4
        for axis, (low, high) in zip(spatial_axes(self.data_format), self.cropping, strict=True):
            if dims[axis] is not None and low + high >= dims[axis]:
                raise ValueError(
                    "Argument `cropping` must be greater than the input shape. Received: "
                    f"inputs.shape={inputs.shape}, and cropping={self.cropping}"
                )
            index[axis] = slice(low, dims[axis] - high)
        return inputs[tuple(index)]

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        for axis, (low, high) in zip(spatial_axes(self.data_format), self.cropping, strict=True):
            if dims[axis]:
                dims[axis] -= low + high
        return TensorShape(dims)

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config
