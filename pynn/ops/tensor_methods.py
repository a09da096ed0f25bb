"""Tensor's operators, attached to pynn.core.tensor's classes when pynn.ops is imported.

`a + b`, `a @ b`, `t[i]`, `a == b` ... on Tensors are the primitives of this package, so they
are differentiable under a GradientTape; `Variable.value()` / `read_value()` is an `identity`
op (a recorded read, which is what `convert_to_tensor(variable)` returns). As jax.numpy
attaches the methods of JAX arrays, the ops attach them here: pynn.core defines Tensor and
never imports the ops that compute on it. `convert_to_tensor` and `constant` get the two ops
they call (`stack`, `cast`) the same way.
"""

from pynn.core import tensor as _tensor
from pynn.core.tensor import Tensor, Variable
from pynn.ops.array import getitem, identity, stack
from pynn.ops.math import (
    abs,
    add,
    bitwise_invert,
    cast,
    divide,
    floordiv,
    greater,
    greater_equal,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    matmul,
    mod,
    multiply,
    negative,
    power,
    subtract,
    tensor_equals,
    tensor_not_equals,
)

__all__ = []  # nothing to re-export: importing the module attaches the methods


def _reflected(op):
    """`other <op> tensor`, when `other` (a Python number, a numpy array) does not know it."""

    def method(self, other):
        return op(other, self)

    return method


def _pos(self):
    return self


def _invert(self):
    return logical_not(self) if self._value.dtype.kind == "b" else bitwise_invert(self)


def _eq(self, other):
    if other is None:
        return False
    if getattr(other, "_pynn_symbolic", False):
        return NotImplemented  # a KerasTensor: its == builds a layer
    return tensor_equals(self, other)


def _ne(self, other):
    if other is None:
        return True
    if getattr(other, "_pynn_symbolic", False):
        return NotImplemented
    return tensor_not_equals(self, other)


def _value(self):
    """The variable's current value, read as an `identity` op (differentiable)."""
    return identity(self)


# The ops are plain functions of (a, b): bound as methods, `a + b` calls `add(a, b)`.
_TENSOR_METHODS = {
    "__add__": add,
    "__radd__": _reflected(add),
    "__sub__": subtract,
    "__rsub__": _reflected(subtract),
    "__mul__": multiply,
    "__rmul__": _reflected(multiply),
    "__truediv__": divide,
    "__rtruediv__": _reflected(divide),
    "__floordiv__": floordiv,
    "__rfloordiv__": _reflected(floordiv),
    "__mod__": mod,
    "__rmod__": _reflected(mod),
    "__pow__": power,
    "__rpow__": _reflected(power),
    "__matmul__": matmul,
    "__rmatmul__": _reflected(matmul),
    "__getitem__": getitem,
    "__neg__": negative,
    "__pos__": _pos,
    "__abs__": abs,
    "__invert__": _invert,
    "__and__": logical_and,
    "__rand__": logical_and,
    "__or__": logical_or,
    "__ror__": logical_or,
    "__xor__": logical_xor,
    "__rxor__": logical_xor,
    "__lt__": less,
    "__le__": less_equal,
    "__gt__": greater,
    "__ge__": greater_equal,
    "__eq__": _eq,
    "__ne__": _ne,
}
for _name, _method in _TENSOR_METHODS.items():
    setattr(Tensor, _name, _method)
Variable.value = Variable.read_value = _value  # type: ignore[method-assign]

_tensor._late_ops.stack = stack
_tensor._late_ops.cast = cast
