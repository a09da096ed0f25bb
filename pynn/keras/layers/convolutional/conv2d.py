"""`Conv2D`: 2-D convolution over images."""

from pynn import ops
from pynn.keras import activations
from pynn.keras.layers.convolutional.base_conv import Conv

# The activations the convolution op applies itself (ops.conv2d_bias_activation), by name.
_FUSED_ACTIVATIONS = {activations.linear: "linear", activations.relu: "relu"}


class Conv2D(Conv):
    """2-D convolution: `filters` kernels of `kernel_size` slide over the height and width
    of the input; each output pixel is the sum over the window and the input channels of
    kernel times input, plus `bias`, through `activation`.

    Args:
        filters: number of output channels.
        kernel_size: int or (height, width) of the window.
        strides: int or (sh, sw) step of the window (default 1).
        padding: `"valid"` (no padding, the output shrinks) or `"same"` (zero padding so
            that the output has `ceil(input / stride)` pixels; the odd pixel of padding
            goes to the bottom/right, as in TensorFlow).
        data_format: `"channels_last"` (default, `(batch, h, w, c)`) or `"channels_first"`.
        dilation_rate: int or pair; spacing between kernel taps (atrous convolution).
        groups: split the input channels into this many groups, each convolved with
            `filters / groups` kernels.
        activation, use_bias, kernel_initializer (`"glorot_uniform"`), bias_initializer
            (`"zeros"`), kernel/bias/activity regularizers, kernel/bias constraints: as in
            `Dense`.

    Input shape: `(batch, rows, cols, channels)` (or more leading batch axes).
    Output shape: `(batch, new_rows, new_cols, filters)`.

    Weights: `kernel` of shape `(kh, kw, channels / groups, filters)` and `bias` `(filters,)`.
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        data_format=None,
        dilation_rate=(1, 1),
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
        super().__init__(
            2,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            groups=groups,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )

    def call(self, inputs):
        # The common case (channels-last, one batch axis, groups 1, a bias, linear or relu) as
        # one op: the same float32 operations as convolution, bias and relu in a row, but the
        # playground's compiled kernel applies the bias and relu while each block of output
        # rows is in the cache, and their gradients in one pass.
        activation = _FUSED_ACTIVATIONS.get(self.activation)
        if (
            activation is None
            or not self.use_bias
            or self.groups != 1
            or self.data_format != "channels_last"
            or len(inputs.shape) != 4
            or type(self)._convolve is not Conv._convolve
        ):
            return super().call(inputs)
        return ops.conv2d_bias_activation(
            inputs,
            self.kernel,
            self.bias,
            strides=self.strides,
            padding=self.padding,
            dilation_rate=self.dilation_rate,
            activation=activation,
        )


Convolution2D = Conv2D
