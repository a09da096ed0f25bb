"""Confusion-matrix metrics: `TruePositives` ... `FalseNegatives`, `Precision`,
`Recall` and `AUC`, counted at one or more thresholds on numpy.
"""

import numpy as np

from pynn.core.tensor import Tensor
from pynn.keras.metrics.base_metric import Metric, as_array, divide_no_nan, squeeze_or_expand

NEG_INF = -1e10
EPSILON = 1e-7

TRUE_POSITIVES = "tp"
FALSE_POSITIVES = "fp"
TRUE_NEGATIVES = "tn"
FALSE_NEGATIVES = "fn"


def _to_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is not None:
        invalid = [t for t in _to_list(thresholds) if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return _to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds):
    """True for thresholds like `[0, 1/(n-1), ..., 1]` (the bucketed fast path applies)."""
    count = len(thresholds)
    if count < 3:
        return False
    even = np.arange(count, dtype=np.float32) / (count - 1)
    return bool(np.allclose(thresholds, even, atol=EPSILON))


def _filter_top_k(x, k):
    """Keep the `k` largest entries of each row; the rest become -1e10."""
    order = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    mask = np.zeros_like(x)
    np.put_along_axis(mask, order, 1.0, axis=-1)
    return x * mask + x.dtype.type(NEG_INF) * (1 - mask)


def update_confusion_matrix_variables(
    variables,
    y_true,
    y_pred,
    thresholds,
    top_k=None,
    class_id=None,
    sample_weight=None,
    multi_label=False,
    label_weights=None,
    thresholds_distributed_evenly=False,
):
    """Add this batch's weighted tp/fp/tn/fn counts (one per threshold) into `variables`,
    a dict `{"tp": Variable, ...}`, as Keras's `metrics_utils` does."""
    dtype = next(iter(variables.values()))._value.dtype
    y_true = as_array(y_true, dtype)
    y_pred = as_array(y_pred, dtype)
    if sample_weight is not None:
        sample_weight = as_array(sample_weight, dtype)
        y_pred, y_true, sample_weight = squeeze_or_expand(y_pred, y_true, sample_weight)
    else:
        y_pred, y_true = squeeze_or_expand(y_pred, y_true)
    if y_pred.shape != y_true.shape:
        raise ValueError(f"Shapes {tuple(y_pred.shape)} and {tuple(y_true.shape)} are incompatible")
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    thresholds = np.asarray(thresholds, dtype=dtype)
    weights = None
    if sample_weight is not None:
        weights = _broadcast(sample_weight, y_pred)
    if label_weights is not None and not multi_label:
        label = _broadcast(as_array(label_weights, dtype)[None], y_pred)
        weights = label if weights is None else weights * label
    if not multi_label:
        y_true, y_pred = y_true.reshape(-1), y_pred.reshape(-1)
        weights = None if weights is None else weights.reshape(-1)
    label_is_pos = y_true.astype(bool)
    if thresholds_distributed_evenly:
        counts = _bucketed_counts(label_is_pos, y_pred, weights, thresholds, dtype)
    else:
        counts = _thresholded_counts(label_is_pos, y_pred, weights, thresholds, dtype)
    for key, variable in variables.items():
        variable._value += counts[key]


def _broadcast(weights, values):
    if weights.ndim and weights.ndim != values.ndim:
        weights = weights.reshape(weights.shape + (1,) * (values.ndim - weights.ndim))
    return np.broadcast_to(weights, values.shape).astype(values.dtype)


def _thresholded_counts(label_is_pos, y_pred, weights, thresholds, dtype):
    """Counts by comparing every prediction with every threshold (`pred > threshold`)."""
    shape = (-1,) + (1,) * y_pred.ndim
    pred_is_pos = y_pred[None] > thresholds.reshape(shape)
    w = np.ones(y_pred.shape, dtype) if weights is None else weights
    pos_w = np.where(label_is_pos, w, 0).astype(dtype)
    neg_w = np.where(label_is_pos, 0, w).astype(dtype)
    tp = np.sum(np.where(pred_is_pos, pos_w, 0), axis=1, dtype=dtype)
    fp = np.sum(np.where(pred_is_pos, neg_w, 0), axis=1, dtype=dtype)
    fn = np.sum(np.where(pred_is_pos, 0, pos_w), axis=1, dtype=dtype)
    tn = np.sum(np.where(pred_is_pos, 0, neg_w), axis=1, dtype=dtype)
    return {TRUE_POSITIVES: tp, FALSE_POSITIVES: fp, TRUE_NEGATIVES: tn, FALSE_NEGATIVES: fn}


