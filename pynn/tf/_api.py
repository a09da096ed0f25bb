"""The TensorFlow functions tutorials call, with TF's signatures, over `pynn.ops`.

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")` so that, on KerasTensors, it becomes a `TFOpLambda` layer
named as tf.keras names it (`tf.math.reduce_mean`, `tf.concat`, ...).
"""

import builtins as _b
import collections
import contextlib
import logging
import sys

import numpy as np

from pynn import ops
from pynn.core import dtypes as _dt
from pynn.core import random as _random
from pynn.core.autodiff import stop_gradient as _stop_gradient
from pynn.core.dispatch import tf_api
from pynn.core.tensor import Tensor, _wrap
from pynn.core.tensor import constant as _constant
from pynn.core.tensor import convert_to_tensor as _convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import effect_call as _effect_call
from pynn.core.tracing import fail as _trace_fail
from pynn.core.tracing import peek as _peek
from pynn.core.tracing import traced_call as _traced_call
from pynn.tf.function import function  # noqa: F401 - tf.function

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


def _value(x):
    """The array behind `x`, for numpy work outside the primitives (a read of the value: a
    step being recorded stays eager if `x` can change from step to step)."""
    if isinstance(x, Tensor):
        if _tracing:
            _peek(x, f"tf.{sys._getframe(1).f_code.co_name}")
        return x._value
    return np.asarray(x)


def _shape_of(x):
    return x._value.shape if isinstance(x, Tensor) else np.shape(x)


def _axis(axis):
    if isinstance(axis, Tensor):
        axis = axis._value.tolist()
    return axis


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
    for s, a in zip(shifts, axes):
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
    key = tuple(_b.slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
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
    order = np.argsort(first)            # TF keeps the order of first appearance
    rank_of = np.empty_like(order)
    rank_of[order] = np.arange(order.size)
    Unique = collections.namedtuple("Unique", ["y", "idx"])
    return Unique(_wrap(v[np.sort(first)]),
                  _wrap(rank_of[inverse.reshape(-1)].astype(_dt.np_dtype(out_idx))))


@tf_api("tf.searchsorted")
def searchsorted(sorted_sequence, values, side="left", out_type=_dt.int32, name=None):
    s, v = _value(sorted_sequence), _value(values)
    if s.ndim == 1:
        out = np.searchsorted(s, v, side=side)
    else:
        out = np.stack([np.searchsorted(a, b, side=side) for a, b in zip(
            s.reshape(-1, s.shape[-1]), v.reshape(-1, v.shape[-1]))]).reshape(v.shape)
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


# --------------------------------------------------------------------------- math
def _binary(api, fn):
    @tf_api(api)
    def op(x, y, name=None):
        return fn(x, y)
    op.__name__ = api.rsplit(".", 1)[-1]
    op.__doc__ = fn.__doc__
    return op


def _unary(api, fn):
    @tf_api(api)
    def op(x, name=None):
        return fn(x)
    op.__name__ = api.rsplit(".", 1)[-1]
    op.__doc__ = fn.__doc__
    return op


add = _binary("tf.math.add", ops.add)
subtract = _binary("tf.math.subtract", ops.subtract)
multiply = _binary("tf.math.multiply", ops.multiply)
divide = _binary("tf.math.divide", ops.divide)
truediv = _binary("tf.math.truediv", ops.divide)
realdiv = _binary("tf.realdiv", ops.divide)
floordiv = _binary("tf.math.floordiv", ops.floordiv)
floormod = _binary("tf.math.floormod", ops.mod)
pow = _binary("tf.math.pow", ops.power)
maximum = _binary("tf.math.maximum", ops.maximum)
minimum = _binary("tf.math.minimum", ops.minimum)
squared_difference = _binary("tf.math.squared_difference", ops.squared_difference)
equal = _binary("tf.math.equal", ops.equal)
not_equal = _binary("tf.math.not_equal", ops.not_equal)
greater = _binary("tf.math.greater", ops.greater)
greater_equal = _binary("tf.math.greater_equal", ops.greater_equal)
less = _binary("tf.math.less", ops.less)
less_equal = _binary("tf.math.less_equal", ops.less_equal)
logical_and = _binary("tf.math.logical_and", ops.logical_and)
logical_or = _binary("tf.math.logical_or", ops.logical_or)
logical_xor = _binary("tf.math.logical_xor", ops.logical_xor)

negative = _unary("tf.math.negative", ops.negative)
logical_not = _unary("tf.math.logical_not", ops.logical_not)
square = _unary("tf.math.square", ops.square)
sqrt = _unary("tf.math.sqrt", ops.sqrt)
rsqrt = _unary("tf.math.rsqrt", ops.rsqrt)
exp = _unary("tf.math.exp", ops.exp)
expm1 = _unary("tf.math.expm1", ops.expm1)
log = _unary("tf.math.log", ops.log)
log1p = _unary("tf.math.log1p", ops.log1p)
abs = _unary("tf.math.abs", ops.abs)
sign = _unary("tf.math.sign", ops.sign)
reciprocal = _unary("tf.math.reciprocal", ops.reciprocal)
round = _unary("tf.math.round", ops.round)
floor = _unary("tf.math.floor", ops.floor)
ceil = _unary("tf.math.ceil", ops.ceil)
sin = _unary("tf.math.sin", ops.sin)
cos = _unary("tf.math.cos", ops.cos)
tan = _unary("tf.math.tan", ops.tan)
erf = _unary("tf.math.erf", ops.erf)
sigmoid = _unary("tf.math.sigmoid", ops.sigmoid)
tanh = _unary("tf.math.tanh", ops.tanh)
softplus = _unary("tf.math.softplus", ops.softplus)
softsign = _unary("tf.nn.softsign", ops.softsign)
log_sigmoid = _unary("tf.math.log_sigmoid", ops.log_sigmoid)
is_nan = _unary("tf.math.is_nan", ops.is_nan)
is_inf = _unary("tf.math.is_inf", ops.is_inf)
is_finite = _unary("tf.math.is_finite", ops.is_finite)


@tf_api("tf.math.divide_no_nan")
def divide_no_nan(x, y, name=None):
    """x / y, with 0 wherever y == 0."""
    yv = _value(y)
    safe = ops.where(yv == 0, ops.ones_like(y), y)
    return ops.where(yv == 0, ops.zeros_like(ops.divide(x, safe)), ops.divide(x, safe))


@tf_api("tf.math.add_n")
def add_n(inputs, name=None):
    return ops.add_n(inputs)


@tf_api("tf.linalg.matmul")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, name=None):
    return ops.matmul(a, b, transpose_a=transpose_a, transpose_b=transpose_b,
                      adjoint_a=adjoint_a, adjoint_b=adjoint_b)


