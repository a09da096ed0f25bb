"""`keras.metrics.Metric` and the reducing metrics `Sum`, `Mean`, `MeanMetricWrapper`.

Metrics accumulate in float32 Variables updated in place on numpy (no gradients);
`result()` returns a scalar Tensor. A metric function given to `MeanMetricWrapper`
receives Tensors, so custom functions written with `keras.backend` (`K.mean`) work.
"""

import functools

import numpy as np

from pynn.core import tracing
from pynn.core.tensor import Tensor, Variable, _wrap
from pynn.keras import initializers, session
from pynn.keras.utils import generic_utils


def as_array(x, dtype=None):
    """The numpy array behind a Tensor, array, list or number (cast to `dtype`)."""
    value = getattr(x, "_value", None)
    if value is None:
        value = np.asarray(x)
    if dtype is not None and value.dtype != dtype:
        value = value.astype(dtype)
    return value


def divide_no_nan(numerator, denominator):
    """`numerator / denominator`, 0 where the denominator is 0 (`tf.math.divide_no_nan`)."""
    numerator = np.asarray(numerator)
    denominator = np.asarray(denominator)
    safe = np.where(denominator == 0, np.ones_like(denominator), denominator)
    return np.where(denominator == 0, np.zeros_like(numerator), numerator / safe)


def squeeze_or_expand(y_pred, y_true=None, sample_weight=None):
    """numpy twin of `losses.squeeze_or_expand_dimensions` (static shapes)."""
    if (
        y_true is not None
        and y_pred.ndim > 0
        and (y_pred.ndim - y_true.ndim != 1 or y_pred.shape[-1] == 1)
    ):
        rank_diff = y_pred.ndim - y_true.ndim
        if rank_diff == 1 and y_pred.shape[-1] == 1:
            y_pred = y_pred[..., 0]
        elif rank_diff == -1 and y_true.shape[-1] == 1:
            y_true = y_true[..., 0]
    if sample_weight is None:
        return y_pred, y_true
    if sample_weight.ndim:
        if sample_weight.ndim - y_pred.ndim == 1 and sample_weight.shape[-1] == 1:
            sample_weight = sample_weight[..., 0]
        elif y_pred.ndim - sample_weight.ndim == 1:
            sample_weight = sample_weight[..., None]
    return y_pred, y_true, sample_weight


def broadcast_weights(weights, values):
    """`weights` broadcast to `values`' shape; ValueError unless it is a scalar or has
    the same rank with every dimension 1 or equal (`tf.__internal__.ops.broadcast_weights`)."""
    if weights.ndim and (
        weights.ndim != values.ndim
        or any(w not in (1, v) for w, v in zip(weights.shape, values.shape, strict=True))
    ):
        raise ValueError(
            f"weights can not be broadcast to values. values.rank={values.ndim}. "
            f"weights.rank={weights.ndim}. values.shape={values.shape}. "
            f"weights.shape={weights.shape}."
        )
    return np.broadcast_to(weights, values.shape)


def _replayed_effect(fn):
    @functools.wraps(fn)
    def method(self, *args, **kwargs):
        if tracing.active:
            return tracing.effect_call(fn.__get__(self), *args, **kwargs)
        return fn(self, *args, **kwargs)

    return method


def _result_array(method):
    with tracing.paused():
        return as_array(method())


def _replayed_result(fn):
    @functools.wraps(fn)
    def method(self):
        if tracing.active:
            return _wrap(tracing.traced_call(_result_array, method=fn.__get__(self)))
        return fn(self)

    return method


