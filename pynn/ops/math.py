"""Elementwise math, comparisons, matmul and cast: primitives with their VJP beside them."""

from __future__ import annotations

import math as _math
from typing import TYPE_CHECKING

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.autodiff import primitive, unbroadcast
from pynn.core.errors import op_error
from pynn.core.tensor import Tensor, _wrap
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import peek as _peek
from pynn.ops import gemm as _gemm
from pynn.ops.array import identity, matrix_transpose

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pynn.core.tensor import Tensor
    from pynn.core.type_aliases import DTypeLike, TensorLike

__all__ = [
    "abs",
    "add",
    "add_n",
    "bitwise_invert",
    "cast",
    "ceil",
    "clip",
    "cos",
    "divide",
    "einsum",
    "equal",
    "erf",
    "exp",
    "expm1",
    "floor",
    "floordiv",
    "greater",
    "greater_equal",
    "is_finite",
    "is_inf",
    "is_nan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "matmul",
    "maximum",
    "minimum",
    "mod",
    "multiply",
    "negative",
    "not_equal",
    "power",
    "reciprocal",
    "round",
    "rsqrt",
    "sign",
    "sin",
    "sqrt",
    "square",
    "squared_difference",
    "subtract",
    "tan",
    "tensor_equals",
    "tensor_not_equals",
    "where",
]

_SQRT_PI_INV2 = 2.0 / _math.sqrt(_math.pi)


# --------------------------------------------------------------------------- arithmetic
@primitive(name="AddV2")
def add(a: np.ndarray, b: np.ndarray):
    def vjp(g):
        return unbroadcast(g, a.shape), unbroadcast(g, b.shape)

    return a + b, vjp


@primitive(name="Sub")
def subtract(a: np.ndarray, b: np.ndarray):
    def vjp(g):
        return unbroadcast(g, a.shape), unbroadcast(-g, b.shape)

    return a - b, vjp


@primitive(name="Mul")
def multiply(a: np.ndarray, b: np.ndarray):
    def vjp(g):
        return unbroadcast(g * b, a.shape), unbroadcast(g * a, b.shape)

    return a * b, vjp


def _true_div_dtype(npd):
    # TensorFlow's truediv: int8/int16/uint8/uint16 -> float32, int32/int64 -> float64
    return np.float32 if npd.itemsize <= 2 else np.float64


@primitive(name="RealDiv")
def divide(a: np.ndarray, b: np.ndarray):
    if a.dtype.kind in "iub":
        ft = _true_div_dtype(a.dtype)
        a, b = a.astype(ft), b.astype(ft)
        return a / b, None
    out = a / b

    def vjp(g):
        ga = g / b
        return unbroadcast(ga, a.shape), unbroadcast(-ga * out, b.shape)

    return out, vjp


@primitive(name="FloorDiv")
def floordiv(a: np.ndarray, b: np.ndarray):
    return np.floor_divide(a, b), None


@primitive(name="FloorMod")
def mod(a: np.ndarray, b: np.ndarray):
    out = np.mod(a, b)
    if a.dtype.kind not in "fc":
        return out, None

    def vjp(g):
        return unbroadcast(g, a.shape), unbroadcast(-g * np.floor(a / b), b.shape)

    return out, vjp


@primitive(name="Neg")
def negative(x: np.ndarray):
    return -x, lambda g: -g


@primitive(name="Pow", needs=True)
def power(a: np.ndarray, b: np.ndarray):
    out = np.power(a, b)

    def vjp(g, needs):
        ga = gb = None
        if needs[0]:
            ga = unbroadcast(g * b * np.power(a, b - 1), a.shape)
        if needs[1]:
            safe = np.where(a > 0, a, 1)
            gb = unbroadcast(g * out * np.log(safe) * (a > 0), b.shape)
        return ga, gb

    return out, vjp


@primitive
def square(x: np.ndarray):
    return x * x, lambda g: g * 2 * x


@primitive
def sqrt(x: np.ndarray):
    out = np.sqrt(x)
    return out, lambda g: g * 0.5 / out


@primitive
def rsqrt(x: np.ndarray):
    out = 1 / np.sqrt(x)
    return out, lambda g: g * -0.5 * out * out * out


