"""What the tf modules share: the array behind a value, with the step recorder told."""

import collections
import sys

import numpy as np

from pynn.core.tensor import Tensor
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import peek as _peek
from pynn.tf.function import function  # noqa: F401 - tf.function

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


def _value(x):
    """The array behind `x`, for numpy work outside the primitives (a read of the value: a
    step being recorded stays eager if `x` can change from step to step)."""
    if isinstance(x, Tensor):
        if _tracing:
            _peek(x, f"tf.{sys._getframe(1).f_code.co_name}")
        return x._value
    return np.asarray(x)


def _shape_of(x):
    return x._value.shape if isinstance(x, Tensor) else np.shape(x)


def _axis(axis):
    if isinstance(axis, Tensor):
        axis = axis._value.tolist()
    return axis
