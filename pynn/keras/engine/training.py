"""`Model`: a Layer with training (the `Trainer` mixin), layer lookup and `summary()`.

`Model(inputs=..., outputs=...)` returns a `Functional` model; subclassing `Model` with
`__init__` + `call(x, training=None)` gives a model whose layers are the attributes it
assigns (also inside lists and dicts), built on its first call.
"""

import json

import numpy as np

from pynn.core.tensor import convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.keras import __version__
from pynn.keras.engine import nest
from pynn.keras.engine.base_layer import Layer, _dedup
from pynn.keras.engine.call_context import _CONTEXT, _FreshNameScope, default
from pynn.keras.engine.trainer import Trainer
from pynn.keras.saving import load_weights, save_model, save_weights
from pynn.keras.utils.layer_utils import print_summary

_MODEL_KWARGS = frozenset(
    {"name", "trainable", "dtype", "dynamic", "autocast", "inputs", "outputs"}
)


def _check_model_kwargs(kwargs, allowed):
    for kwarg in kwargs:
        if kwarg not in allowed:
            raise TypeError("Keyword argument not understood:", kwarg)


def _is_functional_call(args, kwargs):
    return (
        len(args) >= 2
        or (len(args) == 1 and "outputs" in kwargs)
        or ("inputs" in kwargs and "outputs" in kwargs)
    )