@tf_api("tf.einsum")
def einsum(equation, *inputs, **kwargs):
    return ops.einsum(equation, *inputs)


@tf_api("tf.linalg.matrix_transpose")
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    return ops.matrix_transpose(a)


@tf_api("tf.clip_by_value")
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    return ops.clip(t, clip_value_min, clip_value_max)


@tf_api("tf.clip_by_norm")
def clip_by_norm(t, clip_norm, axes=None, name=None):
    """Rescale `t` so that its L2 norm (over `axes`) is at most `clip_norm`."""
    l2 = ops.sqrt(ops.sum(ops.square(t), axis=axes, keepdims=True))
    scale = ops.divide(clip_norm, ops.maximum(l2, clip_norm))
    return ops.multiply(t, scale)


def global_norm(t_list, name=None):
    """sqrt of the sum of squares of all tensors in `t_list` (None entries ignored)."""
    parts = [ops.sum(ops.square(t)) for t in t_list if t is not None]
    return ops.sqrt(ops.add_n(parts)) if parts else _wrap(np.asarray(0.0, np.float32))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(clipped list, global norm): every tensor scaled by clip_norm / max(norm, clip_norm)."""
    t_list = list(t_list)
    norm = global_norm(t_list) if use_norm is None else _convert_to_tensor(use_norm)
    scale = ops.divide(clip_norm, ops.maximum(norm, clip_norm))
    return [None if t is None else ops.multiply(t, ops.cast(scale, t.dtype))
            for t in t_list], norm


def _reduction(api, fn):
    @tf_api(api)
    def op(input_tensor, axis=None, keepdims=False, name=None):
        return fn(input_tensor, axis=_axis(axis), keepdims=bool(keepdims))
    op.__name__ = api.rsplit(".", 1)[-1]
    return op


reduce_sum = _reduction("tf.math.reduce_sum", ops.sum)
reduce_mean = _reduction("tf.math.reduce_mean", ops.mean)
reduce_max = _reduction("tf.math.reduce_max", ops.max)
reduce_min = _reduction("tf.math.reduce_min", ops.min)
reduce_prod = _reduction("tf.math.reduce_prod", ops.prod)
reduce_any = _reduction("tf.math.reduce_any", ops.any)
reduce_all = _reduction("tf.math.reduce_all", ops.all)
reduce_logsumexp = _reduction("tf.math.reduce_logsumexp", ops.logsumexp)
reduce_variance = _reduction("tf.math.reduce_variance", ops.var)
reduce_std = _reduction("tf.math.reduce_std", ops.std)


@tf_api("tf.math.reduce_euclidean_norm")
def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    return ops.sqrt(ops.sum(ops.square(input_tensor), axis=_axis(axis), keepdims=keepdims))


@tf_api("tf.norm")
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """Vector norm over `axis` (all entries if None): 'euclidean'/2, 1, or np.inf."""
    axis = _axis(axis)
    keepdims = bool(keepdims)
    if ord in ("euclidean", "fro", 2, 2.0):
        return ops.sqrt(ops.sum(ops.square(tensor), axis=axis, keepdims=keepdims))
    if ord in (1, 1.0):
        return ops.sum(ops.abs(tensor), axis=axis, keepdims=keepdims)
    if ord == np.inf:
        return ops.max(ops.abs(tensor), axis=axis, keepdims=keepdims)
    p = float(ord)
    return ops.power(ops.sum(ops.power(ops.abs(tensor), p), axis=axis, keepdims=keepdims),
                     1.0 / p)


@tf_api("tf.math.argmax")
def argmax(input, axis=None, output_type=_dt.int64, name=None):
    return ops.argmax(input, _axis(axis), output_type)


@tf_api("tf.math.argmin")
def argmin(input, axis=None, output_type=_dt.int64, name=None):
    return ops.argmin(input, _axis(axis), output_type)


@tf_api("tf.math.cumsum")
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return ops.cumsum(x, axis, exclusive, reverse)


@tf_api("tf.math.cumprod")
def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    if exclusive or reverse:
        raise ValueError("tf.math.cumprod supports exclusive=False, reverse=False only")
    return ops.cumprod(x, axis)


@tf_api("tf.math.count_nonzero")
def count_nonzero(input, axis=None, keepdims=None, dtype=_dt.int64, name=None):
    return ops.count_nonzero(input, _axis(axis), bool(keepdims), dtype)


@tf_api("tf.math.top_k")
def top_k(input, k=1, sorted=True, index_type=_dt.int32, name=None):
    values, indices = ops.top_k(input, int(k), sorted)
    return TopKV2(values, indices)


@tf_api("tf.math.in_top_k")
def in_top_k(targets, predictions, k, name=None):
    """Whether each target class is among the k largest predictions of its row."""
    p = _value(predictions)
    t = _value(targets).astype(np.intp)
    target_score = p[np.arange(p.shape[0]), t]
    higher = np.sum(p > target_score[:, None], axis=1)
    return _wrap((higher < int(k)) & np.isfinite(target_score))


@tf_api("tf.math.confusion_matrix")
def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype=_dt.int32,
                     name=None):
    lab = _value(labels).astype(np.intp).reshape(-1)
    pred = _value(predictions).astype(np.intp).reshape(-1)
    n = int(num_classes) if num_classes is not None else int(max(lab.max(), pred.max()) + 1)
    w = np.ones(lab.shape) if weights is None else _value(weights).reshape(-1)
    out = np.zeros((n, n), _dt.np_dtype(dtype))
    np.add.at(out, (lab, pred), w.astype(out.dtype))
    return _wrap(out)


@tf_api("tf.math.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    return ops.l2_normalize(x, axis if dim is None else dim, epsilon)


@tf_api("tf.math.bincount")
def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=_dt.int32, name=None,
             axis=None, binary_output=False):
    a = _value(arr).astype(np.intp).reshape(-1)
    w = None if weights is None else _value(weights).reshape(-1)
    out = np.bincount(a, weights=w, minlength=0 if minlength is None else int(minlength))
    if maxlength is not None:
        out = out[:int(maxlength)]
    if binary_output:
        out = out > 0
    return _wrap(out.astype(_dt.np_dtype(dtype) if w is None else w.dtype))


# --------------------------------------------------------------------------- nn
@tf_api("tf.nn.relu")
def relu(features, name=None):
    return ops.relu(features)


@tf_api("tf.nn.relu6")
def relu6(features, name=None):
    return ops.relu6(features)


@tf_api("tf.nn.elu")
def elu(features, name=None):
    return ops.elu(features)


@tf_api("tf.nn.selu")
def selu(features, name=None):
    return ops.selu(features)


@tf_api("tf.nn.gelu")
def gelu(features, approximate=False, name=None):
    return ops.gelu(features, approximate)


@tf_api("tf.nn.leaky_relu")
def leaky_relu(features, alpha=0.2, name=None):
    return ops.leaky_relu(features, alpha)


@tf_api("tf.nn.silu")
def silu(features, beta=1.0):
    if beta != 1.0:
        return ops.multiply(features, ops.sigmoid(ops.multiply(features, beta)))
    return ops.swish(features)


swish = silu


@tf_api("tf.nn.softmax")
def softmax(logits, axis=None, name=None):
    return ops.softmax(logits, -1 if axis is None else axis)


@tf_api("tf.nn.log_softmax")
def log_softmax(logits, axis=None, name=None):
    return ops.log_softmax(logits, -1 if axis is None else axis)


@tf_api("tf.nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    return ops.sigmoid_cross_entropy_with_logits(labels, logits)


@tf_api("tf.nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """(1 - z) * x + (1 + (q - 1) * z) * log(1 + exp(-x)), computed stably."""
    log_weight = ops.add(1.0, ops.multiply(ops.subtract(pos_weight, 1.0), labels))
    return ops.add(ops.multiply(ops.subtract(1.0, labels), logits),
                   ops.multiply(log_weight, ops.negative(ops.log_sigmoid(logits))))


@tf_api("tf.nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    return ops.softmax_cross_entropy_with_logits(labels, logits, axis)


@tf_api("tf.nn.sparse_softmax_cross_entropy_with_logits")
def sparse_softmax_cross_entropy_with_logits(labels=None, logits=None, name=None):
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    return ops.sparse_softmax_cross_entropy_with_logits(labels, logits)


@tf_api("tf.nn.dropout")
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    return ops.dropout(x, rate, noise_shape, seed)


@tf_api("tf.nn.l2_loss")
def l2_loss(t, name=None):
    return ops.l2_loss(t)


@tf_api("tf.nn.bias_add")
def bias_add(value, bias, data_format=None, name=None):
    return ops.bias_add(value, bias, data_format)


@tf_api("tf.nn.moments")
def moments(x, axes, shift=None, keepdims=False, name=None):
    return ops.moments(x, axes, keepdims=keepdims)


@tf_api("tf.nn.batch_normalization")
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    return ops.batch_normalization(x, mean, variance, offset, scale, variance_epsilon)


@tf_api("tf.nn.embedding_lookup")
def embedding_lookup(params, ids, max_norm=None, name=None):
    return ops.gather(params, ids)


def _nn_padding(padding):
    if isinstance(padding, str):
        return padding.lower()
    raise ValueError("explicit paddings are not supported; use 'SAME' or 'VALID'")


def _spatial(value, n, name, data_format):
    """TF's strides/dilations (int, list of n, or list of n + 2) as a tuple of n ints."""
    if value is None:
        return (1,) * n
    v = np.atleast_1d(_value(value)).tolist()
    if len(v) == 1:
        return tuple(v) * n
    if len(v) == n + 2:
        return tuple(v[1:-1]) if not str(data_format).startswith("NC") else tuple(v[2:])
    if len(v) == n:
        return tuple(v)
    raise ValueError(f"{name} should be of length 1, {n} or {n + 2}, got {v}")


