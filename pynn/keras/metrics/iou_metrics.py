"""Intersection-over-union metrics (`IoU`, `MeanIoU`, `BinaryIoU`, `OneHotIoU`,
`OneHotMeanIoU`) from an accumulated confusion matrix."""

import numpy as np

from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import Tensor
from pynn.keras.metrics.base_metric import Metric, as_array, divide_no_nan


def confusion_matrix(labels, predictions, num_classes, weights=None, dtype=np.float32):
    """`cm[i, j]` = (weighted) count of samples with label `i` predicted as `j`."""
    labels = np.asarray(labels).astype(np.int64).reshape(-1)
    predictions = np.asarray(predictions).astype(np.int64).reshape(-1)
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values.size and (values.min() < 0 or values.max() >= num_classes):
            raise InvalidArgumentError(
                f"`{name}` out of bound: expected values in [0, {num_classes}), received "
                f"{values.min() if values.min() < 0 else values.max()}."
            )
    if weights is not None:
        weights = np.asarray(weights, dtype=dtype).reshape(-1)
        if weights.size != 1 and weights.shape != labels.shape:
            raise ValueError(f"Shapes {weights.shape} and {labels.shape} are incompatible")
        weights = np.broadcast_to(weights, labels.shape)
    counts = np.bincount(
        labels * num_classes + predictions, weights, minlength=num_classes * num_classes
    )
    return counts.reshape(num_classes, num_classes).astype(dtype)


class _IoUBase(Metric):
    def __init__(
        self,
        num_classes,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(name=name, dtype=dtype)
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_weight(
            "total_confusion_matrix", shape=(num_classes, num_classes), initializer="zeros"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = as_array(y_true), as_array(y_pred)
        if not self.sparse_y_true:
            y_true = np.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = np.argmax(y_pred, axis=self.axis)
        y_true = y_true.astype(self._dtype).reshape(-1)
        y_pred = y_pred.astype(self._dtype).reshape(-1)
        if sample_weight is not None:
            sample_weight = as_array(sample_weight, self._dtype).reshape(-1)
        if self.ignore_class is not None:
            valid = y_true != self.ignore_class
            y_true, y_pred = y_true[valid], y_pred[valid]
            if sample_weight is not None:
                sample_weight = sample_weight[valid]
        self.total_cm._value += confusion_matrix(
            y_true, y_pred, self.num_classes, sample_weight, self.total_cm._value.dtype
        )


class IoU(_IoUBase):
    """Mean intersection-over-union of the classes in `target_class_ids`."""

    def __init__(
        self,
        num_classes,
        target_class_ids,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(
            name=name,
            num_classes=num_classes,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
            dtype=dtype,
        )
        if max(target_class_ids) >= num_classes:
            raise ValueError(
                f"Target class id {max(target_class_ids)} is out of range, which "
                f"is [0, {num_classes})."
            )
        self.target_class_ids = list(target_class_ids)

    def result(self):
        cm = self.total_cm._value
        true_positives = np.diagonal(cm)
        denominator = cm.sum(axis=0) + cm.sum(axis=1) - true_positives
        true_positives = true_positives[self.target_class_ids]
        denominator = denominator[self.target_class_ids]
        num_valid = np.sum((denominator != 0).astype(cm.dtype))
        iou = divide_no_nan(true_positives, denominator)
        return Tensor(np.asarray(divide_no_nan(np.sum(iou), num_valid), dtype=cm.dtype))

    def get_config(self):
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "target_class_ids": self.target_class_ids,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class BinaryIoU(IoU):
    """IoU of 0/1 labels against `y_pred >= threshold`."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = (as_array(y_pred, self._dtype) >= self.threshold).astype(self._dtype)
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {
            "target_class_ids": self.target_class_ids,
            "threshold": self.threshold,
            "name": self.name,
            "dtype": self._dtype,
        }


class MeanIoU(IoU):
    """IoU averaged over all `num_classes` classes."""

    def __init__(
        self,
        num_classes,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(
            name=name,
            num_classes=num_classes,
            target_class_ids=list(range(num_classes)),
            axis=axis,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self):
        return {
            "num_classes": self.num_classes,
            "name": self.name,
            "dtype": self._dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class OneHotIoU(IoU):
    """IoU with one-hot labels (and, unless `sparse_y_pred`, scores per class)."""

    def __init__(
        self,
        num_classes,
        target_class_ids,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_pred=False,
        axis=-1,
    ):
        super().__init__(
            num_classes=num_classes,
            target_class_ids=target_class_ids,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self):
        return {
            "num_classes": self.num_classes,
            "target_class_ids": self.target_class_ids,
            "name": self.name,
            "dtype": self._dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class OneHotMeanIoU(MeanIoU):
    """Mean IoU with one-hot labels (and, unless `sparse_y_pred`, scores per class)."""

    def __init__(
        self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False, axis=-1
    ):
        super().__init__(
            num_classes=num_classes,
            axis=axis,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self):
        return {
            "num_classes": self.num_classes,
            "name": self.name,
            "dtype": self._dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }
