"""Loss and metric scenarios on fixed inputs.

Inputs come in kinds (DATA_KINDS); each kind is a pair (y_true, y_pred) of 8 samples, generated
once by the recorder with a seeded numpy generator and stored in the fixture. `sample_weight` is a
fixed (8,) vector.

Losses: `code` is an expression of `y_true`, `y_pred`, `sample_weight`, `keras`, evaluated once.
Metrics: mode "state" – `code` builds a metric object, `update_state` runs on samples 0-3 then on
4-7 (with sample_weight when `weighted`), `result()` is recorded after each update and after
`reset_state()`; mode "values" – like "state" but `update_state(values[, sample_weight])` gets
y_true only (Mean, Sum); mode "fn" – `code` is an expression like a loss.
"""

DATA_KINDS = {
    "reg": "y_true normal (8, 3); y_pred normal (8, 3)",
    "pos": "y_true, y_pred uniform in [0.1, 2) (8, 3)",
    "prob": "y_true, y_pred rows of softmax probabilities (8, 3)",
    "bin": "y_true in {0, 1} (8, 3); y_pred uniform in [0.02, 0.98)",
    "bin_logits": "y_true in {0, 1} (8, 3); y_pred logits normal * 2",
    "bin1": "y_true in {0, 1} (8, 1); y_pred uniform in [0.02, 0.98) (8, 1)",
    "pm1": "y_true in {-1, 1} (8, 3); y_pred normal",
    "cat": "y_true one-hot (8, 5); y_pred softmax rows (8, 5)",
    "cat_logits": "y_true one-hot (8, 5); y_pred logits normal * 2 (8, 5)",
    "sparse": "y_true int in [0, 5) (8,); y_pred softmax rows (8, 5)",
    "sparse_col": "y_true int in [0, 5) (8, 1); y_pred softmax rows (8, 5)",
    "sparse_logits": "y_true int in [0, 5) (8,); y_pred logits (8, 5)",
    "int_eq": "y_true int in [0, 3) (8, 1); y_pred int in [0, 3) (8, 1) (as float32)",
    "large": "y_true normal * 1000 (8, 3); y_pred normal * 1000 (8, 3)",
}

LOSSES = {}
METRICS = {}


def loss(name, code, data):
    assert name not in LOSSES, name
    LOSSES[name] = {"code": code, "data": data}


def metric(name, code, data, mode="state", weighted=False):
    assert name not in METRICS, name
    METRICS[name] = {"code": code, "data": data, "mode": mode, "weighted": weighted}


L = "keras.losses."
# ---------------------------------------------------------------- loss functions (per sample)
for fn, data in [
    ("mean_squared_error", "reg"),
    ("mse", "reg"),
    ("MSE", "reg"),
    ("mean_absolute_error", "reg"),
    ("mae", "reg"),
    ("MAE", "reg"),
    ("mean_absolute_percentage_error", "reg"),
    ("mape", "reg"),
    ("mean_squared_logarithmic_error", "pos"),
    ("msle", "pos"),
    ("huber", "reg"),
    ("log_cosh", "reg"),
    ("logcosh", "reg"),
    ("kl_divergence", "prob"),
    ("kullback_leibler_divergence", "prob"),
    ("kld", "prob"),
    ("KLD", "prob"),
    ("poisson", "pos"),
    ("hinge", "bin"),
    ("hinge", "pm1"),
    ("squared_hinge", "bin"),
    ("squared_hinge", "pm1"),
    ("categorical_hinge", "cat"),
    ("cosine_similarity", "reg"),
    ("binary_crossentropy", "bin"),
    ("binary_crossentropy", "bin1"),
    ("categorical_crossentropy", "cat"),
    ("sparse_categorical_crossentropy", "sparse"),
    ("sparse_categorical_crossentropy", "sparse_col"),
    ("mean_squared_error", "large"),
    ("mean_absolute_percentage_error", "large"),
]:
    loss(f"fn_{fn}_{data}", f"{L}{fn}(y_true, y_pred)", data)
