"""`DepthwiseConv2D`: one 2-D filter (or `depth_multiplier` filters) per input channel."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import Conv
from pynn.keras.utils.generic_utils import shape_list


class DepthwiseConv2D(Conv):
    """Depthwise 2-D convolution: every input channel is convolved with its own
    `depth_multiplier` kernels, without mixing channels (the first half of a separable
    convolution, as in MobileNet).

    Args:
        kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias:
            as in `Conv2D`.
        depth_multiplier: output channels per input channel (default 1).
        depthwise_initializer (`"glorot_uniform"`), depthwise_regularizer,
            depthwise_constraint: for the depthwise kernel; bias_* as in `Conv2D`.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, new_rows, new_cols, channels * depth_multiplier)`; output
    channel `c * depth_multiplier + m` comes from input channel `c`.

    Weights: `depthwise_kernel` `(kh, kw, channels, depth_multiplier)` and `bias`.
    """

    def __init__(
        self,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        depth_multiplier=1,
        data_format=None,
        dilation_rate=(1, 1),
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            2,
            None,
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
        if self.padding == "causal":
            raise ValueError("Causal padding is only supported for `Conv1D`and `SeparableConv1D`.")
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)

    def build(self, input_shape):
        dims = shape_list(input_shape)
        if len(dims) != 4:
            raise ValueError(
                f"Inputs to `DepthwiseConv` should have rank 4. Received "
                f"input_shape={TensorShape(dims)}."
            )
        channels = dims[self._channel_axis]
        if channels is None:
            raise ValueError(
                "The channel dimension of the inputs to `DepthwiseConv` should be defined. "
                f"The input_shape received is {TensorShape(dims)}, where axis "
                f"{self._channel_axis} (0-based) is the channel dimension, which found to be "
                "`None`."
            )
        self.compute_output_shape(input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel",
            shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(channels * self.depth_multiplier,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        self.input_spec = InputSpec(min_ndim=4, axes={self._channel_axis: channels})
        self.built = True

    def compute_output_shape(self, input_shape):
        channels = shape_list(input_shape)[self._channel_axis]
        return self._output_shape(
            input_shape, None if channels is None else channels * self.depth_multiplier
        )

    def _convolve(self, x):
        return ops.depthwise_conv2d(
            x,
            self.depthwise_kernel,
            strides=self.strides,
            padding=self.padding,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        for key in ("filters", "kernel_initializer", "kernel_regularizer", "kernel_constraint"):
            config.pop(key)
        config["depth_multiplier"] = self.depth_multiplier
        config["depthwise_initializer"] = initializers.serialize(self.depthwise_initializer)
        config["depthwise_regularizer"] = regularizers.serialize(self.depthwise_regularizer)
        config["depthwise_constraint"] = constraints.serialize(self.depthwise_constraint)
        return config
