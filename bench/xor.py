"""The tutorial's XOR: Dense(4, sigmoid) -> Dense(1, sigmoid), SGD 0.1, MSE, batch 1, 1,500 epochs.

6,000 training steps on 4x2 inputs: the arrays are tiny, so this measures pynn's per-step
overhead (fit, train_step, Layer.__call__, GradientTape, the optimizer), not numpy's kernels.
pynn `fit`, a hand-written numpy loop of the same math (also one step per sample) and tf.keras
2.15 (when the reference interpreter exists) all run in this process / run.

    python3 bench/xor.py [--epochs 1500]
"""

import argparse

# isort: off
from common import best_of, reference_seconds, report  # first: it sets single-threaded BLAS
import numpy as np
# isort: on

EPOCHS, LR = 1500, 0.1
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
Y = np.array([[0], [1], [1], [0]], np.float32)


def _glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def numpy_run(epochs=EPOCHS, seed=0):
    """The same math as the Keras model, by hand: one forward/backward/SGD step per sample."""
    rng = np.random.default_rng(seed)
    w1, b1 = _glorot(rng, 2, 4), np.zeros(4, np.float32)
    w2, b2 = _glorot(rng, 4, 1), np.zeros(1, np.float32)
    lr = np.float32(LR)
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            xb, yb = X[i : i + 1], Y[i : i + 1]
            h = 1 / (1 + np.exp(-(xb @ w1 + b1)))
            p = 1 / (1 + np.exp(-(h @ w2 + b2)))
            g = 2 * (p - yb) * p * (1 - p)  # d mse / d logits (batch of 1, one unit)
            gw2, gb2 = h.T @ g, g.sum(0)
            g = (g @ w2.T) * h * (1 - h)
            gw1, gb1 = xb.T @ g, g.sum(0)
            w1 -= lr * gw1
            b1 -= lr * gb1
            w2 -= lr * gw2
            b2 -= lr * gb2
    return w1, b1, w2, b2


def build_model(keras):
    model = keras.Sequential(
        [
            keras.layers.Dense(4, activation="sigmoid", input_shape=(2,)),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=LR), loss="mse")
    return model


def pynn_run(epochs=EPOCHS):
    """A compiled pynn model; the returned callable trains it `epochs` epochs through fit."""
    from pynn import keras

    model = build_model(keras)
    model.fit(X, Y, batch_size=1, epochs=1, verbose=0)  # first call builds the train step
    return lambda: model.fit(X, Y, batch_size=1, epochs=epochs, verbose=0)


def tf_code(epochs=EPOCHS):
    return f"""
import json, time, numpy as np, tensorflow as tf
from tensorflow import keras
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
Y = np.array([[0], [1], [1], [0]], np.float32)
model = keras.Sequential([
    keras.layers.Dense(4, activation="sigmoid", input_shape=(2,)),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate={LR}), loss="mse")
model.fit(X, Y, batch_size=1, epochs=1, verbose=0)
t = time.perf_counter(); model.fit(X, Y, batch_size=1, epochs={epochs}, verbose=0)
print(json.dumps(time.perf_counter() - t))
"""


def measure(epochs=EPOCHS, reference=True):
    """[(name, seconds)] for the numpy loop, pynn and (optionally) tf.keras, in this run."""
    rows = [
        ("numpy loop (baseline)", best_of(lambda: numpy_run(epochs), repeat=2)),
        ("pynn fit", best_of(pynn_run(epochs), repeat=2)),
    ]
    if reference:
        rows.append(("tf.keras 2.15 fit", reference_seconds(tf_code(epochs))))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--no-reference", action="store_true", help="skip tf.keras")
    args = parser.parse_args(argv)
    rows = measure(args.epochs, reference=not args.no_reference)
    report(
        f"XOR 2-4-1 sigmoid, SGD {LR}, MSE, batch 1, {args.epochs} epochs",
        rows,
        "numpy loop (baseline)",
    )
    if len(rows) > 2 and rows[2][1] is not None:
        print(f"pynn / tf.keras -> {rows[1][1] / rows[2][1]:.2f}x")


if __name__ == "__main__":
    main()
