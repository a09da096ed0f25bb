"""Weight constraints, as `keras.constraints` (tf.keras 2.15).

A constraint maps a weight tensor to its projected value; optimizers apply it
after every update (`Variable.constraint`).
"""

import numpy as np

from pynn import ops
from pynn.keras.utils import generic_utils

_EPSILON = 1e-7  # keras.backend.epsilon()


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


class Constraint:
    """Base class: `__call__(w) -> projected w`, plus `get_config`."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    """Rescales weights whose L2 norm along `axis` exceeds `max_value` (default 2).

    `axis=0` constrains each column of a Dense kernel (each unit's incoming weights);
    use `axis=[0, 1, 2]` for a Conv2D kernel.
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0.0, self.max_value)
        return w * (desired / (norms + _EPSILON))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to zero."""

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return w * ops.cast(ops.greater_equal(w, 0.0), w.dtype)


class UnitNorm(Constraint):
    """Divides weights by their L2 norm along `axis`."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return w / (_norms(w, self.axis) + _EPSILON)

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves the norm along `axis` towards `[min_value, max_value]` at `rate` (1 = all the way)."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, self.min_value, self.max_value) * self.rate + norms * (
            1 - self.rate
        )
        return w * (desired / (norms + _EPSILON))

    def get_config(self):
        return {
            "min_value": self.min_value,
            "max_value": self.max_value,
            "rate": self.rate,
            "axis": self.axis,
        }


class RadialConstraint(Constraint):
    """Makes each (height, width) slice of a square Conv2D kernel radially symmetric:
    every ring of cells around the centre takes one value from the main diagonal."""

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        if w.ndim != 4:
            raise ValueError(
                f"The weight tensor must have rank 4. Received weight tensor with shape: {w.shape}"
            )
        size = w.shape[0]
        start = size // 2
        rows, cols = np.indices((size, size))
        if size % 2:
            ring, offset = np.maximum(np.abs(rows - start), np.abs(cols - start)), start - 1
        else:
            ring = np.maximum(np.abs(2 * rows - size + 1), np.abs(2 * cols - size + 1)) // 2
            offset = start
        # tf.keras 2.15 fills the innermost ring from entry start-1 of the diagonal and
        # ring r from entry offset + r; we reproduce its exact choice of entries.
        diagonal_index = np.where(ring == 0, start - 1, offset + ring)
        return w[diagonal_index, diagonal_index]

    def get_config(self):
        return {}


max_norm = maxnorm = MaxNorm
non_neg = nonneg = NonNeg
unit_norm = unitnorm = UnitNorm
min_max_norm = MinMaxNorm
radial_constraint = RadialConstraint

_OBJECTS = {
    cls.__name__: cls
    for cls in (Constraint, MaxNorm, NonNeg, UnitNorm, MinMaxNorm, RadialConstraint)
}
_OBJECTS.update(
    max_norm=MaxNorm,
    maxnorm=MaxNorm,
    non_neg=NonNeg,
    nonneg=NonNeg,
    unit_norm=UnitNorm,
    unitnorm=UnitNorm,
    min_max_norm=MinMaxNorm,
    radial_constraint=RadialConstraint,
)


def serialize(constraint):
    """Config dict `{"module", "class_name", "config", "registered_name"}` (None for None)."""
    return generic_utils.serialize_keras_object(constraint, "keras.constraints")


def deserialize(config, custom_objects=None):
    """A constraint from a name (`'max_norm'`) or a config dict."""
    return generic_utils.deserialize_keras_object(config, _OBJECTS, "constraint", custom_objects)


def get(identifier):
    """Resolves None, a name, a config dict or a callable to a constraint."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint function identifier: {identifier}")
