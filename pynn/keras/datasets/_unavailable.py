"""The error for datasets that Keras downloads and pynn does not ship."""


class DatasetUnavailableError(RuntimeError):
    """A Keras dataset that is not here: pynn works offline and ships only the MNIST and
    Fashion-MNIST subsets."""


def unavailable(dataset, function="load_data"):
    """Return a function that raises DatasetUnavailableError for `keras.datasets.<dataset>`."""

    def fail(*args, **kwargs):
        raise DatasetUnavailableError(
            f"keras.datasets.{dataset}.{function}() needs to download the {dataset} dataset, "
            "and pynn never downloads anything (it runs offline, in the browser too). "
            "Available here: keras.datasets.mnist.load_data(), a 10,000-digit MNIST subset "
            "(8,750 training and 1,250 test images, 28x28 uint8), and "
            "keras.datasets.fashion_mnist.load_data(), a 7,000-image Fashion-MNIST subset "
            "(6,000 training and 1,000 test images, 28x28 uint8)."
        )

    fail.__name__ = function
    fail.__qualname__ = function
    fail.__doc__ = f"Not available in pynn: `{dataset}` would need a download."
    return fail
