"""The h5py-shaped in-memory HDF5 model (`h5_document.py`) that the playground uses with h5wasm.

Here its codec is h5py, so each format pynn writes through it must be a file that h5py and
pynn's h5py path read back the same, and files written by h5py must load through it.
"""

import zipfile

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers
from pynn.keras.saving import h5_document, stores
from tests.dependencies import require_h5py

h5py = require_h5py(module_level=True)

X = np.random.default_rng(1).random((4, 3)).astype(np.float32)


@pytest.fixture
def document_store(monkeypatch):
    monkeypatch.setattr(h5_document.File, "codec", h5_document.H5pyCodec(h5py))
    monkeypatch.setattr(stores, "h5py", h5_document)


def trained():
    model = keras.Sequential(
        [
            keras.Input((3,)),
            layers.Dense(4, activation="relu"),
            layers.BatchNormalization(),
            layers.Dense(2),
        ]
    )
    model.compile(optimizer="adam", loss="mse")
    model.fit(X, np.ones((4, 2)), verbose=0)
    return model


@pytest.mark.parametrize("name", ["m.keras", "m.h5", "w.weights.h5", "w.h5"])
def test_files_written_through_the_document_read_with_h5py(
    tmp_path, name, document_store, monkeypatch
):
    model = trained()
    path = tmp_path / name
    if name.startswith("m"):
        model.save(path)
    else:
        model.save_weights(path)
    expected = model.predict(X, verbose=0)
    monkeypatch.setattr(stores, "h5py", h5py)  # now read with real h5py
    if name.startswith("m"):
        loaded = keras.models.load_model(path)
    else:
        loaded = keras.models.clone_model(model)
        loaded.load_weights(path)
    np.testing.assert_allclose(loaded.predict(X, verbose=0), expected, rtol=1e-6)
    if name.endswith(".h5"):
        with h5py.File(path, "r") as f:  # a real HDF5 file
            assert len(list(f.keys())) > 0


@pytest.mark.parametrize("name", ["m.keras", "m.h5", "w.weights.h5"])
def test_files_written_by_h5py_read_through_the_document(
    tmp_path, name, document_store, monkeypatch
):
    model = trained()
    monkeypatch.setattr(stores, "h5py", h5py)
    path = tmp_path / name
    model.save(path) if name.startswith("m") else model.save_weights(path)
    monkeypatch.setattr(stores, "h5py", h5_document)
    if name.startswith("m"):
        loaded = keras.models.load_model(path)
    else:
        loaded = keras.models.clone_model(model)
        loaded.load_weights(path)
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6)


def test_links_in_a_document_are_refused(tmp_path, document_store):
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    with h5py.File(tmp_path / "w.weights.h5", "w") as f:
        f["layers/dense/vars"] = h5py.SoftLink("/elsewhere")
    with pytest.raises(ValueError, match="not a group of weights"):
        model.load_weights(tmp_path / "w.weights.h5")


def test_without_a_library_saving_hdf5_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(h5_document.File, "codec", None)
    monkeypatch.setattr(stores, "h5py", h5_document)
    with pytest.raises(ImportError, match="HDF5"):
        keras.Sequential([keras.Input((3,)), layers.Dense(2)]).save(tmp_path / "m.h5")


def test_a_keras_file_falls_back_to_the_npz_tf_keras_reads_without_a_library(tmp_path, monkeypatch):

    monkeypatch.setattr(h5_document.File, "codec", None)
    monkeypatch.setattr(stores, "h5py", h5_document)
    model = trained()
    model.save(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        assert "model.weights.npz" in archive.namelist()
    loaded = keras.models.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6)
