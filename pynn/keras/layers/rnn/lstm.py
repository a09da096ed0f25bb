"""`LSTM`: long short-term memory (Hochreiter & Schmidhuber, 1997)."""

import numpy as np

from pynn import ops
from pynn.keras.layers.rnn.base_rnn import RNN
from pynn.keras.layers.rnn.recurrent_cell import (
    CELL_ARGUMENTS,
    RecurrentCell,
    expose_cell_arguments,
)


class LSTMCell(RecurrentCell):
    """One LSTM step. Gates in tf.keras order i, f, c, o:

        z = x W + h U + b;  i, f, o = σ(z_i), σ(z_f), σ(z_o);  c' = f c + i tanh(z_c);
        h' = o tanh(c')

    Weights: `kernel` `(input_dim, 4 units)`, `recurrent_kernel` `(units, 4 units)`,
    `bias` `(4 units,)` (the forget block starts at 1 with `unit_forget_bias=True`).
    States: `[h, c]`.
    """

    gates = 4

    def __init__(self, units, unit_forget_bias=True, implementation=2, **kwargs):
        super().__init__(units, **kwargs)
        self.unit_forget_bias = unit_forget_bias
        self.implementation = 1 if self.recurrent_dropout else implementation

    @property
    def state_size(self):
        return [self.units, self.units]

    def bias_init(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        units, base = self.units, self.bias_initializer

        def forget_bias_one(shape, dtype=None):
            return np.concatenate(
                [
                    np.asarray(base((units,), dtype=dtype)),
                    np.ones(units, np.float32),
                    np.asarray(base((2 * units,), dtype=dtype)),
                ]
            ).astype(np.float32)

        return forget_bias_one

    def step(self, projected, states, weights, recurrent_mask):
        (recurrent_kernel,) = weights
        h, c = states
        h_in = h if recurrent_mask is None else ops.multiply(h, recurrent_mask)
        z = ops.add(projected, ops.matmul(h_in, recurrent_kernel))
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=-1)
        gate = self.recurrent_activation
        c = ops.add(ops.multiply(gate(z_f), c), ops.multiply(gate(z_i), self.activation(z_c)))
        h = ops.multiply(gate(z_o), self.activation(c))
        return h, [h, c]

    def _extra_initializer_config(self):
        return {"unit_forget_bias": self.unit_forget_bias}

    def get_config(self):
        config = super().get_config()
        config["implementation"] = self.implementation
        return config


@expose_cell_arguments
class LSTM(RNN):
    """Long Short-Term Memory layer.

    Args: `units` and the cell arguments (activation `tanh`, recurrent_activation `sigmoid`,
    use_bias, initializers, unit_forget_bias, regularizers, constraints, dropout,
    recurrent_dropout), then the `RNN` arguments (return_sequences, return_state,
    go_backwards, stateful, time_major, unroll).

    Input shape: `(batch, timesteps, features)`. Output shape: `(batch, units)`, or
    `(batch, timesteps, units)` with `return_sequences=True`; with `return_state=True`, a list
    `[output, final_h, final_c]`.
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
        unit_forget_bias=True,
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
        time_major=False,
        unroll=False,
        **kwargs,
    ):
        implementation = kwargs.pop("implementation", 2)
        cell = LSTMCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            implementation=implementation,
            name="lstm_cell",
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            time_major=time_major,
            unroll=unroll,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )

    def get_config(self):
        return self._config_with_cell(CELL_ARGUMENTS)
