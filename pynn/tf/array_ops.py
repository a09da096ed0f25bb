"""`tf.zeros`, `tf.concat`, `tf.reshape`, `tf.gather` ...: creating, reshaping and indexing tensors (TF's array_ops).

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")`, so that on KerasTensors it becomes a `TFOpLambda` layer
named as tf.keras names it.
"""

import builtins as _b
import collections

import numpy as np

from pynn import ops
from pynn.core import dtypes as _dt
from pynn.core.autodiff import stop_gradient as _stop_gradient
from pynn.core.dispatch import tf_api
from pynn.core.tensor import _wrap
from pynn.core.tensor import constant as _constant
from pynn.core.tensor import convert_to_tensor as _convert_to_tensor
from pynn.tf._common import _axis, _shape_of, _value


# --------------------------------------------------------------------------- creation
@tf_api("tf.constant")
def constant(value, dtype=None, shape=None, name="Const"):
    return _constant(value, dtype=dtype, shape=shape)


@tf_api("tf.convert_to_tensor")
def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None):
    return _convert_to_tensor(value, dtype=dtype, dtype_hint=dtype_hint)


@tf_api("tf.cast")
def cast(x, dtype, name=None):
    return ops.cast(x, dtype)


@tf_api("tf.zeros")
def zeros(shape, dtype=_dt.float32, name=None):
    return ops.zeros(shape, dtype)


@tf_api("tf.ones")
def ones(shape, dtype=_dt.float32, name=None):
    return ops.ones(shape, dtype)


@tf_api("tf.zeros_like")
def zeros_like(input, dtype=None, name=None):
    return ops.zeros_like(input, dtype)


@tf_api("tf.ones_like")
def ones_like(input, dtype=None, name=None):
    return ops.ones_like(input, dtype)


@tf_api("tf.fill")
def fill(dims, value, name=None):
    return ops.fill(dims, value)


