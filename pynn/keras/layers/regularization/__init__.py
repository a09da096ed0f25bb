"""Regularization layers."""

# ruff: noqa: F401  (this module re-exports)

from pynn.keras.layers.regularization.activity_regularization import ActivityRegularization
from pynn.keras.layers.regularization.alpha_dropout import AlphaDropout
from pynn.keras.layers.regularization.dropout import Dropout
from pynn.keras.layers.regularization.gaussian_dropout import GaussianDropout
from pynn.keras.layers.regularization.gaussian_noise import GaussianNoise
from pynn.keras.layers.regularization.spatial_dropout1d import SpatialDropout1D
from pynn.keras.layers.regularization.spatial_dropout2d import SpatialDropout2D
