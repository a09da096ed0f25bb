"""`Conv2DTranspose`: transposed 2-D convolution (a.k.a. deconvolution)."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import (
    Conv,
    check_output_shape,
    deconv_output_length,
    normalize_tuple,
)
from pynn.keras.utils.generic_utils import shape_list


class Conv2DTranspose(Conv):
    """Transposed 2-D convolution: the gradient of a `Conv2D` with respect to its input,
    used to upsample (each input pixel spreads a kernel-sized patch into the output).

    Args:
        filters, kernel_size, strides, padding (`"valid"` / `"same"`), data_format,
            dilation_rate, activation, use_bias, initializers, regularizers, constraints:
            as in `Conv2D`.
        output_padding: int or pair (each smaller than its stride) added to the bottom and
            right of the output; `None` (default) infers the output size.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, new_rows, new_cols, filters)` where, with
    `output_padding=None`, `new_rows = rows * stride` for `"same"` and
    `rows * stride + max(kernel - stride, 0)` for `"valid"`.

    Weights: `kernel` of shape `(kh, kw, filters, channels)` (note the order) and `bias`.
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        output_padding=None,
        data_format=None,
        dilation_rate=(1, 1),
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
        self.output_padding = output_padding
        if output_padding is not None:
            self.output_padding = normalize_tuple(
                output_padding, 2, "output_padding", allow_zero=True
            )
            for stride, pad in zip(self.strides, self.output_padding, strict=True):
                if pad >= stride:
                    raise ValueError(
                        "Strides must be greater than output padding. Received "
                        f"strides={self.strides}, output_padding={self.output_padding}."
                    )

    def build(self, input_shape):
        dims = shape_list(input_shape)
        if len(dims) != 4:
            raise ValueError(
                f"Inputs should have rank 4. Received input_shape={TensorShape(dims)}."
            )
        channels = dims[self._channel_axis]
        if channels is None:
            raise ValueError(
                "The channel dimension of the inputs to `Conv2DTranspose` should be defined. "
                f"The input_shape received is {TensorShape(dims)}, where axis "
                f"{self._channel_axis} (0-based) is the channel dimension, which found to be "
                "`None`."
            )
        self.input_spec = InputSpec(ndim=4, axes={self._channel_axis: channels})
        self.kernel = self.add_weight(
            name="kernel",
            shape=self.kernel_size + (self.filters, channels),
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
        self.built = True

    def _spatial_output(self, spatial):
        pads = self.output_padding or (None, None)
        return [
            deconv_output_length(
                length,
                self.kernel_size[i],
                self.padding,
                output_padding=pads[i],
                stride=self.strides[i],
                dilation=self.dilation_rate[i],
            )
            for i, length in enumerate(spatial)
        ]

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        if self.data_format == "channels_last":
            spatial = self._spatial_output(dims[1:3])
            out = [dims[0]] + spatial + [self.filters]
        else:
            spatial = self._spatial_output(dims[2:4])
            out = [dims[0], self.filters] + spatial
        check_output_shape(self, dims, spatial)
        return TensorShape(out)

    def _convolve(self, x):
        out_h, out_w = self._spatial_output(list(x.shape[1:3]))
        return ops.conv2d_transpose(
            x,
            self.kernel,
            output_shape=(x.shape[0], out_h, out_w, self.filters),
            strides=self.strides,
            padding=self.padding,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        config["output_padding"] = self.output_padding
        return config


Convolution2DTranspose = Conv2DTranspose
