"""One epoch of the MNIST MLP 784-64-64-10 (10,000 samples, batch 32, adam) through `fit`.

The target: pynn's `fit` costs at most 1.25x a hand-written numpy loop doing the same math,
and less than tf.keras 2.15 on the same machine. All three are measured in this run.

    python3 bench/mlp.py
"""

import itertools

# isort: off
from common import (
    best_of_each,
    mnist_like,
    reference_seconds,
    report,
)  # first: single-threaded BLAS
import numpy as np
# isort: on

N, BATCH, SIZES = 10_000, 32, (784, 64, 64, 10)


def numpy_epoch(x, y, seed=0):
    """The same math as the Keras model, written by hand: forward, backward, Adam."""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in itertools.pairwise(SIZES):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params.append(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, np.float32))
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = 0.001, 0.9, 0.999, 1e-7
    order = rng.permutation(len(x))
    for step, start in enumerate(range(0, len(x), BATCH), 1):
        idx = order[start : start + BATCH]
        xb, yb = x[idx], y[idx]
        w1, c1, w2, c2, w3, c3 = params
        h1 = np.maximum(xb @ w1 + c1, 0)
        h2 = np.maximum(h1 @ w2 + c2, 0)
        logits = h2 @ w3 + c3
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = p
        g[np.arange(len(yb)), yb] -= 1
        g /= len(yb)
        gw3, gc3 = h2.T @ g, g.sum(0)
        g = (g @ w3.T) * (h2 > 0)
        gw2, gc2 = h1.T @ g, g.sum(0)
        g = (g @ w2.T) * (h1 > 0)
        gw1, gc1 = xb.T @ g, g.sum(0)
        alpha = lr * np.sqrt(1 - b2**step) / (1 - b1**step)
        for p_, g_, m_, v_ in zip(params, (gw1, gc1, gw2, gc2, gw3, gc3), m, v, strict=True):
            m_ += (g_ - m_) * (1 - b1)
            v_ += (g_ * g_ - v_) * (1 - b2)
            p_ -= m_ * alpha / (np.sqrt(v_) + eps)


def build_model(keras):
    model = keras.Sequential(
        [
            keras.layers.Dense(64, activation="relu", input_shape=(784,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def pynn_epoch(x, y):
    from pynn import keras

    model = build_model(keras)
    return lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)


TF_CODE = f"""
import json, time, numpy as np, tensorflow as tf
from tensorflow import keras
rng = np.random.default_rng(0)
x = rng.random(({N}, 784), dtype=np.float32); y = rng.integers(0, 10, {N})
model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", input_shape=(784,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
best = 1e9
for _ in range(3):
    t = time.perf_counter(); model.fit(x, y, batch_size={BATCH}, epochs=1, verbose=0)
    best = min(best, time.perf_counter() - t)
print(json.dumps(best))
"""


def main():
    x, y = mnist_like(N)
    numpy_s, pynn_s = best_of_each([lambda: numpy_epoch(x, y), pynn_epoch(x, y)])
    rows = [
        ("numpy loop (baseline)", numpy_s),
        ("pynn fit", pynn_s),
        ("tf.keras 2.15 fit", reference_seconds(TF_CODE)),
    ]
    report(
        f"MNIST MLP 784-64-64-10, {N} samples, batch {BATCH}, adam, one epoch",
        rows,
        "numpy loop (baseline)",
    )
    ratio = rows[1][1] / rows[0][1]
    print(f"target: pynn <= 1.25x numpy loop -> {ratio:.2f}x {'OK' if ratio <= 1.25 else 'MISSED'}")
    if rows[2][1] is not None:
        print(f"target: pynn < tf.keras -> {'OK' if rows[1][1] < rows[2][1] else 'MISSED'}")


if __name__ == "__main__":
    main()
