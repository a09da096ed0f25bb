"""HDF5 in the playground: h5wasm (the HDF5 C library compiled to WebAssembly) loads only
for a program that may save or load HDF5, and the files pynn writes in the page are real HDF5
that h5py reads and pynn on CPython loads with the same predictions.

The files leave the page as a student takes them: downloaded from the Files panel. Each is
also kept in test-artifacts/browser-hdf5/, where tests/reference/record_browser_hdf5.py has
tf.keras 2.15 load them.
"""

import io
import json
import os
import re
import zipfile

import numpy as np
import pytest

from pynn import keras
from tests.browser.conftest import ARTIFACTS
from tests.dependencies import require_h5py

h5py = require_h5py(module_level=True)

pytestmark = pytest.mark.browser

X = [[0.1, 0.2, 0.3], [0.5, -0.4, 0.9], [-1.0, 0.0, 2.0]]

SAVE_ALL = """
import json
import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(1)
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation='relu'),
                          keras.layers.BatchNormalization(), keras.layers.Dense(2)])
model.compile(optimizer='adam', loss='mse', metrics=['mae'])
x = np.array(X_VALUES, dtype='float32')
checkpoint = keras.callbacks.ModelCheckpoint('cp.h5')
model.fit(x, np.ones((3, 2)), epochs=2, verbose=0, callbacks=[checkpoint])
model.save('m.keras')
model.save('m.h5')
model.save_weights('w.weights.h5')
expected = model.predict(x, verbose=0)
for name in ('m.keras', 'm.h5'):
    again = keras.models.load_model(name)
    assert np.allclose(again.predict(x, verbose=0), expected, atol=1e-6), name
clone = keras.models.clone_model(model)
clone.load_weights('w.weights.h5')
assert np.allclose(clone.predict(x, verbose=0), expected, atol=1e-6)
print('PREDICTIONS ' + json.dumps(expected.tolist()))
""".replace("X_VALUES", json.dumps(X))


def page_files(playground):
    """The four files, downloaded from the Files panel, and the page's predictions."""
    playground.page.wait_for_function(  # the console draws once per frame
        "() => /PREDICTIONS|Error/.test(document.getElementById('output').innerText)"
    )
    match = re.search(r"^PREDICTIONS (\[.*\])$", playground.output_text(), flags=re.MULTILINE)
    assert match, playground.output_text()[-2000:]
    panel = playground.page.get_by_role("region", name="Files")
    files = {}
    for name in ("m.keras", "m.h5", "w.weights.h5", "cp.h5"):
        with playground.page.expect_download() as info:
            panel.get_by_role("link", name=name, exact=True).click()
        with open(info.value.path(), "rb") as f:
            files[name] = f.read()
    return files, json.loads(match.group(1))


def test_hdf5_loads_only_for_a_program_that_needs_it_and_writes_real_hdf5(playground, tmp_path):
    page = playground.open()
    assert not any(url.endswith("/h5wasm.js") for url in playground.requests), (
        "h5wasm was part of the first download"
    )
    playground.set_code("print(sum(range(10)))")
    playground.run_and_wait()
    assert not any(url.endswith("/h5wasm.js") for url in playground.requests)

    playground.set_code(SAVE_ALL)
    playground.run_and_wait()
    assert any(url.endswith("/h5wasm.js") for url in playground.requests)
    files, predictions = page_files(playground)
    keep = os.path.join(ARTIFACTS, "browser-hdf5")
    os.makedirs(keep, exist_ok=True)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        with open(os.path.join(keep, name), "wb") as f:
            f.write(data)
    with open(os.path.join(keep, "predictions.json"), "w") as f:
        json.dump({"x": X, "predictions": predictions}, f)

    with zipfile.ZipFile(tmp_path / "m.keras") as archive:  # tf.keras's layout, HDF5 inside
        assert "model.weights.h5" in archive.namelist()
        inner = archive.read("model.weights.h5")
    for data in (inner, files["m.h5"], files["w.weights.h5"], files["cp.h5"]):
        assert data[:8] == b"\x89HDF\r\n\x1a\n"
        with h5py.File(io.BytesIO(data), "r") as f:  # h5py opens every one
            assert list(f.keys())
    with h5py.File(tmp_path / "m.h5", "r") as f:
        assert json.loads(f.attrs["model_config"])["class_name"] == "Sequential"
        names = [
            n.decode() if isinstance(n, bytes) else n
            for n in f["model_weights"].attrs["layer_names"]
        ]
        assert names[-1] == "dense_1"

    x = np.array(X, dtype="float32")
    for name in ("m.keras", "m.h5", "cp.h5"):
        model = keras.models.load_model(tmp_path / name)
        if name != "cp.h5":
            np.testing.assert_allclose(model.predict(x, verbose=0), predictions, atol=1e-5)
    model.load_weights(tmp_path / "w.weights.h5")
    np.testing.assert_allclose(model.predict(x, verbose=0), predictions, atol=1e-5)
    assert "Traceback" not in playground.output_text()
    assert page.locator("body").get_attribute("data-state") == "ready"
