"""`tf.nn`: activations, crossentropies, dropout, convolutions and pooling (TF's nn_ops).

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")`, so that on KerasTensors it becomes a `TFOpLambda` layer
named as tf.keras names it.
"""

import numpy as np

from pynn import ops
from pynn.core.dispatch import tf_api
from pynn.tf._common import _value

# Also in this namespace, as in TensorFlow:
from pynn.tf.math import (  # noqa: F401 - tf.nn.softmax, tf.nn.sigmoid ... are tf.math's
    in_top_k,
    l2_normalize,
    log_softmax,
    sigmoid,
    softmax,
    softplus,
    softsign,
    tanh,
    top_k,
)


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


@tf_api("tf.nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    return ops.sigmoid_cross_entropy_with_logits(labels, logits)


@tf_api("tf.nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """(1 - z) * x + (1 + (q - 1) * z) * log(1 + exp(-x)), computed stably."""
    log_weight = ops.add(1.0, ops.multiply(ops.subtract(pos_weight, 1.0), labels))
    return ops.add(
        ops.multiply(ops.subtract(1.0, labels), logits),
        ops.multiply(log_weight, ops.negative(ops.log_sigmoid(logits))),
    )


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
        raise ValueError(
            f"data_format={data_format!r} is not supported on CPU; use channels last (NHWC / NWC)"
        )


@tf_api("tf.nn.conv2d")
def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    _channels_last(data_format)
    return ops.conv2d(
        input,
        filters,
        strides=_spatial(strides, 2, "strides", data_format),
        padding=_nn_padding(padding),
        dilation_rate=_spatial(dilations, 2, "dilations", data_format),
    )


@tf_api("tf.nn.conv1d")
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):
    _channels_last(data_format)
    return ops.conv1d(
        input,
        filters,
        strides=_spatial(stride, 1, "stride", data_format)[0],
        padding=_nn_padding(padding),
        dilation_rate=_spatial(dilations, 1, "dilations", data_format)[0],
    )


@tf_api("tf.nn.max_pool2d")
def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    _channels_last(data_format)
    return ops.max_pool2d(
        input,
        pool_size=_spatial(ksize, 2, "ksize", data_format),
        strides=_spatial(strides, 2, "strides", data_format),
        padding=_nn_padding(padding),
    )


@tf_api("tf.nn.avg_pool2d")
def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    _channels_last(data_format)
    return ops.avg_pool2d(
        input,
        pool_size=_spatial(ksize, 2, "ksize", data_format),
        strides=_spatial(strides, 2, "strides", data_format),
        padding=_nn_padding(padding),
    )


avg_pool = avg_pool2d
max_pool = max_pool2d
