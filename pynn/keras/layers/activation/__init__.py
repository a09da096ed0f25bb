"""Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax, ThresholdedReLU."""

from pynn.keras.layers.activation.elu import ELU
from pynn.keras.layers.activation.leaky_relu import LeakyReLU
from pynn.keras.layers.activation.prelu import PReLU
from pynn.keras.layers.activation.relu import ReLU
from pynn.keras.layers.activation.softmax import Softmax
from pynn.keras.layers.activation.thresholded_relu import ThresholdedReLU

__all__ = ["ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax", "ThresholdedReLU"]
