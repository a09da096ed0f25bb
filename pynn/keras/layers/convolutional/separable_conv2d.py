"""`SeparableConv2D`: depthwise convolution followed by a 1x1 (pointwise) convolution."""

from pynn import ops
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import Conv


class SeparableConv2D(Conv):
    """Depthwise-separable 2-D convolution: each input channel is first filtered on its own
    (`depth_multiplier` kernels each), then a 1x1 convolution mixes the channels into
    `filters` outputs. Far fewer weights than `Conv2D` for the same window.

    Args:
        filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
            use_bias, bias_*: as in `Conv2D`.
        depth_multiplier: depthwise outputs per input channel (default 1).
        depthwise_initializer, pointwise_initializer (both `"glorot_uniform"`),
            depthwise/pointwise regularizers and constraints.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, new_rows, new_cols, filters)`.

    Weights: `depthwise_kernel` `(kh, kw, channels, depth_multiplier)`, `pointwise_kernel`
    `(1, 1, channels * depth_multiplier, filters)`, `bias` `(filters,)`.
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        data_format=None,
        dilation_rate=(1, 1),
        depth_multiplier=1,
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        pointwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        pointwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        pointwise_constraint=None,
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
            activation=activation,
            use_bias=use_bias,
            bias_initializer=bias_initializer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.compute_output_shape(input_shape)
        self.input_spec = InputSpec(ndim=4, axes={self._channel_axis: channels})
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel",
            shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint,
            trainable=True,
        )
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1, 1, channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer,
            regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint,
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
        self.built = True

    def _convolve(self, x):
        depthwise = ops.depthwise_conv2d(
            x,
            self.depthwise_kernel,
            strides=self.strides,
            padding=self.padding,
            dilation_rate=self.dilation_rate,
        )
        return ops.conv2d(depthwise, self.pointwise_kernel)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "depth_multiplier": self.depth_multiplier,
                "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
                "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
                "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
                "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
                "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
                "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
            }
        )
        return config


SeparableConvolution2D = SeparableConv2D
