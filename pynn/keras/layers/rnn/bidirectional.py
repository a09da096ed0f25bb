"""`Bidirectional`: runs a recurrent layer forwards and backwards and merges the two."""

import copy

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.call_context import call_context
from pynn.keras.layers.serialization import deserialize
from pynn.keras.utils.generic_utils import serialize_keras_object, shape_list

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


def _build_in_scope(layer, input_shape):
    """Build `layer` with its name prefixing its weights (`bidirectional/forward_lstm/...`)."""
    if layer.built:
        return
    scope = call_context().name_scope
    scope.append(layer.name)
    try:
        layer.build(input_shape)
        layer.built = True
    finally:
        scope.pop()


class Bidirectional(Layer):
    """Bidirectional wrapper for RNNs.

    The wrapped layer is re-created twice from its config: `forward_<name>` reads the
    sequence in order, `backward_<name>` (or `backward_layer`) reads it reversed; with
    `return_sequences`, the backward outputs are flipped back into time order before merging.

    Args:
        layer: an `RNN` instance (`LSTM`, `GRU`, `SimpleRNN`, ...).
        merge_mode: `'concat'` (default), `'sum'`, `'mul'`, `'ave'` or None (a list of both).
        backward_layer: optional layer for the backward direction; must have
            `go_backwards=True` and the same `return_sequences`/`return_state`.

    Output shape: the wrapped layer's, with the last axis doubled for `'concat'`; with
    `return_state`, the forward states then the backward states follow the output.
    Weights: the forward layer's, then the backward layer's.
    """

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                "Please initialize `Bidirectional` layer with a "
                f"`tf.keras.layers.Layer` instance. Received: {layer}"
            )
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(
                "`backward_layer` need to be a `tf.keras.layers.Layer` instance. "
                f"Received: {backward_layer}"
            )
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                f"Invalid merge mode. Received: {merge_mode}. Merge mode should "
                "be one of {'sum', 'mul', 'ave', 'concat', None}"
            )
        super().__init__(**kwargs)
        self.layer = layer
        self._backward_layer_given = backward_layer is not None
        self.forward_layer = self._recreate(layer, "forward_" + layer.name, layer.go_backwards)
        if backward_layer is None:
            self.backward_layer = self._recreate(
                layer, "backward_" + layer.name, not layer.go_backwards
            )
        else:
            self.backward_layer = backward_layer
            self._check_backward_layer()
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.stateful = layer.stateful
        self.supports_masking = True
        if weights:
            half = len(weights) // 2
            self.forward_layer._initial_weights = weights[:half]
            self.backward_layer._initial_weights = weights[half:]

    @staticmethod
    def _recreate(layer, name, go_backwards):
        config = layer.get_config()
        config["name"] = name
        config["go_backwards"] = go_backwards
        return type(layer).from_config(config)

    def _check_backward_layer(self):
        forward, backward = self.forward_layer, self.backward_layer
        if backward.go_backwards == forward.go_backwards:
            raise ValueError(
                "Forward layer and backward layer should have different "
                "`go_backwards` value. "
                f"forward_layer.go_backwards = {forward.go_backwards}, "
                f"backward_layer.go_backwards = {backward.go_backwards}"
            )
        for attr in ("stateful", "return_sequences", "return_state"):
            if getattr(forward, attr) != getattr(backward, attr):
                raise ValueError(
                    "Forward layer and backward layer are expected to have the "
                    f'same value for attribute "{attr}", got '
                    f'"{getattr(forward, attr)}" for forward layer and '
                    f'"{getattr(backward, attr)}" for backward layer'
                )

    def build(self, input_shape):
        if isinstance(input_shape, list) and input_shape and not isinstance(input_shape[0], int):
            input_shape = input_shape[0]
        for layer in (self.forward_layer, self.backward_layer):
            _build_in_scope(layer, input_shape)
            if getattr(layer, "_initial_weights", None) is not None:
                weights, layer._initial_weights = layer._initial_weights, None
                layer.set_weights(weights)
        self.built = True

    def call(self, inputs, training=None, mask=None, initial_state=None):
        if isinstance(inputs, (list, tuple)):
            inputs, *rest = inputs
            if rest and initial_state is None:
                initial_state = rest
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state, backward_state = initial_state[:half], initial_state[half:]
        kwargs = {"training": training, "mask": mask}
        y = self.forward_layer(inputs, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(inputs, initial_state=backward_state, **kwargs)
        states = []
        if self.return_state:
            states = list(y[1:]) + list(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = ops.reverse(y_rev, 0 if self.forward_layer.time_major else 1)
        if self.merge_mode == "concat":
            output = ops.concat([y, y_rev], axis=-1)
        elif self.merge_mode == "sum":
            output = ops.add(y, y_rev)
        elif self.merge_mode == "ave":
            output = ops.divide(ops.add(y, y_rev), 2.0)
        elif self.merge_mode == "mul":
            output = ops.multiply(y, y_rev)
        else:
            output = [y, y_rev]
        if self.return_state:
            return (output if isinstance(output, list) else [output]) + states
        return output

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list) and input_shape and not isinstance(input_shape[0], int):
            input_shape = input_shape[0]
        shape = self.forward_layer.compute_output_shape(input_shape)
        states = []
        if self.return_state:
            shape, states = shape[0], list(shape[1:])
        dims = shape_list(shape)
        if self.merge_mode == "concat":
            dims[-1] = None if dims[-1] is None else dims[-1] * 2
            output = [TensorShape(dims)]
        elif self.merge_mode is None:
            output = [TensorShape(dims), TensorShape(dims)]
        else:
            output = [TensorShape(dims)]
        if self.return_state:
            return output + states + copy.copy(states)
        return output if self.merge_mode is None else output[0]

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.merge_mode is None:
            output_mask = [output_mask, output_mask]
        if self.return_state:
            n_states = (
                len(self.forward_layer.cell.state_size)
                if isinstance(self.forward_layer.cell.state_size, (list, tuple))
                else 1
            )
            masks = output_mask if isinstance(output_mask, list) else [output_mask]
            return masks + [None] * (2 * n_states)
        return output_mask

    def reset_states(self, states=None):
        self.forward_layer.reset_states()
        self.backward_layer.reset_states()

    def get_config(self):
        config = super().get_config()
        config["layer"] = serialize_keras_object(self.layer, "keras.layers")
        config["merge_mode"] = self.merge_mode
        if self._backward_layer_given:
            config["backward_layer"] = serialize_keras_object(self.backward_layer, "keras.layers")
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = deserialize(config["layer"], custom_objects=custom_objects)
        if config.get("backward_layer") is not None:
            config["backward_layer"] = deserialize(
                config["backward_layer"], custom_objects=custom_objects
            )
        return cls(**config)
