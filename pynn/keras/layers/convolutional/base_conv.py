"""`Conv`: what every convolution layer shares (argument checks, shapes, config).

Also the small argument helpers the convolution, pooling and reshaping layers use:
`normalize_tuple`, `normalize_padding`, `normalize_data_format`, `conv_output_length`,
`deconv_output_length`, `check_output_shape` (the "output is <= 0" error).
"""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import activations, backend, constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


def normalize_tuple(value, n, name, allow_zero=False):
    """An int or an iterable of `n` ints -> a tuple of `n` ints (> 0, or >= 0)."""
    message = f"The `{name}` argument must be a tuple of {n} integers. Received: {value}"
    if isinstance(value, int):
        values = (value,) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(message) from None
        if len(values) != n:
            raise ValueError(message)
        for item in values:
            try:
                int(item)
            except (ValueError, TypeError):
                raise ValueError(
                    f"{message}including element {item} of type {type(item)}"
                ) from None
        values = tuple(int(item) for item in values)
    bad = {v for v in values if (v < 0 if allow_zero else v <= 0)}
    if bad:
        requirement = ">= 0" if allow_zero else "> 0"
        raise ValueError(
            f"{message} including {bad} that does not satisfy the requirement `{requirement}`."
        )
    return values


def normalize_padding(value, allow_causal=True):
    if isinstance(value, (list, tuple)):
        return value
    padding = str(value).lower()
    allowed = {"valid", "same", "causal"} if allow_causal else {"valid", "same"}
    if padding not in allowed:
        raise ValueError(
            'The `padding` argument must be a list/tuple or one of "valid", "same" '
            f'(or "causal", only for `Conv1D). Received: {padding}'
        )
    return padding


def normalize_data_format(value):
    if value is None:
        value = backend.image_data_format()
    data_format = str(value).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(
            'The `data_format` argument must be one of "channels_first", '
            f'"channels_last". Received: {value}'
        )
    return data_format


