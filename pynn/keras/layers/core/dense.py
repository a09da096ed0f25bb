"""`Dense`: the densely-connected layer."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import activations, constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


class Dense(Layer):
    """Densely-connected layer: `output = activation(dot(input, kernel) + bias)`.

    The kernel multiplies the last axis of the input, so a 3-D input
    `(batch, steps, features)` gives `(batch, steps, units)`.

    Args:
        units: positive integer, dimensionality of the output space.
        activation: activation function or its name (default: none, i.e. linear).
        use_bias: whether to add a bias vector.
        kernel_initializer: initializer of the `kernel` (default `"glorot_uniform"`).
        bias_initializer: initializer of the `bias` (default `"zeros"`).
        kernel_regularizer, bias_regularizer: regularizers of those weights.
        activity_regularizer: regularizer applied to the layer's output.
        kernel_constraint, bias_constraint: constraints applied after each update.

    Input shape: N-D tensor `(batch_size, ..., input_dim)`, at least 2-D.
    Output shape: `(batch_size, ..., units)`.

    Weights, in this order: `kernel` of shape `(input_dim, units)`, `bias` of shape `(units,)`.
    """

    def __init__(
        self,
        units,
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
        self.units = units if isinstance(units, int) else int(units)
        if self.units < 0:
            raise ValueError(
                "Received an invalid value for `units`, expected a positive integer. "
                f"Received: units={units}"
            )
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        dims = shape_list(input_shape)
        if dims[-1] is None:
            raise ValueError(
                "The last dimension of the inputs to a Dense layer should be defined. "
                f"Found None. Full input shape received: {TensorShape(dims)}"
            )
        self.input_spec = InputSpec(min_ndim=2, axes={-1: dims[-1]})
        self.kernel = self.add_weight(
            "kernel",
            shape=(dims[-1], self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                "bias",
                shape=(self.units,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        self.built = True

    def call(self, inputs):
        if inputs._value.dtype != self.kernel._value.dtype:  # integer inputs, as tf.keras
            inputs = ops.cast(inputs, self.kernel.dtype.name)
        if self.bias is None:
            return self.activation(ops.matmul(inputs, self.kernel))
        fused = next((name for fn, name in _FUSED if fn is self.activation), None)
        if fused is not None:  # matmul, bias and activation in one op
            return ops.dense(inputs, self.kernel, self.bias, activation=fused)
        return self.activation(ops.dense(inputs, self.kernel, self.bias))

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        if not dims or dims[-1] is None:
            raise ValueError(
                "The last dimension of the input shape of a Dense layer should be "
                f"defined. Found None. Received: input_shape={TensorShape(dims)}"
            )
        return TensorShape(dims[:-1] + [self.units])

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "units": self.units,
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


_FUSED = ((activations.linear, "linear"), (activations.relu, "relu"), (activations.tanh, "tanh"))
