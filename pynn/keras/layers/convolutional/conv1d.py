"""`Conv1D`: 1-D convolution over sequences."""

from pynn.keras.layers.convolutional.base_conv import Conv


class Conv1D(Conv):
    """1-D convolution (temporal convolution): `filters` kernels of `kernel_size` steps
    slide along the sequence; each output step sums kernel times input over the window and
    the input channels, plus `bias`, through `activation`.

    Args:
        filters: number of output channels.
        kernel_size: int (or 1-tuple), the window length.
        strides: int step of the window (default 1).
        padding: `"valid"`, `"same"` or `"causal"` (left padding only, so that output
            step `t` sees no input after `t`).
        data_format: `"channels_last"` (default, `(batch, steps, channels)`) or
            `"channels_first"`.
        dilation_rate, groups, activation, use_bias, initializers, regularizers,
            constraints: as in `Conv2D`.

    Input shape: `(batch, steps, channels)`. Output shape: `(batch, new_steps, filters)`.

    Weights: `kernel` of shape `(kernel_size, channels / groups, filters)`, `bias` `(filters,)`.
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format="channels_last",
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
        super().__init__(
            1,
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


Convolution1D = Conv1D
