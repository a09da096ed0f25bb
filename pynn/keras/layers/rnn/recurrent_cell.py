"""`RecurrentCell`: what the SimpleRNN, LSTM and GRU cells share (arguments, weights, config)."""

from pynn import ops
from pynn.keras import activations, constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import shape_list


class RecurrentCell(Layer):
    """One step of a gated recurrent layer with `gates` blocks of `units` each.

    Weights, in tf.keras order: `kernel` `(input_dim, gates * units)`, `recurrent_kernel`
    `(units, gates * units)`, `bias` (shape from `bias_shape()`).

    The RNN layer drives a cell through a fast path: `project_inputs` multiplies the whole
    sequence by the kernel at once, then `step` runs once per time step. `call` is the plain
    one-step API for users who drive a cell themselves.
    """

    gates = 1
    uses_recurrent_activation = True

    def __init__(
        self,
        units,
        activation="tanh",
        recurrent_activation="sigmoid",
        use_bias=True,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        kernel_regularizer=None,
        recurrent_regularizer=None,
        bias_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units <= 0:
            raise ValueError(
                "Received an invalid value for argument `units`, expected a "
                f"positive integer, got {units}."
            )
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, float(dropout)))
        self.recurrent_dropout = min(1.0, max(0.0, float(recurrent_dropout)))

    @property
    def state_size(self):
        return self.units

    @property
    def output_size(self):
        return self.units

    def bias_shape(self):
        return (self.gates * self.units,)

    def bias_init(self):
        return self.bias_initializer

    def build(self, input_shape):
        input_dim = shape_list(input_shape)[-1]
        width = self.gates * self.units
        self.kernel = self.add_weight(
            "kernel",
            shape=(input_dim, width),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.recurrent_kernel = self.add_weight(
            "recurrent_kernel",
            shape=(self.units, width),
            initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                "bias",
                shape=self.bias_shape(),
                initializer=self.bias_init(),
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        self.built = True

    def project_inputs(self, inputs):
        """`inputs @ kernel (+ input bias)` for every time step at once."""
        projected = ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            projected = ops.add(projected, self.input_bias())
        return projected

    def input_bias(self):
        return self.bias

    def step_weights(self):
        """Weights (or slices of them) the step needs, computed once per sequence."""
        return (self.recurrent_kernel,)

    def call(self, inputs, states, training=None):
        states = list(states) if isinstance(states, (list, tuple)) else [states]
        output, new_states = self.step(
            self.project_inputs(inputs), states, self.step_weights(), None
        )
        return output, new_states

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        config["activation"] = activations.serialize(self.activation)
        if self.uses_recurrent_activation:
            config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        config.update(
            {
                "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
            }
        )
        config.update(self._extra_initializer_config())
        config.update(
            {
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
                "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout,
            }
        )
        return config

    def _extra_initializer_config(self):
        return {}


#: the arguments a SimpleRNN/LSTM/GRU layer forwards to its cell, in tf.keras's config order
CELL_ARGUMENTS = (
    "units",
    "activation",
    "recurrent_activation",
    "use_bias",
    "kernel_initializer",
    "recurrent_initializer",
    "bias_initializer",
    "unit_forget_bias",
    "kernel_regularizer",
    "recurrent_regularizer",
    "bias_regularizer",
    "kernel_constraint",
    "recurrent_constraint",
    "bias_constraint",
    "dropout",
    "recurrent_dropout",
    "implementation",
    "reset_after",
)


def expose_cell_arguments(layer_class):
    """Read-only properties on an RNN layer for its cell's arguments (`LSTM(2).units`,
    `.activation`, `.dropout`...), as tf.keras defines them; only those the cell has."""

    def make(name):
        def read(self):
            try:
                return getattr(self.cell, name)
            except AttributeError:
                raise AttributeError(
                    f"'{type(self).__name__}' object has no attribute '{name}'"
                ) from None

        read.__name__ = name
        return property(read, doc=f"The cell's `{name}`.")

    for name in CELL_ARGUMENTS:
        if name not in layer_class.__dict__:
            setattr(layer_class, name, make(name))
    return layer_class