def _channels_last(data_format):
    if data_format is not None and str(data_format).startswith("NC"):
        raise ValueError(f"data_format={data_format!r} is not supported on CPU; use channels "
                         "last (NHWC / NWC)")


@tf_api("tf.nn.conv2d")
def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None,
           name=None):
    _channels_last(data_format)
    return ops.conv2d(input, filters, strides=_spatial(strides, 2, "strides", data_format),
                      padding=_nn_padding(padding),
                      dilation_rate=_spatial(dilations, 2, "dilations", data_format))


@tf_api("tf.nn.conv1d")
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None,
           name=None):
    _channels_last(data_format)
    return ops.conv1d(input, filters, strides=_spatial(stride, 1, "stride", data_format)[0],
                      padding=_nn_padding(padding),
                      dilation_rate=_spatial(dilations, 1, "dilations", data_format)[0])


@tf_api("tf.nn.max_pool2d")
def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    _channels_last(data_format)
    return ops.max_pool2d(input, pool_size=_spatial(ksize, 2, "ksize", data_format),
                          strides=_spatial(strides, 2, "strides", data_format),
                          padding=_nn_padding(padding))


@tf_api("tf.nn.avg_pool2d")
def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    _channels_last(data_format)
    return ops.avg_pool2d(input, pool_size=_spatial(ksize, 2, "ksize", data_format),
                          strides=_spatial(strides, 2, "strides", data_format),
                          padding=_nn_padding(padding))


