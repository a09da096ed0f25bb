"""Record what tf.keras 2.15 prints for each tutorial script of this directory.

    ~/.cache/reftf/bin/python tests/tutorials/record.py            # every tutorial
    ~/.cache/reftf/bin/python tests/tutorials/record.py NAME ...   # some (file stems)

Each `<name>.py` runs in a fresh TensorFlow process as `__main__`; its stdout is stored in
`expected/<name>.txt` and compared by `test_tutorials.py` (summaries exactly, `CHECK` lines
exactly). Downloads are not possible here, so `mnist.load_data()` and
`fashion_mnist.load_data()` are pointed at the subsets pynn bundles (the same arrays pynn
returns, read-only for Fashion-MNIST as tf.keras's own loader makes them), which is the only
change to TensorFlow's behaviour.
"""

import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MNIST = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "mnist.npz")
FASHION_MNIST = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "fashion_mnist.npz")

PRELUDE = f"""
import os, runpy, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf

def _bundled_mnist(path="mnist.npz"):
    with np.load({MNIST!r}) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])

tf.keras.datasets.mnist.load_data = _bundled_mnist
import keras.src.datasets.mnist as _m
_m.load_data = _bundled_mnist

def _bundled_fashion_mnist():
    with np.load({FASHION_MNIST!r}) as f:
        arrays = [f[k] for k in ("x_train", "y_train", "x_test", "y_test")]
    for array in arrays:
        array.flags.writeable = False
    return (arrays[0], arrays[1]), (arrays[2], arrays[3])

tf.keras.datasets.fashion_mnist.load_data = _bundled_fashion_mnist
import keras.src.datasets.fashion_mnist as _f
_f.load_data = _bundled_fashion_mnist
script = sys.argv[1]
sys.argv = [script]
sys.path.insert(0, os.path.dirname(script))
runpy.run_path(script, run_name="__main__")
"""


def tutorials():
    return sorted(
        p
        for p in glob.glob(os.path.join(HERE, "*.py"))
        if not os.path.basename(p).startswith(("test_", "record", "_"))
    )


def main(names):
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    for path in tutorials():
        name = os.path.splitext(os.path.basename(path))[0]
        if names and name not in names:
            continue
        with tempfile.TemporaryDirectory() as cwd:  # files the tutorial saves go there
            proc = subprocess.run(
                [sys.executable, "-c", PRELUDE, path],
                cwd=cwd,
                capture_output=True,
                text=True,
                check=False,
                env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
            )
        if proc.returncode != 0:
            print(f"{name}: tf.keras exited with {proc.returncode}\n{proc.stderr[-3000:]}")
        with open(os.path.join(HERE, "expected", name + ".txt"), "w") as f:
            f.write(proc.stdout)
        print(f"{name}: {len(proc.stdout.splitlines())} lines recorded")


if __name__ == "__main__":
    main(sys.argv[1:])
