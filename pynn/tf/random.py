"""`tf.random`: the global seed and samplers (all draw from `pynn.core.random`).

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")`, so that on KerasTensors it becomes a `TFOpLambda` layer
named as tf.keras names it.
"""

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core import random as _random
from pynn.core.tensor import Tensor, _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import fail as _trace_fail
from pynn.core.tracing import traced_call as _traced_call
from pynn.tf._common import _value


# --------------------------------------------------------------------------- random
def set_seed(seed):
    """Fix the global random seed (ops, initializers and dropout become reproducible)."""
    _random.set_seed(seed)


def _random_shape(shape):
    s = _value(shape) if isinstance(shape, Tensor) else shape
    if isinstance(s, TensorShape):
        s = s.as_list()
    return (
        tuple(int(d) for d in np.atleast_1d(s))
        if np.ndim(s) or not isinstance(s, (list, tuple))
        else tuple(s)
    )


# random numbers are drawn through traced_call: a replayed step (fit, tf.function) draws anew


def _normal_array(shape, mean, stddev, npd, seed):
    z = _random.op_generator(seed).standard_normal(shape).astype(npd)
    return (z * np.asarray(stddev, npd) + np.asarray(mean, npd)).astype(npd)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    return _wrap(
        _traced_call(
            _normal_array,
            shape=_random_shape(shape),
            mean=_value(mean).tolist(),
            stddev=_value(stddev).tolist(),
            npd=_dt.np_dtype(dtype),
            seed=seed,
        )
    )


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
    return _wrap(
        _traced_call(
            _truncated_normal_array,
            shape=_random_shape(shape),
            mean=float(_value(mean)),
            stddev=float(_value(stddev)),
            npd=_dt.np_dtype(dtype),
            seed=seed,
        )
    )


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


# Also in this namespace, as in TensorFlow:

normal = random_normal
uniform = random_uniform