class Metric:
    """Base class of stateful metrics (tf.keras 2.15 `keras.metrics.Metric`).

    Subclasses create their state with `add_weight` in `__init__` and implement
    `update_state(y_true, y_pred, sample_weight=None)` and `result()`.
    `metric(y_true, y_pred)` updates the state and returns the result.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # metrics compute on numpy: inside a recorded step (a traced tf.function), updates
        # are side effects every replay repeats, and results are recomputed at each replay
        for name in ("update_state", "reset_state"):
            if name in cls.__dict__:
                setattr(cls, name, _replayed_effect(cls.__dict__[name]))
        if "result" in cls.__dict__:
            cls.result = _replayed_result(cls.__dict__["result"])

    def __init__(self, name=None, dtype=None, **kwargs):
        if name is None:
            name = session.unique_object_name(
                generic_utils.to_snake_case(type(self).__name__), zero_based=True
            )
        self._name = name
        self._dtype = "float32" if dtype is None else getattr(dtype, "name", str(dtype))
        self._metric_variables = []
        self.stateful = True
        self.built = True
        self.trainable = kwargs.pop("trainable", True)
        self._call_result = None

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    @property
    def dtype(self):
        return self._dtype

    def add_weight(
        self, name, shape=(), aggregation=None, synchronization=None, initializer=None, dtype=None
    ):
        """A non-trainable state Variable (zeros unless `initializer` says otherwise)."""
        dtype = self._dtype if dtype is None else getattr(dtype, "name", str(dtype))
        shape = tuple(int(d) for d in (shape or ()))
        if initializer is None or initializer == "zeros":
            value = np.zeros(shape, dtype=dtype)
        else:
            value = as_array(initializers.get(initializer)(shape, dtype=dtype), dtype)
        variable = Variable(value, name=name, dtype=dtype, trainable=False)
        self._metric_variables.append(variable)
        return variable

    @property
    def variables(self):
        return list(self._metric_variables)

    weights = variables

    @property
    def trainable_weights(self):
        return []

    @property
    def non_trainable_weights(self):
        return self.variables

    def get_weights(self):
        return [v.numpy() for v in self._metric_variables]

    def set_weights(self, weights):
        for variable, weight in zip(self._metric_variables, weights, strict=True):
            variable.assign(as_array(weight))

    def update_state(self, *args, **kwargs):
        raise NotImplementedError("Must be implemented in subclasses.")

    def result(self):
        raise NotImplementedError("Must be implemented in subclasses.")

    def reset_state(self):
        """Zero every state variable."""
        for variable in self._metric_variables:
            variable._value[...] = 0

    def reset_states(self):
        return self.reset_state()

    def merge_state(self, metrics):
        """Add the state of other metrics of the same kind into this one."""
        for metric in metrics:
            if len(self.weights) != len(metric.weights):
                raise ValueError(f"Metric {metric} is not compatible with {self}")
            for weight, other in zip(self.weights, metric.weights, strict=True):
                weight.assign_add(other)

    def __call__(self, *args, **kwargs):
        """Update the state and return the result; the result remembers its metric
        (`result._metric_obj`), so `layer.add_metric(metric(y, p))` needs no name."""
        self.update_state(*args, **kwargs)
        result = self.result()
        if isinstance(result, Tensor):
            result._metric_obj = self
        self._call_result = result
        return result

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __str__(self):
        args = ",".join(f"{k}={v}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    def __repr__(self):
        # As tf.keras prints its objects: `<keras.src.metrics.base_metric.Mean object at 0x..>`.
        module = type(self).__module__
        if module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras.") :]
        return f"<{module}.{type(self).__name__} object at {hex(id(self))}>"

    def __deepcopy__(self, memo=None):
        clone = self.from_config(self.get_config())
        clone.set_weights(self.get_weights())
        if memo is not None:
            memo[id(self)] = clone
        return clone


class Reduce(Metric):
    """Sums values into `total` (and, for means, their weights into `count`)."""

    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"
    WEIGHTED_MEAN = "weighted_mean"

    def __init__(self, reduction, name, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.reduction = reduction
        self.total = self.add_weight("total", initializer="zeros")
        if reduction in (self.SUM_OVER_BATCH_SIZE, self.WEIGHTED_MEAN):
            self.count = self.add_weight("count", initializer="zeros")

    def update_state(self, values, sample_weight=None):
        if isinstance(values, dict):
            raise RuntimeError(
                f"The output of a metric function can only be a single Tensor. Received: "
                f"{values}. To return a dict of values, implement a custom Metric subclass."
            )
        values = as_array(values, self._dtype)
        num_values = values.size
        if sample_weight is not None:
            sample_weight = as_array(sample_weight, self._dtype)
            if sample_weight.ndim == 0:
                num_values = sample_weight * num_values
            else:
                values, _, sample_weight = squeeze_or_expand(values, sample_weight=sample_weight)
                try:
                    sample_weight = broadcast_weights(sample_weight, values)
                except ValueError:
                    axes = tuple(range(sample_weight.ndim, values.ndim))
                    reduce = np.sum if self.reduction == self.SUM else np.mean
                    values = reduce(values, axis=axes, dtype=values.dtype)
                num_values = sample_weight.sum(dtype=sample_weight.dtype) * (
                    values.size // max(sample_weight.size, 1)
                )
            values = values * sample_weight
        total = self.total._value
        total += np.add.reduce(values, axis=None, dtype=total.dtype)
        if self.reduction == self.SUM:
            return
        if self.reduction == self.WEIGHTED_MEAN or sample_weight is None:
            self.count._value += num_values
        else:
            self.count._value += values.size

    def result(self):
        total = self.total._value
        if self.reduction == self.SUM:
            return Tensor(total.copy())
        count = self.count._value
        return Tensor(total / count if count else np.zeros_like(total))


class Sum(Reduce):
    """The running (weighted) sum of the values given."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(reduction=Reduce.SUM, name=name, dtype=dtype)