def exp_values(x: np.ndarray) -> np.ndarray:
    """exp on a numpy array; float32 goes through float64 so results are correctly rounded
    like TensorFlow's (numpy's SIMD float32 exp may be 1 ulp off, visible when printed)."""
    if x.dtype == np.float32:
        return np.exp(x, dtype=np.float64).astype(np.float32)
    return np.exp(x)


@primitive
def exp(x: np.ndarray):
    out = exp_values(x)
    return out, lambda g: g * out


@primitive
def log(x: np.ndarray):
    return np.log(x), lambda g: g / x


@primitive
def log1p(x: np.ndarray):
    return np.log1p(x), lambda g: g / (1 + x)


@primitive
def expm1(x: np.ndarray):
    out = np.expm1(x)
    return out, lambda g: g * (out + 1)


@primitive(name="Abs")
def abs(x: np.ndarray):
    return np.abs(x), lambda g: g * np.sign(x)


@primitive
def sign(x: np.ndarray):
    return np.sign(x), lambda g: np.zeros_like(g)


@primitive
def reciprocal(x: np.ndarray):
    out = 1 / x
    return out, lambda g: -g * out * out


@primitive
def sin(x: np.ndarray):
    return np.sin(x), lambda g: g * np.cos(x)


@primitive
def cos(x: np.ndarray):
    return np.cos(x), lambda g: -g * np.sin(x)


@primitive
def tan(x: np.ndarray):
    out = np.tan(x)
    return out, lambda g: g * (1 + out * out)


@primitive(name="Round")
def round(x: np.ndarray):
    # banker's rounding (half to even), as tf.round
    return np.round(x), lambda g: np.zeros_like(g)


@primitive
def floor(x: np.ndarray):
    return np.floor(x), lambda g: np.zeros_like(g)


@primitive
def ceil(x: np.ndarray):
    return np.ceil(x), lambda g: np.zeros_like(g)


_math_erf = np.vectorize(_math.erf, otypes=[np.float64])


