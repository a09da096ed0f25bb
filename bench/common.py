"""Shared helpers for the benchmark scripts: data, timing, the reference interpreter."""

import json
import os
import subprocess
import sys
import time

# Single-threaded BLAS on every side of a comparison (numpy loop, pynn, tf.keras): on a shared,
# loaded machine OpenBLAS's spinning threads make small matmuls 10x slower and the ratios noise.
# Set before numpy is imported; PYNN_BENCH_THREADS=0 keeps the library defaults.
if os.environ.get("PYNN_BENCH_THREADS", "1") != "0":
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_name, os.environ.get("PYNN_BENCH_THREADS", "1"))

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

REFERENCE_PYTHON = os.environ.get(
    "PYNN_REFERENCE_PYTHON", os.path.expanduser("~/.cache/reftf/bin/python")
)


def mnist_like(n, flat=True, seed=0):
    """The bundled MNIST subset scaled to 0-1 (random digits if it is not there)."""
    try:
        from pynn.keras.datasets import mnist

        (x_train, y_train), (x_test, y_test) = mnist.load_data()
        x = np.concatenate([x_train, x_test])[:n].astype("float32") / 255.0
        y = np.concatenate([y_train, y_test])[:n].astype("int64")
    except (
        ImportError,
        OSError,
        ValueError,
    ):  # the dataset module is optional for benchmarking the math
        rng = np.random.default_rng(seed)
        x = rng.random((n, 28, 28), dtype=np.float32)
        y = rng.integers(0, 10, n)
    if flat:
        x = x.reshape(n, -1)
    else:
        x = x[..., None]
    return x, y


def best_of(fn, repeat=3):
    """The fastest of `repeat` timed calls of fn(), in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def best_of_each(fns, repeat=7):
    """The fastest of `repeat` timed calls of each function, taken in turn (a, b, a, b, ...)
    so that a change of machine load during the run hits every side alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def reference_seconds(code):
    """Run `code` under tf.keras 2.15 (if installed); it must print one JSON number of seconds."""
    if not os.path.exists(REFERENCE_PYTHON):
        return None
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH="")
    if os.environ.get("PYNN_BENCH_THREADS", "1") != "0":
        threads = os.environ.get("PYNN_BENCH_THREADS", "1")
        env.update(TF_NUM_INTRAOP_THREADS=threads, TF_NUM_INTEROP_THREADS=threads)
    done = subprocess.run(
        [REFERENCE_PYTHON, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    if done.returncode != 0:
        print("tf.keras run failed:", done.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(title, rows, baseline):
    """Print a table of seconds and ratios against the row named `baseline`."""
    base = dict(rows)[baseline]
    print(title)
    print(f"{'':28s}{'seconds':>10s}{'ratio':>10s}")
    for name, seconds in rows:
        if seconds is None:
            print(f"{name:28s}{'n/a':>10s}{'':>10s}")
        else:
            print(f"{name:28s}{seconds:10.3f}{seconds / base:10.2f}x")
