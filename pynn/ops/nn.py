"""Activations, bias_add, dropout and the fused, numerically stable crossentropies."""

from __future__ import annotations

import math as _math
from typing import TYPE_CHECKING, Any

import numpy as np

from pynn.core import random as _random
from pynn.core.autodiff import primitive, unbroadcast
from pynn.core.errors import op_error
from pynn.core.tensor import Tensor
from pynn.core.tracing import traced_call
from pynn.ops import math as _m
from pynn.ops import reduction as _r
from pynn.ops.array import identity, squeeze

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pynn.core.tensor import Tensor
    from pynn.core.type_aliases import Axis, TensorLike

__all__ = [
    "batch_normalization",
    "bias_add",
    "dense",
    "dropout",
    "elu",
    "exponential",
    "gelu",
    "hard_sigmoid",
    "hard_swish",
    "l2_loss",
    "l2_normalize",
    "leaky_relu",
    "log_sigmoid",
    "log_softmax",
    "mean_squared_error",
    "moments",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "sigmoid_cross_entropy_with_logits",
    "silu",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softplus",
    "softsign",
    "sparse_softmax_cross_entropy_with_logits",
    "swish",
    "tanh",
]

_max_reduce = np.maximum.reduce
_add_reduce = np.add.reduce

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_SQRT_2_OVER_PI = _math.sqrt(2.0 / _math.pi)
_INV_SQRT_2 = 1.0 / _math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / _math.sqrt(2.0 * _math.pi)


def _sigmoid(x):
    # exp of -|x| only: no overflow, and full relative precision for very negative x
    # (0.5 * (1 + tanh(x / 2)) rounds sigmoid(-20) to 0 in float32; TF gives 2.06e-09)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, e) / (1 + e)


# --------------------------------------------------------------------------- activations
@primitive
def relu(x: np.ndarray):
    out = np.maximum(x, 0)
    return out, lambda g: g * (x > 0)


@primitive
def relu6(x: np.ndarray):
    out = np.clip(x, 0, 6)
    return out, lambda g: g * ((x > 0) & (x < 6))


@primitive(name="LeakyRelu")
def _leaky_relu(x, alpha):
    pos = x > 0
    return np.where(pos, x, alpha * x), lambda g: np.where(pos, g, alpha * g)


def leaky_relu(x: TensorLike, alpha: float = 0.2) -> Tensor:
    """x if x > 0 else alpha * x (tf.nn.leaky_relu's default alpha is 0.2)."""
    return _leaky_relu(x, alpha=float(alpha))


@primitive(name="Elu")
def _elu(x, alpha):
    neg = np.expm1(np.minimum(x, 0))
    out = np.where(x > 0, x, alpha * neg)
    return out, lambda g: np.where(x > 0, g, g * alpha * (neg + 1))


def elu(x: TensorLike, alpha: float = 1.0) -> Tensor:
    return _elu(x, alpha=float(alpha))


@primitive
def selu(x: np.ndarray):
    neg = _SELU_ALPHA * np.expm1(np.minimum(x, 0))
    out = _SELU_SCALE * np.where(x > 0, x, neg)
    return out, lambda g: g * _SELU_SCALE * np.where(x > 0, 1, neg + _SELU_ALPHA)


@primitive(name="Gelu")
def _gelu(x, approximate):
    if approximate:
        inner = _SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)
        t = np.tanh(inner)
        out = 0.5 * x * (1 + t)

        def vjp(g):
            dinner = _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dinner)

        return out, vjp
    cdf = 0.5 * (1 + _m.erf_values(x * _INV_SQRT_2))
    out = x * cdf
    return out, lambda g: g * (cdf + x * _INV_SQRT_2PI * np.exp(-0.5 * x * x))


def gelu(x: TensorLike, approximate: bool = False) -> Tensor:
    """Gaussian error linear unit: x * Phi(x) (tanh approximation if `approximate`)."""
    return _gelu(x, approximate=bool(approximate))


@primitive
def sigmoid(x: np.ndarray):
    out = _sigmoid(x)
    return out, lambda g: g * out * (1 - out)


@primitive
def tanh(x: np.ndarray):
    out = np.tanh(x)
    return out, lambda g: g * (1 - out * out)


