"""`keras.optimizers.experimental`: the 2.11-era names of the current optimizers."""

from pynn.keras.optimizers.adadelta import Adadelta
from pynn.keras.optimizers.adagrad import Adagrad
from pynn.keras.optimizers.adam import Adam
from pynn.keras.optimizers.adamax import Adamax
from pynn.keras.optimizers.adamw import AdamW
from pynn.keras.optimizers.nadam import Nadam
from pynn.keras.optimizers.optimizer import Optimizer
from pynn.keras.optimizers.rmsprop import RMSprop
from pynn.keras.optimizers.sgd import SGD

__all__ = ["SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "Nadam", "Optimizer", "RMSprop"]
