"""`FBetaScore` and `F1Score` for multi-class / multi-label 2-D predictions."""

import numpy as np

from pynn.core.tensor import Tensor
from pynn.keras.metrics.base_metric import Metric, as_array, divide_no_nan


class FBetaScore(Metric):
    """F-beta score per class (`average=None`) or averaged (`'micro'`, `'macro'`,
    `'weighted'`); predictions count as positive above `threshold` (default: the
    row's maximum)."""

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(
                "Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', "
                f"'weighted'}}. Received: average={average}"
            )
        if not isinstance(beta, float):
            raise ValueError(
                "Invalid `beta` argument value. It should be a Python float. "
                f"Received: beta={beta} of type '{type(beta)}'"
            )
        if beta <= 0.0:
            raise ValueError(
                f"Invalid `beta` argument value. It should be > 0. Received: beta={beta}"
            )
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(
                    "Invalid `threshold` argument value. It should be a Python float. "
                    f"Received: threshold={threshold} of type '{type(threshold)}'"
                )
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError(
                    "Invalid `threshold` argument value. It should verify 0 < threshold <= 1. "
                    f"Received: threshold={threshold}"
                )
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self.built = False

    def build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received "
                f"input shapes: y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}."
            )
        shape = () if self.average == "micro" else (y_pred_shape[-1],)
        self.true_positives = self.add_weight("true_positives", shape=shape)
        self.false_positives = self.add_weight("false_positives", shape=shape)
        self.false_negatives = self.add_weight("false_negatives", shape=shape)
        self.intermediate_weights = self.add_weight("intermediate_weights", shape=shape)
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_array(y_true, self._dtype)
        y_pred = as_array(y_pred, self._dtype)
        if not self.built:
            self.build(y_true.shape, y_pred.shape)
        if self.threshold is None:
            row_max = np.max(y_pred, axis=-1, keepdims=True)
            predicted = (y_pred >= row_max) & (np.abs(y_pred) > 1e-9)
        else:
            predicted = y_pred > self.threshold
        predicted = predicted.astype(y_pred.dtype)
        weights = None if sample_weight is None else as_array(sample_weight, self._dtype)[:, None]

        def weighted_sum(values):
            if weights is not None:
                values = values * weights
            return np.sum(values, axis=self.axis, dtype=values.dtype)

        self.true_positives._value += weighted_sum(predicted * y_true)
        self.false_positives._value += weighted_sum(predicted * (1 - y_true))
        self.false_negatives._value += weighted_sum((1 - predicted) * y_true)
        self.intermediate_weights._value += weighted_sum(y_true)

    def result(self):
        tp, fp, fn = (
            self.true_positives._value,
            self.false_positives._value,
            self.false_negatives._value,
        )
        precision = divide_no_nan(tp, tp + fp)
        recall = divide_no_nan(tp, tp + fn)
        beta_squared = np.float32(self.beta) ** 2
        score = divide_no_nan(precision * recall, beta_squared * precision + recall)
        score = score * (1 + beta_squared)
        if self.average == "weighted":
            weights = self.intermediate_weights._value
            score = np.sum(score * divide_no_nan(weights, np.sum(weights)))
        elif self.average is not None:
            score = np.mean(score)
        return Tensor(np.asarray(score, dtype=self._dtype))

    def reset_state(self):
        if self.built:
            super().reset_state()

    def get_config(self):
        return {
            **super().get_config(),
            "average": self.average,
            "beta": self.beta,
            "threshold": self.threshold,
        }


class F1Score(FBetaScore):
    """The harmonic mean of precision and recall (F-beta with beta = 1)."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
