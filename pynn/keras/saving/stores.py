"""Reading and writing `{path: [array, ...]}` weight trees in the three file layouts.

* HDF5 (`.weights.h5`, and `model.weights.h5` inside `.keras`): group `<path>/vars` with
  datasets `0, 1, ...` (tf.keras 2.15 saving_lib). Needs h5py.
* tf.keras's npz (`model.weights.npz` inside `.keras`): one pickled dict `{"0": array, ...}`
  per path, `__root__` for the model itself. Written when h5py is missing (e.g. in Pyodide);
  tf.keras 2.15 reads it too.
* pynn's npz (`.npz` weights files): plain arrays named `<path>/vars/<i>`, no pickling.

Everything is read fully before anything is assigned, so a bad file never half-loads a model.
"""

import io
import zipfile

import numpy as np

try:
    import h5py
except ImportError:  # optional: Pyodide has no h5py
    h5py = None


class WeightsFileError(ValueError):
    """A weights file that is missing, truncated, corrupt or of the wrong layout."""


def require_h5py(what):
    if h5py is None:
        raise ImportError(f"{what} needs the h5py package, which is not installed. Install it "
                          "(`pip install h5py`), or use a `.npz` file instead.")


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


def read_h5(source):
    require_h5py("Loading weights from an HDF5 file")
    tree = {}
    try:
        with h5py.File(source, "r") as f:
            def collect(name, obj):
                if isinstance(obj, h5py.Group) and (name == "vars" or name.endswith("/vars")):
                    path = name[:-len("/vars")] if name != "vars" else ""
                    keys = sorted(obj.keys(), key=int)
                    tree[path] = [np.array(obj[k]) for k in keys]
            f.visititems(collect)
            if "vars" in f:
                collect("vars", f["vars"])
    except (OSError, KeyError, ValueError) as e:
        raise WeightsFileError(f"Could not read the HDF5 weights ({e}). The file may be "
                               "truncated or not a Keras weights file.") from e
    return tree


# ------------------------------------------------------------------ tf.keras npz
def write_keras_npz(tree, target):
    contents = {}
    for path, arrays in tree.items():
        contents[path or "__root__"] = {str(i): np.asarray(a) for i, a in enumerate(arrays)}
    np.savez(target, **contents)


def read_keras_npz(source):
    try:
        data = np.load(source, allow_pickle=True)
        tree = {}
        for key in data.files:
            group = data[key]
            group = group.item() if group.dtype == object else {}
            tree["" if key == "__root__" else key] = [np.asarray(group[str(i)])
                                                     for i in range(len(group))]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as e:
        raise WeightsFileError(f"Could not read the npz weights ({e}).") from e
    return tree


# ------------------------------------------------------------------ pynn npz
def write_npz(tree, target):
    arrays = {}
    for path, values in tree.items():
        for i, value in enumerate(values):
            arrays[f"{_vars_group_name(path)}/{i}"] = np.asarray(value)
    np.savez(target, **arrays)


def read_npz(source):
    try:
        with np.load(source, allow_pickle=False) as data:
            groups = {}
            for key in data.files:
                head, _, index = key.rpartition("/")
                if not head.endswith("vars") or not index.isdigit():
                    raise WeightsFileError(f"Unexpected entry {key!r}: this is not a pynn "
                                           "weights file.")
                path = head[:-len("/vars")] if head != "vars" else ""
                groups.setdefault(path, {})[int(index)] = data[key]
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        if isinstance(e, WeightsFileError):
            raise
        raise WeightsFileError(f"Could not read the npz weights ({e}). The file may be "
                               "truncated or not a weights file.") from e
    return {path: [values[i] for i in sorted(values)] for path, values in groups.items()}


def to_bytes(write, tree):
    buffer = io.BytesIO()
    write(tree, buffer)
    return buffer.getvalue()
