"""Eager tensors on numpy: `Tensor`, `Variable`, `convert_to_tensor`, `constant` (and
`TensorShape`, which lives in tensor_shape.py, re-exported).

A `Tensor` wraps one numpy array (`tensor._value`, 0-d for scalars) and prints as TensorFlow
prints. Its operators (`a + b`, `a @ b`, `t[i]`, `v.value()`) are pynn.ops primitives, so
they are differentiable under a GradientTape: pynn/ops/tensor_methods.py attaches them when
pynn.ops is imported, as jax.numpy attaches the methods of JAX arrays, together with the two
ops this module's conversions call (`_late_ops`). The core defines Tensor and never imports
the ops that compute on it.
"""

from __future__ import annotations

import copy as _copy
import functools as _functools
from typing import TYPE_CHECKING

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.result_array import ResultArray, as_plain
from pynn.core.tensor_shape import Dimension, TensorShape, as_shape
from pynn.core.trace_state import active as _tracing
from pynn.core.trace_state import peek as _peek

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from pynn.core.dtypes import DType
    from pynn.core.type_aliases import DTypeLike, ShapeLike, TensorLike

__all__ = [
    "Dimension",
    "Reference",
    "Tensor",
    "TensorShape",
    "Variable",
    "constant",
    "convert_to_tensor",
    "is_tensor",
]

_ndarray = np.ndarray
_new = object.__new__
_NP2 = int(np.__version__.split(".")[0]) >= 2
_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


class _LateOps:
    """The pynn.ops functions the conversions below call, set by pynn/ops/tensor_methods.py:
    `stack` packs a list holding Tensors (differentiably, as TensorFlow's array_ops registers
    its "autopacking" conversion), `cast` serves `constant(tensor, dtype)`."""

    stack: Callable[..., Tensor]
    cast: Callable[..., Tensor]


_late_ops = _LateOps()


# --------------------------------------------------------------------------- Reference
class Reference:
    """Hashable reference to a Tensor or Variable (`t.ref()`); `deref()` gives it back."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return f"<Reference wrapping {self._obj!r}>"


# --------------------------------------------------------------------------- Tensor
def _numpy_text(value, is_repr):
    """numpy's text for a value, with numpy 1.x scalar style (`1.0`, not `np.float32(1.0)`)."""
    if value.ndim == 0:
        scalar = value[()]
        if _NP2:
            with np.printoptions(legacy="1.25"):
                return repr(scalar) if is_repr else str(scalar)
        return repr(scalar) if is_repr else str(scalar)
    return repr(value) if is_repr else str(value)


