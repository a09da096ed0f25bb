"""A GradientTape custom training loop, with and without `@tf.function`.

The Keras guide's "training loop from scratch" step (adam, sparse crossentropy from logits,
an accuracy metric updated in the step) on two models: the MNIST MLP 784-64-64-10, 200 steps
of batch 32 (the matmuls dominate), and a small 2-16-2 classifier, 1,000 steps of batch 4 (the
per-step Python dominates, as in the seeds' XOR). Undecorated, every step runs the Python of
the layers, the loss, the tape and the optimizer; decorated, the first step traces and the
others replay the recording (pynn/tf/function.py). Both train to identical weights (checked
here). The ratio is decorated / undecorated.

    python3 bench/custom_loop.py
    node bench/browser/pyodide_custom_loop.mjs     # the same in Pyodide (Node's V8)
"""

# isort: off
from common import best_of_each  # first: single-threaded BLAS
import numpy as np
# isort: on

WORKLOADS = {"mlp": (200, 32, (784, 64, 64, 10)), "small": (1000, 4, (2, 16, 2))}


def make_loop(decorate, workload="mlp", steps=None, seed=0):
    """A function running `steps` train steps from fresh weights; returns the weights."""
    from pynn import keras, tf

    default_steps, batch, sizes = WORKLOADS[workload]
    steps = steps or default_steps
    rng = np.random.default_rng(seed)
    x = rng.random((steps * batch, sizes[0]), dtype=np.float32)
    y = rng.integers(0, sizes[-1], steps * batch)

    def run():
        keras.utils.set_random_seed(seed)
        model = keras.Sequential(
            [keras.layers.Dense(sizes[1], activation="relu", input_shape=(sizes[0],))]
            + [keras.layers.Dense(n, activation="relu") for n in sizes[2:-1]]
            + [keras.layers.Dense(sizes[-1])]
        )
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        optimizer = keras.optimizers.Adam(1e-3)
        accuracy = keras.metrics.SparseCategoricalAccuracy()

        def train_step(xb, yb):
            with tf.GradientTape() as tape:
                logits = model(xb, training=True)
                loss = loss_fn(yb, logits)
            grads = tape.gradient(loss, model.trainable_weights)
            optimizer.apply_gradients(zip(grads, model.trainable_weights, strict=True))
            accuracy.update_state(yb, logits)
            return loss

        step = tf.function(train_step) if decorate else train_step
        for i in range(steps):
            step(x[i * batch : (i + 1) * batch], y[i * batch : (i + 1) * batch])
        return model.get_weights()

    return run


def check_same_weights(workload):
    eager = make_loop(False, workload, steps=20)()
    traced = make_loop(True, workload, steps=20)()
    if not all(np.array_equal(a, b) for a, b in zip(eager, traced, strict=True)):
        raise AssertionError("the decorated loop trained to different weights")


def measure(workload, repeat=3):
    check_same_weights(workload)
    plain, decorated = best_of_each(
        [make_loop(False, workload), make_loop(True, workload)], repeat=repeat
    )
    return [("undecorated loop", plain), ("@tf.function loop", decorated)]


def main():
    for workload, (steps, batch, sizes) in WORKLOADS.items():
        rows = measure(workload)
        base = rows[0][1]
        print(f"GradientTape loop, {'-'.join(map(str, sizes))}, adam, batch {batch}, {steps} steps")
        print(f"{'':28s} seconds     ratio")
        for name, seconds in rows:
            print(f"{name:28s} {seconds:7.3f}   {seconds / base:6.2f}x")


if __name__ == "__main__":
    main()
