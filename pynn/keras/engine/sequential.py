"""`Sequential`: a plain stack of layers, each with one input and one output.

With a known input shape (`input_shape=` on the first layer, or an `Input` added first)
the model is a graph network from the start. Otherwise the graph is built on the
first call from the shape of the data, as tf.keras 2.15 does — so the summary of a
model first called on a batch of 3 shows `(3, 4)`; data of varying batch sizes relax
that dimension to None.
"""

from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine import nest
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.call_context import _FreshNameScope
from pynn.keras.engine.functional import Functional, layer_module_objects
from pynn.keras.engine.input_layer import Input, InputLayer
from pynn.keras.engine.training import Model
from pynn.keras.utils.generic_utils import deserialize_keras_object, serialize_keras_object
from pynn.keras.utils.layer_utils import get_source_inputs

SINGLE_LAYER_OUTPUT_ERROR_MSG = (
    "All layers in a Sequential model should have a single output "
    "tensor. For multi-output layers, use the functional API."
)


class Sequential(Functional):
    """`Sequential(layers=None, name=None)`: `add`, `pop`, `layers`, deferred build."""

    def __init__(self, layers=None, name=None):
        Layer.__init__(self, name=name)
        self._is_graph_network = False
        self.inputs = None
        self.outputs = None
        self._saved_inputs = None
        self._layers_list = []
        self._graph_initialized = False
        self._has_explicit_input_shape = False
        self._inferred_input_shape = None
        self._use_legacy_deferred_behavior = False
        self._created_nodes = set()
        self.built = False
        if layers:
            if not isinstance(layers, (list, tuple)):
                layers = [layers]
            for layer in layers:
                self.add(layer)

    def _init_set_name(self, name, zero_based=True):
        Layer._init_set_name(self, name, zero_based)

    # ---------------------------------------------------------------- layers
    def _direct_sublayers(self):
        return list(self._layers_list)

    def _init_graph_network(self, inputs, outputs):
        Functional._init_graph_network(self, inputs, outputs)
        # Once the graph exists its layers (with the InputLayer first) are the model's layers.
        self._layers_list = list(self._graph_layers)

    @property
    def layers(self):
        layers = self._direct_sublayers()
        if layers and isinstance(layers[0], InputLayer):
            return layers[1:]
        return layers

    @layers.setter
    def layers(self, _):
        raise AttributeError(
            'Can\'t set the attribute "layers", likely because it conflicts '
            "with an existing read-only @property of the object. Please choose "
            "a different name."
        )

    def add(self, layer):
        """Adds a layer on top of the stack (a Layer, a model, or an `Input` tensor)."""
        history = getattr(layer, "_keras_history", None)
        if history is not None and isinstance(history.layer, InputLayer):
            layer = history.layer
        if not isinstance(layer, Layer):
            raise TypeError(
                "The added layer must be an instance of class Layer. "
                f"Received: layer={layer} of type {type(layer)}."
            )
        for existing in self.layers:
            if existing.name == layer.name and existing is not layer:
                raise ValueError(
                    "All layers added to a Sequential model should have unique names. Name "
                    f'"{layer.name}" is already the name of a layer in this model. Update the '
                    "`name` argument to pass a unique name."
                )
        self.built = False
        set_inputs = False
        if not self._layers_list:
            if isinstance(layer, InputLayer):
                set_inputs = True
            else:
                batch_shape, dtype = _input_shape_and_dtype(layer)
                if batch_shape:
                    x = Input(batch_shape=batch_shape, dtype=dtype, name=layer.name + "_input")
                    layer(x)
                    set_inputs = True
            if set_inputs:
                outputs = nest.flatten(layer._inbound_nodes[-1].outputs)
                if len(outputs) != 1:
                    raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
                self.outputs = outputs
                self.inputs = get_source_inputs(outputs[0])
                self.built = True
                self._has_explicit_input_shape = True
        elif self.outputs:
            output = layer(self.outputs[0])
            if len(nest.flatten(output)) != 1:
                raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
            self.outputs = [output]
            self.built = True

        if set_inputs or self._graph_initialized:
            self._init_graph_network(self.inputs, self.outputs)
            self._graph_initialized = True
        else:
            self._layers_list.append(layer)

    def pop(self):
        """Removes the last layer."""
        if not self.layers:
            raise TypeError("There are no layers in the model.")
        self._layers_list.pop()
        if not self.layers:
            self.outputs = None
            self.inputs = None
            self.built = False
            self._inferred_input_shape = None
            self._has_explicit_input_shape = False
            self._graph_initialized = False
            self._is_graph_network = False
        elif self._graph_initialized:
            last = self.layers[-1]
            last._outbound_nodes = []
            self.outputs = [_last_output(last, self._network_nodes)]
            self._init_graph_network(self.inputs, self.outputs)
            self.built = True

    # ---------------------------------------------------------------- deferred build
    def _build_graph_network_for_inferred_shape(self, input_shape, input_dtype=None):
        if input_shape is None or not self.layers:
            return
        if self._has_explicit_input_shape or self._use_legacy_deferred_behavior:
            return
        input_shape = tuple(
            input_shape.as_list() if isinstance(input_shape, TensorShape) else input_shape
        )
        if self._inferred_input_shape is None:
            new_shape = input_shape
        else:
            new_shape = _relax_input_shape(self._inferred_input_shape, input_shape)
        if new_shape is None or new_shape == self._inferred_input_shape:
            return
        with _FreshNameScope():
            inputs = Input(
                batch_shape=new_shape, dtype=input_dtype, name=self.layers[0].name + "_input"
            )
            layer_input = inputs
            created_nodes = set()
            outputs = None
            for layer in self.layers:
                _clear_previously_created_nodes(layer, self._created_nodes)
                try:
                    layer_output = layer(layer_input)
                except Exception:  # noqa: BLE001 - any failure falls back to eager stacking, as Keras
                    self._use_legacy_deferred_behavior = True
                    return
                if len(nest.flatten(layer_output)) != 1:
                    raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
                _track_nodes_created_by_last_call(layer, created_nodes)
                layer_input = layer_output
                outputs = layer_output
            self._created_nodes = created_nodes
            try:
                self._init_graph_network(inputs, outputs)
                self._graph_initialized = True
            except ValueError:
                self._use_legacy_deferred_behavior = True
        self._inferred_input_shape = new_shape

    def build(self, input_shape=None):
        if self._graph_initialized:
            self._init_graph_network(self.inputs, self.outputs)
        else:
            if input_shape is None:
                raise ValueError("You must provide an `input_shape` argument.")
            self._build_graph_network_for_inferred_shape(input_shape)
            if not self.built:
                input_shape = tuple(input_shape)
                self._build_input_shape = input_shape
                Model.build(self, input_shape)
        self.built = True

    def _maybe_build(self, inputs):
        if self.built:
            return
        if not self._has_explicit_input_shape:
            flat = nest.flatten(inputs)
            if len(flat) == 1 and hasattr(flat[0], "shape"):
                self._build_graph_network_for_inferred_shape(flat[0].shape, flat[0].dtype)
        if self._graph_initialized:
            self.built = True
            return
        Layer._maybe_build(self, inputs)

    def __call__(self, *args, **kwargs):
        # Data of a new shape may relax the inferred graph's batch size (tf.keras behaviour).
        if self._layers_list and not self._has_explicit_input_shape and args:
            flat = nest.flatten(args[0])
            if (
                len(flat) == 1
                and hasattr(flat[0], "shape")
                and not getattr(flat[0], "_pynn_symbolic", False)
            ):
                shape = flat[0].shape
                dtype = getattr(flat[0], "dtype", None)
                self._build_graph_network_for_inferred_shape(
                    shape if isinstance(shape, TensorShape) else TensorShape(shape),
                    _float_or_own(dtype),
                )
                if self._graph_initialized:
                    self.built = True
        return Layer.__call__(self, *args, **kwargs)

    def call(self, inputs, training=None, mask=None):
        if self._graph_initialized:
            return self._run_internal_graph(inputs, training=training, mask=mask)
        outputs = inputs
        for layer in self.layers:
            kwargs = {}
            if mask is not None:
                kwargs["mask"] = mask
            outputs = layer(inputs, **kwargs)
            inputs = outputs
            mask = getattr(outputs, "_keras_mask", None)
        return outputs

    def _infer_outputs(self, inputs, args, kwargs):
        if self._graph_initialized:
            return Functional._infer_outputs(self, inputs, args, kwargs)
        return Layer._infer_outputs(self, inputs, args, kwargs)

    def compute_output_shape(self, input_shape):
        shape = input_shape
        for layer in self.layers:
            shape = layer.compute_output_shape(shape)
        return shape

    @property
    def input_spec(self):
        if self._has_explicit_input_shape or self._graph_initialized:
            return self._input_spec
        return None

    @input_spec.setter
    def input_spec(self, value):
        self._input_spec = value

    def _eager_call(self, inputs, args, kwargs, spec):
        if not self._graph_initialized:
            saved = self._input_spec
            self._input_spec = None
            try:
                return Layer._eager_call(self, inputs, args, kwargs, spec)
            finally:
                self._input_spec = saved
        return Layer._eager_call(self, inputs, args, kwargs, spec)

    # ---------------------------------------------------------------- config
    def get_config(self):
        layer_configs = [
            serialize_keras_object(layer, "keras.layers") for layer in self._direct_sublayers()
        ]
        config = {"name": self.name, "layers": layer_configs}
        if not self._is_graph_network and self._build_input_shape is not None:
            config["build_input_shape"] = self._build_input_shape
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if "name" in config:
            name = config["name"]
            build_input_shape = config.get("build_input_shape")
            layer_configs = config["layers"]
        else:
            name, build_input_shape, layer_configs = None, None, config
        module_objects = layer_module_objects()
        model = cls(name=name)
        for layer_config in layer_configs:
            model.add(
                deserialize_keras_object(layer_config, module_objects, "layer", custom_objects)
            )
        if not model.inputs and build_input_shape and isinstance(build_input_shape, (tuple, list)):
            model.build(build_input_shape)
        return model