class Tensor:
    """An immutable eager tensor, as `tf.Tensor` in TensorFlow 2.

    `tensor._value` is the numpy array (read it directly in hot paths).
    """

    __array_priority__ = 100
    _value: np.ndarray
    _node = None  # (vjp, parents, pass_needs) when recorded on a GradientTape
    _keras_mask = None
    _pynn_symbolic = False
    _is_variable = False

    def __new__(cls, *args, **kwargs):
        return _new(EagerTensor if cls is Tensor else cls)

    def __init__(self, value: TensorLike, dtype: DTypeLike | None = None) -> None:
        if isinstance(value, Tensor):
            value = value._value
        self._value = np.asarray(value, dtype=_dt.np_dtype(dtype))

    # --- basic attributes
    @property
    def shape(self) -> TensorShape:
        shape = _new(TensorShape)
        shape._dims = self._value.shape  # numpy shapes are tuples of ints: no checks
        return shape

    def get_shape(self) -> TensorShape:
        return self.shape

    @property
    def dtype(self) -> DType:
        return _dt.from_numpy(self._value.dtype)

    @property
    def ndim(self) -> int:
        return self._value.ndim

    @property
    def device(self) -> str:
        return _DEVICE

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    def numpy(self) -> np.ndarray | np.generic:
        """The value as a numpy array (a numpy scalar for 0-d tensors); one-element arrays
        convert to Python numbers as on numpy 1.x (`ResultArray`)."""
        if _tracing:
            _peek(self, "numpy()")
        v = self._value
        return v[()] if v.ndim == 0 else v.view(ResultArray)

    def _shape_tuple(self):
        return self._value.shape

    def ref(self) -> Reference:
        return Reference(self)

    experimental_ref = ref

    def set_shape(self, shape: ShapeLike) -> None:
        if not as_shape(shape).is_compatible_with(self._value.shape):
            raise ValueError(
                f"Tensor's shape {self.shape} is not compatible with supplied "
                f"shape {as_shape(shape)}"
            )

    # --- numpy / python protocol
    def __array__(self, dtype=None, copy=None):
        if _tracing:
            _peek(self, "a numpy conversion (np.asarray or a numpy function)")
        v = self._value
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        if copy:
            return v.copy()
        return v

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        v = self._value
        if v.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        if self._node is None and not self._is_variable and not _tracing:
            return iter([_wrap(row) for row in v])
        return iter([self[i] for i in range(v.shape[0])])

    def __bool__(self):
        if _tracing:
            _peek(self, "bool() (a Python if, while, and, or, not on a tensor)")
        return bool(self._value)

    def __float__(self):
        # size-1 tensors convert too, as TensorFlow (on numpy 1.x) allows
        if _tracing:
            _peek(self, "float()")
        v = self._value
        return float(v.reshape(()) if v.size == 1 else v)

    def __int__(self):
        if _tracing:
            _peek(self, "int()")
        v = self._value
        return int(v.reshape(()) if v.size == 1 else v)

    def __index__(self):
        if _tracing:
            _peek(self, "use as an index")
        v = self._value
        if v.dtype.kind not in "iu" or v.ndim != 0:
            raise TypeError(
                "Only integer scalar tensors can be used as an index, got "
                f"{self.dtype.name} {self.shape}"
            )
        return int(v)

    def __complex__(self):
        if _tracing:
            _peek(self, "complex()")
        return complex(self._value)

    def __format__(self, spec):
        if _tracing:
            _peek(self, "formatting")
        return format(self._value[()] if self._value.ndim == 0 else self._value, spec)

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __reduce__(self):
        return constant, (self._value,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        if _tracing:
            symbolic = _tracing[0].describe(self)
            if symbolic is not None:
                return symbolic
            _peek(self, "printing (repr)")
        text = _numpy_text(self._value, True)
        newline = "\n" if "\n" in text else ""
        return f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, numpy={newline}{text}>"

    def __str__(self):
        if _tracing:
            symbolic = _tracing[0].describe(self)
            if symbolic is not None:
                return symbolic
            _peek(self, "printing (str)")
        text = _numpy_text(self._value, False)
        return "tf.Tensor({}{}, shape={}, dtype={})".format(
            "\n" if "\n" in text else "", text, self.shape, self.dtype.name
        )

    # The operators (`+ - * / // % ** @`, their reflected forms, `t[key]`, unary `- + abs ~`,
    # `& | ^`, comparisons) are pynn.ops primitives, attached by pynn/ops/tensor_methods.py;
    # declared here for type checkers.
    if TYPE_CHECKING:

        def __getitem__(self, key: Any) -> Tensor: ...
        def __add__(self, other: TensorLike) -> Tensor: ...
        def __radd__(self, other: TensorLike) -> Tensor: ...
        def __sub__(self, other: TensorLike) -> Tensor: ...
        def __rsub__(self, other: TensorLike) -> Tensor: ...
        def __mul__(self, other: TensorLike) -> Tensor: ...
        def __rmul__(self, other: TensorLike) -> Tensor: ...
        def __truediv__(self, other: TensorLike) -> Tensor: ...
        def __rtruediv__(self, other: TensorLike) -> Tensor: ...
        def __floordiv__(self, other: TensorLike) -> Tensor: ...
        def __rfloordiv__(self, other: TensorLike) -> Tensor: ...
        def __mod__(self, other: TensorLike) -> Tensor: ...
        def __rmod__(self, other: TensorLike) -> Tensor: ...
        def __pow__(self, other: TensorLike) -> Tensor: ...
        def __rpow__(self, other: TensorLike) -> Tensor: ...
        def __matmul__(self, other: TensorLike) -> Tensor: ...
        def __rmatmul__(self, other: TensorLike) -> Tensor: ...
        def __neg__(self) -> Tensor: ...
        def __pos__(self) -> Tensor: ...
        def __abs__(self) -> Tensor: ...
        def __invert__(self) -> Tensor: ...
        def __and__(self, other: TensorLike) -> Tensor: ...
        def __rand__(self, other: TensorLike) -> Tensor: ...
        def __or__(self, other: TensorLike) -> Tensor: ...
        def __ror__(self, other: TensorLike) -> Tensor: ...
        def __xor__(self, other: TensorLike) -> Tensor: ...
        def __rxor__(self, other: TensorLike) -> Tensor: ...
        def __lt__(self, other: TensorLike) -> Tensor: ...
        def __le__(self, other: TensorLike) -> Tensor: ...
        def __gt__(self, other: TensorLike) -> Tensor: ...
        def __ge__(self, other: TensorLike) -> Tensor: ...
        def __eq__(self, other: object) -> Tensor: ...  # type: ignore[override]
        def __ne__(self, other: object) -> Tensor: ...  # type: ignore[override]


class EagerTensor(Tensor):
    """The class of every eager tensor, as in TF (`type(t).__name__ == "EagerTensor"`);
    `Tensor(value)` makes one, and `isinstance(t, tf.Tensor)` holds."""


def _wrap(value):
    """A Tensor around an ndarray, without checks (hot path)."""
    t = _new(EagerTensor)
    t._value = value
    return t


def is_tensor(x: object) -> bool:
    return isinstance(x, Tensor)


# --------------------------------------------------------------------------- conversion
def _python_to_array(value, dtype):
    """numpy array for a Python value, with TensorFlow's default dtypes."""
    if dtype is not None:
        npd = _dt.np_dtype(dtype)
        arr = np.asarray(value)
        if (
            npd.kind in "iub"
            and arr.dtype.kind == "f"
            and (npd.kind == "b" or not np.array_equal(arr, np.trunc(arr)))
        ):
            raise TypeError(
                f"Cannot convert {value!r} to EagerTensor of dtype {_dt.as_dtype(dtype).name}"
            )
        if npd.kind == "O":
            return _string_array(arr)
        return arr.astype(npd, copy=False)
    arr = np.asarray(value)
    k = arr.dtype.kind
    if k == "f":
        if arr.dtype != np.float32:
            arr = arr.astype(np.float32)
    elif k in "iu":
        if arr.dtype != np.int32:
            if arr.size and (arr.max() > 2147483647 or arr.min() < -2147483648):
                arr = arr.astype(np.int64)
            else:
                arr = arr.astype(np.int32)
    elif k == "c":
        arr = arr.astype(np.complex128)
    elif k in "SUO":
        arr = _string_array(arr)
    return arr


def _string_array(arr):
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, s in enumerate(arr.reshape(-1)):
        flat[i] = (
            s.encode("utf-8")
            if isinstance(s, str)
            else (s if isinstance(s, bytes) else str(s).encode("utf-8"))
        )
    return out


def _is_python_value(value):
    return isinstance(value, (int, float, bool, complex, list, tuple, str, bytes))


def convert_to_tensor(
    value: TensorLike,
    dtype: DTypeLike | None = None,
    dtype_hint: DTypeLike | None = None,
    name: str | None = None,
) -> Tensor:
    """Convert a Tensor, numpy array or Python value to a `Tensor` (TensorFlow's rules).

    Python floats become float32 and ints int32; numpy arrays keep their dtype.
    """
    if isinstance(value, Tensor):
        if dtype is not None:
            want = _dt.as_dtype(dtype)
            if want._np != value._value.dtype:
                raise ValueError(
                    f"Tensor conversion requested dtype {want.name} for Tensor "
                    f"with dtype {value.dtype.name}: {value!r}"
                )
        if isinstance(value, Variable):
            return value.value()
        return value
    if getattr(value, "_pynn_symbolic", False):
        raise TypeError(
            f"You are passing {value!r}, an intermediate Keras symbolic input/output, to a TF "
            "API that does not allow registering custom dispatchers. Wrap the call in a "
            "keras.layers.Lambda layer."
        )
    if isinstance(value, _ndarray):
        if type(value) is not _ndarray:  # ResultArray, np.matrix...: store plain arrays
            value = value.view(_ndarray)
        if dtype is not None:
            npd = _dt.np_dtype(dtype)
            if npd.kind == "O":
                return _wrap(_string_array(value))
            return _wrap(value.astype(npd, copy=False))
        if value.dtype.kind in "SUO":
            if value.dtype.kind == "O" and all(type(s) is bytes for s in value.flat):
                return _wrap(value)  # already TF's strings: keep the array (and its id)
            return _wrap(_string_array(value))
        return _wrap(value)
    if isinstance(value, np.generic):
        return convert_to_tensor(np.asarray(value), dtype=dtype)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Tensor) for v in value):
        return _late_ops.stack([convert_to_tensor(v, dtype=dtype) for v in value])
    if dtype is None and dtype_hint is not None and _is_python_value(value):
        try:
            return _wrap(_python_to_array(value, dtype_hint))
        except (TypeError, ValueError):
            pass
    if isinstance(value, TensorShape):
        value = value.as_list()
    if not _is_python_value(value) and hasattr(value, "__array__"):
        return convert_to_tensor(np.asarray(value), dtype=dtype)
    if value is None:
        raise ValueError(
            "Attempt to convert a value (None) with an unsupported type "
            "(<class 'NoneType'>) to a Tensor."
        )
    try:
        return _wrap(_python_to_array(value, dtype))
    except ValueError as e:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.") from e


