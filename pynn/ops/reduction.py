"""Reductions (sum, mean, max, ...), arg-reductions and cumulative sums with their VJPs."""

from __future__ import annotations

import builtins as _b
from typing import TYPE_CHECKING

import numpy as np

from pynn.core.autodiff import primitive
from pynn.core.errors import op_error
from pynn.core.tensor import Tensor, _wrap
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import peek as _peek
from pynn.core.tracing import traced_call
from pynn.ops import math as _m

if TYPE_CHECKING:
    from pynn.core.tensor import Tensor
    from pynn.core.type_aliases import Axis, DTypeLike, TensorLike

__all__ = [
    "all",
    "any",
    "argmax",
    "argmin",
    "count_nonzero",
    "cumprod",
    "cumsum",
    "logsumexp",
    "max",
    "mean",
    "min",
    "normalize_axis",
    "prod",
    "std",
    "sum",
    "var",
]


def normalize_axis(axis, ndim, op="Sum"):
    """`axis` (None, int, list, tuple, Tensor) as a sorted tuple of non-negative ints, or None."""
    if axis is None:
        return None
    if isinstance(axis, Tensor):
        if _tracing:
            _peek(axis, "a tensor used as an axis")
        axis = axis._value
    if isinstance(axis, np.ndarray):
        axis = axis.tolist()
    if isinstance(axis, (list, tuple)):
        axes = [int(a) for a in axis]
    else:
        axes = [int(axis)]
    out = []
    for a in axes:
        if not -ndim <= a < _b.max(ndim, 1):
            raise op_error(
                op, f"Invalid reduction dimension ({a} for input with {ndim} dimension(s)"
            )
        out.append(a % ndim if ndim else 0)
    return tuple(sorted(set(out)))


def _expand(g, shape, axes, keepdims):
    """Broadcast a reduced gradient back to the input shape (a fresh, writable array)."""
    if not keepdims:
        g = g.reshape([1 if axes is None or i in axes else d for i, d in enumerate(shape)])
    out = np.empty(shape, g.dtype)
    out[...] = g
    return out


_add_reduce = np.add.reduce


@primitive(name="Sum")
def _sum(x, axis=None, keepdims=False):
    axes = normalize_axis(axis, x.ndim, "Sum")
    out = _add_reduce(x, axis=axes, keepdims=keepdims)
    return out, lambda g: _expand(g, x.shape, axes, keepdims)


