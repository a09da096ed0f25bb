"""Reshaping layers."""

# ruff: noqa: F401  (this module re-exports)

from pynn.keras.layers.reshaping.flatten import Flatten
from pynn.keras.layers.reshaping.permute import Permute
from pynn.keras.layers.reshaping.repeat_vector import RepeatVector
from pynn.keras.layers.reshaping.reshape import Reshape