def constant(
    value: TensorLike,
    dtype: DTypeLike | None = None,
    shape: ShapeLike | None = None,
    name: str = "Const",
) -> Tensor:
    """`tf.constant`: a Tensor from a Python or numpy value, optionally cast and reshaped."""
    if isinstance(value, Tensor):
        t = value if dtype is None else _late_ops.cast(value, dtype)
        t = _wrap(t._value)
    elif isinstance(value, _ndarray) and dtype is not None:
        plain = as_plain(value)
        npd = _dt.np_dtype(dtype)
        t = _wrap(_string_array(plain) if npd.kind == "O" else plain.astype(npd))
    else:
        t = convert_to_tensor(value, dtype=dtype)
        if isinstance(value, _ndarray):
            t = _wrap(np.array(value))  # a plain copy (np.array drops subclasses)
    if shape is not None:
        shape = tuple(as_shape(shape).as_list())
        v = t._value
        n = int(np.prod(shape))  # type: ignore[arg-type]  # an unknown (None) size: TypeError
        if v.size == 1:
            t = _wrap(np.full(shape, v.reshape(()), dtype=v.dtype))
        elif v.size == n:
            t = _wrap(v.reshape(shape))
        else:
            raise TypeError(
                f"Eager execution of tf.constant with unsupported shape. Tensor "
                f"{_numpy_text(v, False)} (converted from {value!r}) has {v.size} "
                f"elements, but got `shape` {TensorShape(shape)} with {n} "
                "elements)."
            )
    return t