def _float_or_own(dtype):
    if dtype is None:
        return None
    name = getattr(dtype, "name", str(dtype))
    return "float32" if name.startswith("float") else name


def _input_shape_and_dtype(layer):
    """The batch input shape a layer (or the first layer of a model) was declared with."""
    if isinstance(layer, Sequential) and layer._layers_list:
        first = layer._layers_list[0]
        if isinstance(first, InputLayer):
            return first._batch_input_shape, first.dtype
        return _input_shape_and_dtype(first)
    if (
        isinstance(layer, Functional)
        and getattr(layer, "_is_graph_network", False)
        and not isinstance(layer, Sequential)
    ):
        if len(layer.inputs) == 1:
            x = layer.inputs[0]
            return tuple(x.shape.as_list()), x.dtype.name
        return None, None
    return getattr(layer, "_batch_input_shape", None), getattr(layer, "dtype", None)


def _last_output(layer, network_nodes):
    for node in reversed(layer._inbound_nodes):
        if id(node) in network_nodes:
            return nest.flatten(node.outputs)[0]
    return layer.output


def _relax_input_shape(shape_1, shape_2):
    if shape_1 is None or shape_2 is None or len(shape_1) != len(shape_2):
        return None
    return tuple(None if d1 != d2 else d1 for d1, d2 in zip(shape_1, shape_2, strict=True))


def _clear_previously_created_nodes(layer, created_nodes):
    for node in layer._inbound_nodes:
        for kt in node.keras_inputs:
            prev = kt._keras_history.layer
            prev._outbound_nodes = [n for n in prev._outbound_nodes if n not in created_nodes]
    layer._inbound_nodes = [n for n in layer._inbound_nodes if n not in created_nodes]


def _track_nodes_created_by_last_call(layer, created_nodes):
    if not layer._inbound_nodes:
        return
    created_nodes.add(layer._inbound_nodes[-1])
    for kt in layer._inbound_nodes[-1].keras_inputs:
        prev = kt._keras_history.layer
        if prev._outbound_nodes:
            created_nodes.add(prev._outbound_nodes[-1])
