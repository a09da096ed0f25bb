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


def _reflected(op, name):
    """`other <op> tensor`, when `other` (a Python number, a numpy array) does not know it."""

    def method(self, other):
        return op(other, self)

    method.__name__ = method.__qualname__ = name
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
Tensor.__add__ = add
Tensor.__radd__ = _reflected(add, "__radd__")
Tensor.__sub__ = subtract
Tensor.__rsub__ = _reflected(subtract, "__rsub__")
Tensor.__mul__ = multiply
Tensor.__rmul__ = _reflected(multiply, "__rmul__")
Tensor.__truediv__ = divide
Tensor.__rtruediv__ = _reflected(divide, "__rtruediv__")
Tensor.__floordiv__ = floordiv
Tensor.__rfloordiv__ = _reflected(floordiv, "__rfloordiv__")
Tensor.__mod__ = mod
Tensor.__rmod__ = _reflected(mod, "__rmod__")
Tensor.__pow__ = power
Tensor.__rpow__ = _reflected(power, "__rpow__")
Tensor.__matmul__ = matmul
Tensor.__rmatmul__ = _reflected(matmul, "__rmatmul__")
Tensor.__getitem__ = getitem
Tensor.__neg__ = negative
Tensor.__pos__ = _pos
Tensor.__abs__ = abs
Tensor.__invert__ = _invert
Tensor.__and__ = Tensor.__rand__ = logical_and
Tensor.__or__ = Tensor.__ror__ = logical_or
Tensor.__xor__ = Tensor.__rxor__ = logical_xor
Tensor.__lt__ = less
Tensor.__le__ = less_equal
Tensor.__gt__ = greater
Tensor.__ge__ = greater_equal
Tensor.__eq__ = _eq
Tensor.__ne__ = _ne
Variable.value = Variable.read_value = _value

_tensor._late_ops.stack = stack
_tensor._late_ops.cast = cast
