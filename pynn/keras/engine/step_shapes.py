"""Shapes in error messages while fit / evaluate / predict run their steps.

tf.keras traces its train / test / predict functions for a batch dimension of unknown size, so
a shape error raised inside them reads `found shape=(None, 5)` or `Shapes (None, 1) and
(None, 3) are incompatible`. pynn runs the steps on real batches; `display_shape` shows their
batch dimension as None while a step loop is running, so students see TensorFlow's words.
"""

import contextlib

from pynn.core.tensor import TensorShape

_DEPTH = [0]


@contextlib.contextmanager
def in_step_loop():
    """Marks fit / evaluate / predict's loop over batches (nestable)."""
    _DEPTH[0] += 1
    try:
        yield
    finally:
        _DEPTH[0] -= 1


def display_shape(shape):
    """`shape` as a TensorShape, with the batch dimension None inside a step loop."""
    dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
    if _DEPTH[0] and dims:
        dims = [None] + list(dims[1:])
    return TensorShape(dims)
