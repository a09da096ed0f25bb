"""`ZeroPadding2D`: adds rows and columns of zeros around images."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_data_format, normalize_tuple
from pynn.keras.utils.generic_utils import shape_list


def normalize_2d_margins(value, name):
    """int | (h, w) | ((top, bottom), (left, right)) -> ((top, bottom), (left, right))."""
    if isinstance(value, int):
        return ((value, value), (value, value))
    if hasattr(value, "__len__"):
        if len(value) != 2:
            raise ValueError(f"`{name}` should have two elements. Received: {value}.")
        return (
            normalize_tuple(value[0], 2, f"1st entry of {name}", allow_zero=True),
            normalize_tuple(value[1], 2, f"2nd entry of {name}", allow_zero=True),
        )
    raise ValueError(
        f"`{name}` should be either an int, a tuple of 2 ints (symmetric_height_{name[:4]}, "
        f"symmetric_width_{name[:4]}), or a tuple of 2 tuples of 2 ints ((top_{name[:4]}, "
        f"bottom_{name[:4]}), (left_{name[:4]}, right_{name[:4]})). Received: {value}."
    )


def spatial_axes(data_format):
    return (2, 3) if data_format == "channels_first" else (1, 2)


class ZeroPadding2D(Layer):
    """Pads the height and width of images with zeros (e.g. before a strided convolution,
    as MobileNet does).

    Args:
        padding: int (same on all sides), `(symmetric_height, symmetric_width)` or
            `((top, bottom), (left, right))`. Default `(1, 1)`.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, top + rows + bottom, left + cols + right, channels)`.
    """

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.padding = normalize_2d_margins(padding, "padding")
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        widths = [(0, 0)] * 4
        for axis, pads in zip(spatial_axes(self.data_format), self.padding, strict=True):
            widths[axis] = pads
        return ops.pad(inputs, widths)

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        for axis, (low, high) in zip(spatial_axes(self.data_format), self.padding, strict=True):
            if dims[axis] is not None:
                dims[axis] += low + high
        return TensorShape(dims)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config
