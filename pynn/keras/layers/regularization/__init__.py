"""Regularization layers."""

# ruff: noqa: F401  (this module re-exports)

from pynn.keras.layers.regularization.activity_regularization import ActivityRegularization
from pynn.keras.layers.regularization.dropout import Dropout
