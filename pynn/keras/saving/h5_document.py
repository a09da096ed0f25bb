"""An h5py-shaped HDF5 file held in memory and encoded by a separate HDF5 library.

Where h5py is missing (the playground), `stores.py` and `legacy_h5.py` still talk the small
part of h5py they use — `File(target, mode)`, groups, `create_group`, `create_dataset`,
`attrs`, `get(name, getlink=True)`, `HardLink`, `Dataset`, `np.array(dataset)` — and this
module provides it over a plain tree of dicts. A *codec* turns the tree into HDF5 bytes and
back: in the browser the HDF5 C library compiled to WebAssembly (h5wasm, see
web/src/worker/h5wasm.js); in tests h5py itself. The tree, one dict per object:

    {"kind": "group", "attrs": {...}, "children": {name: node}}
    {"kind": "dataset", "dtype": "<f4", "shape": [2, 3], "data": bytes, "attrs": {...}}
    {"kind": "link"}                     # a soft or external link (never followed)
    attribute: {"dtype": "<f8", "shape": [2], "data": bytes} or {"strings": [...], "shape": [...]}
"""

import io
import os

import numpy as np


def available():
    """Whether an HDF5 library (a codec) is attached."""
    return File.codec is not None


class HardLink:
    """What `get(name, getlink=True)` returns for an object stored in this file."""


class SoftLink:
    """A link to another place (or file): returned by `get(name, getlink=True)`, never followed."""


ExternalLink = SoftLink


def _encode_attr(value):
    array = np.asarray(value)
    if array.dtype.kind in "SUO":
        strings = [v.decode("utf8") if isinstance(v, bytes) else str(v) for v in array.reshape(-1)]
        return {"strings": strings, "shape": list(array.shape)}
    array = np.array(array, order="C")
    if array.dtype.byteorder == ">":
        array = array.astype(array.dtype.newbyteorder("<"))
    return {"dtype": array.dtype.str, "shape": list(array.shape), "data": array.tobytes()}


def _decode_attr(value):
    shape = tuple(value.get("shape") or ())
    if "strings" in value:
        strings = list(value["strings"])
        return strings[0] if shape == () else np.array(strings, dtype=object).reshape(shape)
    array = np.frombuffer(bytes(value["data"]), dtype=np.dtype(value["dtype"])).reshape(shape)
    return array[()] if shape == () else array.copy()


class Attributes:
    def __init__(self, node):
        self._node = node

    def __setitem__(self, name, value):
        self._node.setdefault("attrs", {})[name] = _encode_attr(value)

    def __getitem__(self, name):
        return _decode_attr(self._node.get("attrs", {})[name])

    def __contains__(self, name):
        return name in self._node.get("attrs", {})

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def keys(self):
        return list(self._node.get("attrs", {}))


class Dataset:
    def __init__(self, node, name):
        self._node = node
        self.name = name
        self.attrs = Attributes(node)
        self.external = None  # the tree never holds external storage
        self.dtype = np.dtype(node["dtype"])
        self.shape = tuple(node["shape"])

    def __array__(self, dtype=None, copy=None):
        array = np.frombuffer(bytes(self._node["data"]), dtype=self.dtype)
        array = array.reshape(self.shape).copy()
        return array if dtype is None else array.astype(dtype)


