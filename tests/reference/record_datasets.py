"""Record what tf.keras 2.15's `keras.datasets` return into tests/fixtures/datasets.json.

    ~/.cache/reftf/bin/python tests/reference/record_datasets.py

tf.keras downloads its datasets; this machine cannot. Its loaders read a cache first
(`~/.keras/datasets/...`, no checksum for Fashion-MNIST), so the recorder writes pynn's bundled
Fashion-MNIST subset there in the files tf.keras reads (the four gzipped IDX files), with HOME
pointing at a temporary folder, and records what tf.keras's own `load_data()` makes of them:
each array's shape, dtype, writeability, value range and SHA-256. The signatures of every
`load_data` (and `get_word_index`) are recorded too, and what tf.keras raises for imdb and
cifar10/100 when it cannot download them (run it offline). tests/datasets/test_reference_layout.py
checks pynn's loaders against this file.
"""

import gzip
import inspect
import json
import os
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "datasets.json")
BUNDLED = os.path.join(ROOT, "pynn", "keras", "datasets", "data")

HOME = tempfile.mkdtemp(prefix="record-datasets-")
os.environ["HOME"] = HOME  # before TensorFlow is imported: keras's cache is ~/.keras
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
from array_digest import describe
from tensorflow import keras

DATASETS = ["mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing"]


def idx_gz(path, array):
    """An IDX file (the MNIST format: magic, sizes, then the bytes), gzipped."""
    header = struct.pack(">I", 0x800 + array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


def fashion_mnist():
    with np.load(os.path.join(BUNDLED, "fashion_mnist.npz")) as f:
        arrays = {key: f[key] for key in f.files}
    cache = os.path.join(HOME, ".keras", "datasets", "fashion-mnist")
    os.makedirs(cache)
    for name, key in [
        ("train-labels-idx1-ubyte.gz", "y_train"),
        ("train-images-idx3-ubyte.gz", "x_train"),
        ("t10k-labels-idx1-ubyte.gz", "y_test"),
        ("t10k-images-idx3-ubyte.gz", "x_test"),
    ]:
        idx_gz(os.path.join(cache, name), arrays[key])
    (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    return {
        "x_train": describe(x_train),
        "y_train": describe(y_train),
        "x_test": describe(x_test),
        "y_test": describe(y_test),
        "type": type(x_train).__name__,
    }


def offline_errors():
    """What tf.keras raises for the datasets pynn does not ship when it cannot download
    (this machine has no route to the dataset hosts): the exception's type and message."""
    calls = {
        "imdb.load_data": keras.datasets.imdb.load_data,
        "imdb.get_word_index": keras.datasets.imdb.get_word_index,
        "cifar10.load_data": keras.datasets.cifar10.load_data,
        "cifar100.load_data": keras.datasets.cifar100.load_data,
    }
    errors = {}
    for name, call in calls.items():
        try:
            call()
        except Exception as error:  # noqa: BLE001 - tf.keras raises a bare Exception
            errors[name] = {"type": type(error).__name__, "message": str(error)}
        else:
            raise SystemExit(f"record_datasets: {name} downloaded; record on a machine offline")
    return errors


def main():
    signatures = {}
    for name in DATASETS:
        module = getattr(keras.datasets, name)
        signatures[f"{name}.load_data"] = str(inspect.signature(module.load_data))
        if hasattr(module, "get_word_index"):
            signatures[f"{name}.get_word_index"] = str(inspect.signature(module.get_word_index))
    fixture = {
        "tensorflow": tf.__version__,
        "signatures": signatures,
        "fashion_mnist": fashion_mnist(),
        "offline_errors": offline_errors(),
    }
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"record_datasets: wrote {FIXTURE}", file=sys.stderr)


if __name__ == "__main__":
    main()
