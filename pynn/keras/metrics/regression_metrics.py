"""Regression metrics: errors averaged over every sample seen."""

import numpy as np

from pynn import ops
from pynn.core.tensor import Tensor
from pynn.keras import losses
from pynn.keras.metrics.base_metric import (
    Mean,
    MeanMetricWrapper,
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
