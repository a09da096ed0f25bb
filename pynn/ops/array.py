"""Shape and indexing ops (reshape, transpose, concat, gather, slicing, ...) with their VJPs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.autodiff import IndexedGradient, primitive, unbroadcast
from pynn.core.errors import op_error
from pynn.core.tensor import Tensor, _python_to_array, _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import peek as _peek
from pynn.core.tracing import traced_call

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from pynn.core.tensor import Tensor
    from pynn.core.type_aliases import Axis, DTypeLike, ShapeLike, TensorLike

__all__ = [
    "arange",
    "argsort",
    "broadcast_to",
    "concat",
    "expand_dims",
    "eye",
    "fill",
    "gather",
    "gather_nd",
    "getitem",
    "identity",
    "linspace",
    "matrix_transpose",
    "one_hot",
    "ones",
    "ones_like",
    "pad",
    "repeat",
    "reshape",
    "reverse",
    "shape",
    "sort",
    "split",
    "squeeze",
    "stack",
    "take_along_axis",
    "tile",
    "top_k",
    "transpose",
    "unstack",
    "zeros",
    "zeros_like",
]


def _static(value):
    """A static attribute (shape, perm, sizes) as plain Python ints/lists."""
    if isinstance(value, Tensor):
        if _tracing:
            _peek(value, "a tensor used as a shape, size or other static argument")
        return value._value.tolist()
    if isinstance(value, TensorShape):
        return value.as_list()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_static(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    return value


# --------------------------------------------------------------------------- reshape & co.
@primitive(name="Reshape")
def _reshape(x, shape):
    try:
        out = x.reshape(shape)
    except ValueError:
        known = int(np.prod([d for d in shape if d != -1])) if shape else 1
        if -1 in shape:
            raise op_error(
                "Reshape",
                f"Input to reshape is a tensor with {x.size} values, but "
                f"the requested shape requires a multiple of {known}",
            ) from None
        raise op_error(
            "Reshape",
            f"Input to reshape is a tensor with {x.size} values, but the "
            f"requested shape has {known}",
        ) from None
    return out, lambda g: g.reshape(x.shape)


def reshape(x: TensorLike, shape: ShapeLike) -> Tensor:
    """Same values in a new shape; one dimension may be -1."""
    shape = _static(shape)
    shape = (shape,) if isinstance(shape, int) else tuple(-1 if d is None else d for d in shape)
    return _reshape(x, shape=shape)


@primitive(name="Transpose")
def _transpose(x, perm):
    if perm is None:
        perm = tuple(range(x.ndim))[::-1]
    elif len(perm) != x.ndim:
        raise op_error(
            "Transpose",
            f"transpose expects a vector of size {x.ndim}. But input(1) "
            f"is a vector of size {len(perm)}",
        )
    inverse = np.argsort(perm)
    return np.transpose(x, perm), lambda g: np.transpose(g, inverse)


def transpose(x: TensorLike, perm: Sequence[int] | None = None, conjugate: bool = False) -> Tensor:
    """Permute the dimensions (reverse them if `perm` is None)."""
    return _transpose(x, perm=None if perm is None else tuple(_static(perm)))


@primitive
def identity(x: np.ndarray):
    """The same values in a new tensor (differentiable: `tf.identity`)."""
    return x.copy(), lambda g: g


def matrix_transpose(x: TensorLike) -> Tensor:
    """Swap the two innermost dimensions."""
    nd = x.ndim if isinstance(x, Tensor) else np.ndim(x)
    perm = tuple(range(nd - 2)) + (nd - 1, nd - 2)
    return _transpose(x, perm=perm)


@primitive(name="ConcatV2")
def _concat(*xs, axis=0):
    ax = axis % xs[0].ndim if xs[0].ndim else 0
    try:
        out = np.concatenate(xs, axis=ax)
    except ValueError:
        raise op_error("ConcatV2", _concat_mismatch(xs, ax)) from None
    bounds = np.cumsum([x.shape[ax] for x in xs])[:-1]
    return out, lambda g: tuple(np.split(g, bounds, axis=ax))


def _concat_mismatch(xs, ax):
    first = xs[0].shape
    for i, x in enumerate(xs[1:], 1):
        if x.ndim != len(first):
            return (
                f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                f"[{','.join(map(str, first))}] vs. shape[{i}] = "
                f"[{','.join(map(str, x.shape))}]"
            )
        for d, (p, q) in enumerate(zip(first, x.shape, strict=True)):
            if d != ax and p != q:
                return (
                    f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] = "
                    f"[{','.join(map(str, first))}] vs. shape[{i}] = "
                    f"[{','.join(map(str, x.shape))}]"
                )
    return "ConcatOp : inputs cannot be concatenated"


def concat(values: Sequence[TensorLike], axis: Axis) -> Tensor:
    """Join tensors along an existing `axis`."""
    values = list(values)
    if len(values) == 1:
        return identity(values[0])
    return _concat(*values, axis=int(_static(axis)))


@primitive(name="Pack")
def _stack(*xs, axis=0):
    ax = axis % (xs[0].ndim + 1)
    try:
        out = np.stack(xs, axis=ax)
    except ValueError:
        raise op_error(
            "Pack",
            "Shapes of all inputs must match: values[0].shape = "
            f"{TensorShape(xs[0].shape)} != values[i].shape",
        ) from None
    return out, lambda g: tuple(np.moveaxis(g, ax, 0))


def stack(values: Sequence[TensorLike], axis: int = 0) -> Tensor:
    """Join tensors along a new `axis`."""
    return _stack(*list(values), axis=int(_static(axis)))


def unstack(x: TensorLike, num: int | None = None, axis: int = 0) -> list[Tensor]:
    """Split along `axis` into a list of tensors with that dimension removed."""
    n = x.shape[axis] if isinstance(x, Tensor) else np.shape(x)[axis]
    if num is not None and num != n:
        raise ValueError(
            f"Cannot infer argument `num` from shape; got num={num} for a dimension of size {n}"
        )
    nd = x.ndim if isinstance(x, Tensor) else np.ndim(x)
    lead = (slice(None),) * (axis % nd)
    return [getitem(x, lead + (i,)) for i in range(n)]


def split(
    x: TensorLike, num_or_size_splits: int | Sequence[int], axis: Axis = 0, num: int | None = None
) -> list[Tensor]:
    """Split along `axis` into equal parts (an int) or parts of the given sizes (a list)."""
    shape = x.shape if isinstance(x, Tensor) else np.shape(x)
    nd = len(shape)
    axis = int(_static(axis)) % nd
    size = shape[axis]
    sizes = _static(num_or_size_splits)
    if isinstance(sizes, int):
        if size % sizes:
            raise op_error(
                "Split",
                "Number of ways to split should evenly divide the split "
                f"dimension, but got split_dim {axis} (size = {size}) and num_split "
                f"{sizes}",
            )
        sizes = [size // sizes] * sizes
    else:
        sizes = list(sizes)
        if -1 in sizes:
            sizes[sizes.index(-1)] = size - (sum(sizes) + 1)
        if sum(sizes) != size:
            raise op_error(
                "SplitV",
                "Determined shape must either match input shape along "
                "split_dim exactly if fully specified, or be less than the size of "
                f"the input along split_dim if not fully specified.  Got: {sum(sizes)}",
            )
    lead = (slice(None),) * axis
    out, start = [], 0
    for s in sizes:
        out.append(getitem(x, lead + (slice(start, start + s),)))
        start += s
    return out


def expand_dims(x: TensorLike, axis: Axis) -> Tensor:
    """Insert a dimension of size 1 at `axis`."""
    shape = list(x.shape if isinstance(x, Tensor) else np.shape(x))
    axis = int(_static(axis))
    if not -len(shape) - 1 <= axis <= len(shape):
        raise op_error(
            "ExpandDims",
            f"Tried to expand dim index {axis} for tensor with {len(shape)} dimensions.",
        )
    shape.insert(axis % (len(shape) + 1), 1)
    return _reshape(x, shape=tuple(shape))


def squeeze(x: TensorLike, axis: Axis = None) -> Tensor:
    """Remove dimensions of size 1 (only those in `axis`, if given)."""
    shape = list(x.shape if isinstance(x, Tensor) else np.shape(x))
    if axis is None:
        new = [d for d in shape if d != 1]
    else:
        axes = _static(axis)
        axes = {a % len(shape) for a in (axes if isinstance(axes, list) else [axes])}
        for a in sorted(axes):
            if shape[a] != 1:
                raise op_error(
                    "Squeeze",
                    f"Can not squeeze dim[{a}], expected a dimension of 1, got {shape[a]}",
                )
        new = [d for i, d in enumerate(shape) if i not in axes]
    return _reshape(x, shape=tuple(new))


@primitive(name="Tile")
def _tile(x, multiples):
    if len(multiples) != x.ndim:
        raise op_error(
            "Tile",
            f"Expected multiples argument to be a vector of length {x.ndim} "
            f"but got length {len(multiples)}",
        )

    def vjp(g):
        split_shape = []
        for m, d in zip(multiples, x.shape, strict=True):
            split_shape += [m, d]
        return g.reshape(split_shape).sum(axis=tuple(range(0, 2 * x.ndim, 2)))

    return np.tile(x, multiples), vjp


def tile(x: TensorLike, multiples: TensorLike) -> Tensor:
    """Repeat the whole tensor `multiples[i]` times along dimension i."""
    return _tile(x, multiples=tuple(int(m) for m in _static(multiples)))


@primitive(name="PadV2")
def _pad(x, paddings, mode="constant", constant_values=0):
    if mode == "constant":
        out = np.pad(x, paddings, mode="constant", constant_values=constant_values)
        inner = tuple(slice(lo, lo + d) for (lo, _), d in zip(paddings, x.shape, strict=True))
        return out, lambda g: g[inner]
    # reflect / symmetric: each output index reads one input index per axis
    index = [np.pad(np.arange(d), p, mode=mode) for d, p in zip(x.shape, paddings, strict=True)]
    out = x[np.ix_(*index)] if x.ndim else x

    def vjp(g):
        gx = g
        for ax, idx in enumerate(index):
            acc = np.zeros(gx.shape[:ax] + (x.shape[ax],) + gx.shape[ax + 1 :], gx.dtype)
            np.add.at(acc, (slice(None),) * ax + (idx,), gx)
            gx = acc
        return gx

    return out, vjp


def pad(
    x: TensorLike, paddings: TensorLike, mode: str = "CONSTANT", constant_values: TensorLike = 0
) -> Tensor:
    """Pad with `paddings[i] = [before, after]` per dimension (CONSTANT, REFLECT, SYMMETRIC)."""
    mode = str(mode).lower()
    if mode not in ("constant", "reflect", "symmetric"):
        raise ValueError(f"Unknown padding mode: {mode.upper()}")
    paddings = tuple(tuple(int(v) for v in p) for p in _static(paddings))
    if isinstance(constant_values, Tensor):
        constant_values = constant_values._value.item()
    return _pad(x, paddings=paddings, mode=mode, constant_values=constant_values)


@primitive(name="BroadcastTo")
def _broadcast_to(x, shape):
    try:
        out = np.broadcast_to(x, shape)
    except ValueError:
        raise op_error(
            "BroadcastTo",
            f"Unable to broadcast tensor of shape {list(x.shape)} to tensor of shape {list(shape)}",
        ) from None
    return out, lambda g: unbroadcast(g, x.shape)


def broadcast_to(x: TensorLike, shape: ShapeLike) -> Tensor:
    return _broadcast_to(x, shape=tuple(_static(shape)))


@primitive(name="ReverseV2")
def _reverse(x, axis):
    return np.flip(x, axis), lambda g: np.flip(g, axis)


def reverse(x: TensorLike, axis: Axis) -> Tensor:
    axes = _static(axis)
    return _reverse(x, axis=tuple(axes) if isinstance(axes, list) else (axes,))


@primitive(name="Repeat")
def _repeat(x, repeats, axis):
    if axis is None:
        flat = x.reshape(-1)
        out = np.repeat(flat, repeats)
        idx = np.repeat(np.arange(flat.size), repeats)

        def vjp_flat(g):
            acc = np.zeros(flat.size, g.dtype)
            np.add.at(acc, idx, g)
            return acc.reshape(x.shape)

        return out, vjp_flat
    ax = axis % x.ndim
    idx = np.repeat(np.arange(x.shape[ax]), repeats)

    def vjp(g):
        acc = np.zeros(x.shape, g.dtype)
        np.add.at(acc, (slice(None),) * ax + (idx,), g)
        return acc

    return np.repeat(x, repeats, axis=ax), vjp


def repeat(x: TensorLike, repeats: TensorLike, axis: int | None = None) -> Tensor:
    r = _static(repeats)
    return _repeat(
        x,
        repeats=r if isinstance(r, int) else np.asarray(r),
        axis=None if axis is None else int(axis),
    )


# --------------------------------------------------------------------------- indexing
_BASIC = (int, slice, type(None), type(Ellipsis))


def _index_key(key):
    """A Python/numpy index from a key that may hold Tensors; and whether it is basic."""
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    basic = True
    for k in key:
        if isinstance(k, Tensor):
            if _tracing:
                _peek(k, "a tensor used as an index")
            k = k._value
            k = k.item() if k.ndim == 0 and k.dtype.kind in "iu" else k
        elif isinstance(k, list):
            k = np.asarray(k)
        elif isinstance(k, np.integer):
            k = int(k)
        elif isinstance(k, slice):
            k = slice(
                *(_static(v) if isinstance(v, Tensor) else v for v in (k.start, k.stop, k.step))
            )
        if not isinstance(k, _BASIC):
            basic = False
        out.append(k)
    return tuple(out), basic


@primitive(name="StridedSlice", coerce=False)
def _getitem(x, key, basic):
    try:
        out = x[key]
    except IndexError:
        raise op_error(
            "StridedSlice", "slice index %s of dimension 0 out of bounds." % (key[0] if key else "")
        ) from None

    def vjp(g):
        return IndexedGradient(key, g, basic)

    if type(out) is not np.ndarray:
        out = np.asarray(out)
    elif basic:
        out = out.view()
    return out, vjp


def getitem(x: TensorLike, key: Any) -> Tensor:
    """`x[key]` with numpy semantics (ints, slices, None, ..., int/bool arrays); differentiable."""
    key, basic = _index_key(key)
    return _getitem(x, key=key, basic=basic)


@primitive(name="GatherV2", coerce=False)
def _gather(params, indices, axis=0):
    ax = axis % params.ndim
    idx = indices.astype(np.intp, copy=False)
    n = params.shape[ax]
    if idx.size and (idx.min() < -n or idx.max() >= n):
        bad = idx[(idx < 0) | (idx >= n)].reshape(-1)[0]
        where = int(np.argmax(((idx < 0) | (idx >= n)).reshape(-1)))
        raise op_error("GatherV2", f"indices[{where}] = {bad} is not in [0, {n})")
    out = np.take(params, idx, axis=ax)

    def vjp(g):
        return IndexedGradient((slice(None),) * ax + (idx,), g, False), None

    return out, vjp


def gather(
    params: TensorLike,
    indices: TensorLike,
    axis: Axis = None,
    batch_dims: int = 0,
    validate_indices: bool | None = None,
) -> Tensor:
    """Rows (slices along `axis`) of `params` picked by `indices`."""
    axis = 0 if axis is None else int(_static(axis))
    if batch_dims:
        raise ValueError(
            f"gather with batch_dims={batch_dims!r} is not supported; use take_along_axis."
        )
    return _gather(params, indices, axis=axis)


@primitive(name="GatherNd", coerce=False)
def _gather_nd(params, indices):
    idx = tuple(np.moveaxis(indices.astype(np.intp, copy=False), -1, 0))
    out = params[idx]

    def vjp(g):
        gp = np.zeros(params.shape, g.dtype)
        np.add.at(gp, idx, g)
        return gp, None

    return out, vjp


def gather_nd(params: TensorLike, indices: TensorLike, batch_dims: int = 0) -> Tensor:
    """Slices of `params` at the coordinates in the last dimension of `indices`."""
    if batch_dims:
        raise ValueError(f"gather_nd with batch_dims={batch_dims!r} is not supported.")
    return _gather_nd(params, indices)


@primitive(name="TakeAlongAxis", coerce=False)
def _take_along_axis(x, indices, axis):
    idx = indices.astype(np.intp, copy=False)
    out = np.take_along_axis(x, idx, axis=axis)

    def vjp(g):
        gx = np.zeros(x.shape, g.dtype)
        full = list(np.indices(idx.shape, sparse=True))
        full[axis % x.ndim] = idx
        np.add.at(gx, tuple(full), g)
        return gx, None

    return out, vjp


def take_along_axis(x: TensorLike, indices: TensorLike, axis: int = -1) -> Tensor:
    return _take_along_axis(x, indices, axis=int(axis))


# index computations below run through traced_call: a replayed step recomputes them


def _top_k_order(v, k):
    return np.argsort(-v, axis=-1, kind="stable")[..., :k].astype(np.int32)


def top_k(x: TensorLike, k: int = 1, sorted: bool = True) -> tuple[Tensor, Tensor]:
    """(values, indices) of the k largest entries along the last axis."""
    order = traced_call(_top_k_order, x, k=int(k))
    return _take_along_axis(x, order, axis=-1), _wrap(order)


def _sort_order(v, axis, descending):
    order = np.argsort(v, axis=axis, kind="stable")
    return np.flip(order, axis) if descending else order


def sort(x: TensorLike, axis: int = -1, direction: str = "ASCENDING") -> Tensor:
    order = traced_call(_sort_order, x, axis=axis, descending=direction == "DESCENDING")
    return _take_along_axis(x, order, axis=axis)


def _argsort_order(v, axis, descending):
    return np.argsort(-v if descending else v, axis=axis, kind="stable").astype(np.int32)


def argsort(
    x: TensorLike, axis: int = -1, direction: str = "ASCENDING", stable: bool = False
) -> Tensor:
    return _wrap(traced_call(_argsort_order, x, axis=axis, descending=direction == "DESCENDING"))


def _one_hot_array(idx, depth, on, off, npd, axis):
    hot = idx[..., None] == np.arange(depth)
    out = np.where(hot, np.asarray(on, npd), np.asarray(off, npd)).astype(npd)
    if axis is not None and axis != -1:
        out = np.moveaxis(out, -1, axis)
    return out


def one_hot(
    indices: TensorLike,
    depth: int,
    on_value: TensorLike | None = None,
    off_value: TensorLike | None = None,
    axis: Axis = None,
    dtype: DTypeLike | None = None,
) -> Tensor:
    """One-hot encode integer `indices` to `depth` classes (float32 by default)."""
    npd = _dt.np_dtype(dtype) if dtype is not None else np.dtype(np.float32)
    on = 1 if on_value is None else _static(on_value)
    off = 0 if off_value is None else _static(off_value)
    return _wrap(
        traced_call(
            _one_hot_array, indices, depth=int(_static(depth)), on=on, off=off, npd=npd, axis=axis
        )
    )


# --------------------------------------------------------------------------- creation
def zeros_like(x: TensorLike, dtype: DTypeLike | None = None) -> Tensor:
    v = x._value if isinstance(x, Tensor) else np.asarray(x)
    return _wrap(np.zeros(v.shape, _dt.np_dtype(dtype) if dtype is not None else v.dtype))


def ones_like(x: TensorLike, dtype: DTypeLike | None = None) -> Tensor:
    v = x._value if isinstance(x, Tensor) else np.asarray(x)
    return _wrap(np.ones(v.shape, _dt.np_dtype(dtype) if dtype is not None else v.dtype))


def _shape_arg(shape):
    s = _static(shape)
    return (s,) if isinstance(s, int) else tuple(s)


def zeros(shape: ShapeLike, dtype: DTypeLike = "float32") -> Tensor:
    return _wrap(np.zeros(_shape_arg(shape), _dt.np_dtype(dtype)))


def ones(shape: ShapeLike, dtype: DTypeLike = "float32") -> Tensor:
    return _wrap(np.ones(_shape_arg(shape), _dt.np_dtype(dtype)))


def fill(dims: ShapeLike, value: TensorLike) -> Tensor:
    if isinstance(value, Tensor):
        if _tracing:
            _peek(value, "tf.fill's value")
        v = value._value
    else:
        v = np.asarray(_static(value))
    if not isinstance(value, (Tensor, np.ndarray)):
        v = _python_to_array(_static(value), None)
    return _wrap(np.full(_shape_arg(dims), v, dtype=v.dtype))


def eye(
    num_rows: int,
    num_columns: int | None = None,
    batch_shape: ShapeLike | None = None,
    dtype: DTypeLike = "float32",
) -> Tensor:
    m = np.eye(
        int(num_rows), None if num_columns is None else int(num_columns), dtype=_dt.np_dtype(dtype)
    )
    if batch_shape is not None:
        m = np.broadcast_to(m, tuple(_static(batch_shape)) + m.shape).copy()
    return _wrap(m)


def arange(
    start: TensorLike,
    limit: TensorLike | None = None,
    delta: TensorLike = 1,
    dtype: DTypeLike | None = None,
) -> Tensor:
    """`tf.range`: ints give int32, floats float32 (unless `dtype`)."""
    first, stop, step = _static(start), _static(limit), _static(delta)
    if stop is None:
        first, stop = 0, first
    if dtype is None:
        floats = any(isinstance(v, float) for v in (first, stop, step))
        npd = np.float32 if floats else np.int32
    else:
        npd = _dt.np_dtype(dtype)
    return _wrap(np.arange(first, stop, step).astype(npd))


def linspace(start: TensorLike, stop: TensorLike, num: int, axis: int = 0) -> Tensor:
    s = np.asarray(_static(start))
    dt = s.dtype if s.dtype.kind == "f" and s.dtype != np.float64 else np.float32
    if isinstance(start, Tensor):
        dt = start._value.dtype
    return _wrap(
        np.linspace(_static(start), _static(stop), int(_static(num)), axis=axis).astype(dt)
    )


def shape(x: TensorLike, out_type: DTypeLike = "int32") -> Tensor:
    """The shape as an int32 Tensor (`tf.shape`)."""
    s = x._value.shape if isinstance(x, Tensor) else np.shape(x)
    return _wrap(np.asarray(s, dtype=_dt.np_dtype(out_type)))
