"""`keras.metrics`: stateful metric classes, metric functions, `get`/`serialize`/`deserialize`."""

import warnings

from pynn.keras.losses import (
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    hinge,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from pynn.keras.metrics.accuracy_metrics import (
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    accuracy,
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from pynn.keras.metrics.base_metric import (
    Mean,
    MeanMetricWrapper,
    MeanTensor,
    Metric,
    Reduce,
    Sum,
)
from pynn.keras.metrics.confusion_metrics import (
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    PrecisionAtRecall,
    Recall,
    RecallAtPrecision,
    SensitivityAtSpecificity,
    SpecificityAtSensitivity,
    TrueNegatives,
    TruePositives,
)
from pynn.keras.metrics.f_score_metrics import F1Score, FBetaScore
from pynn.keras.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from pynn.keras.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from pynn.keras.metrics.probabilistic_metrics import (
    BinaryCrossentropy,
    CategoricalCrossentropy,
    KLDivergence,
    Poisson,
    SparseCategoricalCrossentropy,
)
from pynn.keras.metrics.regression_metrics import (
    CosineSimilarity,
    LogCoshError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanRelativeError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    R2Score,
    RootMeanSquaredError,
    cosine_similarity,
)
from pynn.keras.utils import generic_utils

acc = ACC = accuracy
bce = BCE = binary_crossentropy
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
cosine_proximity = cosine_similarity

_FUNCTIONS = {
    fn.__name__: fn
    for fn in (
        accuracy,
        binary_accuracy,
        categorical_accuracy,
        sparse_categorical_accuracy,
        top_k_categorical_accuracy,
        sparse_top_k_categorical_accuracy,
        binary_crossentropy,
        categorical_crossentropy,
        sparse_categorical_crossentropy,
        binary_focal_crossentropy,
        categorical_focal_crossentropy,
        mean_squared_error,
        mean_absolute_error,
        mean_absolute_percentage_error,
        mean_squared_logarithmic_error,
        kl_divergence,
        poisson,
        hinge,
        squared_hinge,
        categorical_hinge,
        log_cosh,
        cosine_similarity,
    )
}
_FUNCTIONS.update(
    {
        "acc": accuracy,
        "ACC": accuracy,
        "bce": binary_crossentropy,
        "BCE": binary_crossentropy,
        "mse": mean_squared_error,
        "MSE": mean_squared_error,
        "mae": mean_absolute_error,
        "MAE": mean_absolute_error,
        "mape": mean_absolute_percentage_error,
        "MAPE": mean_absolute_percentage_error,
        "msle": mean_squared_logarithmic_error,
        "MSLE": mean_squared_logarithmic_error,
        "kld": kl_divergence,
        "KLD": kl_divergence,
        "kullback_leibler_divergence": kl_divergence,
        "logcosh": log_cosh,
        "cosine_proximity": cosine_similarity,
    }
)
_CLASSES = {
    cls.__name__: cls
    for cls in (
        Metric,
        Reduce,
        Sum,
        Mean,
        MeanMetricWrapper,
        Accuracy,
        BinaryAccuracy,
        CategoricalAccuracy,
        SparseCategoricalAccuracy,
        TopKCategoricalAccuracy,
        SparseTopKCategoricalAccuracy,
        MeanSquaredError,
        MeanAbsoluteError,
        MeanAbsolutePercentageError,
        MeanSquaredLogarithmicError,
        RootMeanSquaredError,
        CosineSimilarity,
        LogCoshError,
        BinaryCrossentropy,
        CategoricalCrossentropy,
        SparseCategoricalCrossentropy,
        KLDivergence,
        Poisson,
        Hinge,
        SquaredHinge,
        CategoricalHinge,
        AUC,
        Precision,
        Recall,
        TruePositives,
        FalsePositives,
        TrueNegatives,
        FalseNegatives,
        IoU,
        MeanIoU,
        BinaryIoU,
        OneHotIoU,
        OneHotMeanIoU,
        FBetaScore,
        F1Score,
        R2Score,
        SensitivityAtSpecificity,
        SpecificityAtSensitivity,
        PrecisionAtRecall,
        RecallAtPrecision,
        MeanRelativeError,
        MeanTensor,
    )
}


def serialize(metric, use_legacy_format=False):
    """`{'module': 'keras.metrics', 'class_name': ..., 'config': ...}` of a metric."""
    if metric is None:
        return None
    if not isinstance(metric, Metric):
        warnings.warn(
            "The `keras.metrics.serialize()` API should only be used for objects of type "
            f"`keras.metrics.Metric`. Found an instance of type {type(metric)}, which may "
            "lead to improper serialization.",
            stacklevel=2,
        )
        return {
            "module": "builtins",
            "class_name": "function",
            "config": metric.__name__,
            "registered_name": "function",
        }
    config = {"class_name": type(metric).__name__, "config": metric.get_config()}
    if use_legacy_format:
        return config
    return {"module": "keras.metrics", **config, "registered_name": None}


def deserialize(config, custom_objects=None, use_legacy_format=False):
    """The metric (function or instance) named by a string or described by a config."""
    if isinstance(config, dict) and config.get("class_name") == "function":
        config = config["config"]
    return generic_utils.deserialize_keras_object(
        config, {**_FUNCTIONS, **_CLASSES}, "metric function", custom_objects
    )


def get(identifier):
    """A metric from a name (`'accuracy'`, `'AUC'`), a config dict or a callable."""
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret metric identifier: {identifier}")