def _bucketed_counts(label_is_pos, y_pred, weights, thresholds, dtype):
    """Counts for evenly spaced thresholds: one bucket per prediction, then reverse
    cumulative sums (Keras's optimized path)."""
    num_thresholds = len(thresholds)
    with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
    y_pred = np.clip(y_pred, 0.0, 1.0)
    w = np.ones(y_pred.shape, dtype) if weights is None else weights
    true_labels = np.where(label_is_pos, w, 0).astype(dtype)
    false_labels = np.where(label_is_pos, 0, w).astype(dtype)
    buckets = np.ceil(y_pred * dtype.type(num_thresholds - 1)) - 1
    if with_epsilon:
        buckets = np.maximum(buckets, 0)
    buckets = buckets.astype(np.int64)
    keep = buckets >= 0  # (unsorted_segment_sum drops negative segment ids)
    if y_pred.ndim == 1:
        tp_bucket = np.bincount(buckets[keep], true_labels[keep], num_thresholds)
        fp_bucket = np.bincount(buckets[keep], false_labels[keep], num_thresholds)
        total_true, total_false = true_labels.sum(dtype=dtype), false_labels.sum(dtype=dtype)
    else:
        num_labels = y_pred.shape[-1]
        index = (buckets * num_labels + np.arange(num_labels))[keep]
        size = num_thresholds * num_labels
        tp_bucket = np.bincount(index, true_labels[keep], size).reshape(num_thresholds, -1)
        fp_bucket = np.bincount(index, false_labels[keep], size).reshape(num_thresholds, -1)
        total_true = true_labels.sum(axis=0, dtype=dtype)
        total_false = false_labels.sum(axis=0, dtype=dtype)
    tp = np.cumsum(tp_bucket[::-1], axis=0)[::-1].astype(dtype)
    fp = np.cumsum(fp_bucket[::-1], axis=0)[::-1].astype(dtype)
    return {
        TRUE_POSITIVES: tp,
        FALSE_POSITIVES: fp,
        TRUE_NEGATIVES: (total_false - fp).astype(dtype),
        FALSE_NEGATIVES: (total_true - tp).astype(dtype),
    }


class _ConfusionMatrixConditionCount(Metric):
    """Counts one cell of the confusion matrix at each threshold."""

    _condition = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_weight(
            "accumulator", shape=(len(self.thresholds),), initializer="zeros"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {self._condition: self.accumulator},
            y_true,
            y_pred,
            self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
        )

    def result(self):
        value = self.accumulator._value
        return Tensor(value[0].copy() if len(self.thresholds) == 1 else value.copy())

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class FalsePositives(_ConfusionMatrixConditionCount):
    """Weighted count of false positives (at each threshold)."""

    _condition = FALSE_POSITIVES


class FalseNegatives(_ConfusionMatrixConditionCount):
    """Weighted count of false negatives (at each threshold)."""

    _condition = FALSE_NEGATIVES


class TrueNegatives(_ConfusionMatrixConditionCount):
    """Weighted count of true negatives (at each threshold)."""

    _condition = TRUE_NEGATIVES


class TruePositives(_ConfusionMatrixConditionCount):
    """Weighted count of true positives (at each threshold)."""

    _condition = TRUE_POSITIVES


