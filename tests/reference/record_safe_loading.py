"""Record what tf.keras 2.15 does with unsafe model files, and that it reads pynn's npz.

    ~/.cache/reftf/bin/python tests/reference/record_safe_loading.py

Writes `tests/fixtures/safe_loading.json`:

* `cases`: code (names `tf`, `keras`, `layers`, `np`, `tmp` = an empty folder, and the
  helpers in `PRELUDE`) and what tf.keras 2.15 did: `"loaded"` or the exception's type and
  message. `tests/keras/saving/test_safe_loading.py` runs the same code under pynn.
* `npz`: pynn (imported from this checkout) writes `.keras` files with `model.weights.npz`
  inside (as where h5py is missing); tf.keras 2.15 loads them and predicts. The files are kept
  in `tests/fixtures/saved/npz/` with both predictions, as the proof.
"""

import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.get_logger().setLevel("ERROR")

PRELUDE = """
import json as _json, os as _os, zipfile as _zipfile

def lambda_model():
    return keras.Sequential([keras.Input((2,)), layers.Lambda(lambda x: x * 2.0),
                             layers.Dense(1, kernel_initializer='ones')])

def rewrite_lambda(config_dict, **fields):
    for layer in config_dict['config']['layers']:
        if layer['class_name'] == 'Lambda':
            layer['config'].update(fields)
    return config_dict

def rewrite_keras_file(src, dst, **fields):
    with _zipfile.ZipFile(src) as zin, _zipfile.ZipFile(dst, 'w') as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == 'config.json':
                data = _json.dumps(rewrite_lambda(_json.loads(data), **fields))
            zout.writestr(name, data)
"""

CASES = {
    "lambda_keras_default": """
lambda_model().save(tmp + '/m.keras')
keras.models.load_model(tmp + '/m.keras')""",
    "lambda_keras_safe_true": """
lambda_model().save(tmp + '/m.keras')
keras.models.load_model(tmp + '/m.keras', safe_mode=True)""",
    "lambda_keras_unsafe": """
lambda_model().save(tmp + '/m.keras')
m = keras.models.load_model(tmp + '/m.keras', safe_mode=False)
assert np.allclose(m.predict(np.ones((1, 2)), verbose=0), 4.0)""",
    "lambda_model_from_json": """
keras.models.model_from_json(lambda_model().to_json())""",
    "lambda_layers_deserialize": """
keras.layers.deserialize(keras.layers.serialize(layers.Lambda(lambda x: x + 1)))""",
    "lambda_deserialize_keras_object": """
keras.saving.deserialize_keras_object(
    keras.saving.serialize_keras_object(layers.Lambda(lambda x: x + 1)))""",
    "lambda_deserialize_keras_object_unsafe": """
layer = keras.saving.deserialize_keras_object(
    keras.saving.serialize_keras_object(layers.Lambda(lambda x: x + 1)), safe_mode=False)
assert np.allclose(layer(np.zeros((1, 2))), 1.0)""",
    "function_os_remove_model_from_json": """
open(tmp + '/victim.txt', 'w').close()
config = rewrite_lambda(_json.loads(lambda_model().to_json()),
                        function='remove', module='os', function_type='function')
try:
    keras.models.model_from_json(_json.dumps(config))
finally:
    assert _os.path.exists(tmp + '/victim.txt')""",
    "function_sys_exit_keras_file": """
lambda_model().save(tmp + '/m.keras')
rewrite_keras_file(tmp + '/m.keras', tmp + '/evil.keras',
                   function='exit', module='sys', function_type='function')
keras.models.load_model(tmp + '/evil.keras', safe_mode=False)""",
    "function_os_system_lambda_from_config": """
config = layers.Lambda(lambda x: x).get_config()
config.update(function='system', module='os', function_type='function')
layers.Lambda.from_config(config)""",
    "legacy_h5_lambda_loads": """
lambda_model().save(tmp + '/m.h5')
m = keras.models.load_model(tmp + '/m.h5', safe_mode=True)
assert np.allclose(m.predict(np.ones((1, 2)), verbose=0), 4.0)""",
}


def run_case(code, ns_keras, ns_tf):
    tmp = tempfile.mkdtemp()
    ns = {"tf": ns_tf, "keras": ns_keras, "layers": ns_keras.layers, "np": np, "tmp": tmp}
    try:
        exec(PRELUDE, ns)  # noqa: S102 - recorded scenario code
        exec(code, ns)  # noqa: S102
        return "loaded"
    except Exception as e:  # noqa: BLE001 - the outcome is what we record
        return {"type": type(e).__name__, "message": str(e)}


NPZ_MODELS = {
    "mlp_adam": """
model = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation='tanh'),
                          layers.Dense(3, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss='categorical_crossentropy',
              metrics=['accuracy'])
model.fit(x, np.eye(3, dtype='float32')[[0, 1, 2, 0, 1]], epochs=1, verbose=0)""",
    "functional_bn": """
inp = keras.Input((4,), name='features')
h = layers.Dense(5, activation='relu', name='hidden')(inp)
h = layers.BatchNormalization(name='norm')(h)
model = keras.Model(inp, layers.Dense(2, name='out')(h), name='functional_bn')""",
}


def record_npz(out):
    sys.path.insert(0, ROOT)
    import pynn.keras as pkeras
    from pynn.keras.saving import stores

    folder = os.path.join(FIXTURES, "saved", "npz")
    os.makedirs(folder, exist_ok=True)
    x = np.random.default_rng(0).uniform(-1, 1, (5, 4)).astype("float32")
    for name, code in NPZ_MODELS.items():
        pkeras.backend.clear_session()
        pkeras.utils.set_random_seed(0)
        ns = {"keras": pkeras, "layers": pkeras.layers, "np": np, "x": x}
        exec(code, ns)  # noqa: S102
        model = ns["model"]
        path = os.path.join(folder, f"{name}.pynn_npz.keras")
        real_h5py, stores.h5py = stores.h5py, None  # write as where h5py is missing
        try:
            model.save(path)
        finally:
            stores.h5py = real_h5py
        pred_pynn = np.asarray(model.predict(x, verbose=0))
        keras.backend.clear_session()
        loaded = keras.models.load_model(path)
        pred_tf = loaded.predict(x, verbose=0)
        optimizer = getattr(loaded, "optimizer", None)
        out[name] = {
            "code": code,
            "x": x.tolist(),
            "file": f"saved/npz/{name}.pynn_npz.keras",
            "predictions_pynn": pred_pynn.tolist(),
            "predictions_tf": pred_tf.tolist(),
            "max_abs_diff": float(np.max(np.abs(pred_tf - pred_pynn))),
            "tf_optimizer_iterations": int(optimizer.iterations.numpy())
            if optimizer is not None and name == "mlp_adam"
            else None,
        }
        print(f"npz/{name}: tf.keras loads it, max |tf - pynn| = {out[name]['max_abs_diff']:.3g}")


def main():
    data = {
        "meta": {
            "tensorflow": tf.__version__,
            "keras": __import__("keras").__version__,
            "recorded": time.strftime("%Y-%m-%d"),
        },
        "prelude": PRELUDE,
        "cases": {},
        "npz": {},
    }
    for name, code in CASES.items():
        keras.backend.clear_session()
        data["cases"][name] = {"code": code, "outcome": run_case(code, keras, tf)}
        print(name, "->", data["cases"][name]["outcome"])
    record_npz(data["npz"])
    with open(os.path.join(FIXTURES, "safe_loading.json"), "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
