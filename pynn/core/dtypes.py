"""TensorFlow-style dtypes (`tf.float32`, `tf.int32`, ...) mapped onto numpy dtypes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import builtins  # this module's `bool` is tf.bool: annotations say builtins.bool

import numpy as np

if TYPE_CHECKING:
    from pynn.core.type_aliases import DTypeLike

__all__ = [
    "DType",
    "as_dtype",
    "bfloat16",
    "bool",
    "complex64",
    "complex128",
    "double",
    "float16",
    "float32",
    "float64",
    "half",
    "int8",
    "int16",
    "int32",
    "int64",
    "string",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
]


class DType:
    """A tensor element type, printed as TensorFlow prints it (`tf.float32`)."""

    __slots__ = ("_name", "_np")

    def __init__(self, name, np_dtype):
        self._name = name
        self._np = np_dtype

    @property
    def name(self) -> str:
        return self._name

    @property
    def as_numpy_dtype(self) -> type:
        """The numpy scalar type (`numpy.float32`), as TensorFlow returns it."""
        return self._np.type

    @property
    def base_dtype(self) -> DType:
        return self

    @property
    def is_floating(self) -> builtins.bool:
        return self._np.kind == "f"

    @property
    def is_integer(self) -> builtins.bool:
        return self._np.kind in "iu"

    @property
    def is_unsigned(self) -> builtins.bool:
        return self._np.kind == "u"

    @property
    def is_bool(self) -> builtins.bool:
        return self._np.kind == "b"

    @property
    def is_complex(self) -> builtins.bool:
        return self._np.kind == "c"

    @property
    def is_numpy_compatible(self) -> builtins.bool:
        return True

    @property
    def size(self) -> int:
        return self._np.itemsize

    @property
    def min(self):
        return np.finfo(self._np).min if self.is_floating else np.iinfo(self._np).min

    @property
    def max(self):
        return np.finfo(self._np).max if self.is_floating else np.iinfo(self._np).max

    def is_compatible_with(self, other: DTypeLike) -> builtins.bool:
        return self == other

    def __repr__(self):
        return "tf." + self._name

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __eq__(self, other):
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._name)

    def __reduce__(self):
        return as_dtype, (self._name,)


float16 = half = DType("float16", np.dtype(np.float16))
float32 = DType("float32", np.dtype(np.float32))
float64 = double = DType("float64", np.dtype(np.float64))
int8 = DType("int8", np.dtype(np.int8))
int16 = DType("int16", np.dtype(np.int16))
int32 = DType("int32", np.dtype(np.int32))
int64 = DType("int64", np.dtype(np.int64))
uint8 = DType("uint8", np.dtype(np.uint8))
uint16 = DType("uint16", np.dtype(np.uint16))
uint32 = DType("uint32", np.dtype(np.uint32))
uint64 = DType("uint64", np.dtype(np.uint64))
bool = DType("bool", np.dtype(np.bool_))
complex64 = DType("complex64", np.dtype(np.complex64))
complex128 = DType("complex128", np.dtype(np.complex128))
string = DType("string", np.dtype(object))
# numpy has no bfloat16: it is stored as float32, but keeps its own name.
bfloat16 = DType("bfloat16", np.dtype(np.float32))

_ALL = (
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
    bool,
    complex64,
    complex128,
    string,
)

_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update(
    {
        "half": float16,
        "double": float64,
        "bfloat16": bfloat16,
        "float": float32,
        "int": int32,
        "bool_": bool,
        "str": string,
    }
)
_BY_NP = {d._np: d for d in _ALL}
# TensorFlow's DataType enum values (types.proto)
_BY_ENUM = {
    1: float32,
    2: float64,
    3: int32,
    4: uint8,
    5: int16,
    6: int8,
    7: string,
    8: complex64,
    9: int64,
    10: bool,
    14: bfloat16,
    17: uint16,
    18: complex128,
    19: float16,
    22: uint32,
    23: uint64,
}
_BY_NP[np.dtype("S")] = string
_BY_NP[np.dtype("U")] = string


def as_dtype(value: DTypeLike) -> DType:
    """Convert a DType, numpy dtype/type, or name (`"float32"`) to a `DType`."""
    if type(value) is DType:
        return value
    if type(value) is str:
        d = _BY_NAME.get(value)
        if d is not None:
            return d
        raise TypeError(f"Cannot convert value {value!r} to a TensorFlow DType.")
    if value is float:
        return float32
    if value is int:
        return int32
    if type(value) is int and value in _BY_ENUM:  # TF's DataType enum: tf.zeros(1, 1)
        return _BY_ENUM[value]
    try:
        npd = np.dtype(value)  # type: ignore[arg-type]  # numpy decides; TypeError below
    except TypeError:
        npd = None
    if npd is not None:
        d = _BY_NP.get(npd)
        if d is None and npd.kind in "SUO":
            d = string
        if d is not None:
            return d
    # objects exposing `.dtype` (e.g. Keras dtype policies) or `.as_numpy_dtype`
    inner = getattr(value, "as_numpy_dtype", None)
    if inner is not None:
        return as_dtype(inner)
    raise TypeError(f"Cannot convert value {value!r} to a TensorFlow DType.")


def np_dtype(value):
    """The numpy dtype for a DType-like value (None stays None)."""
    if value is None:
        return None
    return as_dtype(value)._np


def from_numpy(npd):
    """The DType for a numpy dtype (fast path used by Tensor.dtype)."""
    d = _BY_NP.get(npd)
    if d is None:
        d = as_dtype(npd)
    return d
