"""Reshaping layers."""

# ruff: noqa: F401  (this module re-exports)

from pynn.keras.layers.reshaping.cropping1d import Cropping1D
from pynn.keras.layers.reshaping.flatten import Flatten
from pynn.keras.layers.reshaping.permute import Permute
from pynn.keras.layers.reshaping.repeat_vector import RepeatVector
from pynn.keras.layers.reshaping.reshape import Reshape
from pynn.keras.layers.reshaping.up_sampling1d import UpSampling1D
from pynn.keras.layers.reshaping.zero_padding1d import ZeroPadding1D
