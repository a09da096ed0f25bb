"""Weight initializers, as `keras.initializers` (tf.keras 2.15).

An initializer is called as `init(shape, dtype=None)` and returns a float32
(or `dtype`) Tensor of that shape. Random ones draw from pynn's global
generator (`tf.random.set_seed` / `keras.utils.set_random_seed` make them
reproducible); one built with `seed=` uses its own generator and returns the
same values on every call, as tf.keras does.
"""

import math

import numpy as np

from pynn.core import random as prandom
from pynn.core.dtypes import as_dtype
from pynn.core.tensor import convert_to_tensor
from pynn.keras import backend_config
from pynn.keras.utils import generic_utils

# Standard deviation of a unit normal truncated to [-2, 2] (scipy truncnorm.std).
_TRUNCATED_STDDEV = 0.87962566103423978


def _numpy_dtype(dtype, kinds="f"):
    if dtype is None:
        dtype = backend_config.floatx()
    dtype = np.dtype(as_dtype(dtype).as_numpy_dtype)
    if dtype.kind not in kinds:
        wanted = "floating point" if kinds == "f" else "numeric or boolean"
        raise ValueError(f"Expected {wanted} type, got {as_dtype(dtype).name}.")
    return dtype


def _shape_tuple(shape):
    return tuple(int(d) for d in (shape.as_list() if hasattr(shape, "as_list") else shape))


def compute_fans(shape):
    """`(fan_in, fan_out)` of a weight shape; conv kernels count their receptive field."""
    shape = _shape_tuple(shape)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class Initializer:
    """Base class: subclasses implement `__call__(shape, dtype=None)` and `get_config`."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError(
            f"Initializer subclass {type(self).__name__} must implement `__call__()`."
        )

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


class _RandomInitializer(Initializer):
    """Initializers drawing random numbers: `seed=None` uses the global generator."""

    def __init__(self, seed=None):
        self.seed = seed

    def _generator(self):
        if self.seed is None:
            return prandom.generator()
        return np.random.default_rng(self.seed)


def _truncated_normal(rng, shape, mean, stddev):
    values = rng.standard_normal(shape)
    outside = np.abs(values) > 2.0
    while outside.any():
        values[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(values) > 2.0
    return values * stddev + mean


class Zeros(Initializer):
    """All zeros."""

    def __call__(self, shape, dtype=None, **kwargs):
        return convert_to_tensor(np.zeros(_shape_tuple(shape), _numpy_dtype(dtype, "fiub")))


class Ones(Initializer):
    """All ones."""

    def __call__(self, shape, dtype=None, **kwargs):
        return convert_to_tensor(np.ones(_shape_tuple(shape), _numpy_dtype(dtype, "fiub")))


class Constant(Initializer):
    """Every entry equals `value` (a scalar, or an array with as many entries as the shape)."""

    def __init__(self, value=0):
        self.value = value

    def __call__(self, shape, dtype=None, **kwargs):
        shape = _shape_tuple(shape)
        value = np.asarray(self.value, dtype=_numpy_dtype(dtype, "fiub"))
        if value.size == 1:
            return convert_to_tensor(np.full(shape, value.reshape(()), value.dtype))
        if value.size != math.prod(shape):
            raise TypeError(
                f"Eager execution of tf.constant with unsupported shape. Tensor of "
                f"shape {value.shape} cannot be reshaped to the requested shape {shape}."
            )
        return convert_to_tensor(value.reshape(shape))

    def get_config(self):
        return {"value": self.value}


class RandomUniform(_RandomInitializer):
    """Uniform values in `[minval, maxval)`."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval = minval
        self.maxval = maxval

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype, "fi")
        rng = self._generator()
        if dtype.kind == "i":
            values = rng.integers(self.minval, self.maxval, _shape_tuple(shape))
        else:
            values = rng.uniform(self.minval, self.maxval, _shape_tuple(shape))
        return convert_to_tensor(values.astype(dtype))

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(_RandomInitializer):
    """Normal values with `mean` and `stddev`."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean = mean
        self.stddev = stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype)
        values = self._generator().normal(self.mean, self.stddev, _shape_tuple(shape))
        return convert_to_tensor(values.astype(dtype))

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(_RandomInitializer):
    """Normal values with `mean` and `stddev`, redrawn when more than 2 stddev from the mean."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean = mean
        self.stddev = stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype)
        values = _truncated_normal(self._generator(), _shape_tuple(shape), self.mean, self.stddev)
        return convert_to_tensor(values.astype(dtype))

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class VarianceScaling(_RandomInitializer):
    """Scale-aware random values: variance `scale / n` where `n` depends on `mode`.

    Args:
        scale: positive scaling factor.
        mode: `"fan_in"`, `"fan_out"` or `"fan_avg"` (which `n` to divide by).
        distribution: `"truncated_normal"` (stddev corrected for the truncation),
            `"untruncated_normal"` or `"uniform"` (within `±sqrt(3 * scale / n)`).
        seed: optional integer seed.
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        super().__init__(seed)
        if scale <= 0.0:
            raise ValueError(f"`scale` must be positive float. Received: scale={scale}.")
        allowed_modes = {"fan_in", "fan_out", "fan_avg"}
        if mode not in allowed_modes:
            raise ValueError(
                f"Invalid `mode` argument: {mode}. Please use one of the {allowed_modes}."
            )
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        allowed = {"uniform", "truncated_normal", "untruncated_normal"}
        if distribution not in allowed:
            raise ValueError(
                f"Invalid `distribution` argument: {distribution}.Allowed distributions: {allowed}."
            )
        self.scale = scale
        self.mode = mode
        self.distribution = distribution

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype)
        shape = _shape_tuple(shape)
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        rng = self._generator()
        if self.distribution == "truncated_normal":
            values = _truncated_normal(rng, shape, 0.0, math.sqrt(scale) / _TRUNCATED_STDDEV)
        elif self.distribution == "untruncated_normal":
            values = rng.normal(0.0, math.sqrt(scale), shape)
        else:
            limit = math.sqrt(3.0 * scale)
            values = rng.uniform(-limit, limit, shape)
        return convert_to_tensor(values.astype(dtype))

    def get_config(self):
        return {
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "seed": self.seed,
        }


class _PresetVarianceScaling(VarianceScaling):
    """A VarianceScaling with fixed scale/mode/distribution; only `seed` is configurable."""

    preset = None  # (scale, mode, distribution)

    def __init__(self, seed=None):
        super().__init__(*self.preset, seed=seed)

    def get_config(self):
        return {"seed": self.seed}


class GlorotUniform(_PresetVarianceScaling):
    """Uniform in `±sqrt(6 / (fan_in + fan_out))` (Xavier uniform). Dense's default kernel init."""

    preset = (1.0, "fan_avg", "uniform")


