"""Loading shared files never runs code from them unless the user opts out of safe mode.

Each attack of a hostile model or weights file is reproduced here and shown failing: no marker
file written, `sys.exit` never called, no `__reduce__` run, the model left as it was. The
errors are tf.keras 2.15's, recorded by tests/reference/record_safe_loading.py into
tests/fixtures/safe_loading.json (which also holds the proof that tf.keras reads pynn's npz).
"""

import base64
import io
import json
import marshal
import os
import pickle
import tempfile
import zipfile

import numpy as np
import pytest

import pynn.tf as ptf
from pynn import keras
from pynn.keras import layers
from pynn.keras.saving import stores
from pynn.keras.saving.npz_reader import WeightsFileError, read_pickled_array_dict
from pynn.keras.saving.saving_lib import serialize_model
from pynn.keras.utils import generic_utils
from pynn.keras.utils.generic_utils import SafeModeScope
from tests.dependencies import require_h5py

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures")
with open(os.path.join(FIXTURES, "safe_loading.json")) as f:
    RECORDED = json.load(f)


@pytest.mark.parametrize("name", sorted(RECORDED["cases"]))
def test_same_outcome_as_tf_keras(name):
    case = RECORDED["cases"][name]
    if ".h5" in case["code"]:
        require_h5py()
    ns = {"tf": ptf, "keras": keras, "layers": layers, "np": np, "tmp": tempfile.mkdtemp()}
    exec(RECORDED["prelude"], ns)  # noqa: S102 - the recorded scenario
    try:
        exec(case["code"], ns)  # noqa: S102
        outcome = "loaded"
    except Exception as e:  # noqa: BLE001 - compared with what tf.keras raised
        outcome = {"type": type(e).__name__, "message": str(e)}
    assert outcome == case["outcome"]


# ------------------------------------------------------------------ code in the config
def marker_model(marker):
    return keras.Sequential(
        [keras.Input((2,)), layers.Lambda(lambda x: (open(marker, "w").close(), x)[1])]
    )


def test_a_lambda_in_a_keras_file_does_not_run_unless_safe_mode_is_off(tmp_path):
    marker = str(tmp_path / "pwned")
    marker_model(marker).save(tmp_path / "m.keras")
    os.remove(marker)  # building the model ran the function once, on the author's side
    for kwargs in ({}, {"safe_mode": True}):
        with pytest.raises(ValueError, match="Requested the deserialization of a Lambda"):
            keras.models.load_model(tmp_path / "m.keras", **kwargs)
        assert not os.path.exists(marker)
    with pytest.raises(ValueError, match="Requested the deserialization of a Lambda"):
        keras.models.model_from_json(marker_model(marker).to_json())
    os.remove(marker)
    keras.models.load_model(tmp_path / "m.keras", safe_mode=False)  # opted out: it runs
    assert os.path.exists(marker)


def test_a_safe_mode_scope_decides_for_the_calls_inside():
    config = layers.Lambda(lambda x: x + 1).get_config()
    with pytest.raises(ValueError, match="Lambda"):
        layers.Lambda.from_config(config)
    with SafeModeScope(False):
        assert layers.Lambda.from_config(config)(np.zeros((1, 1)))[0, 0] == 1
    model = keras.Sequential([keras.Input((2,)), layers.Lambda(lambda x: x * 3)])
    clone = keras.models.clone_model(model)  # the program's own functions: no safe mode needed
    np.testing.assert_allclose(clone(np.ones((1, 2))), 3.0)


@pytest.mark.parametrize(
    "module, function", [("os", "remove"), ("sys", "exit"), ("builtins", "exec"), ("os", "system")]
)
def test_a_function_reference_never_reaches_an_arbitrary_module(tmp_path, module, function):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    config = layers.Lambda(lambda x: x).get_config()
    config.update(function=function, module=module, function_type="function", arguments={})
    for safe_mode in (True, False):
        with pytest.raises(TypeError, match="^unsupported callable$"):
            layers.Lambda.from_config(dict(config), safe_mode=safe_mode)
    assert victim.read_text() == "keep me"


def test_a_function_reference_resolves_custom_objects_and_keras_activations():
    def halve(x):
        return x / 2

    config = layers.Lambda(lambda x: x).get_config()
    config.update(function="halve", module="__main__", function_type="function")
    layer = layers.Lambda.from_config(dict(config), custom_objects={"halve": halve})
    assert layer.function is halve
    with keras.utils.custom_object_scope({"halve": halve}):
        assert layers.Lambda.from_config(dict(config)).function is halve
    config.update(function="relu", module="keras.src.activations")
    assert layers.Lambda.from_config(dict(config)).function is keras.activations.relu


