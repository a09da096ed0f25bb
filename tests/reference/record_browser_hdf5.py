"""tf.keras 2.15 loads the HDF5 files the playground wrote in the browser (h5wasm).

    python3 -m pytest tests/browser/test_hdf5.py   # downloads them from the Files panel into test-artifacts/browser-hdf5/
    ~/.cache/reftf/bin/python tests/reference/record_browser_hdf5.py

Copies those files to tests/fixtures/saved/browser/ and records in
tests/fixtures/browser_hdf5.json what tf.keras 2.15 predicts with each next to what the page
predicted. tests/keras/saving/test_browser_files.py checks the record and reloads the files
with pynn.

It also writes the files a student would upload: a small model trained and saved by tf.keras
2.15 as `.keras` and legacy `.h5` (tests/fixtures/saved/upload/), with its predictions in
tests/fixtures/upload_models.json (tests/browser/test_files_panel.py uploads them).
"""

import json
import os
import shutil
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOURCE = os.path.join(ROOT, "test-artifacts", "browser-hdf5")
TARGET = os.path.join(ROOT, "tests", "fixtures", "saved", "browser")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras as keras_package
import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.get_logger().setLevel("ERROR")


def main():
    with open(os.path.join(SOURCE, "predictions.json")) as f:
        page = json.load(f)
    x = np.array(page["x"], dtype="float32")
    os.makedirs(TARGET, exist_ok=True)
    record = {
        "meta": {
            "tensorflow": tf.__version__,
            "keras": keras_package.__version__,
            "recorded": time.strftime("%Y-%m-%d"),
        },
        "x": page["x"],
        "predictions_page": page["predictions"],
        "files": {},
    }
    for name in ("m.keras", "m.h5", "w.weights.h5", "cp.h5"):
        shutil.copy(os.path.join(SOURCE, name), os.path.join(TARGET, name))
        path = os.path.join(TARGET, name)
        keras.backend.clear_session()
        if name == "w.weights.h5":
            model = keras.models.load_model(os.path.join(TARGET, "m.keras"))
            model.load_weights(path)
        else:
            model = keras.models.load_model(path)
        predictions = model.predict(x, verbose=0)
        diff = float(np.max(np.abs(predictions - np.array(page["predictions"]))))
        record["files"][name] = {"predictions_tf": predictions.tolist(), "max_abs_diff": diff}
        print(f"{name}: tf.keras 2.15 loads it; max |tf - page| = {diff:.3g}")
    with open(os.path.join(ROOT, "tests", "fixtures", "browser_hdf5.json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")


def record_upload_models():
    folder = os.path.join(ROOT, "tests", "fixtures", "saved", "upload")
    os.makedirs(folder, exist_ok=True)
    keras.backend.clear_session()
    keras.utils.set_random_seed(3)
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (16, 4)).astype("float32")
    y = (x.sum(axis=1) > 0).astype("float32")
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=3, verbose=0)
    model.save(os.path.join(folder, "tf_model.keras"))
    model.save(os.path.join(folder, "tf_model.h5"))
    probe = x[:3]
    with open(os.path.join(ROOT, "tests", "fixtures", "upload_models.json"), "w") as f:
        json.dump(
            {
                "meta": {"tensorflow": tf.__version__, "keras": keras_package.__version__},
                "x": probe.tolist(),
                "predictions": model.predict(probe, verbose=0).tolist(),
                "files": ["tf_model.keras", "tf_model.h5"],
            },
            f,
            indent=1,
        )
        f.write("\n")
    print("upload models written")


if __name__ == "__main__":
    if os.path.exists(os.path.join(SOURCE, "predictions.json")):
        main()
    record_upload_models()