# --------------------------------------------------------------------------- random
def set_seed(seed):
    """Fix the global random seed (ops, initializers and dropout become reproducible)."""
    _random.set_seed(seed)


def _random_shape(shape):
    s = _value(shape) if isinstance(shape, Tensor) else shape
    if isinstance(s, TensorShape):
        s = s.as_list()
    return tuple(int(d) for d in np.atleast_1d(s)) if np.ndim(s) or not isinstance(
        s, (list, tuple)) else tuple(s)


# random numbers are drawn through traced_call: a replayed step (fit, tf.function) draws anew

def _normal_array(shape, mean, stddev, npd, seed):
    z = _random.op_generator(seed).standard_normal(shape).astype(npd)
    return (z * np.asarray(stddev, npd) + np.asarray(mean, npd)).astype(npd)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    return _wrap(_traced_call(_normal_array, shape=_random_shape(shape),
                              mean=_value(mean).tolist(), stddev=_value(stddev).tolist(),
                              npd=_dt.np_dtype(dtype), seed=seed))


def _uniform_array(shape, lo, hi, npd, seed):
    gen = _random.op_generator(seed)
    if npd.kind in "iu":
        return gen.integers(lo, hi, size=shape).astype(npd)
    u = gen.random(shape, dtype=np.float64 if npd == np.float64 else np.float32)
    return (lo + (hi - lo) * u).astype(npd)