@primitive(name="Softmax")
def _softmax(x, axis):
    # ufunc reductions directly: np.max / np.sum wrappers cost more than (32, 10) arrays do
    e = _m.exp_values(x - _max_reduce(x, axis=axis, keepdims=True))
    out = e / _add_reduce(e, axis=axis, keepdims=True)
    return out, lambda g: out * (g - _add_reduce(g * out, axis=axis, keepdims=True))


def softmax(x: TensorLike, axis: int = -1) -> Tensor:
    """exp(x) / sum(exp(x)) along `axis`, computed stably."""
    return _softmax(x, axis=int(axis) if not isinstance(axis, (tuple, list)) else tuple(axis))


@primitive(name="LogSoftmax")
def _log_softmax(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    out = shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    return out, lambda g: g - np.exp(out) * np.sum(g, axis=axis, keepdims=True)


def log_softmax(x: TensorLike, axis: int = -1) -> Tensor:
    return _log_softmax(x, axis=int(axis))


@primitive
def softplus(x: np.ndarray):
    # log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|))
    out = np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
    return out, lambda g: g * _sigmoid(x)


@primitive
def softsign(x: np.ndarray):
    d = 1 + np.abs(x)
    return x / d, lambda g: g / (d * d)


@primitive(name="Swish")
def swish(x: np.ndarray):
    s = _sigmoid(x)
    return x * s, lambda g: g * (s + x * s * (1 - s))


silu = swish


@primitive(name="HardSigmoid")
def hard_sigmoid(x: np.ndarray):
    """Keras 2.15's hard sigmoid: clip(0.2 * x + 0.5, 0, 1)."""
    out = np.clip(0.2 * x + 0.5, 0, 1)
    return out, lambda g: g * 0.2 * ((x > -2.5) & (x < 2.5))


@primitive(name="HardSwish")
def hard_swish(x: np.ndarray):
    """x * relu6(x + 3) / 6."""
    r = np.clip(x + 3, 0, 6)
    return x * r / 6, lambda g: g * (r / 6 + x * ((x > -3) & (x < 3)) / 6)


exponential = _m.exp


@primitive(name="LogSigmoid")
def log_sigmoid(x: np.ndarray):
    out = -(np.maximum(-x, 0) + np.log1p(np.exp(-np.abs(x))))
    return out, lambda g: g * _sigmoid(-x)


# --------------------------------------------------------------------------- layers' helpers
@primitive(name="BiasAdd")
def _bias_add(x, bias, channels_first):
    if bias.ndim != 1:
        raise op_error("BiasAdd", f"Biases must be 1D: {list(bias.shape)}")
    axis = 1 if channels_first else x.ndim - 1
    if x.shape[axis] != bias.shape[0]:
        raise op_error(
            "BiasAdd",
            "Must provide as many biases as the last dimension of the "
            f"input tensor: [{bias.shape[0]}] vs. {list(x.shape)}",
        )
    if channels_first:
        b = bias.reshape((-1,) + (1,) * (x.ndim - 2))
        sum_axes = (0,) + tuple(range(2, x.ndim))
    else:
        b = bias
        sum_axes = tuple(range(x.ndim - 1))
    return x + b, lambda g: (g, g.sum(axis=sum_axes))


# --------------------------------------------------------------------------- fused layer ops
# One primitive where a layer would chain several: the same float32 operations in the same
# order, but one op (one Tensor, one recorded node, one VJP call) instead of three.
_DENSE_ACTIVATIONS = ("linear", "relu", "tanh")


@primitive(name="Dense", needs=True)
def _dense(x, kernel, bias, activation):
    z, matmul_vjp = _m._matmul.__wrapped__(x, kernel)
    z += bias
    if activation == "relu":
        out = np.maximum(z, 0)
    elif activation == "tanh":
        out = np.tanh(z)
    else:
        out = z

    def vjp(g, needs):
        if activation == "relu":
            g = g * (z > 0)
        elif activation == "tanh":
            g = g * (1 - out * out)
        gx, gk = matmul_vjp(g, needs[:2])
        gb = None
        if needs[2]:
            gb = (
                _add_reduce(g, axis=0)
                if g.ndim == 2
                else _add_reduce(g, axis=tuple(range(g.ndim - 1)))
            )
        return gx, gk, gb

    return out, vjp


def dense(
    x: TensorLike, kernel: TensorLike, bias: TensorLike, activation: str = "linear"
) -> Tensor:
    """`activation(x @ kernel + bias)` as one op, for `activation` in linear, relu, tanh
    (what a `Dense` layer computes; the bias runs along the last axis)."""
    if activation not in _DENSE_ACTIVATIONS:
        raise ValueError(f"dense fuses only {', '.join(_DENSE_ACTIVATIONS)}; got {activation!r}")
    return _dense(x, kernel, bias, activation=activation)


@primitive(name="MeanSquaredError")
def _mean_squared_error(y_pred, y_true):
    d = y_pred - y_true
    count = d.shape[-1] if d.ndim else 1
    out = _r._add_reduce(d * d, axis=-1 if d.ndim else None)
    out = out / out.dtype.type(count)

    def vjp(g):
        gd = (g / count)[..., None] * 2 * d if d.ndim else g / count * 2 * d
        return unbroadcast(gd, y_pred.shape), unbroadcast(-gd, y_true.shape)

    return out, vjp


def mean_squared_error(y_true: TensorLike, y_pred: TensorLike) -> Tensor:
    """`mean(square(y_pred - y_true), axis=-1)` as one op (inputs of one dtype)."""
    return _mean_squared_error(y_pred, y_true)


def bias_add(x: TensorLike, bias: TensorLike, data_format: str | None = None) -> Tensor:
    """Add a 1-D bias along the channel axis (last, or 1 for NC* formats)."""
    channels_first = data_format is not None and str(data_format).startswith("NC")
    return _bias_add(x, bias, channels_first=channels_first)


def l2_normalize(x: TensorLike, axis: Axis = None, epsilon: float = 1e-12) -> Tensor:
    """x / sqrt(max(sum(x**2, axis), epsilon))."""
    sq = _r.sum(_m.square(x), axis=axis, keepdims=True)
    return _m.multiply(x, _m.rsqrt(_m.maximum(sq, epsilon)))


def dropout(
    x: TensorLike,
    rate: float,
    noise_shape: Tensor | Sequence[int | None] | None = None,
    seed: int | None = None,
) -> Tensor:
    """Zero each element with probability `rate`, scale the rest by 1 / (1 - rate)."""
    if isinstance(rate, Tensor):
        rate = float(rate)
    if not 0 <= rate < 1:
        raise ValueError(
            f"rate must be a scalar tensor or a float in the range [0, 1), got {rate:g}"
        )
    v = x._value if isinstance(x, Tensor) else np.asarray(x, np.float32)
    if rate == 0:
        return identity(x)
    shape = (
        v.shape
        if noise_shape is None
        else tuple(
            v.shape[i] if d is None else int(d)
            for i, d in enumerate(
                noise_shape._value.tolist() if isinstance(noise_shape, Tensor) else noise_shape
            )
        )
    )
    # drawn through traced_call: a replayed train step draws a new mask (core/tracing.py)
    mask = traced_call(_keep_mask, shape=shape, rate=rate, dtype=v.dtype, seed=seed)
    return _m.multiply(x, mask)


def _keep_mask(*, shape, rate, dtype, seed):
    keep = _random.op_generator(seed).random(shape, dtype=np.float32) >= rate
    return keep.astype(dtype) * (1 / (1 - rate))


def moments(
    x: TensorLike,
    axes: int | Sequence[int],
    shift: TensorLike | None = None,
    keepdims: bool = False,
) -> tuple[Tensor, Tensor]:
    """(mean, variance) over `axes`."""
    mean = _r.mean(x, axis=axes, keepdims=True)
    variance = _r.mean(_m.square(_m.subtract(x, mean)), axis=axes, keepdims=keepdims)
    if not keepdims:
        kept: list[Any] = list(axes) if isinstance(axes, (list, tuple)) else [axes]
        mean = squeeze(mean, kept)
    return mean, variance


def batch_normalization(
    x: TensorLike,
    mean: TensorLike,
    variance: TensorLike,
    offset: TensorLike,
    scale: TensorLike,
    variance_epsilon: float,
) -> Tensor:
    """(x - mean) * scale / sqrt(variance + eps) + offset (offset/scale may be None)."""
    inv = _m.rsqrt(_m.add(variance, variance_epsilon))
    if scale is not None:
        inv = _m.multiply(inv, scale)
    out = _m.multiply(_m.subtract(x, mean), inv)
    return out if offset is None else _m.add(out, offset)


def l2_loss(x: TensorLike) -> Tensor:
    """sum(x ** 2) / 2."""
    return _m.multiply(_r.sum(_m.square(x)), 0.5)


# --------------------------------------------------------------------------- crossentropies
@primitive(name="SoftmaxCrossEntropyWithLogits")
def _softmax_xent(labels, logits, axis):
    if labels.shape != logits.shape:
        raise op_error(
            "SoftmaxCrossEntropyWithLogits",
            "logits and labels must be "
            f"broadcastable: logits_size={list(logits.shape)} "
            f"labels_size={list(labels.shape)}",
        )
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    log_sm = shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    loss = -np.sum(labels * log_sm, axis=axis)

    def vjp(g):
        ge = np.expand_dims(g, axis)
        sm = np.exp(log_sm)
        return -ge * log_sm, ge * (sm * np.sum(labels, axis=axis, keepdims=True) - labels)

    return loss, vjp


def softmax_cross_entropy_with_logits(
    labels: TensorLike, logits: TensorLike, axis: int = -1
) -> Tensor:
    """Per-example -sum(labels * log_softmax(logits)) along `axis`, computed stably."""
    return _softmax_xent(labels, logits, axis=int(axis))


@primitive(name="SparseSoftmaxCrossEntropyWithLogits", coerce=False)
def _sparse_softmax_xent(labels, logits):
    n = logits.shape[-1]
    idx = labels.astype(np.intp, copy=False)
    if idx.shape != logits.shape[:-1]:
        raise op_error(
            "SparseSoftmaxCrossEntropyWithLogits",
            "logits and labels must have the same first dimension, got logits shape "
            f"{list(logits.shape)} and labels shape {list(labels.shape)}",
        )
    if idx.size and (idx.min() < 0 or idx.max() >= n):
        bad = idx[(idx < 0) | (idx >= n)].reshape(-1)[0]
        raise op_error(
            "SparseSoftmaxCrossEntropyWithLogits",
            f"Received a label value of {bad} which is outside the valid range of "
            f"[0, {n}).  Label values: {' '.join(str(v) for v in idx.reshape(-1))}",
        )
    shifted = logits - _max_reduce(logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    total = _add_reduce(e, axis=-1, keepdims=True)
    rows = np.arange(idx.size)
    flat_idx = idx.reshape(-1)
    picked = shifted.reshape(-1, n)[rows, flat_idx].reshape(idx.shape) - np.log(total[..., 0])

    def vjp(g):
        grad = (e / total).reshape(-1, n)  # softmax - one_hot(labels), times g
        grad[rows, flat_idx] -= 1
        return None, grad.reshape(logits.shape) * g[..., None]

    return -picked, vjp


def sparse_softmax_cross_entropy_with_logits(labels: TensorLike, logits: TensorLike) -> Tensor:
    """Per-example crossentropy of integer class `labels` against unscaled `logits`."""
    return _sparse_softmax_xent(labels, logits)


@primitive(name="SigmoidCrossEntropyWithLogits")
def _sigmoid_xent(labels, logits):
    if labels.shape != logits.shape:
        raise ValueError(
            f"logits and labels must have the same shape ({logits.shape} vs {labels.shape})"
        )
    x, z = logits, labels
    loss = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    return loss, lambda g: (-g * x, g * (_sigmoid(x) - z))


def sigmoid_cross_entropy_with_logits(
    labels: TensorLike | None = None, logits: TensorLike | None = None
) -> Tensor:
    """Elementwise max(x, 0) - x * z + log(1 + exp(-|x|)), x = logits, z = labels."""
    return _sigmoid_xent(labels, logits)