# --------------------------------------------------------------------------- Variable
def _assign_slice(variable, key, value, use_locking=None, name=None, read_value=True):
    """`variable[key].assign(value)`: writes `value` into the variable there (TF has no sliced
    `assign_add`)."""
    full = variable._value.copy()
    full[key] = np.asarray(value._value if isinstance(value, Tensor) else value, dtype=full.dtype)
    return variable.assign(full, read_value=read_value)


class Variable(Tensor):
    """A mutable tensor, as `tf.Variable`: `assign`, `assign_add`, `assign_sub` write in place.

    >>> v = Variable([[1., 2.]], name="dense/kernel")
    >>> v.name
    'dense/kernel:0'
    """

    _is_variable = True
    # `value()` and `read_value()` (an identity op: a differentiable read) are attached with
    # Tensor's operators by pynn/ops/tensor_methods.py.
    if TYPE_CHECKING:

        def value(self) -> Tensor: ...
        def read_value(self) -> Tensor: ...

    def __init__(
        self,
        initial_value: TensorLike | Callable[[], TensorLike] | None = None,
        trainable: bool | None = None,
        name: str | None = None,
        dtype: DTypeLike | None = None,
        constraint: Callable[[Tensor], Tensor] | None = None,
        shape: ShapeLike | None = None,
        validate_shape: bool = True,
        caching_device=None,
        synchronization=None,
        aggregation=None,
        import_scope=None,
        **kwargs,
    ) -> None:
        if initial_value is None:
            raise ValueError("The `initial_value` argument to `tf.Variable` must be specified.")
        if callable(initial_value) and not isinstance(initial_value, Tensor):
            initial_value = initial_value()
        if constraint is not None and not callable(constraint):
            raise ValueError(
                f"The `constraint` argument must be a callable. Received: {constraint!r}"
            )
        if isinstance(initial_value, Tensor):
            value = initial_value._value
            if dtype is not None:
                value = value.astype(_dt.np_dtype(dtype))
        elif isinstance(initial_value, _ndarray) and dtype is None:
            value = initial_value
        else:
            value = convert_to_tensor(initial_value, dtype=dtype)._value
        # C order, so in-place updates and reshape views behave
        self._value = np.array(value, copy=True, order="C")
        self._trainable = True if trainable is None else bool(trainable)
        if name is None:
            name = "Variable"
        name = str(name)
        self._name = name if name.endswith(":0") else name + ":0"
        self._constraint = constraint
        self._initial_value = self._value.copy()
        self._shape_spec = None if shape is None else as_shape(shape)

    @property
    def name(self) -> str:
        return self._name

    @property
    def trainable(self) -> bool:
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def initial_value(self) -> Tensor:
        return _wrap(self._initial_value)

    @property
    def shape(self) -> TensorShape:
        if self._shape_spec is not None:
            return self._shape_spec
        return TensorShape(self._value.shape)

    @property
    def synchronization(self):
        return "AUTO"

    @property
    def aggregation(self):
        return "NONE"

    def numpy(self) -> np.ndarray | np.generic:
        if _tracing:
            _peek(self, "numpy()")
        v = self._value
        return v[()] if v.ndim == 0 else v.copy().view(ResultArray)

    def __array__(self, dtype=None, copy=None):
        # a snapshot, as TF: the variable's buffer is updated in place by training
        if _tracing:
            _peek(self, "a numpy conversion (np.asarray or a numpy function)")
        v = self._value
        return v.astype(dtype) if dtype is not None and v.dtype != dtype else v.copy()

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    def __getitem__(self, key):
        # `v[0, 1].assign(0.)` writes into the variable: as in TF, the slice is an ordinary
        # tensor that carries an `assign` bound to the variable and the key
        out = Tensor.__getitem__(self, key)
        out.assign = _functools.partial(_assign_slice, self, key)
        return out

    def _new_value(self, value, what):
        v = value._value if isinstance(value, Tensor) else np.asarray(value)
        if v.shape != self._value.shape and (
            self._shape_spec is None or not self._shape_spec.is_compatible_with(v.shape)
        ):
            raise ValueError(
                f"Cannot {what} to variable ' {self._name}': Shape mismatch.The variable "
                f"shape {TensorShape(self._value.shape)}, and the assigned value shape "
                f"{TensorShape(v.shape)} are incompatible."
            )
        return v

    def assign(
        self,
        value: TensorLike,
        use_locking: bool | None = None,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Write `value` (same shape) into the variable, in place."""
        if _tracing:
            _tracing[0].assign(self, "assign", value)
        v = self._new_value(value, "assign value")
        if v.shape != self._value.shape:  # variables declared with a flexible `shape`
            self._value = np.array(v, dtype=self._value.dtype)
        else:
            self._value[...] = v
        return self._read_after_write() if read_value else None

    def assign_add(
        self,
        delta: TensorLike,
        use_locking: bool | None = None,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Add `delta` (same shape) to the variable, in place."""
        if _tracing:
            _tracing[0].assign(self, "assign_add", delta)
        np.add(self._value, self._new_value(delta, "add value"), out=self._value, casting="unsafe")
        return self._read_after_write() if read_value else None

    def assign_sub(
        self,
        delta: TensorLike,
        use_locking: bool | None = None,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Subtract `delta` (same shape) from the variable, in place."""
        if _tracing:
            _tracing[0].assign(self, "assign_sub", delta)
        np.subtract(
            self._value, self._new_value(delta, "subtract value"), out=self._value, casting="unsafe"
        )
        return self._read_after_write() if read_value else None

    def _read_after_write(self):
        # What `assign*` return in TF's eager mode: the same variable, shown as
        # 'UnreadVariable'. Inside a recorded train step, the variable itself (the recording
        # knows it by identity).
        return self if _tracing else _UnreadVariable(self)

    def __hash__(self):
        raise TypeError(
            f"Variable is unhashable. Instead, use variable.ref() as the key. (Variable: {self!r})"
        )

    def __repr__(self):
        if _tracing:
            symbolic = _tracing[0].describe(self)
            if symbolic is not None:
                return symbolic
            _peek(self, "printing")
        text = _numpy_text(self._value, True)
        newline = "\n" if "\n" in text else ""
        return (
            f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}, "
            f"numpy={newline}{text}>"
        )

    __str__ = __repr__

    def __reduce__(self):
        return _rebuild_variable, (self.numpy(), self._trainable, self._name[:-2])

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        new = _new(type(self))
        new.__dict__.update(_copy.deepcopy(self.__dict__, memo))
        new._value = self._value.copy()
        return new


class _UnreadVariable(Variable):
    """What `assign`, `assign_add` and `assign_sub` return, as TF's eager `_UnreadVariable`:
    the variable itself under another name. It reads and writes the variable's values (so it
    shows later updates too) and prints as `<tf.Variable 'UnreadVariable' ...>`."""

    def __init__(self, variable):  # noqa: PLW0231 (a view of `variable`, not a new variable)
        self.__dict__["_source"] = variable
        self.__dict__["_name"] = "UnreadVariable"

    @property
    def _value(self):
        return self._source._value

    @_value.setter
    def _value(self, value):
        self._source._value = value

    @property
    def name(self) -> str:
        return "UnreadVariable"

    def __getattr__(self, attribute):  # the variable's other state (trainable, constraint ...)
        return getattr(self.__dict__["_source"], attribute)

    def __reduce__(self):
        return self._source.__reduce__()


def _rebuild_variable(value, trainable, name):
    return Variable(value, trainable=trainable, name=name)