def erf_values(x: np.ndarray) -> np.ndarray:
    """erf on a numpy array, in the array's precision."""
    if x.dtype == np.float64:  # exact, one Python call per element (float64 is rare)
        return _math_erf(x) if x.size else np.zeros_like(x)
    # Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float32 resolution
    ax = np.abs(x)
    t = 1 / (1 + 0.3275911 * ax)
    poly = (
        (((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t
    return np.sign(x) * (1 - poly * np.exp(-ax * ax))


@primitive
def erf(x: np.ndarray):
    return erf_values(x), lambda g: g * _SQRT_PI_INV2 * np.exp(-x * x)


@primitive
def maximum(a: np.ndarray, b: np.ndarray):
    def vjp(g):
        mask = a >= b
        return unbroadcast(g * mask, a.shape), unbroadcast(g * ~mask, b.shape)

    return np.maximum(a, b), vjp


@primitive
def minimum(a: np.ndarray, b: np.ndarray):
    def vjp(g):
        mask = a <= b
        return unbroadcast(g * mask, a.shape), unbroadcast(g * ~mask, b.shape)

    return np.minimum(a, b), vjp


@primitive(name="SquaredDifference")
def squared_difference(a: np.ndarray, b: np.ndarray):
    d = a - b

    def vjp(g):
        gd = 2 * g * d
        return unbroadcast(gd, a.shape), unbroadcast(-gd, b.shape)

    return d * d, vjp


@primitive(name="ClipByValue")
def _clip(x, lo, hi):
    def vjp(g):
        inside = (x >= lo) & (x <= hi)
        return g * inside, None, None

    return np.clip(x, lo, hi), vjp


def clip(x: TensorLike, clip_value_min: TensorLike, clip_value_max: TensorLike) -> Tensor:
    """Clip values to [clip_value_min, clip_value_max] (gradient passes inside the range)."""
    return _clip(x, clip_value_min, clip_value_max)


def add_n(inputs: Sequence[TensorLike]) -> Tensor:
    """Sum of a list of tensors of the same shape."""
    inputs = list(inputs)
    if not inputs:
        raise ValueError("inputs must be a non-empty list of tensors, got []")
    out = inputs[0]
    for x in inputs[1:]:
        out = add(out, x)
    return out if isinstance(out, Tensor) else identity(out)


@primitive(name="SelectV2", coerce=(1, 2))
def _where(cond, x, y):
    cond = cond.astype(bool, copy=False)

    def vjp(g):
        zero = np.zeros((), g.dtype)
        return (
            None,
            unbroadcast(np.where(cond, g, zero), x.shape),
            unbroadcast(np.where(cond, zero, g), y.shape),
        )

    return np.where(cond, x, y), vjp


def where(
    condition: TensorLike, x: TensorLike | None = None, y: TensorLike | None = None
) -> Tensor:
    """Elementwise select `x` where `condition`, else `y`; with one argument, the int64
    coordinates of the True entries (as tf.where)."""
    if x is None and y is None:
        if isinstance(condition, Tensor):
            if _tracing:  # a data-dependent shape
                _peek(condition, "tf.where with one argument")
            c = condition._value
        else:
            c = np.asarray(condition)
        return _wrap(np.argwhere(c).astype(np.int64))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _where(condition, x, y)


@primitive(name="MatMul", needs=True)
def _matmul(a, b):
    if a.ndim != b.ndim and (a.ndim < 2 or b.ndim < 2):
        raise op_error(
            "MatMul",
            "In[0] and In[1] has different ndims: "
            f"[{','.join(map(str, a.shape))}] vs. [{','.join(map(str, b.shape))}]",
        )
    if a.ndim < 2:
        raise op_error("MatMul", f"In[0] ndims must be >= 2: {a.ndim}")
    if a.shape[-1] != b.shape[-2]:
        raise op_error(
            "MatMul",
            f"Matrix size-incompatible: In[0]: [{','.join(map(str, a.shape))}]"
            f", In[1]: [{','.join(map(str, b.shape))}]",
        )
    if b.ndim == 2 and a.ndim >= 2 and a.dtype.kind == "f" and b.dtype.kind == "f":
        # float products with a matrix on the right (Dense's, also on sequences) go through
        # gemm as one 2-D product, which picks BLAS, the browser's WebAssembly kernel or einsum
        a2 = a if a.ndim == 2 else a.reshape(-1, a.shape[-1])

        def vjp2d(g, needs):
            g2 = g if g.ndim == 2 else g.reshape(-1, g.shape[-1])
            return (
                _gemm.matmul(g2, b.T).reshape(a.shape) if needs[0] else None,
                _gemm.matmul(a2.T, g2) if needs[1] else None,
            )

        out = _gemm.matmul(a2, b)
        return (out if a.ndim == 2 else out.reshape(*a.shape[:-1], b.shape[1])), vjp2d
    out = a @ b

    def vjp(g, needs):
        ga = gb = None
        if needs[0]:
            ga = g @ np.swapaxes(b, -1, -2)
            if ga.shape != a.shape:
                ga = unbroadcast(ga, a.shape)
        if needs[1]:
            if a.ndim == 2 and g.ndim == 2:
                gb = a.T @ g
            else:
                gb = np.swapaxes(a, -1, -2) @ g
                if gb.shape != b.shape:
                    gb = unbroadcast(gb, b.shape)
        return ga, gb

    return out, vjp


def matmul(
    a: TensorLike,
    b: TensorLike,
    transpose_a: bool = False,
    transpose_b: bool = False,
    adjoint_a: bool = False,
    adjoint_b: bool = False,
    a_is_sparse: bool = False,
    b_is_sparse: bool = False,
    output_type: DTypeLike | None = None,
    name: str | None = None,
) -> Tensor:
    """Matrix product of the two innermost dimensions (batched over the others)."""
    if transpose_a or adjoint_a:
        a = matrix_transpose(a)
    if transpose_b or adjoint_b:
        b = matrix_transpose(b)
    return _matmul(a, b)


def _parse_einsum(equation, n):
    eq = equation.replace(" ", "")
    if "." in eq:
        raise ValueError(
            f"einsum equation {equation!r}: ellipsis ('...') is not supported; name every dimension"
        )
    lhs, arrow, out = eq.partition("->")
    ins = lhs.split(",")
    if len(ins) != n:
        raise ValueError(
            f"einsum equation {equation!r} has {len(ins)} inputs but {n} operands were given"
        )
    if not arrow:  # implicit output: letters seen once, in alphabetical order
        letters = "".join(ins)
        out = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    return ins, out


@primitive(name="Einsum")
def _einsum(*xs, equation):
    ins, out = _parse_einsum(equation, len(xs))
    for sub, x in zip(ins, xs, strict=True):
        if len(sub) != x.ndim:
            raise op_error(
                "Einsum",
                f"Expected input {sub!r} to have rank {len(sub)} but got shape {list(x.shape)}",
            )
    result = np.einsum(f"{','.join(ins)}->{out}", *xs)
    sizes = {
        c: d for sub, x in zip(ins, xs, strict=True) for c, d in zip(sub, x.shape, strict=True)
    }

    def vjp(g):
        grads = []
        for i, (sub, x) in enumerate(zip(ins, xs, strict=True)):
            if len(set(sub)) != len(sub):
                raise NotImplementedError(
                    f"gradient of einsum {equation!r}: repeated index in {sub!r}"
                )
            others = [(s, y) for j, (s, y) in enumerate(zip(ins, xs, strict=True)) if j != i]
            known = set(out).union(*[set(s) for s, _ in others])
            kept = "".join(c for c in sub if c in known)
            spec = ",".join([out] + [s for s, _ in others]) + "->" + kept
            gi = np.einsum(spec, g, *[y for _, y in others])
            if kept != sub:  # letters only in this input were summed: broadcast back
                gi = np.broadcast_to(
                    gi.reshape([sizes[c] if c in kept else 1 for c in sub]), x.shape
                )
            grads.append(gi)
        return tuple(grads)

    return result, vjp


def einsum(equation: str, *inputs: TensorLike) -> Tensor:
    """Einstein summation over named dimensions, e.g. einsum("bij,bjk->bik", a, b)."""
    return _einsum(*inputs, equation=equation)


@primitive(name="Cast", coerce=False)
def _cast(x, dtype):
    out = x.astype(dtype, copy=False)
    if out is x:
        out = x.view()
    if x.dtype.kind not in "fc":
        return out, None
    return out, lambda g: g.astype(x.dtype, copy=False)


def cast(x: TensorLike, dtype: DTypeLike) -> Tensor:
    """Cast to `dtype` (a DType, numpy dtype or name). Gradients flow between float types."""
    target = _dt.as_dtype(dtype)
    if isinstance(x, Tensor) and x._value.dtype == target._np and not x._is_variable:
        return x
    if target is _dt.string:
        raise NotImplementedError("Casting to tf.string is not supported; use tf.strings.")
    return _cast(x, dtype=target._np)


# --------------------------------------------------------------------------- comparisons
@primitive
def equal(a: np.ndarray, b: np.ndarray):
    return np.equal(a, b), None


@primitive
def not_equal(a: np.ndarray, b: np.ndarray):
    return np.not_equal(a, b), None


@primitive
def greater(a: np.ndarray, b: np.ndarray):
    return np.greater(a, b), None


@primitive
def greater_equal(a: np.ndarray, b: np.ndarray):
    return np.greater_equal(a, b), None


@primitive
def less(a: np.ndarray, b: np.ndarray):
    return np.less(a, b), None


@primitive
def less_equal(a: np.ndarray, b: np.ndarray):
    return np.less_equal(a, b), None


@primitive
def logical_and(a: np.ndarray, b: np.ndarray):
    return np.logical_and(a, b), None


@primitive
def logical_or(a: np.ndarray, b: np.ndarray):
    return np.logical_or(a, b), None


@primitive
def logical_xor(a: np.ndarray, b: np.ndarray):
    return np.logical_xor(a, b), None


@primitive
def logical_not(x: np.ndarray):
    return np.logical_not(x), None


@primitive(name="Invert")
def bitwise_invert(x: np.ndarray):
    return np.invert(x), None


@primitive(name="IsNan")
def is_nan(x: np.ndarray):
    return np.isnan(x), None


@primitive(name="IsInf")
def is_inf(x: np.ndarray):
    return np.isinf(x), None


@primitive(name="IsFinite")
def is_finite(x: np.ndarray):
    return np.isfinite(x), None


@primitive(name="Equal")
def tensor_equals(a: np.ndarray, b: np.ndarray):
    """`a == b` on tensors: elementwise, but False (not an error) for incompatible shapes."""
    try:
        return np.equal(a, b), None
    except ValueError:
        return np.asarray(False), None


@primitive(name="NotEqual")
def tensor_not_equals(a: np.ndarray, b: np.ndarray):
    try:
        return np.not_equal(a, b), None
    except ValueError:
        return np.asarray(True), None
