"""Regression metrics: errors averaged over every sample seen."""

import warnings

import numpy as np

from pynn import ops
from pynn.core.tensor import Tensor
from pynn.keras import losses
from pynn.keras.metrics.base_metric import (
    Mean,
    MeanMetricWrapper,
    Metric,
    as_array,
    divide_no_nan,
    squeeze_or_expand,
)


def cosine_similarity(y_true, y_pred, axis=-1):
    """`sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`: 1 means aligned."""
    return ops.negative(losses.cosine_similarity(y_true, y_pred, axis=axis))


class MeanSquaredError(MeanMetricWrapper):
    """Mean of `square(y_true - y_pred)`."""

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(losses.mean_squared_error, name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """Mean of `abs(y_true - y_pred)`."""

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(losses.mean_absolute_error, name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Mean absolute percentage error."""

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(losses.mean_absolute_percentage_error, name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Mean squared logarithmic error."""

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(losses.mean_squared_logarithmic_error, name, dtype=dtype)


class CosineSimilarity(MeanMetricWrapper):
    """Mean cosine similarity between labels and predictions."""

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name, dtype=dtype, axis=axis)


class LogCoshError(MeanMetricWrapper):
    """Mean of `log(cosh(y_pred - y_true))`."""

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(losses.log_cosh, name, dtype=dtype)


class RootMeanSquaredError(Mean):
    """`sqrt` of the running mean of `square(y_true - y_pred)`."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_array(y_true, self._dtype)
        y_pred = as_array(y_pred, self._dtype)
        y_pred, y_true = squeeze_or_expand(y_pred, y_true)
        error = y_pred - y_true
        super().update_state(error * error, sample_weight=sample_weight)

    def result(self):
        return Tensor(np.sqrt(divide_no_nan(self.total._value, self.count._value)))


class R2Score(Metric):
    """Coefficient of determination: `1 - SS_res / SS_tot` per output column, then
    averaged (`'uniform_average'`), variance-weighted, or per column (`None`)."""

    def __init__(
        self, class_aggregation="uniform_average", num_regressors=0, name="r2_score", dtype=None
    ):
        super().__init__(name=name, dtype=dtype)
        valid = (None, "uniform_average", "variance_weighted_average")
        if class_aggregation not in valid:
            raise ValueError(
                "Invalid value for argument `class_aggregation`. Expected one of "
                f"{valid}. Received: class_aggregation={class_aggregation}"
            )
        if num_regressors < 0:
            raise ValueError(
                "Invalid value for argument `num_regressors`. Expected a value >= 0. "
                f"Received: num_regressors={num_regressors}"
            )
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_weight(name="num_samples", dtype="int32")
        self.built = False

    def build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "R2Score expects 2D inputs with shape (batch_size, output_dim). Received "
                f"input shapes: y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}."
            )
        num_classes = y_pred_shape[-1]
        self.squared_sum = self.add_weight(name="squared_sum", shape=(num_classes,))
        self.sum = self.add_weight(name="sum", shape=(num_classes,))
        self.total_mse = self.add_weight(name="residual", shape=(num_classes,))
        self.count = self.add_weight(name="count", shape=(num_classes,))
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_array(y_true, self._dtype)
        y_pred = as_array(y_pred, self._dtype)
        if not self.built:
            self.build(y_true.shape, y_pred.shape)
        weight = np.asarray(
            1 if sample_weight is None else as_array(sample_weight), dtype=self._dtype
        )
        if weight.ndim == 1:
            weight = weight[:, None]
        weight = np.broadcast_to(weight, y_true.shape)
        weighted_true = y_true * weight
        self.sum._value += weighted_true.sum(axis=0)
        self.squared_sum._value += (y_true * weighted_true).sum(axis=0)
        self.total_mse._value += ((y_true - y_pred) ** 2 * weight).sum(axis=0)
        self.count._value += weight.sum(axis=0)
        self.num_samples._value += y_true.size

    def result(self):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = self.sum._value / self.count._value
            total = self.squared_sum._value - self.sum._value * mean
            raw = 1 - self.total_mse._value / total
        raw = np.where(np.isinf(raw), np.float32(0), raw)
        if self.class_aggregation == "uniform_average":
            score = np.mean(raw)
        elif self.class_aggregation == "variance_weighted_average":
            score = np.sum(total * raw) / np.sum(total)
        else:
            score = raw
        if self.num_regressors:
            n = int(self.num_samples._value)
            if self.num_regressors > n - 1:
                warnings.warn(
                    "More independent predictors than datapoints in adjusted R2 "
                    "score. Falling back to standard R2 score.",
                    stacklevel=2,
                )
            elif self.num_regressors == n - 1:
                warnings.warn(
                    "Division by zero in Adjusted R2 score. Falling back to standard R2 score.",
                    stacklevel=2,
                )
            else:
                n, p = np.float32(n), np.float32(self.num_regressors)
                score = 1 - (1 - score) * (n - 1) / (n - p - 1)
        return Tensor(np.asarray(score, dtype=self._dtype))

    def get_config(self):
        return {
            **super().get_config(),
            "class_aggregation": self.class_aggregation,
            "num_regressors": self.num_regressors,
        }


class MeanRelativeError(Mean):
    """Mean of `abs(y_true - y_pred) / normalizer`."""

    def __init__(self, normalizer, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.normalizer = as_array(normalizer, self._dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_array(y_true, self._dtype)
        y_pred = as_array(y_pred, self._dtype)
        y_pred, y_true = squeeze_or_expand(y_pred, y_true)
        normalizer = self.normalizer
        if normalizer.ndim == y_pred.ndim + 1 and normalizer.shape[-1] == 1:
            normalizer = normalizer[..., 0]
        elif y_pred.ndim == normalizer.ndim + 1 and y_pred.shape[-1] == 1:
            y_pred = y_pred[..., 0]
        super().update_state(
            divide_no_nan(np.abs(y_true - y_pred), normalizer), sample_weight=sample_weight
        )

    def get_config(self):
        return {**super().get_config(), "normalizer": self.normalizer.tolist()}
