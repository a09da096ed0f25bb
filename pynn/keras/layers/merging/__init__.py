"""Merge layers and their functional interfaces (`concatenate`, `add`, ...)."""

from pynn.keras.layers.merging.add import Add, add
from pynn.keras.layers.merging.average import Average, average
from pynn.keras.layers.merging.concatenate import Concatenate, concatenate
from pynn.keras.layers.merging.dot import Dot, dot
from pynn.keras.layers.merging.maximum import Maximum, maximum
from pynn.keras.layers.merging.minimum import Minimum, minimum
from pynn.keras.layers.merging.multiply import Multiply, multiply
from pynn.keras.layers.merging.subtract import Subtract, subtract

__all__ = [
    "Add",
    "Average",
    "Concatenate",
    "Dot",
    "Maximum",
    "Minimum",
    "Multiply",
    "Subtract",
    "add",
    "average",
    "concatenate",
    "dot",
    "maximum",
    "minimum",
    "multiply",
    "subtract",
]
