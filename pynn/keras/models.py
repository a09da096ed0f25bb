"""`keras.models`: Model, Sequential, and model (de)serialization entry points."""

import json

from pynn.keras import saving
from pynn.keras.engine.functional import Functional, layer_module_objects
from pynn.keras.engine.sequential import Sequential
from pynn.keras.engine.training import Model  # noqa: F401 - re-export
from pynn.keras.utils.generic_utils import SafeModeScope, deserialize_keras_object, in_safe_mode


def model_from_config(config, custom_objects=None, safe_mode=True):
    """Model from `{'class_name': ..., 'config': ...}`. A Lambda layer's Python bytecode
    loads only with `safe_mode=False` (an enclosing `SafeModeScope` decides first)."""
    if in_safe_mode() is not None:
        safe_mode = in_safe_mode()
    return deserialize_keras_object(
        config, layer_module_objects(), "layer", custom_objects, safe_mode=safe_mode
    )


def model_from_json(json_string, custom_objects=None, safe_mode=True):
    """Model (architecture only, new weights) from `model.to_json()`; `safe_mode` as in
    `model_from_config`."""
    return model_from_config(
        json.loads(json_string), custom_objects=custom_objects, safe_mode=safe_mode
    )


def clone_model(model, input_tensors=None, clone_function=None):
    """A new model with the same architecture and freshly initialized weights. Cloning
    copies functions this program already holds, so Lambda layers clone without safe mode
    (as in tf.keras)."""
    with SafeModeScope(False):
        return _clone(model, clone_function)


def _clone(model, clone_function):
    clone_function = clone_function or (lambda layer: type(layer).from_config(layer.get_config()))
    if isinstance(model, Sequential):
        layers = [clone_function(layer) for layer in model._layers_list]
        return Sequential(layers, name=model.name)
    if isinstance(model, Functional):
        return type(model).from_config(model.get_config())
    raise ValueError(
        "Expected `model` argument to be a functional `Model` instance, but got a "
        f"subclassed model instead: {model}"
    )


def __getattr__(name):
    # `keras.models.load_model` / `save_model` live with the saving code.
    if name in ("load_model", "save_model"):
        return getattr(saving, name)
    raise AttributeError(f"module 'pynn.keras.models' has no attribute '{name}'")
