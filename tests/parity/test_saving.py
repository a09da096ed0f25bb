"""Models saved by tf.keras 2.15 load in pynn with the same predictions.

For each recorded model: `keras.models.load_model('NAME.keras')`, `model_from_json(to_json())` +
`load_weights('NAME.weights.h5')`, and the same building code + `load_weights`, each predicting
the recorded inputs like tf.keras did (within 1e-5).
"""

import io
import json
import os
import zipfile

import numpy as np
import pytest
from parity_utils import (
    FIXTURES,
    assert_close,
    json_differences,
    load_json,
    pynn_namespace,
    require,
)

# tf.keras's files are HDF5 inside (.keras, .weights.h5): every test here reads them.
pytestmark = pytest.mark.usefixtures("h5py")

FIXTURE = load_json("saving.json")
SCENARIOS = FIXTURE["scenarios"]
ATOL = RTOL = 1e-5


def _inputs(s):
    xs = [np.array(v, dtype=d) for v, d in zip(s["inputs_values"], s["input_dtypes"], strict=True)]
    return xs[0] if len(xs) == 1 else xs


def _predict(model, s):
    return np.asarray(model.predict(_inputs(s), verbose=0))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_load_model_from_tf_keras_file(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    load_model = require(ns, "keras.models.load_model", "saving: load_model")
    model = load_model(os.path.join(FIXTURES, s["keras_file"]))
    assert type(model).__name__ == s["model_class"]
    assert model.name == s["model_name"]
    assert [layer.name for layer in model.layers] == s["layer_names"]
    assert [list(np.shape(w)) for w in model.get_weights()] == s["weight_shapes"]
    assert_close(
        _predict(model, s), s["predictions"], f"{name}: load_model(...).predict", ATOL, RTOL
    )
    if s["optimizer"]:
        assert type(model.optimizer).__name__ == s["optimizer"]
        assert int(np.asarray(model.optimizer.iterations)) == s["optimizer_iterations"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_model_from_json_then_load_weights_h5(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    model_from_json = require(ns, "keras.models.model_from_json", "saving: model_from_json")
    model = model_from_json(s["json"])
    assert [layer.name for layer in model.layers] == s["layer_names"]
    model.load_weights(os.path.join(FIXTURES, s["weights_file"]))
    assert_close(
        _predict(model, s), s["predictions"], f"{name}: model_from_json + load_weights", ATOL, RTOL
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_same_code_then_load_weights_h5(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    exec(s["code"], ns)  # noqa: S102 - the recorded building code
    model = ns["model"]
    assert [w.name for w in model.weights] == s["weight_names"]
    model.load_weights(os.path.join(FIXTURES, s["weights_file"]))
    assert_close(_predict(model, s), s["predictions"], f"{name}: load_weights", ATOL, RTOL)


ROUNDTRIP = load_json("roundtrip.json")["scenarios"]


def _without_object_ids(value):
    """tf.keras tags initializers with `shared_object_id` = id() of the Python object: noise."""
    if isinstance(value, dict):
        return {k: _without_object_ids(v) for k, v in value.items() if k != "shared_object_id"}
    if isinstance(value, list):
        return [_without_object_ids(v) for v in value]
    return value


def _zip_json(path, member):
    with zipfile.ZipFile(path) as z:
        return _without_object_ids(json.loads(z.read(member)))


def _h5_layout(path):
    import h5py  # noqa: PLC0415 - present: every test here requires it (pytestmark)

    out = {}
    with zipfile.ZipFile(path) as z, h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
        f.visititems(
            lambda key, obj: (
                out.__setitem__(key, list(obj.shape)) if isinstance(obj, h5py.Dataset) else None
            )
        )
    return out


@pytest.mark.parametrize("name", list(ROUNDTRIP))
def test_roundtrip_pynn_to_tf_keras_and_back(name):
    """pynn saved NAME.pynn.keras; tf.keras 2.15 loaded it (recorded predictions) and saved
    NAME.tf_resaved.keras; pynn loads that file back and predicts what it predicted at first."""
    r = ROUNDTRIP[name]
    assert r["error"] is None, (
        f"when recorded, the round trip broke at {r['error']['stage']}: "
        f"{r['error']['type']}: {r['error']['message']}"
    )
    assert r["max_abs_diff"] < 1e-5, "tf.keras predicted differently from pynn on pynn's file"
    ns = pynn_namespace()
    model = require(ns, "keras.models.load_model", "saving: load_model")(
        os.path.join(FIXTURES, r["tf_resaved_file"])
    )
    assert_close(
        _predict(model, r), r["predictions_pynn"], f"{name}: after the round trip", ATOL, RTOL
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_pynn_keras_file_has_tf_keras_layout(name, tmp_path):
    """What pynn writes today is what tf.keras writes: same config.json, same weight datasets."""
    s = SCENARIOS[name]
    ns = pynn_namespace()
    exec(s["code"], ns)  # noqa: S102 - the recorded building code
    model = ns["model"]
    model(_inputs(s))
    if s["compile_fit"]:  # as recorded: one training step creates the metric state
        x = _inputs(s)
        n = len(x[0] if isinstance(x, list) else x)
        model.fit(
            x, np.zeros((n,) + tuple(model.output_shape[1:]), "float32"), batch_size=n, verbose=0
        )
    path = tmp_path / f"{name}.keras"
    model.save(str(path))
    tf_file = os.path.join(FIXTURES, s["keras_file"])
    diffs = json_differences(_zip_json(path, "config.json"), _zip_json(tf_file, "config.json"))
    assert not diffs, "config.json differs (pynn vs tf.keras):\n" + "\n".join(diffs)
    assert _zip_json(path, "metadata.json").keys() == _zip_json(tf_file, "metadata.json").keys()
    ours = {k: v for k, v in _h5_layout(path).items() if not k.startswith("optimizer")}
    theirs = {k: v for k, v in _h5_layout(tf_file).items() if not k.startswith("optimizer")}
    assert ours == theirs