class Group:
    def __init__(self, node, name):
        self._node = node
        self.name = name
        self.attrs = Attributes(node)

    def _child_path(self, key):
        return f"{self.name.rstrip('/')}/{key}"

    def _lookup(self, path):
        node, name = self._node, self.name
        for part in [p for p in path.split("/") if p]:
            if node.get("kind") != "group" or part not in node.get("children", {}):
                return None, None
            node = node["children"][part]
            name = f"{name.rstrip('/')}/{part}"
        return node, name

    def get(self, path, default=None, getlink=False):
        node, name = self._lookup(path)
        if node is None:
            return default
        if getlink:
            return SoftLink() if node["kind"] == "link" else HardLink()
        return self._wrap(node, name)

    @staticmethod
    def _wrap(node, name):
        if node["kind"] == "group":
            return Group(node, name)
        if node["kind"] == "dataset":
            return Dataset(node, name)
        raise KeyError(f"{name} is a link, which pynn does not follow")

    def __getitem__(self, path):
        node, name = self._lookup(path)
        if node is None:
            raise KeyError(f"Unable to open object (object '{path}' doesn't exist)")
        return self._wrap(node, name)

    def __contains__(self, path):
        return self._lookup(path)[0] is not None

    def keys(self):
        return list(self._node.get("children", {}))

    def create_group(self, path):
        node, name = self._node, self.name
        for part in [p for p in path.split("/") if p]:
            children = node.setdefault("children", {})
            if part not in children:
                children[part] = {"kind": "group", "attrs": {}, "children": {}}
            node = children[part]
            name = f"{name.rstrip('/')}/{part}"
        return Group(node, name)

    def create_dataset(self, path, data):
        head, _, leaf = path.rpartition("/")
        parent = self.create_group(head) if head else self
        array = np.array(data, order="C")
        if array.dtype.kind not in "biuf":
            raise TypeError(f"pynn's HDF5 files hold numbers only, not {array.dtype}")
        if array.dtype.byteorder == ">":
            array = array.astype(array.dtype.newbyteorder("<"))
        node = {
            "kind": "dataset",
            "dtype": array.dtype.str,
            "shape": list(array.shape),
            "data": array.tobytes(),
            "attrs": {},
        }
        parent._node.setdefault("children", {})[leaf] = node
        return Dataset(node, parent._child_path(leaf))


class File(Group):
    """`File(path_or_file_object, "r" | "w")`; written through the codec when closed."""

    codec = None  # set by whoever provides the HDF5 library (see `use_codec`)

    def __init__(self, target, mode="r"):
        if File.codec is None:
            raise ImportError("HDF5 files need an HDF5 library, and none is loaded.")
        self._target, self._mode = target, mode
        if mode == "r":
            data = target.read() if hasattr(target, "read") else _read_path(target)
            node = File.codec.read(bytes(data))
        elif mode == "w":
            node = {"kind": "group", "attrs": {}, "children": {}}
        else:
            raise ValueError(
                f"Unsupported mode {mode!r}: pynn opens HDF5 files to read ('r') or write ('w')."
            )
        super().__init__(node, "/")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._mode == "w" and self._target is not None:
            data = File.codec.write(self._node)
            if hasattr(self._target, "write"):
                self._target.write(data)
            else:
                with open(self._target, "wb") as f:
                    f.write(data)
        self._target = None


def _read_path(path):
    try:
        with open(os.fspath(path), "rb") as f:
            return f.read()
    except OSError as e:
        raise OSError(f"Unable to open file (unable to open file: name = '{path}')") from e


class H5pyCodec:
    """The tree <-> HDF5 bytes through h5py (tests on CPython prove the tree model with it)."""

    def __init__(self, h5py):
        self.h5py = h5py

    def write(self, node):
        buffer = io.BytesIO()
        with self.h5py.File(buffer, "w") as f:
            self._write(f, node)
        return buffer.getvalue()

    def _write(self, group, node):
        for name, attr in node.get("attrs", {}).items():
            group.attrs[name] = (
                _decode_attr(attr)
                if "strings" not in attr
                else np.array([s.encode("utf8") for s in attr["strings"]]).reshape(attr["shape"])
            )
        for name, child in node.get("children", {}).items():
            if child["kind"] == "group":
                self._write(group.create_group(name), child)
            else:
                dataset = group.create_dataset(name, data=np.asarray(Dataset(child, name)))
                self._write(dataset, {"attrs": child.get("attrs", {})})

    def read(self, data):
        with self.h5py.File(io.BytesIO(data), "r") as f:
            return self._read(f)

    def _read(self, obj):
        node = {"attrs": {k: _encode_attr(v) for k, v in obj.attrs.items()}}
        if isinstance(obj, self.h5py.Dataset):
            array = np.asarray(obj)
            node.update(
                kind="dataset", dtype=array.dtype.str, shape=list(array.shape), data=array.tobytes()
            )
            return node
        node.update(kind="group", children={})
        for name in obj:
            link = obj.get(name, getlink=True)
            node["children"][name] = (
                self._read(obj[name]) if isinstance(link, self.h5py.HardLink) else {"kind": "link"}
            )
        return node
