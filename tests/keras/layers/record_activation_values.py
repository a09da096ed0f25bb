"""Records tf.keras 2.15 activation outputs into activation_values.json.

Run with the reference install (CI never needs TensorFlow; it reads the JSON):

    ~/.cache/reftf/bin/python tests/keras/layers/record_activation_values.py
"""

import json
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras

X = [[-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 7.0]]
X3 = (np.arange(24, dtype="float32").reshape(2, 3, 4) / 10).tolist()

NAMES = [
    "relu",
    "sigmoid",
    "softmax",
    "tanh",
    "linear",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "silu",
    "gelu",
    "exponential",
    "hard_sigmoid",
    "relu6",
    "leaky_relu",
    "mish",
    "log_softmax",
]


def main():
    x = tf.constant(X)
    x3 = tf.constant(X3)
    values = {"x": X, "x3": X3, "by_name": {}, "calls": {}}
    for name in NAMES:
        values["by_name"][name] = keras.activations.get(name)(x).numpy().tolist()
        values.setdefault("serialized", {})[name] = keras.layers.Dense(
            1, activation=name
        ).get_config()["activation"]
    act = keras.activations
    values["calls"] = {
        "gelu(x, approximate=True)": act.gelu(x, approximate=True).numpy().tolist(),
        "relu(x, alpha=0.1, max_value=2.5, threshold=0.5)": act.relu(
            x, alpha=0.1, max_value=2.5, threshold=0.5
        )
        .numpy()
        .tolist(),
        "relu(x, max_value=6.0)": act.relu(x, max_value=6.0).numpy().tolist(),
        "relu(x, alpha=0.5, max_value=6.0)": act.relu(x, alpha=0.5, max_value=6.0).numpy().tolist(),
        "relu(x, threshold=2.0)": act.relu(x, threshold=2.0).numpy().tolist(),
        "elu(x, alpha=0.5)": act.elu(x, alpha=0.5).numpy().tolist(),
        "softmax(x3, axis=1)": act.softmax(x3, axis=1).numpy().tolist(),
        "softmax(x3, axis=(1, 2))": act.softmax(x3, axis=(1, 2)).numpy().tolist(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activation_values.json")
    with open(path, "w") as f:
        json.dump(values, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
