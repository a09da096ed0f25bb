"""The dataset files that ship with pynn (`data/<name>.npz`, made by `tools/make_<name>.py`)."""

import os

import numpy as np

from pynn.keras.datasets._unavailable import DatasetUnavailableError

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
KEYS = ("x_train", "y_train", "x_test", "y_test")


def bundled_path(name):
    """Where the bundled `.npz` of `keras.datasets.<name>` lives."""
    return os.path.join(DATA_DIR, f"{name}.npz")


def read_npz(source, what):
    """`(x_train, y_train), (x_test, y_test)` from an `.npz` with Keras' keys (arrays only,
    never unpickled); `what` names the dataset in the error for a file without those keys."""
    with np.load(source, allow_pickle=False) as f:
        missing = [k for k in KEYS if k not in f.files]
        if missing:
            raise ValueError(
                f"{source} is not {what} file: it lacks {', '.join(missing)} "
                f"(found {', '.join(f.files) or 'nothing'})."
            )
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def load_bundled(name, what):
    """The bundled subset of `keras.datasets.<name>` (`what`: "an MNIST", for the error of a
    file without Keras' keys), or a clear error when its file is not here (in the playground
    a dataset's file is fetched before a program that names it runs)."""
    path = bundled_path(name)
    if not os.path.isfile(path):
        raise DatasetUnavailableError(
            f"keras.datasets.{name}.load_data(): the file of its bundled subset "
            f"({name}.npz) is missing. In the playground a dataset's file is fetched before "
            f"the run when the program's text names it: write `{name}` in the program (for "
            f"example `keras.datasets.{name}.load_data()`) and run it again."
        )
    return read_npz(path, what)
