"""`tf.math`: elementwise math, reductions and comparisons (TF's math_ops).

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")`, so that on KerasTensors it becomes a `TFOpLambda` layer
named as tf.keras names it.
"""

import numpy as np

from pynn import ops
from pynn.core import dtypes as _dt
from pynn.core.dispatch import tf_api
from pynn.core.tensor import _wrap
from pynn.core.tensor import convert_to_tensor as _convert_to_tensor
from pynn.tf._common import TopKV2, _axis, _value


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
def matmul(
    a,
    b,
    transpose_a=False,
    transpose_b=False,
    adjoint_a=False,
    adjoint_b=False,
    a_is_sparse=False,
    b_is_sparse=False,
    output_type=None,
    name=None,
):
    return ops.matmul(
        a,
        b,
        transpose_a=transpose_a,
        transpose_b=transpose_b,
        adjoint_a=adjoint_a,
        adjoint_b=adjoint_b,
    )


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
    return [None if t is None else ops.multiply(t, ops.cast(scale, t.dtype)) for t in t_list], norm


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
    return ops.power(ops.sum(ops.power(ops.abs(tensor), p), axis=axis, keepdims=keepdims), 1.0 / p)


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
def confusion_matrix(
    labels, predictions, num_classes=None, weights=None, dtype=_dt.int32, name=None
):
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
def bincount(
    arr,
    weights=None,
    minlength=None,
    maxlength=None,
    dtype=_dt.int32,
    name=None,
    axis=None,
    binary_output=False,
):
    a = _value(arr).astype(np.intp).reshape(-1)
    w = None if weights is None else _value(weights).reshape(-1)
    out = np.bincount(a, weights=w, minlength=0 if minlength is None else int(minlength))
    if maxlength is not None:
        out = out[: int(maxlength)]
    if binary_output:
        out = out > 0
    return _wrap(out.astype(_dt.np_dtype(dtype) if w is None else w.dtype))


# tf.nn.softmax and tf.nn.log_softmax, also tf.math's (tf.nn re-exports them).
@tf_api("tf.nn.softmax")
def softmax(logits, axis=None, name=None):
    return ops.softmax(logits, -1 if axis is None else axis)


@tf_api("tf.nn.log_softmax")
def log_softmax(logits, axis=None, name=None):
    return ops.log_softmax(logits, -1 if axis is None else axis)


mod = floormod