def conv_output_length(length, kernel, padding, stride, dilation=1):
    """Output length of one spatial axis (None stays None; may be <= 0)."""
    if length is None:
        return None
    dilated = kernel + (kernel - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        out = length
    else:
        out = length - dilated + 1
    return (out + stride - 1) // stride


def deconv_output_length(length, kernel, padding, output_padding=None, stride=1, dilation=1):
    """Output length of one spatial axis of a transposed convolution."""
    if length is None:
        return None
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(kernel - stride, 0)
        return length * stride
    pad = kernel // 2 if padding == "same" else 0
    return (length - 1) * stride + kernel - 2 * pad + output_padding


def check_output_shape(layer, input_shape, spatial):
    """Keras's error for a window larger than its (padded) input."""
    if any(d is not None and d <= 0 for d in spatial):
        raise ValueError(
            "One of the dimensions in the output is <= 0 due to downsampling in "
            f"{layer.name}. Consider increasing the input size. Received input shape "
            f"{list(input_shape)} which would produce output shape with a zero or negative "
            "value in a dimension."
        )


def to_channels_last(x, rank):
    """(N, C, *spatial) -> (N, *spatial, C)."""
    return ops.transpose(x, (0,) + tuple(range(2, rank + 2)) + (1,))


def to_channels_first(x, rank):
    """(N, *spatial, C) -> (N, C, *spatial)."""
    return ops.transpose(x, (0, rank + 1) + tuple(range(1, rank + 1)))


class Conv(Layer):
    """Base of `Conv1D` and `Conv2D`: a kernel cross-correlated with the input, plus bias
    and activation. Subclasses only fix `rank`; see `Conv2D` for the arguments."""

    def __init__(
        self,
        rank,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
        groups=1,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        if isinstance(filters, float):
            filters = int(filters)
        if filters is not None and filters <= 0:
            raise ValueError(
                "Invalid value for argument `filters`. Expected a strictly "
                f"positive value. Received filters={filters}."
            )
        self.filters = filters
        self.groups = groups or 1
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides", allow_zero=True)
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)
        self._validate_init()

    def _validate_init(self):
        if self.filters is not None and self.filters % self.groups:
            raise ValueError(
                "The number of filters must be evenly divisible by the number "
                f"of groups. Received: groups={self.groups}, "
                f"filters={self.filters}"
            )
        if not all(self.kernel_size):
            raise ValueError(
                f"The argument `kernel_size` cannot contain 0(s). Received: {self.kernel_size}"
            )
        if not all(self.strides):
            raise ValueError(
                f"The argument `strides` cannot contains 0(s). Received: {self.strides}"
            )
        if self.padding == "causal" and self.rank != 1:
            raise ValueError("Causal padding is only supported for `Conv1D`and `SeparableConv1D`.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                "`strides > 1` not supported in conjunction with "
                f"`dilation_rate > 1`. Received: strides={self.strides} and "
                f"dilation_rate={self.dilation_rate}"
            )

    # ------------------------------------------------------------------ shapes
    @property
    def _channel_axis(self):
        return -1 - self.rank if self.data_format == "channels_first" else -1

    def _input_channels(self, input_shape):
        dims = shape_list(input_shape)
        channels = dims[self._channel_axis]
        if channels is None:
            raise ValueError(
                "The channel dimension of the inputs should be defined. The input_shape "
                f"received is {TensorShape(dims)}, where axis {self._channel_axis} (0-based) "
                "is the channel dimension, which found to be `None`."
            )
        return int(channels)

    def _spatial_output(self, spatial):
        return [
            conv_output_length(
                length, self.kernel_size[i], self.padding, self.strides[i], self.dilation_rate[i]
            )
            for i, length in enumerate(spatial)
        ]

    def _output_shape(self, input_shape, out_channels):
        dims = shape_list(input_shape)
        batch = len(dims) - self.rank - 1
        if self.data_format == "channels_last":
            spatial = self._spatial_output(dims[batch:-1])
            out = dims[:batch] + spatial + [out_channels]
        else:
            spatial = self._spatial_output(dims[batch + 1 :])
            out = dims[:batch] + [out_channels] + spatial
        check_output_shape(self, dims, spatial)
        return TensorShape(out)

    def compute_output_shape(self, input_shape):
        return self._output_shape(input_shape, self.filters)

    # ------------------------------------------------------------------ weights
    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        if channels % self.groups:
            raise ValueError(
                "The number of input channels must be evenly divisible by the number of "
                f"groups. Received groups={self.groups}, but the input has {channels} "
                f"channels (full input shape is {TensorShape(shape_list(input_shape))})."
            )
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(
            name="kernel",
            shape=self.kernel_size + (channels // self.groups, self.filters),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            trainable=True,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.filters,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                trainable=True,
            )
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})
        self.built = True

    # ------------------------------------------------------------------ call
    def _convolve(self, x):
        """The convolution itself on channels-last input with the batch folded to one axis."""
        options = {
            "strides": self.strides,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
        }
        if self.rank == 1:
            if self.padding == "causal":
                left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
                return ops.conv1d(x, self.kernel, padding=(left, 0), **options)
            return ops.conv1d(x, self.kernel, padding=self.padding, **options)
        return ops.conv2d(x, self.kernel, padding=self.padding, **options)

    def _apply(self, inputs, convolve):
        """Channels-first transposes, extra batch axes, bias and activation around
        `convolve` (channels-last, one batch axis)."""
        x = inputs
        extra_batch = x.ndim - self.rank - 2
        if extra_batch:
            outer = tuple(x.shape[: extra_batch + 1])
            x = ops.reshape(x, (-1,) + tuple(x.shape[extra_batch + 1 :]))
        if self.data_format == "channels_first":
            x = to_channels_last(x, self.rank)
        outputs = convolve(x)
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.data_format == "channels_first":
            outputs = to_channels_first(outputs, self.rank)
        if extra_batch:
            outputs = ops.reshape(outputs, outer + tuple(outputs.shape[1:]))
        return self.activation(outputs)

    def call(self, inputs):
        return self._apply(inputs, self._convolve)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "kernel_size": self.kernel_size,
                "strides": self.strides,
                "padding": self.padding,
                "data_format": self.data_format,
                "dilation_rate": self.dilation_rate,
                "groups": self.groups,
                "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
            }
        )
        return config
