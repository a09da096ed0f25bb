"""Metrics against tf.keras 2.15 (see record_reference.py), plus the Metric API."""

import warnings

import numpy as np
import pytest

from pynn import ops
from pynn.core.tensor import constant
from pynn.keras import backend as K
from pynn.keras import metrics
from tests.keras.metrics.record_reference import CASES, inputs, reduce, run
from tests.keras.metrics.reference_values import METRIC_VALUES


@pytest.mark.parametrize("key", list(CASES))
def test_metric_matches_tf_keras(key):
    namespace = {
        "metrics": metrics,
        "np": np,
        "run": run,
        "reduce": reduce,
        "T": constant,
        **inputs(),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = eval(CASES[key], namespace)
    np.testing.assert_allclose(np.asarray(result), METRIC_VALUES[key], rtol=1e-5, atol=1e-6)


def test_mean_doc_example():
    m = metrics.Mean()
    m.update_state([1, 3, 5, 7])
    assert float(m.result()) == 4.0
    m.reset_state()
    m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    assert float(m.result()) == 2.0


def test_call_updates_and_returns_the_result():
    m = metrics.BinaryAccuracy()
    assert float(m([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]])) == 0.75
    assert float(m([[1]], [[0.2]])) == pytest.approx(0.6)
    m.reset_states()
    assert float(m.result()) == 0.0


def test_call_result_remembers_its_metric():
    m = metrics.BinaryAccuracy(name="acc")
    result = m([[1.0]], [[0.9]])
    assert result._metric_obj is m


def test_names_dtype_variables_and_config():
    m = metrics.SparseCategoricalAccuracy()
    assert m.name == "sparse_categorical_accuracy"
    assert m.dtype == "float32"
    assert [v.name for v in m.variables] == ["total:0", "count:0"]
    assert m.get_config() == {"name": "sparse_categorical_accuracy", "dtype": "float32"}
    assert str(metrics.Mean(name="loss")) == "Mean(name=loss,dtype=float32)"
    clone = metrics.TopKCategoricalAccuracy.from_config(
        metrics.TopKCategoricalAccuracy(k=3).get_config()
    )
    assert clone._fn_kwargs == {"k": 3}


def test_unnamed_metrics_get_unique_snake_case_names():
    K.clear_session()
    assert metrics.Precision().name == "precision"
    assert metrics.Precision().name == "precision_1"
    assert metrics.AUC().name == "auc"
    assert metrics.TruePositives().name == "true_positives"
    K.clear_session()
    assert metrics.Precision().name == "precision"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("accuracy", metrics.accuracy),
        ("acc", metrics.accuracy),
        ("binary_accuracy", metrics.binary_accuracy),
        ("categorical_accuracy", metrics.categorical_accuracy),
        ("sparse_categorical_accuracy", metrics.sparse_categorical_accuracy),
        ("top_k_categorical_accuracy", metrics.top_k_categorical_accuracy),
        ("mse", metrics.mean_squared_error),
        ("mae", metrics.mean_absolute_error),
        ("categorical_crossentropy", metrics.categorical_crossentropy),
        ("logcosh", metrics.log_cosh),
    ],
)
def test_get_function_names(name, expected):
    assert metrics.get(name) is expected


def test_get_class_names_and_objects():
    auc = metrics.get("AUC")
    assert isinstance(auc, metrics.AUC)
    assert metrics.get(auc) is auc
    assert isinstance(
        metrics.get({"class_name": "Precision", "config": {"thresholds": 0.3}}), metrics.Precision
    )


def test_get_unknown_raises():
    with pytest.raises(ValueError, match=r"Unknown metric function: 'accuracyy'\. Please"):
        metrics.get("accuracyy")
    with pytest.raises(ValueError, match="Could not interpret metric identifier: 3"):
        metrics.get(3)


def test_custom_metric_function_with_keras_backend():
    def mean_pred(y_true, y_pred):
        return K.mean(y_pred)

    m = metrics.MeanMetricWrapper(mean_pred, name="mean_pred")
    m.update_state(np.zeros((2, 2)), np.array([[1.0, 2.0], [3.0, 6.0]]))
    m.update_state(np.zeros((2, 2)), np.array([[0.0, 0.0], [0.0, 0.0]]))
    assert float(m.result()) == pytest.approx(1.5)


def test_custom_metric_subclass_with_add_weight():
    class CountPositives(metrics.Metric):
        def __init__(self, name="count_positives", **kwargs):
            super().__init__(name=name, **kwargs)
            self.positives = self.add_weight(name="positives", initializer="zeros")

        def update_state(self, y_true, y_pred, sample_weight=None):
            self.positives.assign_add(ops.sum(ops.cast(ops.greater(y_pred, 0.5), "float32")))

        def result(self):
            return self.positives

    m = CountPositives()
    m.update_state(None, constant([0.2, 0.7, 0.9]))
    m.update_state(None, constant([0.6]))
    assert float(m.result()) == 3.0
    m.reset_state()
    assert float(m.result()) == 0.0
    assert m.variables[0].name == "positives:0"


def test_sparse_categorical_accuracy_doc_example():
    m = metrics.SparseCategoricalAccuracy()
    m.update_state([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]])
    assert float(m.result()) == 0.5
    m.reset_state()
    m.update_state([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]], sample_weight=[0.7, 0.3])
    assert float(m.result()) == pytest.approx(0.3)


def test_precision_recall_doc_examples():
    m = metrics.Precision()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    assert float(m.result()) == pytest.approx(2 / 3)
    m = metrics.Recall()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    assert float(m.result()) == 1.0
    m = metrics.Precision(thresholds=[0.0, 0.5, 0.9])
    m.update_state([0, 1], [0.6, 0.95])
    np.testing.assert_allclose(m.result().numpy(), [0.5, 0.5, 1.0])


def test_auc_defaults_and_errors():
    auc = metrics.AUC()
    assert auc.num_thresholds == 200
    assert len(auc.thresholds) == 200
    assert auc.thresholds[0] == pytest.approx(-1e-7)
    with pytest.raises(ValueError, match="Invalid AUC curve value"):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="`num_thresholds` must be an integer > 1"):
        metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match=r"Threshold values must be in \[0, 1\]"):
        metrics.Precision(thresholds=[1.5])


def test_merge_state_and_weights():
    a, b = metrics.Mean(), metrics.Mean()
    a.update_state([1.0, 2.0])
    b.update_state([3.0])
    a.merge_state([b])
    assert float(a.result()) == 2.0
    c = metrics.Mean()
    c.set_weights(a.get_weights())
    assert float(c.result()) == 2.0
