"""`Node`: one call of a layer on symbolic tensors, an edge set of the Functional graph.

`layer._inbound_nodes[i]` is the i-th call of `layer`; every output KerasTensor of
that call gets `_keras_history = (layer, i, tensor_index)`, which is how a model
walks its graph back from its outputs to its inputs.
"""

from pynn.keras.engine import nest
from pynn.keras.engine.keras_tensor import KerasHistory


def is_keras_tensor(x):
    return getattr(x, "_pynn_symbolic", False) and hasattr(x, "_keras_history")


class Node:
    def __init__(self, layer, call_args=None, call_kwargs=None, outputs=None):
        self.layer = layer
        self.call_args = tuple(call_args or ())
        self.call_kwargs = dict(call_kwargs or {})
        self.outputs = outputs if outputs is not None else []
        self.is_input = not self.call_args and not self.call_kwargs

        self._flat_arguments = nest.flatten((list(self.call_args), self.call_kwargs))
        self._keras_inputs = []
        self._keras_input_positions = []
        for position, value in enumerate(self._flat_arguments):
            if is_keras_tensor(value):
                self._keras_inputs.append(value)
                self._keras_input_positions.append(position)
        self._single_positional_tensor = (
            not self.call_kwargs
            and len(self.call_args) == 1
            and len(self._keras_inputs) == 1
            and self.call_args[0] is self._keras_inputs[0]
        )

        layer._inbound_nodes.append(self)
        for kt in self._keras_inputs:
            kt._keras_history.layer._outbound_nodes.append(self)
        node_index = len(layer._inbound_nodes) - 1
        for tensor_index, tensor in enumerate(nest.flatten(self.outputs)):
            tensor._keras_history = KerasHistory(layer, node_index, tensor_index)

        self.flat_input_ids = [id(t) for t in self._keras_inputs]
        self.flat_output_ids = [id(t) for t in nest.flatten(self.outputs)]

    @property
    def keras_inputs(self):
        return self._keras_inputs

    @property
    def parent_nodes(self):
        return [
            kt._keras_history.layer._inbound_nodes[kt._keras_history.node_index]
            for kt in self._keras_inputs
        ]

    def iterate_inbound(self):
        """Yields `(inbound_layer, node_index, tensor_index, keras_tensor)`."""
        for kt in self._keras_inputs:
            layer, node_index, tensor_index = kt._keras_history
            yield layer, node_index, tensor_index, kt

    @property
    def inbound_layers(self):
        layers = [kt._keras_history.layer for kt in self._keras_inputs]
        if self.is_input:
            return []
        return layers[0] if len(layers) == 1 else layers

    @property
    def input_tensors(self):
        if self.is_input:
            return [self.outputs]
        return self.call_args[0] if self.call_args else next(iter(self.call_kwargs.values()))

    @property
    def output_tensors(self):
        if self.is_input:
            return [self.outputs]
        return self.outputs

    @property
    def input_shapes(self):
        return _shapes_of(self.input_tensors, single=not self.is_input)

    @property
    def output_shapes(self):
        return _shapes_of(self.output_tensors, single=not self.is_input)

    def map_arguments(self, values):
        """Replaces the symbolic inputs by the computed values in `values` (id -> value)."""
        if self._single_positional_tensor:
            return (values[self.flat_input_ids[0]],), {}
        flat = list(self._flat_arguments)
        for position, kt_id in zip(self._keras_input_positions, self.flat_input_ids, strict=True):
            flat[position] = values[kt_id]
        args, kwargs = nest.pack_sequence_as((list(self.call_args), self.call_kwargs), flat)
        return tuple(args), kwargs


def _int_shape(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)


def _shapes_of(tensors, single):
    flat = [_int_shape(t) for t in nest.flatten(tensors)]
    if single and len(flat) == 1:
        return flat[0]
    return nest.pack_sequence_as(tensors, flat)
