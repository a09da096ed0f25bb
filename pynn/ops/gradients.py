"""Differentiable gradients: each primitive's vector-Jacobian product written with pynn ops.

A primitive's own `vjp` works on numpy arrays, which no tape sees. When `GradientTape.gradient`
runs while a tape is still recording (nested tapes: `tape.gradient` inside an outer tape's
`with` block), `autodiff.backprop_tensors` uses the rules here instead (registered with the
core when pynn.ops is imported, with the ops that sum and unbroadcast gradients), so the gradient
computation itself is recorded and can be differentiated again (second derivatives, Hessians,
gradient penalties). A rule is `rule(g, inputs, out, attrs, needs) -> gradients`, one per
input (None where it has none), Tensors in and out: `inputs` are Tensors (constants for the
non-Tensor inputs), `out` the op's output, `needs[i]` whether input i wants its gradient.

A primitive without a rule here still gets its first derivative (from its numpy vjp), but that
gradient cannot be differentiated: doing so raises an error naming the op. A rule may return
`FIRST_ORDER_ONLY` for one input (conv2d's kernel): that gradient comes from the numpy vjp.
"""

import numpy as np

from pynn.core.autodiff import FIRST_ORDER_ONLY, register_gradient_ops, register_gradient_rule
from pynn.ops import array as _a
from pynn.ops import conv as _conv
from pynn.ops import math as _m
from pynn.ops import nn as _nn
from pynn.ops import reduction as _r


def unbroadcast(g, shape):
    """Sum the Tensor `g` down to `shape` (the gradient of a broadcast), with ops."""
    shape = tuple(shape)
    gshape = g._value.shape
    if gshape == shape:
        return g
    extra = len(gshape) - len(shape)
    if extra > 0:
        g = _r.sum(g, axis=tuple(range(extra)))
        gshape = g._value.shape
    axes = tuple(i for i, s in enumerate(shape) if s == 1 and gshape[i] != 1)
    if axes:
        g = _r.sum(g, axis=axes, keepdims=True)
    if g._value.shape != shape:
        g = _a.broadcast_to(g, shape)
    return g


def _shape(t):
    return t._value.shape


def _float_like(mask, like):
    return _m.cast(mask, like._value.dtype)


def _rule(op, *ops):
    def decorate(fn):
        for o in (op,) + ops:
            register_gradient_rule(o, fn)
        return fn

    return decorate


# ------------------------------------------------------------------ elementwise
@_rule(_m.add)
def _add(g, xs, out, attrs, needs):
    a, b = xs
    return unbroadcast(g, _shape(a)), unbroadcast(g, _shape(b))


@_rule(_m.subtract)
def _subtract(g, xs, out, attrs, needs):
    a, b = xs
    return unbroadcast(g, _shape(a)), unbroadcast(_m.negative(g), _shape(b))


@_rule(_m.multiply)
def _multiply(g, xs, out, attrs, needs):
    a, b = xs
    return (
        unbroadcast(_m.multiply(g, b), _shape(a)) if needs[0] else None,
        unbroadcast(_m.multiply(g, a), _shape(b)) if needs[1] else None,
    )


@_rule(_m.divide)
def _divide(g, xs, out, attrs, needs):
    a, b = xs
    ga = unbroadcast(_m.divide(g, b), _shape(a)) if needs[0] else None
    gb = (
        unbroadcast(_m.negative(_m.divide(_m.multiply(g, a), _m.square(b))), _shape(b))
        if needs[1]
        else None
    )
    return ga, gb


@_rule(_m.negative)
def _negative(g, xs, out, attrs, needs):
    return (_m.negative(g),)


@_rule(_a.identity)
def _identity(g, xs, out, attrs, needs):
    return (g,)


@_rule(_m.square)
def _square(g, xs, out, attrs, needs):
    return (_m.multiply(_m.multiply(g, 2.0), xs[0]),)


@_rule(_m.sqrt)
def _sqrt(g, xs, out, attrs, needs):
    return (_m.divide(_m.multiply(g, 0.5), out),)


@_rule(_m.exp)
def _exp(g, xs, out, attrs, needs):
    return (_m.multiply(g, out),)


@_rule(_m.log)
def _log(g, xs, out, attrs, needs):
    return (_m.divide(g, xs[0]),)


@_rule(_m.reciprocal)
def _reciprocal(g, xs, out, attrs, needs):
    return (_m.negative(_m.multiply(g, _m.square(out))),)


@_rule(_m.sin)
def _sin(g, xs, out, attrs, needs):
    return (_m.multiply(g, _m.cos(xs[0])),)


