"""Reading and writing `{path: [array, ...]}` weight trees in the three file layouts.

* HDF5 (`.weights.h5`, and `model.weights.h5` inside `.keras`): group `<path>/vars` with
  datasets `0, 1, ...` (tf.keras 2.15 saving_lib). Through h5py, or where it is missing
  through the library given to `use_h5_library` (the playground: h5wasm, `h5_document.py`).
* tf.keras's npz (`model.weights.npz` inside `.keras`): one pickled dict `{"0": array, ...}`
  per path (tf.keras's `NpzIOStore`). Written when h5py is missing; tf.keras 2.15 reads it
  (pynn leaves out the model's own empty `__root__` entry, which tf.keras 2.15 cannot read
  back). pynn reads it without unpickling (see `npz_reader.py`).
* pynn's npz (`.npz` weights files): plain arrays named `<path>/vars/<i>`, no pickling.

Readers take the paths the model needs and read only those, as numbers only; nothing is
assigned until everything is read, so a bad file never half-loads a model.
"""

import io

import numpy as np

from pynn.keras.saving.npz_reader import NpzReader, WeightsFileError

try:
    import h5py
except ImportError:  # optional: Pyodide has no h5py (the playground uses `use_h5_library`)
    h5py = None

_NUMERIC_KINDS = frozenset("biuf")

__all__ = [
    "WeightsFileError",
    "h5_array",
    "read_h5",
    "read_keras_npz",
    "read_npz",
    "to_bytes",
    "use_h5_library",
    "write_h5",
    "write_keras_npz",
    "write_npz",
]


def use_h5_library(library):
    """Read and write HDF5 through `library`, a module with h5py's `File`, `Group`, `Dataset`
    and `HardLink` (h5py itself, or `h5_document` with a codec where h5py is missing)."""
    global h5py
    h5py = library


def hdf5_available():
    """Whether HDF5 files can be written now (h5py, or an HDF5 library given to h5_document)."""
    return h5py is not None and getattr(h5py, "available", lambda: True)()


def require_h5py(what):
    if h5py is None:
        raise ImportError(
            f"{what} needs the h5py package, which is not installed. Install it "
            "(`pip install h5py`), or use a `.npz` file instead."
        )


def _vars_group_name(path):
    return f"{path}/vars" if path else "vars"


# ------------------------------------------------------------------ HDF5
def write_h5(tree, target):
    """Write `tree` to `target` (a path or a binary file object)."""
    require_h5py("Saving weights in HDF5 format")
    with h5py.File(target, "w") as f:
        for path, arrays in tree.items():
            group = f.create_group(_vars_group_name(path))
            for i, array in enumerate(arrays):
                group.create_dataset(str(i), data=np.asarray(array))


def h5_array(group, name):
    """The numeric dataset `name` of `group` as an array; links to other files, external
    storage and non-numeric data are refused (a weights file holds numbers only)."""
    link = group.get(name, getlink=True)
    if link is None:
        raise KeyError(f"no dataset {name!r} in {group.name}")
    if not isinstance(link, h5py.HardLink):
        raise WeightsFileError(f"{group.name}/{name} is a link, not a weight")
    dataset = group[name]
    if (
        not isinstance(dataset, h5py.Dataset)
        or dataset.external
        or dataset.dtype.kind not in _NUMERIC_KINDS
    ):
        raise WeightsFileError(f"{group.name}/{name} is not an array of numbers")
    return np.array(dataset)


def read_h5(source, paths):
    """`{path: [arrays]}` for the wanted `paths` found in the file."""
    require_h5py("Loading weights from an HDF5 file")
    tree = {}
    try:
        with h5py.File(source, "r") as f:
            for path in paths:
                name = _vars_group_name(path)
                link = f.get(name, getlink=True)
                if link is None:
                    continue
                if not isinstance(link, h5py.HardLink) or not isinstance(f[name], h5py.Group):
                    raise WeightsFileError(f"{name} is not a group of weights")
                group = f[name]
                keys = sorted(group.keys(), key=_index)
                tree[path] = [h5_array(group, k) for k in keys]
    except WeightsFileError as e:
        raise WeightsFileError(
            f"Could not read the HDF5 weights: {e}. The file is not a Keras weights file."
        ) from e
    except (OSError, KeyError, ValueError, RuntimeError) as e:
        raise WeightsFileError(
            f"Could not read the HDF5 weights ({e}). The file may be "
            "truncated or not a Keras weights file."
        ) from e
    return tree


def _index(key):
    if not key.isdigit():
        raise WeightsFileError(f"unexpected entry {key!r} among the weights")
    return int(key)


# ------------------------------------------------------------------ tf.keras npz
def write_keras_npz(tree, target):
    """tf.keras's NpzIOStore layout; the model's own entry (`__root__`) only if it holds
    variables: tf.keras 2.15 calls `dict()` on that entry, which fails for a stored dict."""
    contents = {}
    for path, arrays in tree.items():
        if path or arrays:
            contents[path or "__root__"] = {str(i): np.asarray(a) for i, a in enumerate(arrays)}
    np.savez(target, **contents)


def read_keras_npz(source, paths):
    tree = {}
    with NpzReader(source) as npz:
        for path in paths:
            key = path or "__root__"
            if key not in npz.files:
                continue
            group = npz.read(key)
            if not isinstance(group, dict):
                raise WeightsFileError(
                    f"Could not read the npz weights: entry {key!r} is not a dict of arrays."
                )
            tree[path] = [group[str(i)] for i in sorted(map(_index, group))]
    return tree


# ------------------------------------------------------------------ pynn npz
def write_npz(tree, target):
    arrays = {}
    for path, values in tree.items():
        for i, value in enumerate(values):
            arrays[f"{_vars_group_name(path)}/{i}"] = np.asarray(value)
    np.savez(target, **arrays)


def read_npz(source, paths):
    wanted = {_vars_group_name(path): path for path in paths}
    groups = {}
    with NpzReader(source) as npz:
        for key in npz.files:
            head, _, index = key.rpartition("/")
            if not (head == "vars" or head.endswith("/vars")) or not index.isdigit():
                raise WeightsFileError(
                    f"Unexpected entry {key!r}: this is not a pynn weights file."
                )
            if head in wanted:
                array = npz.read(key)
                if not isinstance(array, np.ndarray):
                    raise WeightsFileError(f"Entry {key!r} is not an array.")
                groups.setdefault(wanted[head], {})[int(index)] = array
    return {path: [values[i] for i in sorted(values)] for path, values in groups.items()}


def to_bytes(write, tree):
    buffer = io.BytesIO()
    write(tree, buffer)
    return buffer.getvalue()
