"""`Layer`: the base class of every Keras layer and model (tf.keras 2.15 semantics).

A layer implementer writes `__init__` (validate and store the config), `build(input_shape)`
(create weights with `add_weight`), `call(inputs, training=None, mask=None)`,
`compute_output_shape` and `get_config`. Everything else lives here:

* `__call__` on eager values converts numpy inputs, casts floating inputs to the layer
  dtype, builds the layer on its first call, propagates `training` and masks to the
  layers called inside `call`, and records activity-regularizer losses;
* `__call__` on `KerasTensor`s (the Functional API) builds the layer from the symbolic
  shapes, infers the output shapes and records a `Node`;
* attribute tracking: layers and variables assigned as attributes (also inside lists,
  tuples and dicts) are the layer's sublayers and weights, in Keras's order.
"""

import inspect

import numpy as np

from pynn import ops
from pynn.core.dtypes import as_dtype
from pynn.core.tensor import Tensor, Variable, convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.keras import backend_config, constraints, initializers, regularizers, session
from pynn.keras.engine import nest
from pynn.keras.engine.call_context import (
    _CONTEXT,
    _call_spec,
    _is_symbolic,
    _with_call_info,
    call_context,
    default,
)
from pynn.keras.engine.input_spec import InputSpec, _fits, assert_input_compatibility
from pynn.keras.engine.keras_tensor import KerasTensor
from pynn.keras.engine.symbolic_call import (
    SymbolicCalls,
    _contains_symbolic,
    _normalize_shape_structure,
)
from pynn.keras.metrics import Mean
from pynn.keras.utils.generic_utils import to_snake_case
from pynn.keras.utils.layer_utils import count_params
from pynn.keras.utils.tracking import ListWrapper

_ALLOWED_KWARGS = frozenset(
    {
        "input_dim",
        "input_shape",
        "batch_input_shape",
        "batch_size",
        "weights",
        "activity_regularizer",
        "autocast",
        "implementation",
        "dynamic",
    }
)


# ------------------------------------------------------------------ helpers


def _to_tensor(x):
    if isinstance(x, Tensor) or _is_symbolic(x):
        return x
    if isinstance(x, (np.ndarray, np.generic, float, int, bool)):
        return convert_to_tensor(x)
    return x


def _convert_inputs(inputs):
    if (
        isinstance(inputs, (list, tuple))
        and inputs
        and all(
            isinstance(v, (int, float))
            or (
                isinstance(v, (list, tuple))
                and not any(
                    isinstance(e, (Tensor, np.ndarray)) or _is_symbolic(e) for e in nest.flatten(v)
                )
            )
            for v in inputs
        )
        and not any(isinstance(v, dict) for v in inputs)
    ):
        # A plain nested list of numbers is one array, as tf.convert_to_tensor reads it.
        return convert_to_tensor(np.asarray(inputs))
    if isinstance(inputs, (Tensor, np.ndarray)) or not nest.is_nested(inputs):
        return _to_tensor(inputs)
    return nest.map_structure(_to_tensor, inputs)


def _shape_of(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def _shapes_structure(inputs):
    if not nest.is_nested(inputs):
        return _shape_of(inputs)
    return nest.map_structure(_shape_of, inputs)


def _as_shape_tuple(shape):
    if shape is None:
        return None
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list()) if shape.rank is not None else None
    return tuple(shape)


_FLOAT_NAMES = frozenset({"float16", "float32", "float64", "bfloat16"})
_FLOAT32 = np.dtype("float32")


def _dedup(variables):
    seen = set()
    out = []
    for v in variables:
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


_COMPUTE_MASK_OVERRIDDEN = {}
_GATHERING = set()  # ids of the layers whose weights are being collected right now


def _overrides_compute_mask(cls):
    known = _COMPUTE_MASK_OVERRIDDEN.get(cls)
    if known is None:
        known = _COMPUTE_MASK_OVERRIDDEN[cls] = cls.compute_mask is not Layer.compute_mask
    return known


# ------------------------------------------------------------------ Layer


class Layer(SymbolicCalls):
    """Base class of layers: weights + a `call` computation, usable eagerly and symbolically."""

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        # Keras 2.15 auto-generates get_config() from simple __init__ arguments.
        try:
            bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
        except (TypeError, ValueError):
            return obj
        captured = {}
        for key, value in list(bound.arguments.items())[1:]:
            param = inspect.signature(cls.__init__).parameters[key]
            if param.kind == param.VAR_KEYWORD:
                captured.update(value)
            elif param.kind != param.VAR_POSITIONAL:
                captured[key] = value
        if all(_is_plain(v) for v in captured.values()):
            for key in ("name", "trainable", "dtype"):
                captured.pop(key, None)
            object.__setattr__(obj, "_auto_config", captured)
            # Base keys the constructor cannot take are left out of the generated config.
            params = inspect.signature(cls.__init__).parameters
            accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in params.values())
            object.__setattr__(
                obj, "_auto_config_base_keys", None if accepts_kwargs else set(params)
            )
        return obj

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs):
        for kwarg in kwargs:
            if kwarg not in _ALLOWED_KWARGS:
                raise TypeError("Keyword argument not understood:", kwarg)
        if not isinstance(trainable, bool) and trainable not in (0, 1):
            raise TypeError(f"Expected `trainable` argument to be a boolean, but got: {trainable}")
        object.__setattr__(self, "_tracked_attrs", {})
        self._trainable = bool(trainable)
        self.built = False
        self._init_set_name(name)
        self._set_dtype(dtype)
        self._autocast = kwargs.get("autocast", True)
        self.dynamic = dynamic
        self._stateful = False
        if not hasattr(self, "_trainable_weights"):
            self._trainable_weights = []
        if not hasattr(self, "_non_trainable_weights"):
            self._non_trainable_weights = []
        self._inbound_nodes_value = []
        self._outbound_nodes_value = []
        self._eager_losses = []
        self._callable_losses = []
        self._build_input_shape = None
        if not hasattr(self, "_supports_masking"):
            self._supports_masking = False
        if not hasattr(self, "_input_spec"):
            self._input_spec = None
        activity_regularizer = kwargs.get("activity_regularizer")
        if activity_regularizer is not None:
            activity_regularizer = regularizers.get(activity_regularizer)
        self._activity_regularizer = activity_regularizer
        self._initial_weights = kwargs.get("weights")

        if "input_dim" in kwargs or "input_shape" in kwargs or "batch_input_shape" in kwargs:
            if "batch_input_shape" in kwargs:
                batch_input_shape = tuple(kwargs["batch_input_shape"])
            else:
                if "input_shape" in kwargs:
                    input_shape = kwargs["input_shape"]
                    input_shape = (
                        (input_shape,) if isinstance(input_shape, int) else tuple(input_shape)
                    )
                else:
                    input_shape = (kwargs["input_dim"],)
                batch_input_shape = (kwargs.get("batch_size"),) + input_shape
            self._batch_input_shape = batch_input_shape

    # ---------------------------------------------------------------- naming / dtype
    def _init_set_name(self, name, zero_based=True):
        if name is None:
            self._name = session.unique_object_name(
                to_snake_case(type(self).__name__), zero_based=zero_based
            )
        elif isinstance(name, str):
            session.observe_object_name(name)
            self._name = name
        else:
            raise TypeError(f"Expected `name` argument to be a string, but got: {name}")

    def _set_dtype(self, dtype):
        if dtype is None:
            self._dtype = backend_config.floatx()
        elif isinstance(dtype, str) and dtype.startswith("mixed_"):
            self._dtype = "float32"
        else:
            policy_name = getattr(dtype, "name", dtype)
            self._dtype = as_dtype(policy_name).name

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def compute_dtype(self):
        return self._dtype

    @property
    def variable_dtype(self):
        return self._dtype

    @property
    def dtype_policy(self):
        return self._dtype

    def __repr__(self):
        module = type(self).__module__
        if module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras.") :]
        return f"<{module}.{type(self).__qualname__} object at {hex(id(self))}>"

    # ---------------------------------------------------------------- attribute tracking
    def __setattr__(self, name, value):
        if name.startswith("__") or name in _UNTRACKED:
            object.__setattr__(self, name, value)
            return
        if type(value) is list and not name.startswith("_"):
            value = ListWrapper(value)  # tf.keras's tracking wraps lists (get_config shows it)
        try:
            tracked = object.__getattribute__(self, "_tracked_attrs")
        except AttributeError:
            if isinstance(value, (Layer, Variable)):
                raise RuntimeError(
                    "It looks like you are subclassing `Model` or `Layer` and you forgot to call "
                    "`super().__init__()`. Always start with this line."
                ) from None
            object.__setattr__(self, name, value)
            return
        if isinstance(value, Variable):
            target = self._trainable_weights if value.trainable else self._non_trainable_weights
            if not any(v is value for v in target):
                target.append(value)
        elif _is_metric(value):
            # metrics assigned as attributes (loss trackers) are the layer's metrics, as in Keras
            metrics = self.__dict__.setdefault("_metrics", [])
            if all(m is not value for m in metrics):
                metrics.append(value)
        if isinstance(value, (Layer, list, tuple, dict)) and not isinstance(value, str):
            tracked[name] = None
        elif name in tracked:
            del tracked[name]
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        tracked = self.__dict__.get("_tracked_attrs")
        if tracked is not None and name in tracked:
            del tracked[name]
        object.__delattr__(self, name)

    def _direct_sublayers(self):
        """Layers assigned as attributes (also in lists/tuples/dicts), in assignment order."""
        found = []
        seen = {id(self)}

        def walk(value, depth):
            if isinstance(value, Layer):
                if id(value) not in seen:
                    seen.add(id(value))
                    found.append(value)
            elif depth < 8 and isinstance(value, (list, tuple)):
                for item in value:
                    walk(item, depth + 1)
            elif depth < 8 and isinstance(value, dict):
                for key in sorted(value, key=str):
                    walk(value[key], depth + 1)

        for attr in list(self._tracked_attrs):
            walk(self.__dict__.get(attr), 0)
        return found

    def _flatten_layers(self, include_self=True, recursive=True):
        seen = set()
        out = []

        def visit(layer, is_root):
            if id(layer) in seen:
                return
            seen.add(id(layer))
            if include_self or not is_root:
                out.append(layer)
            if is_root or recursive:
                for sub in layer._direct_sublayers():
                    visit(sub, False)

        visit(self, True)
        return out

    @property
    def _self_tracked_layers(self):
        return self._direct_sublayers()

    # ---------------------------------------------------------------- properties
    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        for layer in self._flatten_layers():
            layer._trainable = bool(value)

    @property
    def supports_masking(self):
        return self._supports_masking

    @supports_masking.setter
    def supports_masking(self, value):
        self._supports_masking = value

    @property
    def input_spec(self):
        return self._input_spec

    @input_spec.setter
    def input_spec(self, value):
        self._input_spec = value

    @property
    def stateful(self):
        return self._stateful

    @stateful.setter
    def stateful(self, value):
        self._stateful = value

    @property
    def activity_regularizer(self):
        return self._activity_regularizer

    @activity_regularizer.setter
    def activity_regularizer(self, regularizer):
        self._activity_regularizer = regularizer

    @property
    def _inbound_nodes(self):
        return self._inbound_nodes_value

    @_inbound_nodes.setter
    def _inbound_nodes(self, value):
        self._inbound_nodes_value = value

    @property
    def _outbound_nodes(self):
        return self._outbound_nodes_value

    @_outbound_nodes.setter
    def _outbound_nodes(self, value):
        self._outbound_nodes_value = value

    @property
    def inbound_nodes(self):
        return self._inbound_nodes

    @property
    def outbound_nodes(self):
        return self._outbound_nodes

    # ---------------------------------------------------------------- weights
    def add_weight(
        self,
        name=None,
        shape=None,
        dtype=None,
        initializer=None,
        regularizer=None,
        trainable=None,
        constraint=None,
        use_resource=None,
        synchronization=None,
        aggregation=None,
        **kwargs,
    ):
        """Creates a Variable named `<layer scope>/<name>:0` and tracks it on this layer."""
        for kwarg in kwargs:
            if kwarg not in (
                "collections",
                "experimental_autocast",
                "caching_device",
                "getter",
                "layout",
                "experimental_enable_variable_lifting",
                "partitioner",
            ):
                raise TypeError("Unknown keyword argument:", kwarg)
        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = as_dtype(dtype or self._dtype or backend_config.floatx())
        if initializer is None:
            if dtype.is_floating:
                initializer = "glorot_uniform"
            elif dtype.is_integer or dtype.is_bool:
                initializer = "zeros"
            else:
                raise ValueError(
                    f"An initializer for variable {name} of type {dtype.name} is required "
                    f"for layer {self.name}. Received: {initializer}."
                )
        initializer = initializers.get(initializer)
        regularizer = regularizers.get(regularizer)
        constraint = constraints.get(constraint)
        trainable = True if trainable is None else bool(trainable)
        if synchronization is not None and str(synchronization).endswith("ON_READ"):
            trainable = False
        value = initializer(shape, dtype=dtype.name)
        value = np.asarray(
            value._value if isinstance(value, Tensor) else value, dtype=dtype.as_numpy_dtype
        )
        if value.shape != shape:
            value = np.broadcast_to(value, shape).copy()
        full_name = "/".join(_CONTEXT.name_scope + [str(name) if name else "Variable"])
        variable = Variable(
            value, trainable=trainable, name=full_name, dtype=dtype.name, constraint=constraint
        )
        if trainable:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        if regularizer is not None:
            self._callable_losses.append(_RegularizerLoss(regularizer, variable))
        return variable

    def _gather_children(self, attribute):
        out = []
        for layer in self._direct_sublayers():
            if id(layer) in _GATHERING:
                continue  # a sublayer that refers back to an enclosing layer
            _GATHERING.add(id(layer))
            try:
                out.extend(getattr(layer, attribute))
            finally:
                _GATHERING.discard(id(layer))
        return out

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return _dedup(self._trainable_weights + self._gather_children("trainable_weights"))

    @property
    def non_trainable_weights(self):
        if self.trainable:
            weights = self._non_trainable_weights + self._gather_children("non_trainable_weights")
        else:
            weights = (
                self._trainable_weights
                + self._non_trainable_weights
                + self._gather_children("weights")
            )
        return _dedup(weights)

    @property
    def weights(self):
        return _dedup(self.trainable_weights + self.non_trainable_weights)

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    @property
    def variables(self):
        return self.weights

    def get_weights(self):
        return [np.array(w.numpy()) for w in self.weights]

    def set_weights(self, weights):
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(
                f'You called `set_weights(weights)` on layer "{self.name}" with a weight list '
                f"of length {len(weights)}, but the layer was expecting {len(params)} weights. "
                f"Provided weights: {str(weights)[:50]}..."
            )
        checked = []
        for param, weight in zip(params, weights, strict=True):
            weight_shape = TensorShape(
                weight.shape if hasattr(weight, "shape") else np.shape(weight)
            )
            if not param.shape.is_compatible_with(weight_shape):
                raise ValueError(
                    f"Layer {self.name} weight shape {param.shape} is not compatible with "
                    f"provided weight shape {weight_shape}."
                )
            checked.append((param, weight))
        for param, weight in checked:
            param.assign(
                np.asarray(weight, dtype=param.dtype.as_numpy_dtype).reshape(param._value.shape)
            )

    def count_params(self):
        if not self.built:
            if getattr(self, "_is_graph_network", False):
                self.built = True
            else:
                raise ValueError(
                    f"You tried to call `count_params` on layer {self.name}, but the layer "
                    f"isn't built. You can build it manually via: "
                    f"`{self.name}.build(batch_input_shape)`."
                )
        return count_params(self.weights)

    # ---------------------------------------------------------------- losses
    @property
    def losses(self):
        """Activity and `add_loss` losses of the last call plus weight-regularization losses."""
        collected = []
        for layer in self._flatten_layers():
            collected.extend(layer._eager_losses)
            for fn in layer._callable_losses:
                value = fn()
                if value is not None:
                    collected.append(value)
        return collected

    def add_loss(self, losses, **kwargs):
        for loss in nest.flatten(losses):
            if loss is None:
                continue
            if callable(loss) and not isinstance(loss, Tensor):
                self._callable_losses.append(loss)
            elif _is_symbolic(loss):
                self._add_symbolic_loss(loss)
            else:
                self._record_loss(
                    loss
                    if isinstance(loss, Tensor)
                    else convert_to_tensor(np.asarray(loss, dtype=backend_config.floatx()))
                )

    def _add_symbolic_loss(self, loss):
        raise ValueError(
            f"Layer {self.name} received a symbolic loss {loss!r}; symbolic losses can only be "
            "added to a Functional model (`model.add_loss(...)`)."
        )

    def _record_loss(self, loss):
        if not self._eager_losses and all(layer is not self for layer in _CONTEXT.lossy):
            _CONTEXT.lossy.append(self)
        self._eager_losses.append(loss)

    def _clear_losses(self):
        """Forgets the losses of the previous call of this layer and its sublayers."""
        if not _CONTEXT.lossy:
            return  # nothing recorded anywhere: the common case costs nothing
        subtree = {id(layer) for layer in self._flatten_layers()}
        kept = []
        for layer in _CONTEXT.lossy:
            if id(layer) in subtree:
                layer._eager_losses = []
            else:
                kept.append(layer)
        _CONTEXT.lossy[:] = kept

    @property
    def metrics(self):
        metrics = []
        for layer in self._flatten_layers():
            metrics.extend(layer.__dict__.get("_metrics", ()))
        return metrics

    def add_metric(self, value, name=None, **kwargs):
        """Tracks the mean of `value` over a training epoch under `name` (eager calls)."""
        metric_obj = getattr(value, "_metric_obj", None)
        if metric_obj is not None:  # `self.add_metric(self.accuracy_fn(y, p))`: track the metric
            metrics = self.__dict__.setdefault("_metrics", [])
            if all(m is not metric_obj for m in metrics):
                metrics.append(metric_obj)
            return
        if name is None:
            raise ValueError(
                "Please provide a name for your metric like "
                "`self.add_metric(tf.reduce_sum(inputs), name='mean_activation')`"
            )
        if _is_symbolic(value):
            return self._add_symbolic_metric(value, name, kwargs.get("aggregation"))
        metrics = self.__dict__.setdefault("_metrics", [])
        metric = next((m for m in metrics if m.name == name), None)
        if metric is None:
            metric = Mean(name=name)
            metrics.append(metric)
        metric.update_state(value)

    def _add_symbolic_metric(self, value, name, aggregation):
        raise ValueError(
            f"Layer {self.name}: `add_metric` needs a concrete value; call it "
            "inside `call` (pynn records metrics of eager calls only)."
        )

    @property
    def updates(self):
        return []

    # ---------------------------------------------------------------- the four beats
    @default
    def build(self, input_shape):
        self._build_input_shape = input_shape
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    @default
    def compute_output_shape(self, input_shape):
        """Default: run `call` on zeros of that shape (unknown dims inferred)."""
        shapes = nest.map_structure(
            lambda s: TensorShape(s) if not isinstance(s, TensorShape) else s,
            _normalize_shape_structure(input_shape),
        )
        specs = nest.map_structure(lambda s: KerasTensor(s, self._dtype), shapes)
        outputs = self._infer_outputs(specs, (), {})
        result = nest.map_structure(lambda t: t.shape, outputs)
        return result

    def compute_mask(self, inputs, mask=None):
        if not self._supports_masking:
            return None
        return mask

    @default
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable, "dtype": self._dtype}
        if hasattr(self, "_batch_input_shape"):
            config["batch_input_shape"] = self._batch_input_shape
        if not getattr(self.get_config, "_is_default", False):
            return config  # the subclass implements get_config() and extends this dict
        auto = self.__dict__.get("_auto_config")
        if auto is None:
            raise NotImplementedError(
                f"Layer {type(self).__name__} was created by passing non-serializable argument "
                "values in `__init__()`, and therefore the layer must override `get_config()` "
                "in order to be serializable. Please implement `get_config()`."
            )
        base_keys = self.__dict__.get("_auto_config_base_keys")
        if base_keys is not None:
            config = {k: v for k, v in config.items() if k in base_keys}
        config.update(auto)
        return config

    @classmethod
    def from_config(cls, config):
        try:
            return cls(**config)
        except Exception as e:
            raise TypeError(
                f"Error when deserializing class '{cls.__name__}' using config={config}.\n\n"
                f"Exception encountered: {e}"
            ) from e

    # ---------------------------------------------------------------- __call__
    def __call__(self, *args, **kwargs):
        if "_tracked_attrs" not in self.__dict__:
            raise RuntimeError("You must call `super().__init__()` in the layer constructor.")
        spec = _call_spec(self)
        if args:
            inputs, args = args[0], args[1:]
        elif "inputs" in kwargs:
            inputs = kwargs.pop("inputs")
        elif spec.arg_names and spec.arg_names[0] in kwargs:
            inputs = kwargs.pop(spec.arg_names[0])
        else:
            raise ValueError(
                f"The first argument to `Layer.call` must always be passed (layer {self.name})."
            )
        if isinstance(inputs, Tensor):
            if (args or kwargs) and _contains_symbolic((), args, kwargs):
                return self._functional_construction_call(inputs, args, kwargs)
        elif _contains_symbolic(inputs, args, kwargs):
            return self._functional_construction_call(inputs, args, kwargs)
        return self._eager_call(inputs, args, kwargs, spec)

    def _resolve_training(self, args, kwargs, spec):
        """Explicit argument > enclosing call > learning phase > `call` default."""
        explicit = kwargs.get("training")
        positional = spec.training_position is not None and len(args) >= spec.training_position
        if positional:
            explicit = args[spec.training_position - 1]
        if explicit is not None:
            if not spec.accepts_training and "training" in kwargs:
                kwargs = dict(kwargs)
                kwargs.pop("training")
            return explicit, args, kwargs
        training = _CONTEXT.training
        if training is None and session._LEARNING_PHASE is not None:
            training = bool(session._LEARNING_PHASE)
        if training is None:
            training = spec.training_default
        if spec.accepts_training:
            if positional:
                args = list(args)
                args[spec.training_position - 1] = training
                args = tuple(args)
            elif training is not None or "training" in kwargs:
                kwargs = dict(kwargs)
                kwargs["training"] = training
        elif "training" in kwargs:
            kwargs = dict(kwargs)
            kwargs.pop("training")
        return training, args, kwargs

    def _eager_call(self, inputs, args, kwargs, spec):
        if isinstance(inputs, Tensor):
            # the common case, kept cheap: one eager tensor
            value = inputs._value
            if (
                self._autocast
                and value.dtype.kind == "f"
                and value.dtype is not _FLOAT32
                and value.dtype.name != self._dtype
                and self._dtype in _FLOAT_NAMES
            ):
                inputs = self._maybe_cast_inputs(inputs)
            previous_mask = inputs._keras_mask
            has_mask = previous_mask is not None
            input_spec = self._input_spec
            if input_spec is not None and (
                type(input_spec) is not InputSpec
                or not _fits(input_spec, inputs._value.shape, inputs._value.dtype)
            ):
                assert_input_compatibility(input_spec, inputs, self.name)
        else:
            inputs = _convert_inputs(inputs)
            if self._autocast:
                inputs = self._maybe_cast_inputs(inputs)
            if nest.is_nested(inputs):
                input_masks = [getattr(t, "_keras_mask", None) for t in nest.flatten(inputs)]
                has_mask = any(m is not None for m in input_masks)
                previous_mask = nest.pack_sequence_as(inputs, input_masks) if has_mask else None
            else:
                previous_mask = getattr(inputs, "_keras_mask", None)
                has_mask = previous_mask is not None
            if self._input_spec is not None:
                assert_input_compatibility(self._input_spec, inputs, self.name)

        if "mask" in kwargs:
            previous_mask = kwargs["mask"]
        elif has_mask and spec.accepts_mask:
            kwargs = dict(kwargs)
            kwargs["mask"] = previous_mask

        if args or kwargs:
            training, args, kwargs = self._resolve_training(args, kwargs, spec)
        else:  # nothing passed: inherit the enclosing call's value, else `call`'s default
            training = _CONTEXT.training
            if training is None and session._LEARNING_PHASE is not None:
                training = bool(session._LEARNING_PHASE)
            if training is None:
                training = spec.training_default
            if training is not None and spec.accepts_training:
                kwargs = {"training": training}
        if not spec.accepts_mask and "mask" in kwargs:
            kwargs = dict(kwargs)
            kwargs.pop("mask")

        if not _CONTEXT.frames:
            self._clear_losses()
        _CONTEXT.frames.append(training)
        _CONTEXT.name_scope.append(self._name)
        try:
            if not self.built:
                self._maybe_build(inputs)
            try:
                outputs = self.call(inputs, *args, **kwargs)
            except Exception as e:  # noqa: BLE001 - re-raised with the call's arguments
                raise _with_call_info(e, self, (inputs,) + tuple(args), kwargs) from None
        finally:
            _CONTEXT.name_scope.pop()
            _CONTEXT.frames.pop()

        if outputs is None:
            raise ValueError(
                "A layer's `call` method should return a Tensor or a list of "
                f"Tensors, not None (layer: {self.name})."
            )
        if self._activity_regularizer is not None:
            for output in nest.flatten(outputs):
                loss = self._activity_regularizer(output)
                batch = output.shape[0] if output.ndim else 1
                self._record_loss(loss / float(batch or 1))
        if (has_mask and self._supports_masking) or _overrides_compute_mask(type(self)):
            _set_masks(outputs, self.compute_mask(inputs, previous_mask))
        return outputs

    def _maybe_cast_inputs(self, inputs):
        target = self._dtype
        if target is None or not as_dtype(target).is_floating:
            return inputs

        def cast(x):
            if isinstance(x, Tensor) and x.dtype.is_floating and x.dtype.name != target:
                casted = ops.cast(x, target)
                mask = getattr(x, "_keras_mask", None)
                if mask is not None:
                    casted._keras_mask = mask
                return casted
            return x

        if isinstance(inputs, Tensor):
            return cast(inputs)
        if nest.is_nested(inputs):
            return nest.map_structure(cast, inputs)
        return inputs

    def _maybe_build(self, inputs):
        if self.built:
            return
        input_shapes = _shapes_structure(inputs)
        if not getattr(self.build, "_is_default", False):
            self.build(input_shapes)
        Layer.build(self, input_shapes)
        if self._initial_weights is not None:
            weights, self._initial_weights = self._initial_weights, None
            self.set_weights(weights)

    # ---------------------------------------------------------------- node accessors
    def _node_attribute(self, node_index, attr, attr_name):
        if not self._inbound_nodes:
            raise RuntimeError(
                f"The layer {self.name} has never been called and thus has no defined {attr_name}."
            )
        if not len(self._inbound_nodes) > node_index:
            raise ValueError(
                f"Asked to get {attr_name} at node {node_index}, but the layer has "
                f"only {len(self._inbound_nodes)} inbound nodes."
            )
        values = getattr(self._inbound_nodes[node_index], attr)
        if isinstance(values, list) and len(values) == 1:
            return values[0]
        return values

    def get_input_at(self, node_index):
        return self._node_attribute(node_index, "input_tensors", "input")

    def get_output_at(self, node_index):
        return self._node_attribute(node_index, "output_tensors", "output")

    def get_input_shape_at(self, node_index):
        return self._node_attribute(node_index, "input_shapes", "input shape")

    def get_output_shape_at(self, node_index):
        return self._node_attribute(node_index, "output_shapes", "output shape")

    def get_input_mask_at(self, node_index):
        inputs = self.get_input_at(node_index)
        return nest.map_structure(lambda t: getattr(t, "_keras_mask", None), inputs)

    def get_output_mask_at(self, node_index):
        outputs = self.get_output_at(node_index)
        return nest.map_structure(lambda t: getattr(t, "_keras_mask", None), outputs)

    @property
    def input(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} is not connected, no input to return.")
        return self._node_attribute(0, "input_tensors", "input")

    @property
    def output(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} has no inbound nodes.")
        return self._node_attribute(0, "output_tensors", "output")

    @property
    def input_mask(self):
        return self.get_input_mask_at(0)

    @property
    def output_mask(self):
        return self.get_output_mask_at(0)

    @property
    def input_shape(self):
        if not self._inbound_nodes:
            raise AttributeError(
                f'The layer "{self.name}" has never been called and thus has no defined input '
                "shape. Note that the `input_shape` property is only available for Functional "
                "and Sequential models."
            )
        shapes = {str(node.input_shapes) for node in self._inbound_nodes}
        if len(shapes) == 1:
            return self._inbound_nodes[0].input_shapes
        raise AttributeError(
            f'The layer "{self.name}" has multiple inbound nodes, with different input shapes. '
            'Hence the notion of "input shape" is ill-defined for the layer. Use '
            "`get_input_shape_at(node_index)` instead."
        )

    @property
    def output_shape(self):
        if not self._inbound_nodes:
            raise AttributeError(
                f'The layer "{self.name}" has never been called and thus has '
                "no defined output shape."
            )
        shapes = {str(node.output_shapes) for node in self._inbound_nodes}
        if len(shapes) == 1:
            return self._inbound_nodes[0].output_shapes
        raise AttributeError(
            f'The layer "{self.name}" has multiple inbound nodes, with different output shapes. '
            'Hence the notion of "output shape" is ill-defined for the layer. Use '
            "`get_output_shape_at(node_index)` instead."
        )

    # ---------------------------------------------------------------- misc Keras API
    def finalize_state(self):
        pass

    def get_build_config(self):
        if self._build_input_shape is not None:
            return {
                "input_shape": nest.map_structure(_as_shape_tuple, self._build_input_shape)
                if isinstance(self._build_input_shape, (list, dict))
                else _as_shape_tuple(self._build_input_shape)
            }
        return None

    def build_from_config(self, config):
        input_shape = config["input_shape"]
        if input_shape is not None:
            self.build(input_shape)

    @property
    def _is_layer(self):
        return True


