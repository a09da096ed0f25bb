"""Core layers: Dense, EinsumDense, Activation, Lambda, Masking, Identity."""

from pynn.keras.layers.core.activation import Activation
from pynn.keras.layers.core.dense import Dense
from pynn.keras.layers.core.einsum_dense import EinsumDense
from pynn.keras.layers.core.identity import Identity
from pynn.keras.layers.core.lambda_layer import Lambda
from pynn.keras.layers.core.masking import Masking

__all__ = ["Activation", "Dense", "EinsumDense", "Identity", "Lambda", "Masking"]
