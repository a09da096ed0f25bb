"""Record `fit` results (weights and history after 3 epochs) from tf.keras 2.15 for
every optimizer and the main losses, into `fit_values.py`.

Run with the reference install (CI never needs TensorFlow):
    ~/.cache/reftf/bin/python tests/keras/optimizers/record_fit.py

Nadam is left out on purpose: inside `fit` (a traced tf.function) tf.keras 2.15
advances Nadam's momentum-schedule product once per variable instead of once per
step (a Python counter only moves while tracing); pynn runs the algorithm as eager
tf.keras does, which the three-step tests pin down.
"""

import os
import pprint

import numpy as np

OPTIMIZERS = [
    "SGD(0.1, momentum=0.9)",
    "SGD(0.1, momentum=0.5, nesterov=True, global_clipnorm=0.3)",
    "Adam(0.01)",
    "Adam(schedules.ExponentialDecay(0.01, 2, 0.5), clipnorm=0.5)",
    "AdamW(0.01, weight_decay=0.1)",
    "RMSprop(0.01)",
    "RMSprop(0.01, momentum=0.3, centered=True)",
    "Adagrad(0.1)",
    "Adadelta(1.0)",
    "Adamax(0.01)",
    "Ftrl(0.1)",
    "Lion(0.01)",
]
LOSSES = [
    ("sparse_categorical_crossentropy", "softmax", 3),
    ("binary_crossentropy", "sigmoid", 1),
    ("mse", "linear", 1),
]


def data():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(16, 5)).astype("float32")
    targets = {
        "sparse_categorical_crossentropy": rng.integers(0, 3, 16),
        "binary_crossentropy": rng.integers(0, 2, (16, 1)).astype("float32"),
    }
    targets["mse"] = targets["binary_crossentropy"]
    return x, targets


def train(keras, optimizer_code, loss):
    """A 5-4-k MLP from fixed weights, 3 epochs of batch 4 without shuffling."""
    x, targets = data()
    activation, units = {name: (act, k) for name, act, k in LOSSES}[loss]
    model = keras.Sequential(
        [
            keras.layers.Dense(4, activation="tanh", input_shape=(5,)),
            keras.layers.Dense(units, activation=activation),
        ]
    )
    rng = np.random.default_rng(0)
    model.set_weights(
        [rng.normal(size=w.shape).astype("float32") * 0.5 for w in model.get_weights()]
    )
    optimizer = eval(optimizer_code, dict(vars(keras.optimizers)))
    model.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])
    history = model.fit(x, targets[loss], batch_size=4, epochs=3, shuffle=False, verbose=0)
    return model.get_weights(), history.history


def main():
    from tensorflow import keras

    results = {}
    for code in OPTIMIZERS:
        for loss, _, _ in LOSSES:
            weights, history = train(keras, code, loss)
            results[f"{code} | {loss}"] = {
                "weights": [w.tolist() for w in weights],
                "history": {k: [float(v) for v in vs] for k, vs in history.items()},
            }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fit_values.py")
    with open(path, "w") as f:
        f.write('"""Recorded by record_fit.py from tf.keras 2.15; do not edit."""\n\n')
        f.write("FIT_VALUES = ")
        f.write(pprint.pformat(results, width=100, sort_dicts=False))
        f.write("\n")


if __name__ == "__main__":
    main()