class Mean(Reduce):
    """The running (weighted) mean of the values given."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(reduction=Reduce.WEIGHTED_MEAN, name=name, dtype=dtype)


class MeanMetricWrapper(Mean):
    """The running mean of `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_array(y_true, self._dtype)
        y_pred_tensor = y_pred
        y_pred = as_array(y_pred, self._dtype)
        y_pred, y_true = squeeze_or_expand(y_pred, y_true)
        y_true, y_pred = _wrap(y_true), _wrap(y_pred)
        logits = getattr(y_pred_tensor, "_keras_logits", None)
        if logits is not None and tuple(logits.shape) == tuple(y_pred.shape):
            y_pred._keras_logits = logits
        matches = self._fn(y_true, y_pred, **self._fn_kwargs)
        mask = getattr(matches, "_keras_mask", None)
        if mask is not None:
            mask = as_array(mask, self._dtype)
            mask = mask * (mask.dtype.type(mask.size) / mask.sum())
            if sample_weight is None:
                sample_weight = mask
            else:
                sample_weight = as_array(sample_weight, self._dtype)
                mask, _, sample_weight = squeeze_or_expand(mask, sample_weight=sample_weight)
                sample_weight = sample_weight * mask
        super().update_state(matches, sample_weight=sample_weight)

    def get_config(self):
        config = dict(super().get_config())
        for key, value in self._fn_kwargs.items():
            config[key] = value.numpy() if isinstance(value, Tensor) else value
        if type(self) is MeanMetricWrapper:
            config["fn"] = self._fn
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        fn = config.pop("fn", None)
        if cls is MeanMetricWrapper:
            from pynn.keras.metrics import get  # noqa: PLC0415 - late: the metrics package imports this module

            return cls(get(fn), **config)
        return cls(**config)


class MeanTensor(Metric):
    """The element-wise running (weighted) mean of tensors of one fixed shape."""

    def __init__(self, name="mean_tensor", dtype=None, shape=None):
        super().__init__(name=name, dtype=dtype)
        self._shape = None
        self._built = False
        if shape is not None:
            self._build(shape)

    def _build(self, shape):
        self._shape = tuple(shape)
        self._total = self.add_weight("total", shape=self._shape)
        self._count = self.add_weight("count", shape=self._shape)
        self._built = True

    @property
    def total(self):
        return self._total if self._built else None

    @property
    def count(self):
        return self._count if self._built else None

    def update_state(self, values, sample_weight=None):
        values = as_array(values, self._dtype)
        if not self._built:
            self._build(values.shape)
        elif values.shape != self._shape:
            raise ValueError(
                "MeanTensor input values must always have the same shape. Expected shape "
                f"(set during the first call): {self._shape}. Got: {values.shape}."
            )
        num_values = np.ones_like(values)
        if sample_weight is not None:
            sample_weight = as_array(sample_weight, self._dtype)
            values, _, sample_weight = squeeze_or_expand(values, sample_weight=sample_weight)
            try:
                sample_weight = broadcast_weights(sample_weight, values)
            except ValueError:
                axes = tuple(range(sample_weight.ndim, values.ndim))
                values = np.mean(values, axis=axes, dtype=values.dtype)
            num_values = num_values * sample_weight
            values = values * sample_weight
        self._total._value += values
        self._count._value += num_values

    def result(self):
        if not self._built:
            raise ValueError(
                "MeanTensor does not have any value yet. Please call the MeanTensor instance "
                "or use `.update_state(value)` before retrieving the result."
            )
        return Tensor(divide_no_nan(self._total._value, self._count._value))

    def get_config(self):
        return {**super().get_config(), "shape": self._shape}
