"""model.save / load_model / save_weights / load_weights, and what bad files get.

Interchange with tf.keras 2.15 itself is pinned by tests/parity/test_saving.py (files written by
tf.keras) and the round-trip fixtures recorded by tests/reference/record.py.
"""

import json
import zipfile

import numpy as np
import pytest

from pynn import keras, tf
from pynn.keras import layers
from pynn.keras.saving import stores
from pynn.keras.saving.state_tree import walk
from tests.dependencies import require_h5py

X = np.random.default_rng(0).random((4, 3)).astype(np.float32)


def mlp(compiled=True):
    model = keras.Sequential(
        [
            layers.Dense(4, activation="relu", input_shape=(3,)),
            layers.BatchNormalization(),
            layers.Dense(2),
        ]
    )
    if compiled:
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
        model.fit(X, np.ones((4, 2)), verbose=0)
    return model


def test_state_paths_follow_tf_keras_layout():
    model = mlp()
    assert [path for path, _ in walk(model)] == [
        "",
        "optimizer",
        "metrics/mean",
        "metrics/mean_metric_wrapper",
        "layers/dense",
        "layers/batch_normalization",
        "layers/dense_1",
    ]
    inp = keras.Input((5, 4))
    out = layers.Dense(1)(layers.Bidirectional(layers.LSTM(2))(inp))
    paths = [path for path, _ in walk(keras.Model(inp, out))]
    assert "layers/bidirectional/forward_layer/cell" in paths
    assert "layers/input_layer" in paths


def test_keras_file_round_trip_keeps_predictions_compile_and_optimizer_state(tmp_path, h5py):
    model = mlp()
    path = tmp_path / "model.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["config.json", "metadata.json", "model.weights.h5"]
        config = json.loads(archive.read("config.json"))
    assert config["class_name"] == "Sequential"
    assert config["compile_config"]["loss"] == "mse"
    restored = keras.models.load_model(path)
    np.testing.assert_allclose(restored.predict(X, verbose=0), model.predict(X, verbose=0))
    assert int(restored.optimizer.iterations) == int(model.optimizer.iterations) == 1
    np.testing.assert_allclose(
        restored.optimizer.variables[1].numpy(), model.optimizer.variables[1].numpy()
    )
    assert float(restored.optimizer.learning_rate) == pytest.approx(0.01)


def test_keras_file_without_h5py_uses_npz(tmp_path, monkeypatch):
    monkeypatch.setattr(stores, "h5py", None)
    model = mlp(compiled=False)
    path = tmp_path / "model.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "model.weights.npz" in archive.namelist()
    restored = keras.models.load_model(path)
    np.testing.assert_allclose(restored.predict(X, verbose=0), model.predict(X, verbose=0))


@pytest.mark.parametrize("name", ["w.weights.h5", "w.npz", "w.h5"])
def test_weights_round_trip(tmp_path, name):
    if name.endswith(".h5"):
        require_h5py()
    model = mlp(compiled=False)
    model.save_weights(tmp_path / name)
    other = mlp(compiled=False)
    assert not np.allclose(other.get_weights()[0], model.get_weights()[0])
    other.load_weights(tmp_path / name)
    for a, b in zip(other.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_legacy_h5_whole_model(tmp_path, h5py):
    model = mlp()
    model.save(tmp_path / "model.h5")
    restored = keras.models.load_model(tmp_path / "model.h5")
    np.testing.assert_allclose(restored.predict(X, verbose=0), model.predict(X, verbose=0))
    assert type(restored.optimizer).__name__ == "Adam"


def test_subclassed_model_saves_weights(tmp_path):
    class Tiny(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(3, activation="relu")
            self.out = layers.Dense(1)

        def call(self, x):
            return self.out(self.hidden(x))

    model = Tiny()
    model(X)
    model.save_weights(tmp_path / "tiny.npz")
    other = Tiny()
    other(X)
    other.load_weights(tmp_path / "tiny.npz")
    np.testing.assert_allclose(other(X).numpy(), model(X).numpy())


def test_loading_into_an_unbuilt_model_is_refused(tmp_path):
    mlp(compiled=False).save_weights(tmp_path / "w.npz")
    unbuilt = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    with pytest.raises(ValueError, match="has not created its variables yet"):
        unbuilt.load_weights(tmp_path / "w.npz")


def test_weights_of_another_architecture_are_refused_and_nothing_changes(tmp_path):
    mlp(compiled=False).save_weights(tmp_path / "w.npz")
    wider = keras.Sequential(
        [layers.Dense(5, input_shape=(3,)), layers.BatchNormalization(), layers.Dense(2)]
    )
    before = [w.copy() for w in wider.get_weights()]
    with pytest.raises(ValueError, match="Shape mismatch in layer 'dense_2'"):
        wider.load_weights(tmp_path / "w.npz")
    for a, b in zip(wider.get_weights(), before, strict=True):  # never half-loaded
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", ["model.keras", "w.npz", "w.weights.h5"])
def test_truncated_files_give_a_clear_error(tmp_path, name):
    if name.endswith(".h5"):
        require_h5py()
    model = mlp(compiled=False)
    path = tmp_path / name
    if name.endswith(".keras"):
        model.save(path)
    else:
        model.save_weights(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated|corrupt|damaged|Could not read"):
        if name.endswith(".keras"):
            keras.models.load_model(path)
        else:
            mlp(compiled=False).load_weights(path)


def test_savedmodel_folders_and_unknown_suffixes_are_explained(tmp_path):
    model = mlp(compiled=False)
    with pytest.raises(ValueError, match="SavedModel"):
        model.save(tmp_path / "exported_model")
    with pytest.raises(OSError, match="No file or directory"):
        keras.models.load_model(tmp_path / "missing.keras")


def test_tf_style_checkpoint_paths_work_within_pynn(tmp_path):
    """The TF 2.15-era "Save and load models" tutorial, unchanged."""
    model = mlp(compiled=False)
    prefix = str(tmp_path / "training_1" / "cp.ckpt")
    model.save_weights(prefix)
    assert (tmp_path / "training_1" / "checkpoint").exists()
    latest = tf.train.latest_checkpoint(str(tmp_path / "training_1"))
    assert latest == prefix
    other = mlp(compiled=False)
    other.load_weights(latest)
    np.testing.assert_array_equal(other.get_weights()[0], model.get_weights()[0])
    assert tf.train.latest_checkpoint(str(tmp_path / "nothing_here")) is None


def test_tensorflow_written_checkpoints_are_explained(tmp_path):
    prefix = tmp_path / "cp.ckpt"
    (tmp_path / "cp.ckpt.index").write_bytes(b"\x00\x01 binary TF index")
    with pytest.raises(ValueError, match="TensorFlow checkpoint, which pynn cannot read"):
        mlp(compiled=False).load_weights(str(prefix))
