"""Accuracy metrics: `Accuracy`, `BinaryAccuracy`, `CategoricalAccuracy`,
`SparseCategoricalAccuracy`, the top-k variants, and their functions.

The functions accept Tensors or arrays and return float32 Tensors of 0/1 matches
(computed on numpy: accuracy has no gradient).
"""

import numpy as np

from pynn.core.tensor import Tensor, _wrap
from pynn.keras.metrics.base_metric import MeanMetricWrapper, as_array


def _float32(matches):
    return _wrap(matches.astype(np.float32))


def accuracy(y_true, y_pred):
    """1 where `y_pred` equals `y_true` exactly, else 0."""
    y_true, y_pred = as_array(y_true), as_array(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"Shapes {tuple(y_true.shape)} and {tuple(y_pred.shape)} are incompatible")
    if y_true.dtype != y_pred.dtype:
        y_pred = y_pred.astype(y_true.dtype)
    return _float32(y_true == y_pred)


def binary_matches(y_true, y_pred, threshold=0.5):
    """1 where `y_pred > threshold` agrees with the 0/1 label `y_true`."""
    y_true, y_pred = as_array(y_true), as_array(y_pred)
    if y_pred.dtype.kind != "f":
        y_pred = y_pred.astype(np.float32)
    predicted = (y_pred > y_pred.dtype.type(threshold)).astype(y_pred.dtype)
    return _float32(y_true == predicted)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Mean over the last axis of `binary_matches`."""
    return Tensor(np.mean(binary_matches(y_true, y_pred, threshold)._value, axis=-1))


def sparse_categorical_matches(y_true, y_pred):
    """1 where `argmax(y_pred)` equals the integer label `y_true`."""
    y_true, y_pred = as_array(y_true), as_array(y_pred)
    original_shape = y_true.shape
    reshape = y_true.ndim == y_pred.ndim
    if reshape:
        if y_true.shape[-1] != 1:
            raise ValueError(
                f"Can not squeeze dim[{y_true.ndim - 1}], expected a dimension of 1, got "
                f"{y_true.shape[-1]} for '{{node Squeeze}} = Squeeze[T=DT_FLOAT, "
                f"squeeze_dims=[-1]]' with input shapes: {list(y_true.shape)}."
            )
        y_true = y_true[..., 0]
    predicted = np.argmax(y_pred, axis=-1)
    if predicted.dtype != y_true.dtype:
        predicted = predicted.astype(y_true.dtype)
    matches = y_true == predicted
    if reshape:
        matches = matches.reshape(original_shape)
    return _float32(matches)


def categorical_accuracy(y_true, y_pred):
    """1 where `argmax(y_pred)` equals `argmax(y_true)` (one-hot labels)."""
    return sparse_categorical_matches(np.argmax(as_array(y_true), axis=-1), y_pred)


def sparse_categorical_accuracy(y_true, y_pred):
    """1 where `argmax(y_pred)` equals the integer label `y_true`."""
    matches = sparse_categorical_matches(y_true, y_pred)
    if matches.ndim > 1 and matches.shape[-1] == 1:
        return _wrap(matches._value[..., 0])
    return matches


def in_top_k(predictions, targets, k):
    """`tf.math.in_top_k`: the target's score is among the `k` largest (ties count in)."""
    predictions = as_array(predictions)
    targets = as_array(targets).astype(np.int64)
    num_classes = predictions.shape[-1]
    valid = (targets >= 0) & (targets < num_classes)
    safe = np.where(valid, targets, 0)
    target_scores = np.take_along_axis(predictions, safe[:, None], axis=-1)
    rank = np.sum(predictions > target_scores, axis=-1)
    return valid & np.isfinite(target_scores[:, 0]) & (rank < k)


def sparse_top_k_categorical_matches(y_true, y_pred, k=5):
    """1 where the integer label is among the `k` highest predictions."""
    y_true, y_pred = as_array(y_true), as_array(y_pred)
    original_shape = y_true.shape
    if y_pred.ndim > 2:
        y_pred = y_pred.reshape(-1, y_pred.shape[-1])
    reshape = y_true.ndim > 1
    if reshape:
        y_true = y_true.reshape(-1)
    matches = in_top_k(y_pred, y_true.astype(np.int32), k)
    if reshape:
        matches = matches.reshape(original_shape)
    return _float32(matches)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1 where the one-hot label is among the `k` highest predictions."""
    return sparse_top_k_categorical_matches(np.argmax(as_array(y_true), axis=-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1 where the integer label is among the `k` highest predictions."""
    return sparse_top_k_categorical_matches(y_true, y_pred, k)


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often `y_pred > threshold` matches the binary label."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_matches, name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often `argmax(y_pred)` matches `argmax(y_true)` (one-hot labels)."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often `argmax(y_pred)` matches the integer label."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_matches, name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot label is among the top `k` predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is among the top `k` predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_matches, name, dtype=dtype, k=k)