# Attributes written by the base classes themselves: never tracked.
_UNTRACKED = frozenset(
    {
        "_tracked_attrs",
        "_trainable_weights",
        "_non_trainable_weights",
        "_inbound_nodes_value",
        "_outbound_nodes_value",
        "_eager_losses",
        "_callable_losses",
        "_build_input_shape",
        "_layers_list",
        "_graph_layers",
        "_nested_inputs",
        "_nested_outputs",
        "inputs",
        "outputs",
        "_input_layers",
        "_output_layers",
        "_nodes_by_depth",
        "_network_nodes",
        "_input_coordinates",
        "_output_coordinates",
        "_saved_inputs",
        "_symbolic_losses",
        "_auto_config",
        "_auto_config_base_keys",
        "_metrics",
    }
)


class _RegularizerLoss:
    """A zero-argument callable computing `regularizer(variable)` (re-evaluated each time)."""

    def __init__(self, regularizer, variable):
        self.regularizer = regularizer
        self.variable = variable

    def __call__(self):
        return self.regularizer(self.variable)


def _is_metric(value):
    cls = type(value)
    return (
        hasattr(cls, "update_state")
        and hasattr(cls, "result")
        and hasattr(cls, "reset_state")
        and not isinstance(value, Layer)
    )


def _is_plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def _set_masks(outputs, mask):
    flat_outputs = nest.flatten(outputs)
    if mask is None:
        flat_masks = [None] * len(flat_outputs)
    elif nest.is_nested(mask) and len(nest.flatten(mask)) == len(flat_outputs):
        flat_masks = nest.flatten(mask)
    else:
        flat_masks = [mask] * len(flat_outputs)
    for out, m in zip(flat_outputs, flat_masks, strict=True):
        if isinstance(out, Tensor):
            try:
                out._keras_mask = m
            except AttributeError:
                pass


__all__ = ["Layer", "call_context", "default"]
