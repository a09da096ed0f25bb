"""Saving and loading models and weights (`.keras`, `.weights.h5`, `.npz`, legacy `.h5`)."""

from pynn.keras.saving.saving_lib import load_model, load_weights, save_model, save_weights
from pynn.keras.saving.serialization_lib import deserialize_keras_object
from pynn.keras.utils.generic_utils import (
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    register_keras_serializable,
    serialize_keras_object,
)

__all__ = [
    "custom_object_scope",
    "deserialize_keras_object",
    "get_custom_objects",
    "get_registered_name",
    "load_model",
    "load_weights",
    "register_keras_serializable",
    "save_model",
    "save_weights",
    "serialize_keras_object",
]