class Model(Trainer, Layer):
    """`keras.Model`: groups layers into an object with training and inference features."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and _is_functional_call(args, kwargs):
            from pynn.keras.engine.functional import Functional  # noqa: PLC0415 - late: Functional subclasses Model (Model(inputs, outputs) is a Functional)

            return Functional.__new__(Functional, *args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        from pynn.keras.engine.functional import Functional  # noqa: PLC0415 - late: Functional subclasses Model (Model(inputs, outputs) is a Functional)

        if _is_functional_call(args, kwargs) and not isinstance(self, Functional):
            # `class MyModel(keras.Model): def __init__(self): super().__init__(inputs, outputs)`
            cls = type(self)
            self.__class__ = type(cls.__name__, (cls, Functional), {"__module__": cls.__module__})
            Functional.__init__(self, *args, **kwargs)
            return
        if args:
            _check_model_kwargs(kwargs, _MODEL_KWARGS)
            raise TypeError(f"Model.__init__() got unexpected positional arguments {args!r}.")
        self._init_model(kwargs, _MODEL_KWARGS, dtype=kwargs.get("dtype"))

    def _init_model(self, kwargs, allowed, dtype=None):
        """What every model's `__init__` does first: check the keyword arguments (as
        tf.keras does), then set up the layer and an empty graph."""
        _check_model_kwargs(kwargs, allowed)
        Layer.__init__(
            self, name=kwargs.get("name"), trainable=kwargs.get("trainable", True), dtype=dtype
        )
        self._is_graph_network = False
        self.inputs = None
        self.outputs = None
        self._saved_inputs = None

    def _init_set_name(self, name, zero_based=True):
        Layer._init_set_name(self, name, zero_based)

    def call(self, inputs, training=None, mask=None):
        raise NotImplementedError(
            "Unimplemented `tf.keras.Model.call()`: if you intend to create a `Model` with the "
            "Functional API, please provide `inputs` and `outputs` arguments. Otherwise, "
            "subclass `Model` with an overridden `call()` method."
        )

    # ---------------------------------------------------------------- layers
    @property
    def layers(self):
        return list(self._direct_sublayers())

    @layers.setter
    def layers(self, _):
        raise AttributeError(
            'Can\'t set the attribute "layers", likely because it conflicts '
            "with an existing read-only @property of the object. Please choose "
            "a different name."
        )

    def get_layer(self, name=None, index=None):
        if index is not None and name is not None:
            raise ValueError(
                f"Provide only a layer name or a layer index. Received: index={index}, name={name}."
            )
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(
                    f"Was asked to retrieve layer at index {index} but model only "
                    f"has {len(self.layers)} layers."
                )
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name}. Existing layers are: "
                f"{[layer.name for layer in self.layers]}."
            )
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    # ---------------------------------------------------------------- weights (model order)
    def _assert_weights_created(self):
        """A model with its own `build` (Sequential, or a subclass defining one) has no weights
        to show before it is built: tf.keras raises instead of returning []."""
        if self.built or getattr(self, "_graph_initialized", False):
            return
        if any(
            "build" in vars(klass)
            for klass in type(self).__mro__
            if klass not in (Model, Layer)
            and issubclass(klass, Model)
            and klass.__module__ != "pynn.keras.engine.functional"
        ):
            raise ValueError(
                f"Weights for model '{self.name}' have not yet been created. Weights are created "
                "when the model is first called on inputs or `build()` is called with an "
                "`input_shape`."
            )

    @property
    def trainable_weights(self):
        self._assert_weights_created()
        return Layer.trainable_weights.fget(self)

    @property
    def non_trainable_weights(self):
        self._assert_weights_created()
        return Layer.non_trainable_weights.fget(self)

    @property
    def weights(self):
        self._assert_weights_created()
        weights = []
        for layer in self._direct_sublayers():
            weights.extend(layer.weights)
        weights.extend(self._trainable_weights + self._non_trainable_weights)
        return _dedup(weights)

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    # ---------------------------------------------------------------- building
    @default
    def build(self, input_shape):
        """Builds a subclassed model by calling it on zeros of `input_shape` (None -> 1)."""
        if self._is_graph_network:
            Layer.build(self, input_shape)
            return
        if input_shape is None:
            raise ValueError(
                "Input shape must be defined when calling `build()` on a `Model` subclass."
            )
        valid_types = (tuple, list, TensorShape, dict)
        if not isinstance(input_shape, valid_types):
            raise ValueError(
                "Specified input shape is not one of the valid types. Please "
                "specify a batch input shape of type tuple or list of input "
                f"shapes. User provided input type: {type(input_shape)}."
            )

        def zeros(shape):
            dims = shape.as_list() if isinstance(shape, TensorShape) else list(shape)
            return convert_to_tensor(np.zeros([1 if d is None else d for d in dims], "float32"))

        if isinstance(input_shape, dict):
            x = {k: zeros(v) for k, v in input_shape.items()}
        elif (
            isinstance(input_shape, list)
            and input_shape
            and isinstance(input_shape[0], (list, tuple, TensorShape))
        ):
            x = [zeros(s) for s in input_shape]
        else:
            x = zeros(input_shape)
        with _FreshNameScope():
            _CONTEXT.frames.append(None)
            try:
                self.call(x)
            finally:
                _CONTEXT.frames.pop()
        self._clear_losses()
        Layer.build(self, input_shape)

    def _maybe_build(self, inputs):
        if not self.built and self._saved_inputs is None:
            self._saved_inputs = nest.map_structure(lambda t: getattr(t, "shape", None), inputs)
        Layer._maybe_build(self, inputs)

    # ---------------------------------------------------------------- summary
    def summary(
        self,
        line_length=None,
        positions=None,
        print_fn=None,
        expand_nested=False,
        show_trainable=False,
        layer_range=None,
    ):
        if not self.built:
            raise ValueError(
                "This model has not yet been built. Build the model first by "
                "calling `build()` or by calling the model on a batch of data."
            )
        print_summary(
            self,
            line_length=line_length,
            positions=positions,
            print_fn=print_fn,
            expand_nested=expand_nested,
            show_trainable=show_trainable,
            layer_range=layer_range,
        )

    # ---------------------------------------------------------------- config
    def get_config(self):
        if self._is_graph_network:
            from pynn.keras.engine.functional import get_network_config  # noqa: PLC0415 - late: Functional subclasses Model

            return get_network_config(self)
        config = {"name": self.name, "trainable": self.trainable}
        auto = self.__dict__.get("_auto_config")
        if auto is not None and type(self).get_config is Model.get_config:
            config.update(auto)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if "layers" in config and "input_layers" in config:
            from pynn.keras.engine.functional import Functional, reconstruct_from_config  # noqa: PLC0415 - late: Functional subclasses Model

            inputs, outputs, _ = reconstruct_from_config(config, custom_objects)
            target = Functional if cls is Model else cls
            model = target(inputs=inputs, outputs=outputs, name=config.get("name"))
            return model
        try:
            return cls(**{k: v for k, v in config.items() if k not in ("trainable",)})
        except TypeError as e:
            raise TypeError(
                f"Unable to revive model from config. When overriding the "
                f"`get_config()` method, make sure that the returned config "
                f"contains all items used as arguments in the constructor to "
                f"{cls}, which is the default behavior. Error encountered: {e}"
            ) from e

    # ---------------------------------------------------------------- saving (keras.saving)
    def save(self, filepath, overwrite=True, save_format=None, **kwargs):
        """Saves the model to a `.keras` file (or a legacy `.h5` file)."""
        save_model(self, filepath, overwrite=overwrite, save_format=save_format, **kwargs)

    def save_weights(self, filepath, overwrite=True, save_format=None, options=None):
        """Saves the weights to `.weights.h5`, `.npz` or legacy `.h5`."""
        save_weights(self, filepath, overwrite=overwrite, save_format=save_format)

    def load_weights(self, filepath, skip_mismatch=False, by_name=False, options=None):
        """Loads weights saved by `save_weights` or `save` (pynn's or tf.keras's)."""
        return load_weights(self, filepath, skip_mismatch=skip_mismatch, by_name=by_name)

    def to_json(self, **kwargs):

        model_config = {
            "class_name": type(self).__name__,
            "config": self.get_config(),
            "keras_version": __version__,
            "backend": "tensorflow",
        }
        return json.dumps(model_config, default=_json_default, **kwargs)

    # ---------------------------------------------------------------- misc
    @property
    def input_names(self):
        return self.__dict__.get("_input_names")

    @input_names.setter
    def input_names(self, value):
        self.__dict__["_input_names"] = value

    @property
    def output_names(self):
        # None for a subclassed model, as in tf.keras 2.15 (compile derives `output_1`...)
        return self.__dict__.get("_output_names")

    @output_names.setter
    def output_names(self, value):
        self.__dict__["_output_names"] = value

    @property
    def state_updates(self):
        return []

    def reset_states(self):
        for layer in self._flatten_layers():
            if (
                getattr(layer, "stateful", False)
                and hasattr(layer, "reset_states")
                and layer is not self
            ):
                layer.reset_states()


def _json_default(obj):
    if isinstance(obj, TensorShape):
        return obj.as_list()
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, bytes):
        return obj.decode("utf-8")
    raise TypeError(f"Not JSON Serializable: {obj!r}")