class _PrecisionRecall(Metric):
    _second = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default_threshold = 0.5 if top_k is None else NEG_INF
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=default_threshold)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.true_positives = self.add_weight(
            "true_positives", shape=(len(self.thresholds),), initializer="zeros"
        )
        setattr(
            self,
            self._second[0],
            self.add_weight(self._second[0], shape=(len(self.thresholds),), initializer="zeros"),
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {TRUE_POSITIVES: self.true_positives, self._second[1]: getattr(self, self._second[0])},
            y_true,
            y_pred,
            self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def result(self):
        tp = self.true_positives._value
        value = divide_no_nan(tp, tp + getattr(self, self._second[0])._value)
        return Tensor(value[0] if len(self.thresholds) == 1 else value)

    def get_config(self):
        return {
            **super().get_config(),
            "thresholds": self.init_thresholds,
            "top_k": self.top_k,
            "class_id": self.class_id,
        }


class Precision(_PrecisionRecall):
    """`true_positives / (true_positives + false_positives)`."""

    _second = ("false_positives", FALSE_POSITIVES)


class Recall(_PrecisionRecall):
    """`true_positives / (true_positives + false_negatives)`."""

    _second = ("false_negatives", FALSE_NEGATIVES)


class AUC(Metric):
    """Area under the ROC (or precision-recall) curve, by a Riemann sum over
    `num_thresholds` thresholds (tf.keras 2.15 `keras.metrics.AUC`)."""

    def __init__(
        self,
        num_thresholds=200,
        curve="ROC",
        summation_method="interpolation",
        name=None,
        dtype=None,
        thresholds=None,
        multi_label=False,
        num_labels=None,
        label_weights=None,
        from_logits=False,
    ):
        curve_key = str(curve)
        if curve_key in ("pr", "PR"):
            self.curve = "PR"
        elif curve_key in ("roc", "ROC"):
            self.curve = "ROC"
        else:
            raise ValueError(
                f'Invalid AUC curve value: "{curve}". Expected values are ["PR", "ROC"]'
            )
        method = str(summation_method).lower()
        if method not in ("interpolation", "majoring", "minoring"):
            raise ValueError(
                f'Invalid AUC summation method value: "{summation_method}". '
                'Expected values are ["interpolation", "majoring", "minoring"]'
            )
        self.summation_method = method
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(
                np.array([0.0, *thresholds, 1.0])
            )
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. "
                    f"Received: num_thresholds={num_thresholds}"
                )
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        self._thresholds = np.array([0.0 - EPSILON, *thresholds, 1.0 + EPSILON])
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if label_weights is not None:
            label_weights = np.asarray(label_weights, dtype=self._dtype)
            if np.any(label_weights < 0):
                raise ValueError("All values of `label_weights` must be non-negative.")
        self.label_weights = label_weights
        self._from_logits = from_logits
        self._built = False
        if multi_label:
            if num_labels:
                self._build((None, num_labels))
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    "`y_pred` must have rank 2 when `multi_label=True`. Found rank "
                    f"{len(shape)}. Full shape received for `y_pred`: {tuple(shape)}"
                )
            self._num_labels = shape[1]
            variable_shape = (self.num_thresholds, self._num_labels)
        else:
            variable_shape = (self.num_thresholds,)
        self.true_positives = self.add_weight("true_positives", shape=variable_shape)
        self.true_negatives = self.add_weight("true_negatives", shape=variable_shape)
        self.false_positives = self.add_weight("false_positives", shape=variable_shape)
        self.false_negatives = self.add_weight("false_negatives", shape=variable_shape)
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self._built:
            self._build(np.shape(as_array(y_pred)))
        if self._from_logits:
            y_pred = 1 / (1 + np.exp(-as_array(y_pred, self._dtype)))
        update_confusion_matrix_variables(
            {
                TRUE_POSITIVES: self.true_positives,
                TRUE_NEGATIVES: self.true_negatives,
                FALSE_POSITIVES: self.false_positives,
                FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights,
        )

    def _by_label(self, values):
        if not self.multi_label:
            return np.sum(values)
        by_label = np.sum(values, axis=0)
        if self.label_weights is None:
            return np.mean(by_label)
        return divide_no_nan(np.sum(by_label * self.label_weights), np.sum(self.label_weights))

    def interpolate_pr_auc(self):
        """PR-AUC by Davis & Goadrich's interpolation between thresholds."""
        n = self.num_thresholds
        tp, fp, fn = (
            self.true_positives._value,
            self.false_positives._value,
            self.false_negatives._value,
        )
        dtp = tp[: n - 1] - tp[1:]
        p = tp + fp
        dp = p[: n - 1] - p[1:]
        prec_slope = divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - prec_slope * p[1:]
        with np.errstate(divide="ignore", invalid="ignore"):
            safe_p_ratio = np.where(
                (p[: n - 1] > 0) & (p[1:] > 0),
                divide_no_nan(p[: n - 1], np.maximum(p[1:], 0)),
                np.ones_like(p[1:]),
            )
            increment = divide_no_nan(
                prec_slope * (dtp + intercept * np.log(safe_p_ratio)),
                np.maximum(tp[1:] + fn[1:], 0),
            )
        return self._by_label(increment)

    def result(self):
        dtype = np.dtype(self._dtype)
        if self.curve == "PR" and self.summation_method == "interpolation":
            return Tensor(np.asarray(self.interpolate_pr_auc(), dtype=dtype))
        tp, fp, tn, fn = (
            self.true_positives._value,
            self.false_positives._value,
            self.true_negatives._value,
            self.false_negatives._value,
        )
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, divide_no_nan(tp, tp + fp)
        n = self.num_thresholds
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / dtype.type(2)
        elif self.summation_method == "minoring":
            heights = np.minimum(y[: n - 1], y[1:])
        else:
            heights = np.maximum(y[: n - 1], y[1:])
        return Tensor(np.asarray(self._by_label((x[: n - 1] - x[1:]) * heights), dtype=dtype))

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        label_weights = self.label_weights
        config = {
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": None if label_weights is None else label_weights.tolist(),
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}


def _rates(metric):
    tp, fp, tn, fn = (
        metric.true_positives._value,
        metric.false_positives._value,
        metric.true_negatives._value,
        metric.false_negatives._value,
    )
    return {
        "sensitivity": divide_no_nan(tp, tp + fn),
        "recall": divide_no_nan(tp, tp + fn),
        "specificity": divide_no_nan(tn, tn + fp),
        "precision": divide_no_nan(tp, tp + fp),
    }


class _AtConstraint(Metric):
    """The best `_dependent` rate among thresholds whose `_constrained` rate reaches `value`."""

    _constrained = _dependent = None

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if value < 0 or value > 1:
            raise ValueError(
                f"Argument `{self._constrained}` must be in the range [0, 1]. "
                f"Received: {self._constrained}={value}"
            )
        super().__init__(name=name, dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError(
                "Argument `num_thresholds` must be an integer > 0. "
                f"Received: num_thresholds={num_thresholds}"
            )
        self.value = value
        setattr(self, self._constrained, value)
        self.num_thresholds = num_thresholds
        self.class_id = class_id
        for variable in ("true_positives", "true_negatives", "false_positives", "false_negatives"):
            setattr(self, variable, self.add_weight(variable, shape=(num_thresholds,)))
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0, *inner, 1.0]
            self._thresholds_distributed_evenly = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {
                TRUE_POSITIVES: self.true_positives,
                TRUE_NEGATIVES: self.true_negatives,
                FALSE_POSITIVES: self.false_positives,
                FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def result(self):
        rates = _rates(self)
        feasible = rates[self._constrained] >= self.value
        best = rates[self._dependent][feasible].max() if feasible.any() else 0.0
        return Tensor(np.asarray(best, dtype=self._dtype))

    def get_config(self):
        return {
            **super().get_config(),
            "class_id": self.class_id,
            "num_thresholds": self.num_thresholds,
            self._constrained: self.value,
        }


class SensitivityAtSpecificity(_AtConstraint):
    """The best sensitivity (recall) at a specificity of at least `specificity`."""

    _constrained, _dependent = "specificity", "sensitivity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds, class_id, name, dtype)


class SpecificityAtSensitivity(_AtConstraint):
    """The best specificity at a sensitivity (recall) of at least `sensitivity`."""

    _constrained, _dependent = "sensitivity", "specificity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)


class PrecisionAtRecall(_AtConstraint):
    """The best precision at a recall of at least `recall`."""

    _constrained, _dependent = "recall", "precision"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds, class_id, name, dtype)


class RecallAtPrecision(_AtConstraint):
    """The best recall at a precision of at least `precision`."""

    _constrained, _dependent = "precision", "recall"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds, class_id, name, dtype)