# ------------------------------------------------------------------ pickles in weights
class Payload:
    """Unpickling this writes a marker file (what `np.load(allow_pickle=True)` would do)."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def small_model():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="d")])
    model.set_weights([np.full((3, 2), 0.5, "float32"), np.zeros(2, "float32")])
    return model


def keras_file_with_npz(path, contents):
    buffer = io.BytesIO()
    np.savez(buffer, **contents)
    config = json.dumps(serialize_model(small_model()))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata.json", "{}")
        archive.writestr("config.json", config)
        archive.writestr("model.weights.npz", buffer.getvalue())


@pytest.mark.parametrize("where", ["needed key", "inside a needed dict", "unneeded key"])
def test_a_reduce_payload_in_a_keras_npz_never_runs(tmp_path, where):
    marker = str(tmp_path / "pwned")
    good = {"0": np.ones((3, 2), "float32"), "1": np.ones(2, "float32")}
    contents = {"layers/dense": good}
    if where == "needed key":
        contents["layers/dense"] = np.array(Payload(marker), dtype=object)
    elif where == "inside a needed dict":
        contents["layers/dense"] = {"0": Payload(marker), "1": good["1"]}
    else:
        contents["zzz_not_a_layer"] = np.array([Payload(marker)], dtype=object)
    keras_file_with_npz(tmp_path / "m.keras", contents)
    if where == "unneeded key":  # never read at all: the model loads
        model = keras.models.load_model(tmp_path / "m.keras")
        np.testing.assert_array_equal(model.get_weights()[0], good["0"])
    else:
        with pytest.raises(ValueError, match="npz weights"):
            keras.models.load_model(tmp_path / "m.keras")
    assert not os.path.exists(marker)


def test_a_reduce_payload_in_an_npz_weights_file_never_runs(tmp_path):
    marker = str(tmp_path / "pwned")
    np.savez(
        tmp_path / "w.npz",
        **{
            "layers/dense/vars/0": np.array(Payload(marker), dtype=object),
            "layers/dense/vars/1": np.zeros(2, "float32"),
        },
    )
    model = small_model()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(ValueError, match="npz weights"):
        model.load_weights(tmp_path / "w.npz")
    assert not os.path.exists(marker)
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_pickle_opcodes_outside_arrays_are_refused():
    for payload in (
        pickle.dumps(Payload("/nonexistent/x"), protocol=3),
        b"\x80\x03cos\nsystem\n.",
        b"\x80\x03}q\x00.",
        b"garbage",
    ):
        with pytest.raises(WeightsFileError):
            read_pickled_array_dict(payload)


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "wrong shapes", "text data"])
def test_a_damaged_weights_file_is_a_clear_value_error_and_the_model_is_untouched(
    tmp_path, damage, h5py
):
    model = small_model()
    model.save(tmp_path / "m.keras")
    model.save_weights(tmp_path / "w.weights.h5")
    other = small_model()
    other.set_weights([np.full((3, 2), 7.0, "float32"), np.full(2, 7.0, "float32")])
    before = [w.copy() for w in other.get_weights()]
    target = tmp_path / "w.weights.h5"
    if damage == "truncated":
        target.write_bytes(target.read_bytes()[:300])
    elif damage == "not a zip":
        target = tmp_path / "m.keras"
        target.write_bytes(b"PK\x03\x04 definitely not a keras file")
    elif damage == "wrong shapes":
        wide = keras.Sequential([keras.Input((4,)), layers.Dense(2, name="d")])
        wide.save_weights(target)
    else:
        with h5py.File(target, "w") as f:
            f.create_dataset("layers/dense/vars/0", data=np.array([b"rm -rf"], dtype="S6"))
            f.create_dataset("layers/dense/vars/1", data=np.zeros(2, "float32"))
    with pytest.raises(ValueError):
        other.load_weights(target)
    for a, b in zip(other.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_hdf5_links_to_other_files_are_refused(tmp_path, h5py):
    small_model().save_weights(tmp_path / "elsewhere.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "w") as f:
        f["layers/dense/vars"] = h5py.ExternalLink(
            str(tmp_path / "elsewhere.weights.h5"), "layers/dense/vars"
        )
    with pytest.raises(ValueError, match="not a group of weights"):
        small_model().load_weights(tmp_path / "w.weights.h5")


# ------------------------------------------------------------------ npz that tf.keras reads
@pytest.mark.parametrize("name", sorted(RECORDED["npz"]))
def test_the_npz_pynn_writes_is_what_tf_keras_read(tmp_path, name, monkeypatch):
    entry = RECORDED["npz"][name]
    assert entry["max_abs_diff"] < 1e-5  # tf.keras 2.15 loaded pynn's file and agreed
    recorded = os.path.join(FIXTURES, entry["file"])
    x = np.array(entry["x"], "float32")
    model = keras.models.load_model(recorded)
    np.testing.assert_allclose(model.predict(x, verbose=0), entry["predictions_tf"], atol=1e-5)

    # the file pynn writes today has the same members, keys, shapes and dtypes
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    ns = {"keras": keras, "layers": layers, "np": np, "x": x}
    exec(entry["code"], ns)  # noqa: S102 - the recorded model code
    monkeypatch.setattr(stores, "h5py", None)
    ns["model"].save(tmp_path / "today.keras")

    def layout(path):
        with zipfile.ZipFile(path) as archive:
            assert "model.weights.npz" in archive.namelist()
            data = np.load(io.BytesIO(archive.read("model.weights.npz")), allow_pickle=True)
            return {
                k: {i: (a.shape, a.dtype.str) for i, a in data[k].item().items()}
                for k in data.files
            }

    assert "__root__" not in layout(recorded)
    assert layout(tmp_path / "today.keras") == layout(recorded)


def test_bytecode_of_another_python_version_is_refused_not_run(monkeypatch):
    config = layers.Lambda(lambda x: x * 2).get_config()
    monkeypatch.setattr(generic_utils, "_python_version", lambda: "3.99")
    with pytest.raises(ValueError, match="saved by Python 3.1.*cannot run on Python 3.99"):
        layers.Lambda.from_config(config, safe_mode=False)
    untagged = generic_utils.base64.encodebytes(
        generic_utils.marshal.dumps((lambda x: x).__code__)
    ).decode("ascii")
    config["function"] = (untagged, None, None)
    with pytest.raises(ValueError, match=r"saved by tf.keras 2.15 \(Python 3.11 or older\)"):
        layers.Lambda.from_config(config, safe_mode=False)


def test_pynn_bytecode_stays_readable_by_tf_keras_func_load():
    code, _, _ = layers.Lambda(lambda x: x + 3).get_config()["function"]
    function = marshal.loads(base64.decodebytes(code.encode("ascii")))  # what tf.keras does
    assert function.co_argcount == 1 and function.co_name == "<lambda>"
