"""`RNN`: runs a cell over the time axis (the base of SimpleRNN, LSTM and GRU)."""

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import peek, traced_call
from pynn.keras import regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.call_context import call_context
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import serialize_keras_object, shape_list


def _state_sizes(cell):
    size = cell.state_size
    return list(size) if isinstance(size, (list, tuple)) else [size]


def dropout_mask(shape, rate):
    """A float32 keep-mask scaled by 1/(1-rate), drawn from pynn's global generator
    (through traced_call: a replayed train step draws a new one)."""
    return traced_call(_keep_mask, shape=shape, rate=rate)


def _keep_mask(*, shape, rate):
    keep = prandom.generator().random(shape, dtype=np.float32) >= rate
    return keep.astype(np.float32) / np.float32(1.0 - rate)


class RNN(Layer):
    """Runs `cell` over the time axis of a `(batch, timesteps, features)` input.

    A cell is a layer with `call(inputs, states, training=None) -> (output, new_states)` and a
    `state_size` (an int or a list of ints). The built-in cells also offer a fast path that
    projects the whole sequence with one matmul before the loop over time steps.

    Args:
        cell: the recurrent cell.
        return_sequences: return the output of every step `(batch, timesteps, units)` instead
            of only the last `(batch, units)`.
        return_state: also return the final states, after the output.
        go_backwards: process the sequence in reverse (and return it reversed).
        stateful: carry the final states of a batch into the next batch.
        unroll: accepted for compatibility (the loop is always a Python loop over steps).
        time_major: inputs are `(timesteps, batch, features)`.
        zero_output_for_mask: masked steps output zeros instead of the previous output.

    Call arguments: `inputs`, `mask` (boolean `(batch, timesteps)`, e.g. from
    `Embedding(mask_zero=True)`), `training`, `initial_state` (list of state tensors).
    """

    def __init__(
        self,
        cell,
        return_sequences=False,
        return_state=False,
        go_backwards=False,
        stateful=False,
        unroll=False,
        time_major=False,
        **kwargs,
    ):
        self.zero_output_for_mask = kwargs.pop("zero_output_for_mask", False)
        super().__init__(**kwargs)
        if isinstance(cell, (list, tuple)):
            raise ValueError(
                "Stacked cells (a list of cells) are not supported; stack RNN layers instead."
            )
        if not hasattr(cell, "call") or not hasattr(cell, "state_size"):
            raise ValueError(
                "Argument `cell` should have a `call` method and a `state_size` "
                f"attribute. Received: cell={cell}"
            )
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.time_major = time_major
        self.supports_masking = True
        self.input_spec = InputSpec(ndim=3)
        self.states = None

    # ------------------------------------------------------------------ build
    def build(self, input_shape):
        if isinstance(input_shape, list) and input_shape and not isinstance(input_shape[0], int):
            input_shape = input_shape[0]
        dims = shape_list(input_shape)
        if len(dims) != 3:
            raise ValueError(
                f'Input 0 of layer "{self.name}" is incompatible with the layer: expected '
                f"ndim=3, found ndim={len(dims)}. Full shape received: {TensorShape(dims)}"
            )
        step_shape = TensorShape([dims[1] if self.time_major else dims[0], dims[2]])
        if not self.cell.built:
            scope = call_context().name_scope
            scope.append(self.cell.name)
            try:
                self.cell.build(step_shape)
                self.cell.built = True
            finally:
                scope.pop()
        self.built = True

    # ------------------------------------------------------------------ call
    def call(self, inputs, mask=None, training=None, initial_state=None):
        if isinstance(inputs, (list, tuple)):
            inputs, *rest = inputs
            if rest and initial_state is None:
                initial_state = rest
        if self.time_major:
            inputs = ops.transpose(inputs, (1, 0, 2))
        batch, steps = inputs.shape[0], inputs.shape[1]
        if steps == 0:
            raise ValueError(f"Layer {self.name} received an input with 0 timesteps.")
        states = self._initial_states(batch, initial_state, inputs.dtype.as_numpy_dtype)

        cell = self.cell
        if training and 0 < getattr(cell, "dropout", 0) < 1:
            inputs = ops.multiply(inputs, dropout_mask((batch, 1, inputs.shape[2]), cell.dropout))
        recurrent_mask = None
        if training and 0 < getattr(cell, "recurrent_dropout", 0) < 1:
            recurrent_mask = dropout_mask((batch, _state_sizes(cell)[0]), cell.recurrent_dropout)

        fast = hasattr(cell, "project_inputs")
        if fast:
            step_inputs = ops.unstack(cell.project_inputs(inputs), axis=1)
            weights = cell.step_weights()
        else:
            step_inputs = ops.unstack(inputs, axis=1)
        step_masks = None
        if mask is not None:
            # sliced with ops, so a recorded train step sees the mask come from the batch
            mask = ops.cast(mask, "bool")
            step_masks = [mask[:, t : t + 1] for t in range(steps)]
        order = range(steps - 1, -1, -1) if self.go_backwards else range(steps)

        outputs = []
        previous = None
        for t in order:
            if fast:
                output, new_states = cell.step(step_inputs[t], states, weights, recurrent_mask)
            else:
                output, new_states = cell.call(step_inputs[t], states, training=training)
                new_states = (
                    list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
                )
            if step_masks is not None:
                keep = step_masks[t]
                if previous is None or self.zero_output_for_mask:
                    previous = ops.zeros_like(output)
                output = ops.where(keep, output, previous)
                new_states = [
                    ops.where(keep, new, old) for new, old in zip(new_states, states, strict=True)
                ]
            states = new_states
            previous = output
            outputs.append(output)

        if self.stateful:
            for s in states:  # kept outside the recorded operations: steps stay eager
                peek(s, "a stateful RNN's states")
            self.states = [s._value.copy() for s in states]
        if self.return_sequences:
            result = ops.stack(outputs, axis=1)
            if self.time_major:
                result = ops.transpose(result, (1, 0, 2))
        else:
            result = outputs[-1]
        if self.return_state:
            return [result] + list(states)
        return result

    def _initial_states(self, batch, initial_state, dtype):
        sizes = _state_sizes(self.cell)
        if initial_state is not None:
            initial_state = (
                list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            )
            if len(initial_state) != len(sizes):
                raise ValueError(
                    f"Layer {self.name} expects {len(sizes)} state(s), but it received "
                    f"{len(initial_state)} initial state(s). Input received: {initial_state}"
                )
            return [ops.convert_to_tensor(s, dtype=np.dtype(dtype).name) for s in initial_state]
        if self.stateful and self.states is not None:
            if self.states[0].shape[0] != batch:
                raise ValueError(
                    f"Layer {self.name} is stateful with batch size {self.states[0].shape[0]}, "
                    f"but received a batch of {batch}. Call `reset_states()` or keep the "
                    "batch size fixed."
                )
            return [s.astype(dtype) for s in self.states]
        return [np.zeros((batch, size), dtype) for size in sizes]

    def reset_states(self, states=None):
        """Forget (or set) the carried states of a stateful layer."""
        if states is None:
            self.states = None
        else:
            states = states if isinstance(states, (list, tuple)) else [states]
            self.states = [np.asarray(s, np.float32) for s in states]

    # ------------------------------------------------------------------ shapes, masks
    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list) and input_shape and not isinstance(input_shape[0], int):
            input_shape = input_shape[0]
        dims = shape_list(input_shape)
        if self.time_major:
            steps, batch = dims[0], dims[1]
        else:
            batch, steps = dims[0], dims[1]
        units = _state_sizes(self.cell)[0]
        if self.return_sequences:
            out = [steps, batch, units] if self.time_major else [batch, steps, units]
        else:
            out = [batch, units]
        output = TensorShape(out)
        if self.return_state:
            return [output] + [TensorShape([batch, size]) for size in _state_sizes(self.cell)]
        return output

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(_state_sizes(self.cell))
        return output_mask

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "return_sequences": self.return_sequences,
                "return_state": self.return_state,
                "go_backwards": self.go_backwards,
                "stateful": self.stateful,
                "unroll": self.unroll,
                "time_major": self.time_major,
            }
        )
        if self.zero_output_for_mask:
            config["zero_output_for_mask"] = True
        if type(self) is RNN:
            config["cell"] = serialize_keras_object(self.cell, "keras.layers")
        return config

    def _config_with_cell(self, cell_keys):
        """The RNN arguments followed by the cell's own ones (the SimpleRNN/LSTM/GRU layout)."""
        config = RNN.get_config(self)
        config.pop("activity_regularizer", None)
        cell_config = self.cell.get_config()
        for key in cell_keys:
            if key == "kernel_constraint":
                config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
            if key in cell_config:
                config[key] = cell_config[key]
        return config
