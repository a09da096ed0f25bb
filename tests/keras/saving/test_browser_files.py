"""Files the playground wrote in the browser (HDF5 through h5wasm), kept with what tf.keras
2.15 predicted on loading them (tests/reference/record_browser_hdf5.py)."""

import json
import os
import zipfile

import numpy as np
import pytest

from pynn import keras
from tests.dependencies import require_h5py

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures")
with open(os.path.join(FIXTURES, "browser_hdf5.json")) as f:
    RECORD = json.load(f)
FOLDER = os.path.join(FIXTURES, "saved", "browser")
X = np.array(RECORD["x"], dtype="float32")


@pytest.mark.parametrize("name", sorted(RECORD["files"]))
def test_tf_keras_loaded_the_page_files_with_the_page_predictions(name):
    assert RECORD["meta"]["keras"] == "2.15.0"
    np.testing.assert_allclose(
        RECORD["files"][name]["predictions_tf"], RECORD["predictions_page"], atol=1e-5
    )
    path = os.path.join(FOLDER, name)
    if name.endswith(".keras"):
        with zipfile.ZipFile(path) as archive:
            data = archive.read("model.weights.h5")
    else:
        with open(path, "rb") as f:
            data = f.read()
    assert data[:8] == b"\x89HDF\r\n\x1a\n"


@pytest.mark.parametrize("name", sorted(RECORD["files"]))
def test_pynn_loads_the_page_files_with_the_page_predictions(name):
    path = os.path.join(FOLDER, name)
    if name.endswith((".h5", ".keras")):
        require_h5py()
    if name == "w.weights.h5":
        model = keras.models.load_model(os.path.join(FOLDER, "m.keras"))
        model.load_weights(path)
    else:
        model = keras.models.load_model(path)
    np.testing.assert_allclose(model.predict(X, verbose=0), RECORD["predictions_page"], atol=1e-5)