@tf_api("tf.eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    return ops.eye(num_rows, num_columns, batch_shape, dtype)


@tf_api("tf.range")
def range(start, limit=None, delta=1, dtype=None, name="range"):
    return ops.arange(start, limit, delta, dtype)


@tf_api("tf.linspace")
def linspace(start, stop, num, name=None, axis=0):
    return ops.linspace(start, stop, num, axis)


@tf_api("tf.identity")
def identity(input, name=None):
    return ops.identity(input)


@tf_api("tf.stop_gradient")
def stop_gradient(input, name=None):
    return _stop_gradient(input)


# --------------------------------------------------------------------------- shapes
@tf_api("tf.compat.v1.shape")
def shape(input, out_type=_dt.int32, name=None):
    return ops.shape(input, out_type)


@tf_api("tf.rank")
def rank(input, name=None):
    return _wrap(np.asarray(len(_shape_of(input)), np.int32))


@tf_api("tf.size")
def size(input, out_type=_dt.int32, name=None):
    return _wrap(np.asarray(int(np.prod(_shape_of(input))), _dt.np_dtype(out_type)))


@tf_api("tf.reshape")
def reshape(tensor, shape, name=None):
    return ops.reshape(tensor, shape)


@tf_api("tf.concat")
def concat(values, axis, name="concat"):
    return ops.concat(values, _axis(axis))


@tf_api("tf.stack")
def stack(values, axis=0, name="stack"):
    return ops.stack(values, _axis(axis))


@tf_api("tf.unstack")
def unstack(value, num=None, axis=0, name="unstack"):
    return ops.unstack(value, num, _axis(axis))


@tf_api("tf.split")
def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    return ops.split(value, num_or_size_splits, _axis(axis), num)


@tf_api("tf.compat.v1.squeeze")
def squeeze(input, axis=None, name=None):
    return ops.squeeze(input, _axis(axis))


@tf_api("tf.expand_dims")
def expand_dims(input, axis, name=None):
    return ops.expand_dims(input, _axis(axis))


@tf_api("tf.compat.v1.transpose")
def transpose(a, perm=None, conjugate=False, name="transpose"):
    return ops.transpose(a, perm)


@tf_api("tf.tile")
def tile(input, multiples, name=None):
    return ops.tile(input, multiples)


@tf_api("tf.pad")
def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    return ops.pad(tensor, paddings, mode, constant_values)


@tf_api("tf.reverse")
def reverse(tensor, axis, name=None):
    return ops.reverse(tensor, axis)


@tf_api("tf.broadcast_to")
def broadcast_to(input, shape, name=None):
    return ops.broadcast_to(input, shape)


@tf_api("tf.repeat")
def repeat(input, repeats, axis=None, name=None):
    return ops.repeat(input, repeats, axis)


@tf_api("tf.roll")
def roll(input, shift, axis, name=None):
    v = _value(input)
    shifts = np.atleast_1d(_value(shift)).tolist()
    axes = np.atleast_1d(_value(axis)).tolist()
    index = [_b.slice(None)] * v.ndim
    out = input
    for s, a in zip(shifts, axes, strict=True):
        n = v.shape[a]
        index_a = list(index)
        index_a[a] = (np.arange(n) - s) % n
        out = ops.getitem(out, tuple(index_a))
    return out


# --------------------------------------------------------------------------- indexing
@tf_api("tf.compat.v1.gather")
def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    return ops.gather(params, indices, axis=axis, batch_dims=batch_dims)


@tf_api("tf.gather_nd")
def gather_nd(params, indices, batch_dims=0, name=None):
    return ops.gather_nd(params, indices, batch_dims)


@tf_api("tf.where")
def where(condition, x=None, y=None, name=None):
    return ops.where(condition, x, y)


@tf_api("tf.boolean_mask")
def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    m = _value(mask).astype(bool)
    lead = () if not axis else (_b.slice(None),) * int(axis)
    return ops.getitem(tensor, lead + (m,))


@tf_api("tf.slice")
def slice(input_, begin, size, name=None):
    """The block starting at `begin` with `size` entries per dimension (-1: to the end)."""
    begin = np.atleast_1d(_value(begin)).tolist()
    size = np.atleast_1d(_value(size)).tolist()
    key = tuple(_b.slice(b, None if s == -1 else b + s) for b, s in zip(begin, size, strict=True))
    return ops.getitem(input_, key)


@tf_api("tf.one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    return ops.one_hot(indices, depth, on_value, off_value, axis, dtype)


@tf_api("tf.sort")
def sort(values, axis=-1, direction="ASCENDING", name=None):
    return ops.sort(values, axis, direction)


@tf_api("tf.argsort")
def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    return ops.argsort(values, axis, direction)


@tf_api("tf.unique")
def unique(x, out_idx=_dt.int32, name=None):
    v = _value(x)
    _, first, inverse = np.unique(v, return_index=True, return_inverse=True)
    order = np.argsort(first)  # TF keeps the order of first appearance
    rank_of = np.empty_like(order)
    rank_of[order] = np.arange(order.size)
    Unique = collections.namedtuple("Unique", ["y", "idx"])
    return Unique(
        _wrap(v[np.sort(first)]), _wrap(rank_of[inverse.reshape(-1)].astype(_dt.np_dtype(out_idx)))
    )


@tf_api("tf.searchsorted")
def searchsorted(sorted_sequence, values, side="left", out_type=_dt.int32, name=None):
    s, v = _value(sorted_sequence), _value(values)
    if s.ndim == 1:
        out = np.searchsorted(s, v, side=side)
    else:
        out = np.stack(
            [
                np.searchsorted(a, b, side=side)
                for a, b in zip(s.reshape(-1, s.shape[-1]), v.reshape(-1, v.shape[-1]), strict=True)
            ]
        ).reshape(v.shape)
    return _wrap(out.astype(_dt.np_dtype(out_type)))


@tf_api("tf.meshgrid")
def meshgrid(*args, **kwargs):
    indexing = kwargs.get("indexing", "xy")
    return [_wrap(g) for g in np.meshgrid(*[_value(a) for a in args], indexing=indexing)]


@tf_api("tf.scatter_nd")
def scatter_nd(indices, updates, shape, name=None):
    idx = _value(indices)
    u = _value(updates)
    out = np.zeros(tuple(np.atleast_1d(_value(shape)).tolist()), u.dtype)
    np.add.at(out, tuple(np.moveaxis(idx, -1, 0)), u)
    return _wrap(out)


@tf_api("tf.tensor_scatter_nd_update")
def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    out = np.array(_value(tensor))
    out[tuple(np.moveaxis(_value(indices), -1, 0))] = _value(updates)
    return _wrap(out)