loss("fn_huber_delta", f"{L}huber(y_true, y_pred, delta=0.3)", "reg")
loss("fn_cosine_similarity_axis0", f"{L}cosine_similarity(y_true, y_pred, axis=0)", "reg")
loss(
    "fn_binary_crossentropy_logits",
    f"{L}binary_crossentropy(y_true, y_pred, from_logits=True)",
    "bin_logits",
)
loss(
    "fn_binary_crossentropy_smoothing",
    f"{L}binary_crossentropy(y_true, y_pred, label_smoothing=0.2)",
    "bin",
)
loss(
    "fn_categorical_crossentropy_logits",
    f"{L}categorical_crossentropy(y_true, y_pred, from_logits=True)",
    "cat_logits",
)
loss(
    "fn_categorical_crossentropy_smoothing",
    f"{L}categorical_crossentropy(y_true, y_pred, label_smoothing=0.1)",
    "cat",
)
loss(
    "fn_sparse_categorical_crossentropy_logits",
    f"{L}sparse_categorical_crossentropy(y_true, y_pred, from_logits=True)",
    "sparse_logits",
)
loss("get_mse_string", f"{L}get('mse')(y_true, y_pred)", "reg")
loss(
    "get_categorical_crossentropy_string",
    f"{L}get('categorical_crossentropy')(y_true, y_pred)",
    "cat",
)

# ---------------------------------------------------------------- loss classes, each reduction
CLASSES = [
    ("MeanSquaredError()", "reg"),
    ("MeanAbsoluteError()", "reg"),
    ("MeanAbsolutePercentageError()", "reg"),
    ("MeanSquaredLogarithmicError()", "pos"),
    ("Huber()", "reg"),
    ("Huber(delta=0.5)", "reg"),
    ("LogCosh()", "reg"),
    ("KLDivergence()", "prob"),
    ("Poisson()", "pos"),
    ("Hinge()", "bin"),
    ("SquaredHinge()", "pm1"),
    ("CategoricalHinge()", "cat"),
    ("CosineSimilarity()", "reg"),
    ("CosineSimilarity(axis=0)", "reg"),
    ("BinaryCrossentropy()", "bin"),
    ("BinaryCrossentropy(from_logits=True)", "bin_logits"),
    ("BinaryCrossentropy(label_smoothing=0.1)", "bin1"),
    ("CategoricalCrossentropy()", "cat"),
    ("CategoricalCrossentropy(from_logits=True)", "cat_logits"),
    ("CategoricalCrossentropy(label_smoothing=0.2)", "cat"),
    ("SparseCategoricalCrossentropy()", "sparse"),
    ("SparseCategoricalCrossentropy(from_logits=True)", "sparse_logits"),
    ("MeanSquaredError()", "large"),
]


def _cls_name(spec):
    head, args = spec.split("(", 1)
    args = args.rstrip(")").replace("=", "").replace(".", "").replace(",", "").replace(" ", "_")
    return head + ("_" + args if args else "")


for spec, data in CLASSES:
    base = f"cls_{_cls_name(spec)}_{data}"
    loss(base, f"{L}{spec}(y_true, y_pred)", data)
    weighted = "axis=0" not in spec  # per-sample weights do not fit a loss reduced over the batch
    if weighted:
        loss(base + "_weighted", f"{L}{spec}(y_true, y_pred, sample_weight=sample_weight)", data)
    for red in ["sum", "none", "sum_over_batch_size"]:
        ctor = spec[:-1] + (", " if not spec.endswith("()") else "") + f"reduction='{red}')"
        loss(f"{base}_{red}", f"{L}{ctor}(y_true, y_pred)", data)
    ctor = spec[:-1] + (", " if not spec.endswith("()") else "") + "reduction='none')"
    if weighted:
        loss(
            f"{base}_none_weighted", f"{L}{ctor}(y_true, y_pred, sample_weight=sample_weight)", data
        )
loss(
    "cls_mse_sum_weighted",
    f"{L}MeanSquaredError(reduction='sum')(y_true, y_pred, sample_weight=sample_weight)",
    "reg",
)

