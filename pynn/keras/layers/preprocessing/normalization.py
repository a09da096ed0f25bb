"""`Normalization`: standardizes features with a mean and variance learned by `adapt`."""

import numpy as np

from pynn import ops
from pynn.core.tensor import Tensor, convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.keras import backend_config
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import shape_list


def _as_array(data):
    if isinstance(data, Tensor):
        return data.numpy()
    return np.asarray(data)


def _listify(value):
    if value is None:
        return None
    value = _as_array(value)
    return value.tolist() if value.ndim else value.item()


class Normalization(Layer):
    """Shifts and scales inputs to mean 0 and standard deviation 1 per feature:

        output = (input - mean) / sqrt(variance)

    The statistics are either given (`mean`, `variance`) or computed from data with
    `layer.adapt(data)` before training. `invert=True` applies the inverse mapping.

    Args:
        axis: the axis (or axes) that keep separate statistics, default -1 (one mean
            and variance per feature); `None` for a single scalar mean and variance.
        mean, variance: fixed statistics (broadcastable to the kept axes); give both or
            neither.
        invert: undo the normalization instead (`input * sqrt(variance) + mean`).

    Input shape: any, with the kept axes known. Output shape: same as the input.

    Weights (when adapted): `mean`, `variance` (float32) and `count` (int64), all
    non-trainable.

    Example:
        >>> norm = keras.layers.Normalization()
        >>> norm.adapt(np.array([[1.0], [2.0], [3.0]]))
        >>> norm(np.array([[2.0]]))   # -> [[0.]]
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        self.axis = axis
        if (mean is not None) != (variance is not None):
            raise ValueError(
                "When setting values directly, both `mean` and `variance` must "
                f"be set. Got mean: {mean} and variance: {variance}"
            )
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert

    def build(self, input_shape):
        if (
            isinstance(input_shape, (list, tuple))
            and input_shape
            and all(hasattr(s, "as_list") or isinstance(s, (list, tuple)) for s in input_shape)
        ):
            raise ValueError(
                "Normalization only accepts a single input. If you are passing a "
                "python list or tuple as a single input, please convert to a "
                "numpy array or `tf.Tensor`."
            )
        dims = shape_list(input_shape)
        ndim = len(dims)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(
                "All `axis` values must be in the range [-ndim, ndim). Found "
                f"ndim: `{ndim}`, axis: {self.axis}"
            )
        self._keep_axis = sorted(a % ndim for a in self.axis)
        for a in self._keep_axis:
            if dims[a] is None:
                raise ValueError(
                    "All `axis` values to be kept must have known shape. Got axis: "
                    f"{self.axis}, input shape: {dims}, with unknown axis at index: {a}"
                )
        self._reduce_axis = tuple(d for d in range(ndim) if d not in self._keep_axis)
        self._broadcast_shape = tuple(dims[d] if d in self._keep_axis else 1 for d in range(ndim))
        stats_shape = tuple(dims[d] for d in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(
                name="mean", shape=stats_shape, initializer="zeros", trainable=False
            )
            self.adapt_variance = self.add_weight(
                name="variance", shape=stats_shape, initializer="ones", trainable=False
            )
            self.count = self.add_weight(
                name="count", shape=(), dtype="int64", initializer="zeros", trainable=False
            )
            self.finalize_state()
        else:
            ones = np.ones(stats_shape, np.float32)
            # Tensors, as tf.keras (`print(normalizer.mean.numpy())` in the regression tutorial)
            self.mean = convert_to_tensor(
                (_as_array(self.input_mean) * ones)
                .reshape(self._broadcast_shape)
                .astype(np.float32)
            )
            self.variance = convert_to_tensor(
                (_as_array(self.input_variance) * ones)
                .reshape(self._broadcast_shape)
                .astype(np.float32)
            )
        self.built = True

    # ---------------------------------------------------------------- adapt
    def adapt(self, data, batch_size=None, steps=None):
        """Computes the mean and variance of `data` (an array, or an iterable of batches)
        and stores them in the layer. Call it before training."""
        if self.input_mean is not None:
            raise ValueError(
                "Cannot `adapt` a Normalization layer that is initialized with static `mean` "
                f"and `variance`, you passed mean {self.input_mean} and variance "
                f"{self.input_variance}."
            )
        if isinstance(data, (np.ndarray, Tensor, list)):
            array = _as_array(data).astype(np.float32)
            size = batch_size or 32
            batches = [array[i : i + size] for i in range(0, max(len(array), 1), size)]
        else:
            batches = (
                _as_array(b[0] if isinstance(b, tuple) else b).astype(np.float32) for b in data
            )
        self.reset_state()
        for step, batch in enumerate(batches):
            if steps is not None and step >= steps:
                break
            if not self.built:
                if getattr(self, "_batch_input_shape", None) is None:
                    self._batch_input_shape = (None,) * batch.ndim
                self.build(batch.shape)
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        """Merges one batch into the running mean/variance (parallel-variance formula)."""
        data = _as_array(data).astype(np.float64)
        batch_mean = data.mean(axis=self._reduce_axis)
        batch_var = data.var(axis=self._reduce_axis)
        batch_count = int(np.prod([data.shape[d] for d in self._reduce_axis]))
        old_count = int(self.count.numpy())
        total = old_count + batch_count
        weight = batch_count / total
        old_mean = self.adapt_mean.numpy().astype(np.float64)
        old_var = self.adapt_variance.numpy().astype(np.float64)
        mean = old_mean * (1 - weight) + batch_mean * weight
        variance = (old_var + (old_mean - mean) ** 2) * (1 - weight) + (
            batch_var + (batch_mean - mean) ** 2
        ) * weight
        self.adapt_mean.assign(mean.astype(np.float32))
        self.adapt_variance.assign(variance.astype(np.float32))
        self.count.assign(np.int64(total))

    def reset_state(self):
        if self.input_mean is not None or not self.built:
            return
        self.adapt_mean.assign(np.zeros(self.adapt_mean.shape, np.float32))
        self.adapt_variance.assign(np.ones(self.adapt_variance.shape, np.float32))
        self.count.assign(np.int64(0))

    def finalize_state(self):
        if self.input_mean is not None or not self.built:
            return
        self.mean = convert_to_tensor(self.adapt_mean.numpy().reshape(self._broadcast_shape))
        self.variance = convert_to_tensor(
            self.adapt_variance.numpy().reshape(self._broadcast_shape)
        )

    def set_weights(self, weights):
        super().set_weights(weights)
        self.finalize_state()

    # ---------------------------------------------------------------- call
    def call(self, inputs):
        if inputs.dtype.name != "float32":
            inputs = ops.cast(inputs, "float32")
        scale = np.maximum(np.sqrt(self.variance._value), np.float32(backend_config.epsilon()))
        if self.invert:
            return ops.add(ops.multiply(inputs, scale), self.mean)
        return ops.divide(ops.subtract(inputs, self.mean), scale)

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        stats = getattr(self, "_broadcast_shape", None)
        if stats is None or len(stats) != len(dims):
            return input_shape
        # like the arithmetic in `call`: unknown axes take the statistics' size
        return TensorShape(
            [s if d is None and s != 1 else d for d, s in zip(dims, stats, strict=True)]
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "axis": self.axis,
                "invert": self.invert,
                "mean": _listify(self.input_mean),
                "variance": _listify(self.input_variance),
            }
        )
        return config