def random_uniform(shape, minval=0, maxval=None, dtype=_dt.float32, seed=None, name=None):
    npd = _dt.np_dtype(dtype)
    shp = _random_shape(shape)
    if npd.kind in "iu":
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {_dt.as_dtype(dtype).name}")
        lo, hi = int(_value(minval)), int(_value(maxval))
    else:
        lo = float(_value(minval))
        hi = 1.0 if maxval is None else float(_value(maxval))
    return _wrap(_traced_call(_uniform_array, shape=shp, lo=lo, hi=hi, npd=npd, seed=seed))


def _truncated_normal_array(shape, mean, stddev, npd, seed):
    gen = _random.op_generator(seed)
    z = gen.standard_normal(shape)
    bad = np.abs(z) > 2
    while bad.any():
        z[bad] = gen.standard_normal(int(bad.sum()))
        bad = np.abs(z) > 2
    return (z * stddev + mean).astype(npd)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Normal samples re-drawn until within two standard deviations of the mean."""
    return _wrap(_traced_call(_truncated_normal_array, shape=_random_shape(shape),
                              mean=float(_value(mean)), stddev=float(_value(stddev)),
                              npd=_dt.np_dtype(dtype), seed=seed))


def shuffle(value, seed=None, name=None):
    """A copy of `value` with its first dimension randomly permuted."""
    _trace_fail("tf.random.shuffle cannot be replayed")
    v = _value(value)
    return _wrap(v[_random.op_generator(seed).permutation(v.shape[0])])


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """Sample class indices from the unnormalized log-probabilities of each row."""
    _trace_fail("tf.random.categorical cannot be replayed")
    z = np.asarray(_value(logits), np.float64)
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    gen = _random.op_generator(seed)
    u = gen.random((p.shape[0], int(num_samples), 1))
    out = (u > np.cumsum(p, axis=-1)[:, None, :]).sum(-1)
    out = np.minimum(out, p.shape[-1] - 1)
    return _wrap(out.astype(_dt.np_dtype(dtype) if dtype is not None else np.int64))


# --------------------------------------------------------------------------- eager helpers
def executing_eagerly():
    """False while a tf.function traces its body, as in TF; True otherwise."""
    return not (_tracing and _tracing[0].names is not None)


def is_tensor(x):
    return isinstance(x, Tensor) or getattr(x, "_pynn_symbolic", False) is True


@contextlib.contextmanager
def _noop_scope(*args, **kwargs):
    yield


def name_scope(name, *args, **kwargs):
    """Context manager kept for compatibility: names do not matter in eager mode."""
    return _noop_scope()


def device(device_name):
    """Context manager kept for compatibility: pynn runs on the CPU only."""
    return _noop_scope()


def control_dependencies(control_inputs):
    return _noop_scope()


def init_scope():
    return _noop_scope()


def get_static_value(tensor, partial=False):
    if isinstance(tensor, Tensor):
        return tensor.numpy()
    return None


def get_logger():
    return logging.getLogger("tensorflow")


def ensure_shape(x, shape, name=None):
    if not TensorShape(shape).is_compatible_with(_value(x).shape):
        from pynn.core.errors import InvalidArgumentError
        raise InvalidArgumentError(
            f"Shape of tensor {TensorShape(_value(x).shape)} is not compatible with expected "
            f"shape {TensorShape(shape)}.")
    return x


class TensorSpec:
    """Describes a tensor's shape and dtype (used in `tf.function` input signatures)."""

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self.shape = TensorShape(shape)
        self.dtype = _dt.as_dtype(dtype)
        self.name = name

    def __repr__(self):
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r}, name={self.name!r})"

    def __eq__(self, other):
        return (isinstance(other, TensorSpec) and self.shape == other.shape
                and self.dtype == other.dtype and self.name == other.name)

    def __hash__(self):
        return hash((self.shape, self.dtype, self.name))

    def is_compatible_with(self, spec_or_tensor):
        return (self.dtype == spec_or_tensor.dtype
                and self.shape.is_compatible_with(spec_or_tensor.shape))


