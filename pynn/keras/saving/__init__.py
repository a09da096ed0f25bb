"""Saving and loading models and weights (`.keras`, `.weights.h5`, `.npz`, legacy `.h5`)."""

from pynn.keras.saving.saving_lib import load_model, load_weights, save_model, save_weights

__all__ = ["load_model", "load_weights", "save_model", "save_weights"]
