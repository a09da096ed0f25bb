"""Record metric results from tf.keras 2.15 into `reference_values.py`.

Run with the reference install (CI never needs TensorFlow):
    ~/.cache/reftf/bin/python tests/keras/metrics/record_reference.py

Each case is an expression evaluated on both sides with `metrics` bound to
`keras.metrics`, `T` to `tf.constant`, the helpers `run` and `reduce` below, and
the arrays of `inputs()` by name.
"""

import os
import pprint

import numpy as np


def inputs():
    rng = np.random.default_rng(11)
    logits = rng.normal(size=(6, 4)).astype(np.float32) * 2
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    bin_logits = rng.normal(size=(6, 3)).astype(np.float32) * 2
    return {
        "bin_true": rng.integers(0, 2, size=(6, 3)).astype(np.float32),
        "bin_true2": rng.integers(0, 2, size=(6, 3)).astype(np.float32),
        "bin_probs": (1 / (1 + np.exp(-bin_logits))).astype(np.float32),
        "bin_probs2": rng.uniform(size=(6, 3)).astype(np.float32),
        "bin_logits": bin_logits,
        "bin_col_true": rng.integers(0, 2, size=(6, 1)).astype(np.float32),
        "bin_col_probs": rng.uniform(size=(6, 1)).astype(np.float32),
        "onehot": np.eye(4, dtype=np.float32)[[0, 3, 1, 2, 2, 0]],
        "labels": np.array([0, 3, 1, 2, 2, 0], np.int64),
        "labels_col": np.array([[0], [3], [1], [2], [2], [0]], np.int64),
        "probs": probs.astype(np.float32),
        "logits": logits,
        "ties": np.array(
            [
                [0.25, 0.25, 0.25, 0.25],
                [0.1, 0.4, 0.4, 0.1],
                [0.7, 0.1, 0.1, 0.1],
                [0.3, 0.3, 0.2, 0.2],
                [0.0, 0.5, 0.5, 0.0],
                [0.1, 0.2, 0.3, 0.4],
            ],
            np.float32,
        ),
        "reg_true": rng.normal(size=(6, 3)).astype(np.float32),
        "reg_pred": rng.normal(size=(6, 3)).astype(np.float32),
        "pos_true": rng.uniform(0.1, 3, size=(6, 3)).astype(np.float32),
        "pos_pred": rng.uniform(0.1, 3, size=(6, 3)).astype(np.float32),
        "sign_true": (rng.integers(0, 2, size=(6, 3)) * 2 - 1).astype(np.float32),
        "sw": np.array([1.0, 0.5, 2.0, 0.0, 1.0, 3.0], np.float32),
        "values": rng.normal(size=(6, 3)).astype(np.float32),
        "scores": rng.uniform(size=(40,)).astype(np.float32),
        "score_labels": rng.integers(0, 2, size=(40,)).astype(np.float32),
        "score_weights": rng.uniform(size=(40,)).astype(np.float32),
    }


