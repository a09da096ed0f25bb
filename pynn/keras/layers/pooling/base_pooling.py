"""`Pooling`: what the windowed pooling layers share; `GlobalPooling`: the global ones."""

from pynn.core.tensor_shape import TensorShape
from pynn.keras import backend_config
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import (
    check_output_shape,
    conv_output_length,
    normalize_data_format,
    normalize_padding,
    normalize_tuple,
    to_channels_first,
    to_channels_last,
)
from pynn.keras.utils.generic_utils import shape_list


class Pooling(Layer):
    """A window of `pool_size` slides with `strides` over the `rank` spatial axes and
    `pool_op` summarises it. Subclasses fix `rank` and `pool_op`."""

    rank = 2

    def __init__(self, pool_op, pool_size, strides, padding="valid", data_format=None, **kwargs):
        super().__init__(**kwargs)
        if data_format is None:
            data_format = backend_config.image_data_format()
        if strides is None:
            strides = pool_size
        self._pool_op = pool_op
        self.pool_size = normalize_tuple(pool_size, self.rank, "pool_size")
        self.strides = normalize_tuple(strides, self.rank, "strides", allow_zero=True)
        self.padding = normalize_padding(padding, allow_causal=False)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        x = inputs
        if self.data_format == "channels_first":
            x = to_channels_last(x, self.rank)
        outputs = self._pool_op(
            x, pool_size=self.pool_size, strides=self.strides, padding=self.padding
        )
        if self.data_format == "channels_first":
            outputs = to_channels_first(outputs, self.rank)
        return outputs

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        first = self.data_format == "channels_first"
        spatial_dims = dims[2:] if first else dims[1:-1]
        spatial = [
            conv_output_length(length, self.pool_size[i], self.padding, self.strides[i])
            for i, length in enumerate(spatial_dims)
        ]
        check_output_shape(self, dims, spatial)
        if first:
            return TensorShape(dims[:2] + spatial)
        return TensorShape(dims[:1] + spatial + dims[-1:])

    def get_config(self):
        config = super().get_config()
        if self.rank == 1:
            config.update({"strides": self.strides, "pool_size": self.pool_size})
        else:
            config.update({"pool_size": self.pool_size})
        config["padding"] = self.padding
        config["strides"] = self.strides
        config["data_format"] = self.data_format
        return config


class Pooling1D(Pooling):
    rank = 1

    def __init__(
        self, pool_op, pool_size, strides, padding="valid", data_format="channels_last", **kwargs
    ):
        super().__init__(
            pool_op, pool_size, strides, padding=padding, data_format=data_format, **kwargs
        )


class GlobalPooling(Layer):
    """Reduces all `rank` spatial axes; subclasses write `call`."""

    rank = 2

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def _spatial_axes(self):
        start = 2 if self.data_format == "channels_first" else 1
        return list(range(start, start + self.rank))

    def build(self, input_shape):
        dims = shape_list(input_shape)
        for axis in self._spatial_axes:
            if dims[axis] == 0:
                raise ValueError(
                    f"Incorrect input shape {dims} with dimension 0 at reduction axis {axis}."
                )
        self.built = True

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        axes = self._spatial_axes
        if self.keepdims:
            return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
        return TensorShape([d for i, d in enumerate(dims) if i not in axes])

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalPooling1D(GlobalPooling):
    rank = 1

    def __init__(self, data_format="channels_last", keepdims=False, **kwargs):
        super().__init__(data_format=data_format, keepdims=keepdims, **kwargs)