@primitive(name="Mean")
def _mean(x, axis=None, keepdims=False):
    axes = normalize_axis(axis, x.ndim, "Mean")
    if x.dtype.kind in "iub":  # TensorFlow keeps integer dtypes (truncating mean)
        total = np.sum(x, axis=axes, keepdims=keepdims)
        count = x.size // total.size if total.size else 1
        return (total // count).astype(x.dtype), None
    if x.dtype == np.float16:
        out = np.mean(x, axis=axes, keepdims=keepdims)
    else:
        out = _add_reduce(x, axis=axes, keepdims=keepdims)
        out = out / out.dtype.type(
            x.size // out.size if out.size else 0
        )  # (numpy 1.x: stay float32)
    count = x.size // out.size if out.size else 1
    return out, lambda g: _expand(g / count, x.shape, axes, keepdims)


def _extreme(fn, name):
    def forward(x, axis=None, keepdims=False):
        axes = normalize_axis(axis, x.ndim, name)
        out = fn(x, axis=axes, keepdims=True)

        def vjp(g):
            # the gradient is shared equally between tied extremes, as in TensorFlow
            hit = x == out
            count = np.sum(hit, axis=axes, keepdims=True)
            gk = g if keepdims else _expand(g, out.shape, axes, False)
            return gk * hit / count

        return (
            out if keepdims else np.squeeze(out, axis=axes) if axes is not None else out.reshape(())
        ), vjp

    forward.__name__ = "_" + name.lower()
    return primitive(forward, name=name)


_max = _extreme(np.max, "Max")
_min = _extreme(np.min, "Min")


@primitive(name="Prod")
def _prod(x, axis=None, keepdims=False):
    axes = normalize_axis(axis, x.ndim, "Prod")
    out = np.prod(x, axis=axes, keepdims=True)

    def vjp(g):
        g = g if keepdims else _expand(g, out.shape, axes, False)
        if np.all(x != 0):
            return g * out / x
        # product of the others, without dividing by zero: move reduced axes last
        red = axes if axes is not None else tuple(range(x.ndim))
        keep = [i for i in range(x.ndim) if i not in red]
        xt = np.transpose(x, keep + list(red)).reshape([x.shape[i] for i in keep] + [-1])
        left = np.cumprod(np.concatenate([np.ones_like(xt[..., :1]), xt[..., :-1]], -1), -1)
        right = np.cumprod(np.concatenate([np.ones_like(xt[..., :1]), xt[..., :0:-1]], -1), -1)[
            ..., ::-1
        ]
        others = (left * right).reshape([x.shape[i] for i in keep] + [x.shape[i] for i in red])
        others = np.transpose(others, np.argsort(keep + list(red)))
        return g * others

    return out if keepdims else (
        np.squeeze(out, axis=axes) if axes is not None else out.reshape(())
    ), vjp


@primitive(name="Logsumexp")
def _logsumexp(x, axis=None, keepdims=False):
    axes = normalize_axis(axis, x.ndim, "Logsumexp")
    m = np.max(x, axis=axes, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    e = np.exp(x - m)
    s = np.sum(e, axis=axes, keepdims=True)
    out = np.log(s) + m

    def vjp(g):
        gk = g if keepdims else _expand(g, out.shape, axes, False)
        return gk * (e / s)

    return out if keepdims else (
        np.squeeze(out, axis=axes) if axes is not None else out.reshape(())
    ), vjp


def _scan(v, ax, exclusive, reverse):
    if reverse:
        v = np.flip(v, ax)
    out = np.cumsum(v, axis=ax, dtype=v.dtype)  # int32 stays int32, as TF
    if exclusive:
        out = out - v
    return np.flip(out, ax) if reverse else out


@primitive(name="Cumsum")
def _cumsum(x, axis=0, exclusive=False, reverse=False):
    ax = int(axis) % _b.max(x.ndim, 1)
    # the transpose of a forward scan is the reversed scan
    return _scan(x, ax, exclusive, reverse), lambda g: _scan(g, ax, exclusive, not reverse)


@primitive(name="Cumprod")
def _cumprod(x, axis=0):
    ax = int(axis) % _b.max(x.ndim, 1)
    out = np.cumprod(x, axis=ax, dtype=x.dtype)

    def vjp(g):
        # d out_j / d x_i = out_j / x_i for j >= i (inputs without zeros)
        s = np.flip(np.cumsum(np.flip(g * out, ax), axis=ax), ax)
        return s / x

    return out, vjp


@primitive(name="ArgMax", coerce=False)
def _argmax(x, axis=0, output_type=np.int64):
    return np.argmax(x, axis=axis).astype(output_type), None


@primitive(name="ArgMin", coerce=False)
def _argmin(x, axis=0, output_type=np.int64):
    return np.argmin(x, axis=axis).astype(output_type), None


@primitive(name="Any", coerce=False)
def _any(x, axis=None, keepdims=False):
    return np.any(x, axis=normalize_axis(axis, x.ndim, "Any"), keepdims=keepdims), None


@primitive(name="All", coerce=False)
def _all(x, axis=None, keepdims=False):
    return np.all(x, axis=normalize_axis(axis, x.ndim, "All"), keepdims=keepdims), None


# --------------------------------------------------------------------------- public names
def sum(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Sum over `axis` (all axes if None)."""
    return _sum(x, axis=axis, keepdims=keepdims)


def mean(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Mean over `axis` (all axes if None); integer tensors keep their dtype, as in TF."""
    return _mean(x, axis=axis, keepdims=keepdims)


def max(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _max(x, axis=axis, keepdims=keepdims)


def min(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _min(x, axis=axis, keepdims=keepdims)


def prod(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _prod(x, axis=axis, keepdims=keepdims)


def logsumexp(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """log(sum(exp(x))) computed without overflow."""
    return _logsumexp(x, axis=axis, keepdims=keepdims)


def _arg_axis(axis):
    if isinstance(axis, Tensor):
        if _tracing:
            _peek(axis, "a tensor used as an axis")
        axis = axis._value
    return None if axis is None else int(axis)


def argmax(x: TensorLike, axis: Axis = None, output_type: DTypeLike = "int64") -> Tensor:
    """Index of the largest value along `axis` (default 0, as tf.math.argmax)."""
    axis = _arg_axis(axis)
    return _argmax(
        x,
        axis=0 if axis is None else axis,
        output_type=np.dtype(str(getattr(output_type, "name", output_type))),
    )


def argmin(x: TensorLike, axis: Axis = None, output_type: DTypeLike = "int64") -> Tensor:
    axis = _arg_axis(axis)
    return _argmin(
        x,
        axis=0 if axis is None else axis,
        output_type=np.dtype(str(getattr(output_type, "name", output_type))),
    )


def any(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _any(x, axis=axis, keepdims=keepdims)


def all(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _all(x, axis=axis, keepdims=keepdims)


def cumsum(x: TensorLike, axis: Axis = 0, exclusive: bool = False, reverse: bool = False) -> Tensor:
    return _cumsum(x, axis=_arg_axis(axis), exclusive=exclusive, reverse=reverse)


def cumprod(x: TensorLike, axis: Axis = 0) -> Tensor:
    return _cumprod(x, axis=_arg_axis(axis))


def var(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Population variance over `axis`."""
    m = _mean(x, axis=axis, keepdims=True)
    return _mean(_m.square(_m.subtract(x, m)), axis=axis, keepdims=keepdims)


def std(x: TensorLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _m.sqrt(var(x, axis=axis, keepdims=keepdims))


def count_nonzero(
    x: TensorLike, axis: Axis = None, keepdims: bool = False, dtype: DTypeLike = "int64"
) -> Tensor:
    ndim = x._value.ndim if isinstance(x, Tensor) else np.ndim(x)
    return _wrap(
        traced_call(
            _count_nonzero,
            x,
            axis=normalize_axis(axis, ndim, "CountNonzero"),
            keepdims=keepdims,
            dtype=np.dtype(str(getattr(dtype, "name", dtype))),
        )
    )


def _count_nonzero(v, axis, keepdims, dtype):
    return np.asarray(np.count_nonzero(v, axis=axis, keepdims=keepdims)).astype(dtype)
