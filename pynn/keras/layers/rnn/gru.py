"""`GRU`: gated recurrent unit (Cho et al., 2014), tf.keras's `reset_after=True` by default."""

from pynn import ops
from pynn.keras.layers.rnn.base_rnn import RNN
from pynn.keras.layers.rnn.recurrent_cell import (
    CELL_ARGUMENTS,
    RecurrentCell,
    expose_cell_arguments,
)


class GRUCell(RecurrentCell):
    """One GRU step. Gates in tf.keras order z (update), r (reset), h (candidate):

        z = σ(x W_z + h U_z + b_z);  r = σ(x W_r + h U_r + b_r)
        reset_after=True:   ĥ = tanh(x W_h + b_h + r ⊙ (h U_h + b'_h))
        reset_after=False:  ĥ = tanh(x W_h + b_h + (r ⊙ h) U_h)
        h' = z ⊙ h + (1 - z) ⊙ ĥ

    Weights: `kernel` `(input_dim, 3 units)`, `recurrent_kernel` `(units, 3 units)`, `bias`
    `(2, 3 units)` with reset_after (input bias, recurrent bias), else `(3 units,)`.
    """

    gates = 3

    def __init__(self, units, reset_after=True, implementation=2, **kwargs):
        super().__init__(units, **kwargs)
        self.reset_after = reset_after
        self.implementation = implementation

    def bias_shape(self):
        width = 3 * self.units
        return (2, width) if self.reset_after else (width,)

    def input_bias(self):
        return ops.getitem(self.bias, 0) if self.reset_after else self.bias

    def step_weights(self):
        kernel, units = self.recurrent_kernel, self.units
        if self.reset_after:
            recurrent_bias = None if self.bias is None else ops.getitem(self.bias, 1)
            return kernel, recurrent_bias
        return (
            ops.getitem(kernel, (slice(None), slice(None, 2 * units))),
            ops.getitem(kernel, (slice(None), slice(2 * units, None))),
        )

    def step(self, projected, states, weights, recurrent_mask):
        h = states[0]
        h_in = h if recurrent_mask is None else ops.multiply(h, recurrent_mask)
        x_z, x_r, x_h = ops.split(projected, 3, axis=-1)
        gate = self.recurrent_activation
        if self.reset_after:
            kernel, recurrent_bias = weights
            inner = ops.matmul(h_in, kernel)
            if recurrent_bias is not None:
                inner = ops.add(inner, recurrent_bias)
            h_z, h_r, h_h = ops.split(inner, 3, axis=-1)
            z = gate(ops.add(x_z, h_z))
            r = gate(ops.add(x_r, h_r))
            candidate = self.activation(ops.add(x_h, ops.multiply(r, h_h)))
        else:
            kernel_zr, kernel_h = weights
            h_z, h_r = ops.split(ops.matmul(h_in, kernel_zr), 2, axis=-1)
            z = gate(ops.add(x_z, h_z))
            r = gate(ops.add(x_r, h_r))
            candidate = self.activation(ops.add(x_h, ops.matmul(ops.multiply(r, h_in), kernel_h)))
        h = ops.add(ops.multiply(z, h), ops.multiply(ops.subtract(1.0, z), candidate))
        return h, [h]

    def get_config(self):
        config = super().get_config()
        config["implementation"] = self.implementation
        config["reset_after"] = self.reset_after
        return config


@expose_cell_arguments
class GRU(RNN):
    """Gated Recurrent Unit layer (`reset_after=True`, tf.keras 2's default).

    Args: `units` and the cell arguments (activation `tanh`, recurrent_activation `sigmoid`,
    use_bias, initializers, regularizers, constraints, dropout, recurrent_dropout,
    reset_after), then the `RNN` arguments.

    Input shape: `(batch, timesteps, features)`. Output shape: `(batch, units)`, or
    `(batch, timesteps, units)` with `return_sequences=True`; with `return_state=True`, a list
    `[output, final_state]`.
    """

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
        activity_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        return_sequences=False,
        return_state=False,
        go_backwards=False,
        stateful=False,
        unroll=False,
        time_major=False,
        reset_after=True,
        **kwargs,
    ):
        implementation = kwargs.pop("implementation", 2)
        cell = GRUCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            reset_after=reset_after,
            implementation=implementation,
            name="gru_cell",
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            unroll=unroll,
            time_major=time_major,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )

    def get_config(self):
        return self._config_with_cell(CELL_ARGUMENTS)
