"""Record every loss from tf.keras 2.15 into `reference_values.py`.

Run with the reference install (CI never needs TensorFlow):
    ~/.cache/reftf/bin/python tests/keras/losses/record_reference.py

Each case is an expression evaluated on both sides with `losses` bound to
`keras.losses`, `T` to `tf.constant`, `M(x, mask)` to a tensor carrying a Keras
mask, and the arrays of `inputs()` bound by name.
"""

import os
import pprint

import numpy as np


def inputs():
    rng = np.random.default_rng(7)
    logits5 = rng.normal(size=(4, 5)).astype(np.float32) * 2
    probs5 = np.exp(logits5) / np.exp(logits5).sum(-1, keepdims=True)
    logits3 = rng.normal(size=(4, 3)).astype(np.float32) * 2
    return {
        "reg_true": rng.normal(size=(4, 3)).astype(np.float32),
        "reg_pred": rng.normal(size=(4, 3)).astype(np.float32),
        "pos_true": rng.uniform(0.1, 3, size=(4, 3)).astype(np.float32),
        "pos_pred": rng.uniform(0.1, 3, size=(4, 3)).astype(np.float32),
        "bin_true": rng.integers(0, 2, size=(4, 3)).astype(np.float32),
        "bin_logits": logits3,
        "bin_probs": (1 / (1 + np.exp(-logits3))).astype(np.float32),
        "bin_edge": np.array(
            [[0.0, 1.0, 0.5], [1.0, 0.0, 1e-9], [0.3, 0.7, 1.0], [0.0, 0.0, 0.2]], np.float32
        ),
        "sign_true": (rng.integers(0, 2, size=(4, 3)) * 2 - 1).astype(np.float32),
        "onehot": np.eye(5, dtype=np.float32)[[0, 3, 1, 4]],
        "labels": np.array([0, 3, 1, 4], np.int64),
        "labels_col": np.array([[0], [3], [1], [4]], np.int64),
        "labels_ignore": np.array([0, -1, 1, 4], np.int64),
        "cat_logits": logits5,
        "cat_probs": probs5.astype(np.float32),
        "cat_edge": np.array(
            [[1.0, 0, 0, 0, 0], [0, 0, 0, 0, 1.0], [0.2, 0.2, 0.2, 0.2, 0.2], [0, 0.5, 0.5, 0, 0]],
            np.float32,
        ),
        "dist_true": probs5[::-1].copy().astype(np.float32),
        "sw": np.array([1.0, 0.5, 2.0, 0.0], np.float32),
        "sw_col": np.array([[1.0], [0.5], [2.0], [0.0]], np.float32),
        "seq_true": rng.normal(size=(2, 3, 4)).astype(np.float32),
        "seq_pred": rng.normal(size=(2, 3, 4)).astype(np.float32),
        "col_true": rng.normal(size=(4,)).astype(np.float32),
        "col_pred": rng.normal(size=(4, 1)).astype(np.float32),
        "seq_labels": np.array([[1, 2, 0], [4, 4, 3]], np.int64),
        "seq_logits": rng.normal(size=(2, 3, 5)).astype(np.float32),
        "seq_mask": np.array([[True, True, False], [True, False, False]]),
    }