CASES = {
    # functions
    "fn_binary_accuracy": "metrics.binary_accuracy(bin_true, bin_probs)",
    "fn_binary_accuracy_threshold": "metrics.binary_accuracy(bin_true, bin_probs, threshold=0.7)",
    "fn_categorical_accuracy": "metrics.categorical_accuracy(onehot, probs)",
    "fn_sparse_categorical_accuracy": "metrics.sparse_categorical_accuracy(labels, probs)",
    "fn_sparse_categorical_accuracy_col": "metrics.sparse_categorical_accuracy(labels_col, probs)",
    "fn_top_k": "metrics.top_k_categorical_accuracy(onehot, probs, k=2)",
    "fn_sparse_top_k": "metrics.sparse_top_k_categorical_accuracy(labels, probs, k=2)",
    "fn_sparse_top_k_ties": "metrics.sparse_top_k_categorical_accuracy(labels, ties, k=1)",
    "fn_accuracy": "metrics.get('accuracy')(T(labels), T(np.argmax(probs, -1)))",
    "fn_mse": "metrics.mse(reg_true, reg_pred)",
    "fn_cosine_similarity": "metrics.get('cosine_similarity')(reg_true, reg_pred)",
    # reducing metrics
    "mean": "reduce(metrics.Mean(), (values,), (values[:2] * 2,))",
    "mean_sw": "reduce(metrics.Mean(), (values, sw))",
    "mean_sw_col": "reduce(metrics.Mean(), (values, sw[:, None]))",
    "mean_scalar_sw": "reduce(metrics.Mean(), (np.float32(2.5), 4), (np.float32(1.0), 2))",
    "sum": "reduce(metrics.Sum(), (values,), (values, sw))",
    "mean_tensor": "reduce(metrics.MeanTensor(), (values,), (values * 3, sw))",
    "mean_relative_error": "run(metrics.MeanRelativeError(normalizer=pos_true), "
    "(reg_true, reg_pred), (reg_true, reg_pred * 2, sw))",
    # accuracy metrics
    "accuracy": "run(metrics.Accuracy(), (labels, np.argmax(probs, -1)))",
    "binary_accuracy": "run(metrics.BinaryAccuracy(), (bin_true, bin_probs), "
    "(bin_true2, bin_probs2, sw))",
    "binary_accuracy_col": "run(metrics.BinaryAccuracy(threshold=0.3), "
    "(bin_col_true, bin_col_probs))",
    "binary_accuracy_flat_labels": "run(metrics.BinaryAccuracy(), "
    "(bin_col_true[:, 0], bin_col_probs))",
    "categorical_accuracy": "run(metrics.CategoricalAccuracy(), (onehot, probs), "
    "(onehot, ties, sw))",
    "sparse_categorical_accuracy": "run(metrics.SparseCategoricalAccuracy(), (labels, probs), "
    "(labels_col, ties, sw))",
    "top_k": "run(metrics.TopKCategoricalAccuracy(k=2), (onehot, probs, sw))",
    "sparse_top_k": "run(metrics.SparseTopKCategoricalAccuracy(k=2), (labels, probs), "
    "(labels_col, ties))",
    # regression / probabilistic / hinge
    "mean_squared_error": "run(metrics.MeanSquaredError(), (reg_true, reg_pred), "
    "(reg_true, reg_pred * 2, sw))",
    "mean_absolute_error": "run(metrics.MeanAbsoluteError(), (reg_true, reg_pred, sw))",
    "mape": "run(metrics.MeanAbsolutePercentageError(), (reg_true, reg_pred))",
    "msle": "run(metrics.MeanSquaredLogarithmicError(), (pos_true, pos_pred))",
    "rmse": "run(metrics.RootMeanSquaredError(), (reg_true, reg_pred), "
    "(reg_true, reg_pred * 3, sw))",
    "log_cosh": "run(metrics.LogCoshError(), (reg_true, reg_pred))",
    "cosine_similarity": "run(metrics.CosineSimilarity(), (reg_true, reg_pred, sw))",
    "binary_crossentropy": "run(metrics.BinaryCrossentropy(), (bin_true, bin_probs), "
    "(bin_true2, bin_probs2, sw))",
    "binary_crossentropy_logits": "run(metrics.BinaryCrossentropy(from_logits=True, "
    "label_smoothing=0.1), (bin_true, bin_logits))",
    "categorical_crossentropy": "run(metrics.CategoricalCrossentropy(), (onehot, probs, sw))",
    "categorical_crossentropy_logits": "run(metrics.CategoricalCrossentropy(from_logits=True),"
    " (onehot, logits))",
    "sparse_categorical_crossentropy": "run(metrics.SparseCategoricalCrossentropy(), "
    "(labels, probs), (labels_col, ties))",
    "sparse_categorical_crossentropy_logits": "run(metrics.SparseCategoricalCrossentropy("
    "from_logits=True), (labels, logits, sw))",
    "kl_divergence": "run(metrics.KLDivergence(), (onehot, probs))",
    "poisson": "run(metrics.Poisson(), (pos_true, pos_pred))",
    "hinge": "run(metrics.Hinge(), (sign_true, reg_pred))",
    "squared_hinge": "run(metrics.SquaredHinge(), (bin_true, reg_pred, sw))",
    "categorical_hinge": "run(metrics.CategoricalHinge(), (onehot, logits))",
    # confusion-matrix metrics
    "true_positives": "run(metrics.TruePositives(), (bin_true, bin_probs))",
    "false_positives": "run(metrics.FalsePositives(thresholds=[0.2, 0.5, 0.9]), "
    "(bin_true, bin_probs), (bin_true2, bin_probs2, sw))",
    "true_negatives": "run(metrics.TrueNegatives(), (bin_true, bin_probs, sw))",
    "false_negatives": "run(metrics.FalseNegatives(thresholds=[0.0, 0.5, 1.0]), "
    "(bin_true, bin_probs))",
    "precision": "run(metrics.Precision(), (bin_true, bin_probs), (bin_true2, bin_probs2))",
    "precision_thresholds": "run(metrics.Precision(thresholds=[0.3, 0.6]), "
    "(bin_true, bin_probs, sw))",
    "precision_top_k": "run(metrics.Precision(top_k=2), (onehot, probs))",
    "precision_class_id": "run(metrics.Precision(class_id=1), (onehot, probs))",
    "recall": "run(metrics.Recall(), (bin_true, bin_probs), (bin_true2, bin_probs2, sw))",
    "recall_top_k": "run(metrics.Recall(top_k=1), (onehot, ties))",
    "auc": "run(metrics.AUC(), (score_labels, scores))",
    "auc_weighted": "run(metrics.AUC(), (score_labels, scores, score_weights), "
    "(bin_true, bin_probs))",
    "auc_pr": "run(metrics.AUC(curve='PR'), (score_labels, scores))",
    "auc_majoring": "run(metrics.AUC(num_thresholds=11, summation_method='majoring'), "
    "(score_labels, scores))",
    "auc_minoring_pr": "run(metrics.AUC(num_thresholds=7, curve='PR', "
    "summation_method='minoring'), (score_labels, scores))",
    "auc_thresholds": "run(metrics.AUC(thresholds=[0.1, 0.35, 0.5, 0.8]), (score_labels, scores))",
    "auc_logits": "run(metrics.AUC(from_logits=True), (bin_true, bin_logits))",
    "auc_multi_label": "run(metrics.AUC(multi_label=True), (bin_true, bin_probs), "
    "(bin_true2, bin_probs2))",
    "auc_multi_label_weights": "run(metrics.AUC(multi_label=True, label_weights=[1, 2, 0.5], "
    "num_thresholds=5), (bin_true, bin_probs, sw))",
    "auc_multi_label_pr": "run(metrics.AUC(multi_label=True, curve='PR', thresholds=[0.25, "
    "0.4, 0.7]), (bin_true, bin_probs))",
    "mean_iou": "run(metrics.MeanIoU(num_classes=4), (labels, np.argmax(probs, -1)), "
    "(labels, np.argmax(ties, -1), sw))",
    "iou_targets": "run(metrics.IoU(num_classes=4, target_class_ids=[0, 2]), "
    "(labels, np.argmax(probs, -1)))",
    "iou_ignore_class": "run(metrics.MeanIoU(num_classes=4, ignore_class=0), "
    "(labels, np.argmax(probs, -1)))",
    "binary_iou": "run(metrics.BinaryIoU(threshold=0.4), (bin_true, bin_probs, np.repeat(sw, 3)))",
    "one_hot_mean_iou": "run(metrics.OneHotMeanIoU(num_classes=4), (onehot, probs))",
    "one_hot_iou": "run(metrics.OneHotIoU(num_classes=4, target_class_ids=[1]), (onehot, ties))",
    "f1_none": "run(metrics.F1Score(), (onehot, probs), (onehot, ties))",
    "f1_macro_threshold": "run(metrics.F1Score(average='macro', threshold=0.3), "
    "(onehot, probs, sw))",
    "f1_micro": "run(metrics.F1Score(average='micro'), (bin_true, bin_probs))",
    "fbeta_weighted": "run(metrics.FBetaScore(average='weighted', beta=2.0), (onehot, probs), "
    "(bin_true[:, :1].repeat(4, 1), probs, sw))",
    "r2_score": "run(metrics.R2Score(), (reg_true, reg_pred * 0.3 + reg_true), (reg_true, "
    "reg_pred, sw))",
    "r2_score_variance_weighted": "run(metrics.R2Score(class_aggregation="
    "'variance_weighted_average'), (reg_true, reg_pred + reg_true))",
    "r2_score_raw_adjusted": "run(metrics.R2Score(class_aggregation=None, num_regressors=2), "
    "(reg_true, reg_pred * 0.5 + reg_true))",
    "sensitivity_at_specificity": "run(metrics.SensitivityAtSpecificity(0.5), "
    "(score_labels, scores, score_weights))",
    "specificity_at_sensitivity": "run(metrics.SpecificityAtSensitivity(0.8, "
    "num_thresholds=20), (score_labels, scores))",
    "precision_at_recall": "run(metrics.PrecisionAtRecall(0.6), (score_labels, scores))",
    "recall_at_precision": "run(metrics.RecallAtPrecision(0.7, num_thresholds=1), "
    "(score_labels, scores))",
    "recall_at_precision_class_id": "run(metrics.RecallAtPrecision(0.4, class_id=2), "
    "(onehot, probs))",
    "auc_label_weights": "run(metrics.AUC(label_weights=[1, 2, 0.5]), (bin_true, bin_probs))",
}


def run(metric, *batches):
    """Update with `(y_true, y_pred[, sample_weight])` batches; the result."""
    for batch in batches:
        metric.update_state(*batch[:2], sample_weight=batch[2] if len(batch) > 2 else None)
    return metric.result()


def reduce(metric, *batches):
    """Update a Mean/Sum with `(values[, sample_weight])` batches; the result."""
    for batch in batches:
        metric.update_state(batch[0], sample_weight=batch[1] if len(batch) > 1 else None)
    return metric.result()


def main():
    import tensorflow as tf
    from tensorflow import keras

    namespace = {
        "metrics": keras.metrics,
        "np": np,
        "run": run,
        "reduce": reduce,
        "T": tf.constant,
        **inputs(),
    }
    results = {key: np.asarray(eval(expr, namespace)).tolist() for key, expr in CASES.items()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_values.py")
    with open(path, "w") as f:
        f.write('"""Recorded by record_reference.py from tf.keras 2.15; do not edit."""\n\n')
        f.write("METRIC_VALUES = ")
        f.write(pprint.pformat(results, width=100, sort_dicts=False))
        f.write("\n")


if __name__ == "__main__":
    main()
