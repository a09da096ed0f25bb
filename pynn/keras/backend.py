"""`keras.backend`: the `K.*` math that custom losses and metrics are written with
(`K.mean(y_pred)`), plus the session's settings and naming counters, re-exported from
`backend_config.py` and `session.py` where they live.

The math functions are thin wrappers over `pynn.ops`; they accept Tensors, numpy
arrays and Python numbers and return Tensors.
"""

import numpy as np

from pynn import ops
from pynn.core import random as prandom
from pynn.core.dispatch import tf_api
from pynn.core.dtypes import as_dtype
from pynn.core.tensor import Tensor, Variable, convert_to_tensor
from pynn.keras import activations, losses

# The settings and the session state live in leaf modules (layers and the engine import
# those, not this module's K.* math); keras.backend re-exports them.
from pynn.keras.backend_config import (  # noqa: F401 - re-exported: keras.backend.*
    epsilon,
    floatx,
    image_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
)
from pynn.keras.session import (  # noqa: F401 - re-exported: keras.backend.*
    clear_session,
    get_uid,
    learning_phase,
    observe_object_name,
    reset_uids,
    set_learning_phase,
    unique_object_name,
)

# ---------------------------------------------------------------- tensors


def _t(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


def is_keras_tensor(x):
    return getattr(x, "_pynn_symbolic", False)


def is_tensor(x):
    return isinstance(x, Tensor) or is_keras_tensor(x)


def int_shape(x):
    """The shape as a tuple of ints (None for unknown dims)."""
    shape = x.shape
    if hasattr(shape, "as_list"):
        return tuple(shape.as_list())
    return tuple(shape)


def ndim(x):
    return len(int_shape(x))


def dtype(x):
    return as_dtype(x.dtype).name


def shape(x):
    return (
        ops.shape(x) if hasattr(ops, "shape") else constant(np.array(int_shape(x), dtype=np.int32))
    )


def get_value(x):
    return np.array(x.numpy()) if hasattr(x, "numpy") else np.asarray(x)


def batch_get_value(tensors):
    return [get_value(x) for x in tensors]


def set_value(x, value):
    x.assign(np.asarray(value, dtype=as_dtype(x.dtype).as_numpy_dtype))


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def eval(x):
    return get_value(x)


def variable(value, dtype=None, name=None, constraint=None):
    return Variable(np.asarray(value, dtype=dtype or floatx()), name=name, constraint=constraint)


def constant(value, dtype=None, shape=None, name=None):
    array = np.asarray(value, dtype=dtype or floatx())
    if shape is not None:
        array = np.broadcast_to(array, shape).copy()
    return convert_to_tensor(array)


def zeros(shape, dtype=None, name=None):
    return convert_to_tensor(np.zeros(shape, dtype=dtype or floatx()))


def ones(shape, dtype=None, name=None):
    return convert_to_tensor(np.ones(shape, dtype=dtype or floatx()))


def eye(size, dtype=None, name=None):
    return convert_to_tensor(np.eye(size, dtype=dtype or floatx()))


def zeros_like(x, dtype=None, name=None):
    return ops.zeros_like(x) if dtype is None else cast(ops.zeros_like(x), dtype)


def ones_like(x, dtype=None, name=None):
    return ops.ones_like(x) if dtype is None else cast(ops.ones_like(x), dtype)


def cast(x, dtype):
    return ops.cast(x, dtype)


def cast_to_floatx(x):
    return np.asarray(x, dtype=floatx())


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    rng = np.random.default_rng(seed) if seed is not None else prandom.generator()
    return convert_to_tensor(rng.normal(mean, stddev, size=shape).astype(dtype or floatx()))


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    rng = np.random.default_rng(seed) if seed is not None else prandom.generator()
    return convert_to_tensor(rng.uniform(minval, maxval, size=shape).astype(dtype or floatx()))


# ---------------------------------------------------------------- math


def mean(x, axis=None, keepdims=False):
    x = _t(x)
    if x.dtype.is_bool:
        x = ops.cast(x, floatx())
    return ops.mean(x, axis=axis, keepdims=keepdims)


def sum(x, axis=None, keepdims=False):
    return ops.sum(x, axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False):
    return ops.max(x, axis=axis, keepdims=keepdims)


def min(x, axis=None, keepdims=False):
    return ops.min(x, axis=axis, keepdims=keepdims)


def prod(x, axis=None, keepdims=False):
    return ops.prod(x, axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    m = ops.mean(x, axis=axis, keepdims=True)
    return ops.mean(ops.square(ops.subtract(x, m)), axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    return ops.sqrt(var(x, axis=axis, keepdims=keepdims))


def any(x, axis=None, keepdims=False):
    return convert_to_tensor(np.any(get_value(x), axis=axis, keepdims=keepdims))


def all(x, axis=None, keepdims=False):
    return convert_to_tensor(np.all(get_value(x), axis=axis, keepdims=keepdims))


def square(x):
    return ops.square(x)


def sqrt(x):
    # Keras clips negative inputs to 0 before the square root.
    return ops.sqrt(ops.maximum(_t(x), 0.0))


def abs(x):
    return ops.abs(x)


def exp(x):
    return ops.exp(x)


def log(x):
    return ops.log(x)


def pow(x, a):
    return ops.power(x, a)


def round(x):
    return convert_to_tensor(np.round(get_value(x)))


def sign(x):
    return ops.sign(x)


def clip(x, min_value, max_value):
    if max_value is not None and min_value is not None and max_value < min_value:
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return ops.clip(x, min_value, max_value)


def maximum(x, y):
    return ops.maximum(x, y)


def minimum(x, y):
    return ops.minimum(x, y)


def argmax(x, axis=-1):
    return ops.argmax(x, axis=axis)


def argmin(x, axis=-1):
    return ops.argmin(x, axis=axis)


def equal(x, y):
    return ops.equal(x, y)


def not_equal(x, y):
    return ops.not_equal(x, y)


def greater(x, y):
    return ops.greater(x, y)


def greater_equal(x, y):
    return ops.greater_equal(x, y)


def less(x, y):
    return ops.less(x, y)


def less_equal(x, y):
    return ops.less_equal(x, y)


def dot(x, y):
    return ops.matmul(x, y)


def transpose(x):
    return ops.transpose(x)


def reshape(x, shape):
    return ops.reshape(x, shape)


def flatten(x):
    return ops.reshape(x, (-1,))


def batch_flatten(x):
    return ops.reshape(x, (-1, int(np.prod(int_shape(x)[1:]))))


def expand_dims(x, axis=-1):
    return ops.expand_dims(x, axis)


def squeeze(x, axis):
    return ops.squeeze(x, axis)


def concatenate(tensors, axis=-1):
    return ops.concat(list(tensors), axis=axis)


def stack(x, axis=0):
    return ops.stack(list(x), axis=axis)


def tile(x, n):
    return ops.tile(x, n)


def gather(reference, indices):
    return ops.gather(reference, indices)


def one_hot(indices, num_classes):
    return ops.one_hot(indices, num_classes)


def l2_normalize(x, axis=None):
    return ops.l2_normalize(x, axis=axis)


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    if alpha == 0.0 and max_value is None and threshold == 0.0:
        return ops.relu(x)
    return activations.relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def sigmoid(x):
    return ops.sigmoid(x)


def tanh(x):
    return ops.tanh(x)


def softmax(x, axis=-1):
    return ops.softmax(x, axis=axis)


def softplus(x):
    return ops.softplus(x)


def binary_crossentropy(target, output, from_logits=False):
    return losses.backend_binary_crossentropy(target, output, from_logits)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return losses.backend_categorical_crossentropy(target, output, from_logits, axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1, ignore_class=None):
    return losses.sparse_categorical_crossentropy(target, output, from_logits, axis, ignore_class)


# K math called on Keras symbolic tensors (the Functional API guide's
# `model.add_metric(keras.backend.std(x1), ...)`) becomes one TFOpLambda layer, named as
# tf.keras 2.15 names it.
for _name, _api in (
    ("mean", "tf.math.reduce_mean"),
    ("sum", "tf.math.reduce_sum"),
    ("max", "tf.math.reduce_max"),
    ("min", "tf.math.reduce_min"),
    ("prod", "tf.math.reduce_prod"),
    ("var", "tf.math.reduce_variance"),
    ("std", "tf.math.reduce_std"),
    ("square", "tf.math.square"),
    ("abs", "tf.math.abs"),
    ("exp", "tf.math.exp"),
    ("log", "tf.math.log"),
):
    globals()[_name] = tf_api(_api)(globals()[_name])
del _name, _api
