"""Core layers: Dense, Activation, Lambda."""

from pynn.keras.layers.core.activation import Activation
from pynn.keras.layers.core.dense import Dense
from pynn.keras.layers.core.lambda_layer import Lambda

__all__ = ["Activation", "Dense", "Lambda"]