# ---------------------------------------------------------------- stateful metrics
M = "keras.metrics."
for spec, data in [
    ("Accuracy()", "int_eq"),
    ("BinaryAccuracy()", "bin"),
    ("BinaryAccuracy(threshold=0.7)", "bin"),
    ("CategoricalAccuracy()", "cat"),
    ("SparseCategoricalAccuracy()", "sparse"),
    ("SparseCategoricalAccuracy()", "sparse_col"),
    ("TopKCategoricalAccuracy(k=2)", "cat"),
    ("SparseTopKCategoricalAccuracy(k=2)", "sparse"),
    ("MeanSquaredError()", "reg"),
    ("MeanAbsoluteError()", "reg"),
    ("MeanAbsolutePercentageError()", "reg"),
    ("MeanSquaredLogarithmicError()", "pos"),
    ("RootMeanSquaredError()", "reg"),
    ("LogCoshError()", "reg"),
    ("CosineSimilarity()", "reg"),
    ("BinaryCrossentropy()", "bin"),
    ("BinaryCrossentropy(from_logits=True)", "bin_logits"),
    ("CategoricalCrossentropy()", "cat"),
    ("CategoricalCrossentropy(from_logits=True)", "cat_logits"),
    ("SparseCategoricalCrossentropy()", "sparse"),
    ("SparseCategoricalCrossentropy(from_logits=True)", "sparse_logits"),
    ("KLDivergence()", "prob"),
    ("Poisson()", "pos"),
    ("Hinge()", "bin"),
    ("SquaredHinge()", "pm1"),
    ("CategoricalHinge()", "cat"),
    ("AUC()", "bin1"),
    ("AUC(curve='PR')", "bin1"),
    ("AUC(num_thresholds=50)", "bin"),
    ("Precision()", "bin"),
    ("Recall()", "bin"),
    ("Precision(thresholds=0.3)", "bin1"),
    ("Recall(top_k=1)", "cat"),
    ("TruePositives()", "bin"),
    ("FalsePositives()", "bin"),
    ("TrueNegatives()", "bin"),
    ("FalseNegatives()", "bin"),
    ("MeanIoU(num_classes=3)", "int_eq"),
    ("MeanSquaredError()", "large"),
]:
    name = f"{_cls_name(spec)}_{data}"
    metric(name, f"{M}{spec}", data)
for spec, data in [
    ("BinaryAccuracy()", "bin1"),
    ("CategoricalAccuracy()", "cat"),
    ("SparseCategoricalAccuracy()", "sparse"),
    ("MeanSquaredError()", "reg"),
    ("MeanAbsoluteError()", "reg"),
    ("AUC()", "bin1"),
    ("Precision()", "bin1"),
    ("CategoricalCrossentropy()", "cat"),
]:
    metric(f"{_cls_name(spec)}_{data}_weighted", f"{M}{spec}", data, weighted=True)
metric("Mean", f"{M}Mean()", "reg", mode="values")
metric("Mean_weighted", f"{M}Mean(name='avg')", "bin1", mode="values", weighted=True)
metric("Sum", f"{M}Sum()", "reg", mode="values")
metric(
    "MeanMetricWrapper_mae",
    f"{M}MeanMetricWrapper(keras.losses.mean_absolute_error, name='my_mae')",
    "reg",
)

# ---------------------------------------------------------------- metric functions
for fn, data in [
    ("binary_accuracy", "bin"),
    ("categorical_accuracy", "cat"),
    ("sparse_categorical_accuracy", "sparse"),
    ("sparse_categorical_accuracy", "sparse_col"),
    ("top_k_categorical_accuracy", "cat"),
    ("sparse_top_k_categorical_accuracy", "sparse"),
    ("mse", "reg"),
    ("mae", "reg"),
    ("mape", "reg"),
    ("msle", "pos"),
    ("binary_crossentropy", "bin"),
    ("categorical_crossentropy", "cat"),
    ("sparse_categorical_crossentropy", "sparse"),
    ("poisson", "pos"),
    ("kl_divergence", "prob"),
    ("hinge", "pm1"),
    ("squared_hinge", "pm1"),
    ("log_cosh", "reg"),
    ("logcosh", "reg"),
]:
    metric(f"fn_{fn}_{data}", f"{M}{fn}(y_true, y_pred)", data, mode="fn")
metric(
    "fn_top_k_categorical_accuracy_k1",
    f"{M}top_k_categorical_accuracy(y_true, y_pred, k=1)",
    "cat",
    mode="fn",
)
metric(
    "fn_binary_accuracy_threshold",
    f"{M}binary_accuracy(y_true, y_pred, threshold=0.3)",
    "bin",
    mode="fn",
)