# --------------------------------------------------------------------------- tf.print
def _format_scalar(v):
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, np.floating):
        digits = (6, 9) if v.dtype.itemsize <= 4 else (15, 17)
        short = f"{v:.{digits[0]}g}"
        return short if type(v)(short) == v else f"{v:.{digits[1]}g}"
    if isinstance(v, bytes):
        return '"' + v.decode("utf-8", "replace") + '"'
    if isinstance(v, str):
        return '"' + v + '"'
    return str(v)


def _format_array(a, summarize, indent=1):
    if not isinstance(a, np.ndarray):      # an element of an object (string) array
        return _format_scalar(a)
    if a.ndim == 0:
        return _format_scalar(a[()])
    n = a.shape[0]
    if summarize is not None and summarize >= 0 and n > 2 * summarize:
        items = [_format_array(a[i], summarize, indent + 1) for i in np.arange(summarize)]
        items.append("...")
        items += [_format_array(a[i], summarize, indent + 1) for i in np.arange(n - summarize, n)]
    else:
        items = [_format_array(a[i], summarize, indent + 1) for i in np.arange(n)]
    if a.ndim == 1:
        return "[" + " ".join(items) + "]"
    sep = "\n" * (a.ndim - 1) + " " * indent
    return "[" + sep.join(items) + "]"


def _format_for_print(obj, summarize):
    if isinstance(obj, Tensor):
        return _format_array(obj._value, summarize)
    if isinstance(obj, np.ndarray):
        return _format_array(obj, summarize)
    if isinstance(obj, list):
        return "[" + ", ".join(_format_for_print(o, summarize) for o in obj) + "]"
    if isinstance(obj, tuple):
        return "(" + ", ".join(_format_for_print(o, summarize) for o in obj) + (
            ",)" if len(obj) == 1 else ")")
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{k!r}: {_format_for_print(v, summarize)}"
                               for k, v in obj.items()) + "}"
    return str(obj)


def print(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """`tf.print`: tensors printed as TensorFlow prints them (to stderr by default); inside
    a traced step or tf.function it prints at every call, not only while tracing."""
    if _tracing:
        return _effect_call(print, *inputs, output_stream=output_stream, summarize=summarize,
                            sep=sep, end=end)
    stream = sys.stderr if output_stream is None else output_stream
    text = sep.join(_format_for_print(x, summarize) for x in inputs) + end
    if isinstance(stream, str):
        if stream.startswith("file://"):
            with open(stream[len("file://"):], "a") as f:
                f.write(text)
            return
        stream = sys.stdout if stream == "stdout" else sys.stderr
    if hasattr(stream, "write"):
        stream.write(text)
    elif callable(stream):
        stream(text.rstrip("\n"))
