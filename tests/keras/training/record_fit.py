"""Records what tf.keras 2.15 prints and returns for a few fixed training runs.

    ~/.cache/reftf/bin/python tests/keras/training/record_fit.py

Writes fixtures/fit.json. The same scenarios run on pynn in test_fit_output.py; both
sides start from the same weights (set explicitly) and train without shuffling, so
the numbers agree and only the timings (masked by the test) differ.
"""

import io
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def data():
    rng = np.random.default_rng(7)
    x = rng.random((64, 3)).astype("float32")
    y = (x.sum(axis=1) > 1.5).astype("float32")
    return x, y


def weights():
    rng = np.random.default_rng(11)
    return [
        rng.normal(0, 0.5, (3, 4)).astype("float32"),
        np.zeros(4, "float32"),
        rng.normal(0, 0.5, (4, 1)).astype("float32"),
        np.zeros(1, "float32"),
    ]


def build(keras):
    model = keras.Sequential(
        [
            keras.layers.Dense(4, activation="relu", input_shape=(3,)),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.set_weights(weights())
    model.compile(
        optimizer=keras.optimizers.SGD(0.5), loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def capture(fn):
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        result = fn()
    finally:
        sys.stdout = real
    return out.getvalue(), result


def scenarios(keras):
    """name -> (printed text, returned value as JSON-able data)."""
    x, y = data()
    results = {}

    model = build(keras)
    text, history = capture(
        lambda: model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, shuffle=False)
    )
    results["fit_verbose1_validation_split"] = (
        text,
        {"history": history.history, "params": history.params},
    )
    model = build(keras)
    text, history = capture(
        lambda: model.fit(
            x, y, epochs=2, batch_size=16, verbose=2, validation_data=(x[:8], y[:8]), shuffle=False
        )
    )
    results["fit_verbose2_validation_data"] = (text, {"history": history.history})
    model = build(keras)
    text, history = capture(lambda: model.fit(x, y, epochs=1, batch_size=16, shuffle=False))
    results["fit_one_epoch"] = (text, {"history": history.history})
    text, value = capture(lambda: model.evaluate(x, y))
    results["evaluate_verbose1"] = (text, value)
    text, value = capture(lambda: model.evaluate(x, y, verbose=2, return_dict=True))
    results["evaluate_verbose2_dict"] = (text, value)
    text, value = capture(lambda: model.predict(x[:40], batch_size=16))
    results["predict_verbose1"] = (text, value.tolist())
    text, value = capture(lambda: model.predict(x[:40], verbose=2))
    results["predict_verbose2"] = (text, value.tolist())
    return results


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from tensorflow import keras

    recorded = {
        name: {"stdout": text, "result": value} for name, (text, value) in scenarios(keras).items()
    }
    with open(os.path.join(HERE, "fixtures", "fit.json"), "w") as f:
        json.dump(recorded, f, indent=1)


if __name__ == "__main__":
    main()
