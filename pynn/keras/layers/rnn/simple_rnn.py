"""`SimpleRNN`: a fully-connected recurrent layer, `h_t = activation(x_t W + h_{t-1} U + b)`."""

from pynn import ops
from pynn.keras.layers.rnn.base_rnn import RNN
from pynn.keras.layers.rnn.recurrent_cell import (
    CELL_ARGUMENTS,
    RecurrentCell,
    expose_cell_arguments,
)


class SimpleRNNCell(RecurrentCell):
    """One step of `SimpleRNN`. Weights: `kernel` `(input_dim, units)`, `recurrent_kernel`
    `(units, units)`, `bias` `(units,)`."""

    gates = 1
    uses_recurrent_activation = False

    def __init__(self, units, activation="tanh", **kwargs):
        kwargs.pop("recurrent_activation", None)
        super().__init__(units, activation=activation, **kwargs)

    def step(self, projected, states, weights, recurrent_mask):
        (recurrent_kernel,) = weights
        h = states[0] if recurrent_mask is None else ops.multiply(states[0], recurrent_mask)
        output = self.activation(ops.add(projected, ops.matmul(h, recurrent_kernel)))
        return output, [output]


@expose_cell_arguments
class SimpleRNN(RNN):
    """Fully-connected RNN whose output is fed back as the next step's state.

    Args: `units` and the cell arguments (activation `tanh`, use_bias, kernel/recurrent/bias
    initializers, regularizers and constraints, dropout, recurrent_dropout), then the `RNN`
    arguments (return_sequences, return_state, go_backwards, stateful, unroll, time_major).

    Input shape: `(batch, timesteps, features)`. Output shape: `(batch, units)`, or
    `(batch, timesteps, units)` with `return_sequences=True`; with `return_state=True`, a list
    `[output, final_state]`.
    """

    def __init__(
        self,
        units,
        activation="tanh",
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
        **kwargs,
    ):
        cell = SimpleRNNCell(
            units,
            activation=activation,
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
            name="simple_rnn_cell",
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
            activity_regularizer=activity_regularizer,
            **kwargs,
        )

    def get_config(self):
        return self._config_with_cell(CELL_ARGUMENTS)