@_rule(_m.cos)
def _cos(g, xs, out, attrs, needs):
    return (_m.negative(_m.multiply(g, _m.sin(xs[0]))),)


@_rule(_m.abs)
def _abs(g, xs, out, attrs, needs):
    return (_m.multiply(g, _m.sign(xs[0])),)


@_rule(_m.power)
def _power(g, xs, out, attrs, needs):
    a, b = xs
    ga = gb = None
    if needs[0]:
        ga = unbroadcast(
            _m.multiply(_m.multiply(g, b), _m.power(a, _m.subtract(b, 1.0))), _shape(a)
        )
    if needs[1]:
        positive = _m.greater(a, 0.0)
        safe = _m.where(positive, a, _m.cast(np.ones(_shape(a)), a._value.dtype))
        gb = unbroadcast(
            _m.multiply(_m.multiply(_m.multiply(g, out), _m.log(safe)), _float_like(positive, g)),
            _shape(b),
        )
    return ga, gb


@_rule(_m.maximum, _m.minimum)
def _max_min(g, xs, out, attrs, needs):
    a, b = xs
    # maximum: a >= b picks a; minimum: a <= b picks a (as the numpy vjps)
    mask = _float_like(_m.equal(out, a), g)
    return (
        unbroadcast(_m.multiply(g, mask), _shape(a)),
        unbroadcast(_m.multiply(g, _m.subtract(1.0, mask)), _shape(b)),
    )


@_rule(_m._cast)
def _cast(g, xs, out, attrs, needs):
    x = xs[0]
    return (_m.cast(g, x._value.dtype) if x._value.dtype.kind in "fc" else None,)


@_rule(_m._where)
def _where(g, xs, out, attrs, needs):
    cond, x, y = xs
    zeros = _m.multiply(g, 0.0)
    return (
        None,
        unbroadcast(_m.where(cond, g, zeros), _shape(x)),
        unbroadcast(_m.where(cond, zeros, g), _shape(y)),
    )


@_rule(_m.squared_difference)
def _squared_difference(g, xs, out, attrs, needs):
    a, b = xs
    d = _m.multiply(_m.multiply(g, 2.0), _m.subtract(a, b))
    return unbroadcast(d, _shape(a)), unbroadcast(_m.negative(d), _shape(b))


# ------------------------------------------------------------------ activations
@_rule(_nn.relu)
def _relu(g, xs, out, attrs, needs):
    return (_m.multiply(g, _float_like(_m.greater(xs[0], 0.0), g)),)


@_rule(_nn.sigmoid)
def _sigmoid(g, xs, out, attrs, needs):
    return (_m.multiply(g, _m.multiply(out, _m.subtract(1.0, out))),)


@_rule(_nn.tanh)
def _tanh(g, xs, out, attrs, needs):
    return (_m.multiply(g, _m.subtract(1.0, _m.square(out))),)


@_rule(_nn.softplus)
def _softplus(g, xs, out, attrs, needs):
    return (_m.multiply(g, _nn.sigmoid(xs[0])),)


@_rule(_nn._softmax)
def _softmax(g, xs, out, attrs, needs):
    inner = _r.sum(_m.multiply(g, out), axis=attrs["axis"], keepdims=True)
    return (_m.multiply(out, _m.subtract(g, inner)),)


@_rule(_nn._log_softmax)
def _log_softmax(g, xs, out, attrs, needs):
    total = _r.sum(g, axis=attrs["axis"], keepdims=True)
    return (_m.subtract(g, _m.multiply(_m.exp(out), total)),)


# ------------------------------------------------------------------ linear algebra
def _swap(t):
    n = t._value.ndim
    return _a.transpose(t, list(range(n - 2)) + [n - 1, n - 2])


def _matmul_grads(g, a, b, needs):
    ga = gb = None
    av, bv = a._value, b._value
    if av.ndim > 2 and bv.ndim == 2:  # a batch of rows times one matrix (Dense)
        k, n = bv.shape
        if needs[0]:
            ga = _m.matmul(g, _a.transpose(b, [1, 0]))
        if needs[1]:
            gb = _m.matmul(_a.transpose(_a.reshape(a, [-1, k]), [1, 0]), _a.reshape(g, [-1, n]))
        return ga, gb
    if needs[0]:
        ga = unbroadcast(_m.matmul(g, _swap(b)), av.shape)
    if needs[1]:
        gb = unbroadcast(_m.matmul(_swap(a), g), bv.shape)
    return ga, gb


