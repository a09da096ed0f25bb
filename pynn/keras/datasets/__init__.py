"""`keras.datasets`: MNIST and Fashion-MNIST ship with pynn (small subsets, `data/*.npz`);
the others need a download, which pynn never attempts, so their `load_data()` fails at once
with a message."""

from pynn.keras.datasets import (
    boston_housing,
    cifar10,
    cifar100,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)
from pynn.keras.datasets._unavailable import DatasetUnavailableError

__all__ = [
    "DatasetUnavailableError",
    "boston_housing",
    "cifar10",
    "cifar100",
    "fashion_mnist",
    "imdb",
    "mnist",
    "reuters",
]
