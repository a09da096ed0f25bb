"""Per-op overhead of pynn's primitives on tiny tensors (XOR at batch 1 is all overhead).

Times a (1, 4) add / relu / matmul as raw numpy, as a pynn op without a tape, and under a
GradientTape with a trainable Variable (recorded), plus one tape.gradient of a small graph.
CPU time (process_time), best of 7, so other processes' load matters less.

    OPENBLAS_NUM_THREADS=1 python3 bench/op_overhead.py
"""

import time
import timeit

import common  # noqa: F401  (puts the repository on sys.path)
import numpy as np

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable, constant


def best_ns(fn, number=20000):
    timer = timeit.Timer(fn, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=7)) / number * 1e9


def main():
    a_np = np.ones((1, 4), np.float32)
    w_np = np.ones((4, 4), np.float32)
    a, b = constant(a_np), constant(a_np)
    v = Variable(a_np)
    w = Variable(w_np)
    rows = []
    rows.append(("add  numpy", best_ns(lambda: a_np + a_np)))
    rows.append(("add  pynn, no tape", best_ns(lambda: a + b)))
    rows.append(("add  pynn, a + 1.0", best_ns(lambda: a + 1.0)))
    rows.append(("relu numpy", best_ns(lambda: np.maximum(a_np, 0))))
    rows.append(("relu pynn, no tape", best_ns(lambda: ops.relu(a))))
    rows.append(("matmul numpy", best_ns(lambda: a_np @ w_np)))
    rows.append(("matmul pynn, no tape", best_ns(lambda: ops.matmul(a, w))))
    with GradientTape():
        rows.append(("add  pynn, tape, untracked", best_ns(lambda: a + b)))
        rows.append(("add  pynn, tape, recorded", best_ns(lambda: v + b)))
        rows.append(("relu pynn, tape, recorded", best_ns(lambda: ops.relu(v))))
        rows.append(("matmul pynn, tape, recorded", best_ns(lambda: ops.matmul(a, w))))

    def step():
        with GradientTape() as tape:
            h = ops.relu(ops.matmul(a, w) + v)
            loss = ops.mean(ops.square(h))
        tape.gradient(loss, [w, v])

    def step_numpy():
        z = a_np @ w_np + a_np
        h = np.maximum(z, 0)
        loss = np.mean(h * h)
        gh = 2 * h / h.size
        gz = gh * (z > 0)
        return loss, a_np.T @ gz, gz

    rows.append(("train step numpy (fwd+bwd)", best_ns(step_numpy, 5000)))
    rows.append(("train step pynn (tape)", best_ns(step, 5000)))
    print(f"{'op':32s} {'ns':>9s}")
    for name, ns in rows:
        print(f"{name:32s} {ns:9.0f}")


if __name__ == "__main__":
    main()