@_rule(_m._matmul)
def _matmul(g, xs, out, attrs, needs):
    return _matmul_grads(g, xs[0], xs[1], needs)


@_rule(_nn._dense)
def _dense(g, xs, out, attrs, needs):
    x, kernel, _bias = xs
    activation = attrs["activation"]
    if activation == "relu":
        g = _m.multiply(g, _float_like(_m.greater(out, 0.0), g))
    elif activation == "tanh":
        g = _m.multiply(g, _m.subtract(1.0, _m.square(out)))
    gx, gk = _matmul_grads(g, x, kernel, needs[:2])
    gb = _r.sum(g, axis=tuple(range(g._value.ndim - 1))) if needs[2] else None
    return gx, gk, gb


@_rule(_nn._bias_add)
def _bias_add(g, xs, out, attrs, needs):
    n = g._value.ndim
    axes = (0,) + tuple(range(2, n)) if attrs["channels_first"] else tuple(range(n - 1))
    return g, _r.sum(g, axis=axes)


@_rule(_nn._mean_squared_error)
def _mean_squared_error(g, xs, out, attrs, needs):
    y_pred, y_true = xs
    d = _m.subtract(y_pred, y_true)
    count = _shape(d)[-1] if _shape(d) else 1
    scale = _m.divide(g, float(count))
    if _shape(d):
        scale = _a.expand_dims(scale, -1)
    gd = _m.multiply(_m.multiply(scale, 2.0), d)
    return unbroadcast(gd, _shape(y_pred)), unbroadcast(_m.negative(gd), _shape(y_true))


# ------------------------------------------------------------------ reductions and shapes
def _expand(g, shape, axis, keepdims):
    axes = _r.normalize_axis(axis, len(shape))
    if not keepdims:
        g = _a.reshape(g, [1 if axes is None or i in axes else d for i, d in enumerate(shape)])
    return _a.broadcast_to(g, shape)


@_rule(_r._sum)
def _sum(g, xs, out, attrs, needs):
    return (_expand(g, _shape(xs[0]), attrs.get("axis"), attrs.get("keepdims", False)),)


@_rule(_r._mean)
def _mean(g, xs, out, attrs, needs):
    x = xs[0]
    count = x._value.size // max(out._value.size, 1)
    return (
        _expand(
            _m.divide(g, float(count)), _shape(x), attrs.get("axis"), attrs.get("keepdims", False)
        ),
    )


@_rule(_a._reshape)
def _reshape(g, xs, out, attrs, needs):
    return (_a.reshape(g, list(_shape(xs[0]))),)


@_rule(_a._transpose)
def _transpose(g, xs, out, attrs, needs):
    perm = attrs.get("perm")
    if perm is None:
        perm = list(range(xs[0]._value.ndim))[::-1]
    return (_a.transpose(g, [int(i) for i in np.argsort(perm)]),)


@_rule(_a._broadcast_to)
def _broadcast_to(g, xs, out, attrs, needs):
    return (unbroadcast(g, _shape(xs[0])),)


# ------------------------------------------------------------------ convolution
@_rule(_conv.conv2d)
def _conv2d(g, xs, out, attrs, needs):
    """The input gradient is a transposed convolution (differentiable again: a gradient
    penalty on a conv critic); the kernel gradient is first-order only."""
    x, kernel = xs
    if attrs.get("groups", 1) != 1:
        return (FIRST_ORDER_ONLY if needs[0] else None, FIRST_ORDER_ONLY if needs[1] else None)
    gx = (
        _conv.conv2d_transpose(
            g,
            kernel,
            output_shape=_shape(x),
            strides=attrs.get("strides", 1),
            padding=attrs.get("padding", "valid"),
            dilation_rate=attrs.get("dilation_rate", 1),
        )
        if needs[0]
        else None
    )
    return gx, FIRST_ORDER_ONLY if needs[1] else None


@_rule(_conv._conv2d_bias_activation)
def _conv2d_bias_activation(g, xs, out, attrs, needs):
    """As the gradients of Relu (when fused), BiasAdd and Conv2D in a row."""
    x, kernel, _bias = xs
    if attrs["activation"] == "relu":
        g = _m.multiply(g, _float_like(_m.greater(out, 0.0), g))
    gx, gk = _conv2d(g, (x, kernel), out, attrs, needs[:2])
    return gx, gk, _r.sum(g, axis=(0, 1, 2)) if needs[2] else None


register_gradient_ops(add=_m.add, unbroadcast=unbroadcast, cast=_m.cast, identity=_a.identity)