class GlorotNormal(_PresetVarianceScaling):
    """Truncated normal with stddev `sqrt(2 / (fan_in + fan_out))`."""

    preset = (1.0, "fan_avg", "truncated_normal")


class HeUniform(_PresetVarianceScaling):
    """Uniform in `±sqrt(6 / fan_in)`."""

    preset = (2.0, "fan_in", "uniform")


class HeNormal(_PresetVarianceScaling):
    """Truncated normal with stddev `sqrt(2 / fan_in)`."""

    preset = (2.0, "fan_in", "truncated_normal")


class LecunUniform(_PresetVarianceScaling):
    """Uniform in `±sqrt(3 / fan_in)`."""

    preset = (1.0, "fan_in", "uniform")


class LecunNormal(_PresetVarianceScaling):
    """Truncated normal with stddev `sqrt(1 / fan_in)`."""

    preset = (1.0, "fan_in", "truncated_normal")


class Orthogonal(_RandomInitializer):
    """A (semi-)orthogonal matrix times `gain`, from the QR decomposition of a normal matrix.

    Shapes with more than two dimensions are flattened to
    `(prod(shape[:-1]), shape[-1])` first.
    """

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype)
        shape = _shape_tuple(shape)
        if len(shape) < 2:
            raise ValueError(
                "The tensor to initialize must be at least two-dimensional. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        rows, cols = math.prod(shape[:-1]), shape[-1]
        a = self._generator().standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q = q * np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return convert_to_tensor(np.ascontiguousarray(self.gain * q.reshape(shape), dtype=dtype))

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


class Identity(Initializer):
    """The 2-D identity matrix (ones on the main diagonal) times `gain`."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = _numpy_dtype(dtype)
        shape = _shape_tuple(shape)
        if len(shape) != 2:
            raise ValueError(
                "Identity matrix initializer can only be used for 2D matrices. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        return convert_to_tensor((self.gain * np.eye(*shape)).astype(dtype))

    def get_config(self):
        return {"gain": self.gain}


_CLASSES = (
    Zeros,
    Ones,
    Constant,
    RandomUniform,
    RandomNormal,
    TruncatedNormal,
    VarianceScaling,
    Orthogonal,
    Identity,
    GlorotUniform,
    GlorotNormal,
    HeUniform,
    HeNormal,
    LecunUniform,
    LecunNormal,
)
_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
_OBJECTS.update({generic_utils.to_snake_case(cls.__name__): cls for cls in _CLASSES})
_OBJECTS.update(normal=RandomNormal, uniform=RandomUniform, one=Ones, zero=Zeros)

zeros = zero = Zeros
ones = one = Ones
constant = Constant
random_uniform = uniform = RandomUniform
random_normal = normal = RandomNormal
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
orthogonal = Orthogonal
identity = Identity
glorot_uniform = GlorotUniform
glorot_normal = GlorotNormal
he_uniform = HeUniform
he_normal = HeNormal
lecun_uniform = LecunUniform
lecun_normal = LecunNormal


def serialize(initializer):
    """Config dict `{"module", "class_name", "config", "registered_name"}` (None for None)."""
    return generic_utils.serialize_keras_object(initializer, "keras.initializers")


def deserialize(config, custom_objects=None):
    """An initializer instance from a name or a config dict."""
    return generic_utils.deserialize_keras_object(config, _OBJECTS, "initializer", custom_objects)


def get(identifier):
    """Resolves None, a name (`'glorot_uniform'`, `'ones'`, `'one'`), a config dict,
    a class (instantiated) or a callable to an initializer."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier() if isinstance(identifier, type) else identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")