CASES = {
    "mse": "losses.mean_squared_error(reg_true, reg_pred)",
    "mse_alias": "losses.mse(seq_true, seq_pred)",
    "mae": "losses.mean_absolute_error(reg_true, reg_pred)",
    "mape": "losses.mean_absolute_percentage_error(reg_true, reg_pred)",
    "msle": "losses.mean_squared_logarithmic_error(pos_true, reg_pred)",
    "huber": "losses.huber(reg_true, reg_pred * 3)",
    "huber_delta": "losses.huber(reg_true, reg_pred * 3, delta=0.5)",
    "log_cosh": "losses.log_cosh(reg_true, reg_pred * 5)",
    "kld": "losses.kl_divergence(dist_true, cat_probs)",
    "poisson": "losses.poisson(pos_true, pos_pred)",
    "hinge_signed": "losses.hinge(sign_true, reg_pred)",
    "hinge_binary": "losses.hinge(bin_true, reg_pred)",
    "squared_hinge": "losses.squared_hinge(bin_true, reg_pred)",
    "categorical_hinge": "losses.categorical_hinge(onehot, cat_logits)",
    "cosine_similarity": "losses.cosine_similarity(reg_true, reg_pred)",
    "cosine_similarity_axis0": "losses.cosine_similarity(reg_true, reg_pred, axis=0)",
    "bce": "losses.binary_crossentropy(bin_true, bin_probs)",
    "bce_edge": "losses.binary_crossentropy(bin_true, bin_edge)",
    "bce_logits": "losses.binary_crossentropy(bin_true, bin_logits, from_logits=True)",
    "bce_smoothing": "losses.binary_crossentropy(bin_true, bin_probs, label_smoothing=0.2)",
    "bce_axis0": "losses.binary_crossentropy(bin_true, bin_probs, axis=0)",
    "cce": "losses.categorical_crossentropy(onehot, cat_probs)",
    "cce_edge": "losses.categorical_crossentropy(onehot, cat_edge)",
    "cce_logits": "losses.categorical_crossentropy(onehot, cat_logits, from_logits=True)",
    "cce_smoothing": "losses.categorical_crossentropy(onehot, cat_probs, label_smoothing=0.1)",
    "cce_logits_smoothing": "losses.categorical_crossentropy(onehot, cat_logits, "
    "from_logits=True, label_smoothing=0.1)",
    "scce": "losses.sparse_categorical_crossentropy(labels, cat_probs)",
    "scce_edge": "losses.sparse_categorical_crossentropy(labels, cat_edge)",
    "scce_col": "losses.sparse_categorical_crossentropy(labels_col, cat_probs)",
    "scce_logits": "losses.sparse_categorical_crossentropy(labels, cat_logits, from_logits=True)",
    "scce_seq": "losses.sparse_categorical_crossentropy(seq_labels, seq_logits, from_logits=True)",
    "binary_focal": "losses.binary_focal_crossentropy(bin_true, bin_probs)",
    "binary_focal_logits_balanced": "losses.binary_focal_crossentropy(bin_true, bin_logits, "
    "apply_class_balancing=True, alpha=0.4, gamma=1.5, "
    "from_logits=True, label_smoothing=0.1)",
    "categorical_focal": "losses.categorical_focal_crossentropy(onehot, cat_probs)",
    "categorical_focal_logits": "losses.categorical_focal_crossentropy(onehot, cat_logits, "
    "alpha=0.5, gamma=3.0, from_logits=True, label_smoothing=0.1)",
    "class_binary_focal": "losses.BinaryFocalCrossentropy(gamma=1.0)(bin_true, bin_probs, "
    "sample_weight=sw)",
    "class_categorical_focal": "losses.CategoricalFocalCrossentropy()(onehot, cat_probs)",
    "class_mse": "losses.MeanSquaredError()(reg_true, reg_pred)",
    "class_mse_sum": "losses.MeanSquaredError(reduction='sum')(reg_true, reg_pred)",
    "class_mse_none": "losses.MeanSquaredError(reduction='none')(reg_true, reg_pred)",
    "class_mse_sw": "losses.MeanSquaredError()(reg_true, reg_pred, sample_weight=sw)",
    "class_mse_sw_col": "losses.MeanSquaredError()(reg_true, reg_pred, sample_weight=sw_col)",
    "class_mse_sw_scalar": "losses.MeanSquaredError()(reg_true, reg_pred, sample_weight=0.25)",
    "class_mse_sum_sw": "losses.MeanSquaredError(reduction='sum')(reg_true, reg_pred, "
    "sample_weight=sw)",
    "class_mse_seq_sw": "losses.MeanSquaredError()(seq_true, seq_pred, sample_weight=sw[:2])",
    "class_mse_squeezes_tensors": "losses.MeanSquaredError()(T(col_true), T(col_pred))",
    "class_mse_broadcasts_arrays": "losses.MeanSquaredError()(col_true, col_pred)",
    "class_mse_masked": "losses.MeanSquaredError()(seq_true, M(seq_pred, seq_mask))",
    "class_mse_masked_sw": "losses.MeanSquaredError()(seq_true, M(seq_pred, seq_mask), "
    "sample_weight=sw[:2])",
    "class_mse_masked_sum": "losses.MeanSquaredError(reduction='sum')(seq_true, "
    "M(seq_pred, seq_mask))",
    "class_scce_masked": "losses.SparseCategoricalCrossentropy(from_logits=True)(seq_labels, "
    "M(seq_logits, seq_mask))",
    "class_mae": "losses.MeanAbsoluteError()(reg_true, reg_pred)",
    "class_mape": "losses.MeanAbsolutePercentageError()(reg_true, reg_pred)",
    "class_msle": "losses.MeanSquaredLogarithmicError()(pos_true, pos_pred)",
    "class_bce": "losses.BinaryCrossentropy()(bin_true, bin_probs)",
    "class_bce_logits": "losses.BinaryCrossentropy(from_logits=True)(bin_true, bin_logits, "
    "sample_weight=sw)",
    "class_cce": "losses.CategoricalCrossentropy()(onehot, cat_probs)",
    "class_cce_logits": "losses.CategoricalCrossentropy(from_logits=True, "
    "label_smoothing=0.2)(onehot, cat_logits)",
    "class_scce": "losses.SparseCategoricalCrossentropy()(labels, cat_probs)",
    "class_scce_logits": "losses.SparseCategoricalCrossentropy(from_logits=True)"
    "(labels, cat_logits, sample_weight=sw)",
    "class_scce_ignore": "losses.SparseCategoricalCrossentropy(from_logits=True, "
    "ignore_class=-1)(labels_ignore, cat_logits)",
    "class_scce_ignore_none": "losses.SparseCategoricalCrossentropy(from_logits=True, "
    "ignore_class=-1, reduction='none')(labels_ignore, cat_logits)",
    "class_cosine": "losses.CosineSimilarity()(reg_true, reg_pred)",
    "class_hinge": "losses.Hinge()(sign_true, reg_pred)",
    "class_squared_hinge": "losses.SquaredHinge()(sign_true, reg_pred)",
    "class_categorical_hinge": "losses.CategoricalHinge()(onehot, cat_logits)",
    "class_poisson": "losses.Poisson()(pos_true, pos_pred)",
    "class_log_cosh": "losses.LogCosh()(reg_true, reg_pred)",
    "class_kld": "losses.KLDivergence()(dist_true, cat_probs)",
    "class_huber": "losses.Huber(delta=0.5)(reg_true, reg_pred)",
}


def main():
    import tensorflow as tf
    from tensorflow import keras

    def masked(x, mask):
        tensor = tf.constant(x)
        tensor._keras_mask = tf.constant(mask)
        return tensor

    namespace = {"losses": keras.losses, "np": np, "T": tf.constant, "M": masked, **inputs()}
    results = {key: np.asarray(eval(expr, namespace)).tolist() for key, expr in CASES.items()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_values.py")
    with open(path, "w") as f:
        f.write('"""Recorded by record_reference.py from tf.keras 2.15; do not edit."""\n\n')
        f.write("LOSS_VALUES = ")
        f.write(pprint.pformat(results, width=100, sort_dicts=False))
        f.write("\n")


if __name__ == "__main__":
    main()
