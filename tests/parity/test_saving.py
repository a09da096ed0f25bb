"""Models saved by tf.keras 2.15 load in pynn with the same predictions (issue 3 item 4).

For each recorded model: `keras.models.load_model('NAME.keras')`, `model_from_json(to_json())` +
`load_weights('NAME.weights.h5')`, and the same building code + `load_weights`, each predicting
the recorded inputs like tf.keras did (within 1e-5).
"""

import os

import numpy as np
import pytest
from parity_utils import FIXTURES, assert_close, load_json, pynn_namespace, require

FIXTURE = load_json("saving.json")
SCENARIOS = FIXTURE["scenarios"]
ATOL = RTOL = 1e-5


def _inputs(s):
    xs = [np.array(v, dtype=d) for v, d in zip(s["inputs_values"], s["input_dtypes"])]
    return xs[0] if len(xs) == 1 else xs


def _predict(model, s):
    return np.asarray(model.predict(_inputs(s), verbose=0))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_load_model_from_tf_keras_file(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    load_model = require(ns, "keras.models.load_model", "issue 3 item 4: saving")
    model = load_model(os.path.join(FIXTURES, s["keras_file"]))
    assert type(model).__name__ == s["model_class"]
    assert model.name == s["model_name"]
    assert [layer.name for layer in model.layers] == s["layer_names"]
    assert [list(np.shape(w)) for w in model.get_weights()] == s["weight_shapes"]
    assert_close(_predict(model, s), s["predictions"], f"{name}: load_model(...).predict",
                 ATOL, RTOL)
    if s["optimizer"]:
        assert type(model.optimizer).__name__ == s["optimizer"]
        assert int(np.asarray(model.optimizer.iterations)) == s["optimizer_iterations"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_model_from_json_then_load_weights_h5(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    model_from_json = require(ns, "keras.models.model_from_json", "issue 3 item 4: to_json")
    model = model_from_json(s["json"])
    assert [layer.name for layer in model.layers] == s["layer_names"]
    model.load_weights(os.path.join(FIXTURES, s["weights_file"]))
    assert_close(_predict(model, s), s["predictions"], f"{name}: model_from_json + load_weights",
                 ATOL, RTOL)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_same_code_then_load_weights_h5(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    exec(s["code"], ns)  # noqa: S102 - the recorded building code
    model = ns["model"]
    assert [w.name for w in model.weights] == s["weight_names"]
    model.load_weights(os.path.join(FIXTURES, s["weights_file"]))
    assert_close(_predict(model, s), s["predictions"], f"{name}: load_weights", ATOL, RTOL)
