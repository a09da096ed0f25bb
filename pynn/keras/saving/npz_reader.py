"""Reading `.npz` weight files as arrays only: nothing in the file is ever unpickled.

Plain members are read by numpy with `allow_pickle=False`. A 0-d object member (how
tf.keras's `NpzIOStore` stores one `{"0": array, ...}` dict per object) is parsed opcode by
opcode with `pickletools.genops`, which decodes without executing: the only objects this
reader builds are numbers, strings, bytes, tuples, lists, dicts, numpy dtypes of plain
numbers and arrays made from their raw bytes. Any other global, opcode or shape is a
`WeightsFileError`, so an object with a `__reduce__` in a shared file never runs.
"""

import io
import pickletools
import zipfile

import numpy as np


class WeightsFileError(ValueError):
    """A weights file that is missing, truncated, corrupt or of the wrong layout."""


_RECONSTRUCT = frozenset(
    {"numpy.core.multiarray _reconstruct", "numpy._core.multiarray _reconstruct"}
)
_NDARRAY, _DTYPE = "numpy ndarray", "numpy dtype"
_NUMERIC_KINDS = frozenset("biuf")


class _Global:
    def __init__(self, name):
        self.name = name


class _DtypeStub:
    def __init__(self, descr):
        self.descr = descr
        self.byteorder = "="

    def build(self, state):
        if not isinstance(state, tuple) or len(state) < 4 or state[3] is not None:
            raise WeightsFileError("a structured dtype is not a weight")
        self.byteorder = state[1]

    def dtype(self):
        dtype = np.dtype(self.descr)
        if self.byteorder in ("<", ">"):
            dtype = dtype.newbyteorder(self.byteorder)
        return dtype


class _ArrayStub:
    def __init__(self):
        self.value = None

    def build(self, state):
        if not isinstance(state, tuple) or len(state) != 5:
            raise WeightsFileError("unexpected array state")
        _, shape, dtype, fortran, data = state
        if not (
            isinstance(shape, tuple)
            and all(isinstance(d, int) and d >= 0 for d in shape)
            and isinstance(dtype, _DtypeStub)
        ):
            raise WeightsFileError("unexpected array shape or dtype")
        if dtype.descr.startswith("O"):
            if shape != () or not isinstance(data, list) or len(data) != 1:
                raise WeightsFileError("an object array other than one dict")
            self.value = data[0]
            return
        dtype = dtype.dtype()
        if dtype.kind not in _NUMERIC_KINDS or not isinstance(data, bytes):
            raise WeightsFileError(f"dtype {dtype} is not a number type")
        count = int(np.prod(shape, dtype=np.int64))
        if count * dtype.itemsize != len(data):
            raise WeightsFileError("array data of the wrong length")
        array = np.frombuffer(data, dtype=dtype, count=count)
        self.value = array.reshape(shape, order="F" if fortran else "C").copy()


def _reduce(func, args):
    if not isinstance(func, _Global) or not isinstance(args, tuple):
        raise WeightsFileError("a call that is not an array or dtype")
    if (
        func.name in _RECONSTRUCT
        and len(args) == 3
        and isinstance(args[0], _Global)
        and args[0].name == _NDARRAY
    ):
        return _ArrayStub()
    if func.name == _DTYPE and len(args) == 3 and isinstance(args[0], str):
        return _DtypeStub(args[0])
    raise WeightsFileError(f"a call to {func.name}")


def _plain(value):
    """The decoded tree with stubs replaced by their arrays."""
    if isinstance(value, _ArrayStub):
        if not isinstance(value.value, np.ndarray):
            raise WeightsFileError("a nested object array")
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    raise WeightsFileError(f"a {type(value).__name__} where an array belongs")


def read_pickled_array_dict(data):
    """The `{str: ndarray}` dict inside a pickled 0-d object array, without unpickling."""
    stack, marks, memo = [], [], {}

    def pop_mark():
        start = marks.pop()
        items = stack[start:]
        del stack[start:]
        return items

    try:
        for opcode, arg, _ in pickletools.genops(io.BytesIO(data)):
            name = opcode.name
            if name in ("PROTO", "FRAME"):
                continue
            if name == "STOP":
                break
            if name in (
                "BININT",
                "BININT1",
                "BININT2",
                "LONG1",
                "BINUNICODE",
                "SHORT_BINUNICODE",
                "BINUNICODE8",
                "SHORT_BINBYTES",
                "BINBYTES",
                "BINBYTES8",
            ):
                stack.append(arg)
            elif name in ("NONE", "NEWTRUE", "NEWFALSE"):
                stack.append({"NONE": None, "NEWTRUE": True, "NEWFALSE": False}[name])
            elif name == "GLOBAL":
                stack.append(_Global(arg))
            elif name == "STACK_GLOBAL":
                qualname, module = stack.pop(), stack.pop()
                stack.append(_Global(f"{module} {qualname}"))
            elif name == "MARK":
                marks.append(len(stack))
            elif name == "EMPTY_TUPLE":
                stack.append(())
            elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
                n = int(name[-1])
                items = tuple(stack[-n:])
                del stack[-n:]
                stack.append(items)
            elif name == "TUPLE":
                stack.append(tuple(pop_mark()))
            elif name == "EMPTY_LIST":
                stack.append([])
            elif name == "EMPTY_DICT":
                stack.append({})
            elif name == "APPEND":
                value = stack.pop()
                stack[-1].append(value)
            elif name == "APPENDS":
                items = pop_mark()
                stack[-1].extend(items)
            elif name in ("SETITEM", "SETITEMS"):
                items = [stack.pop(), stack.pop()][::-1] if name == "SETITEM" else pop_mark()
                target = stack[-1]
                if len(items) % 2:
                    raise WeightsFileError("an odd number of items for a dict")
                for key, value in zip(items[::2], items[1::2], strict=True):
                    if not isinstance(key, str):
                        raise WeightsFileError("a dict key that is not a string")
                    target[key] = value
            elif name in ("BINPUT", "LONG_BINPUT"):
                memo[arg] = stack[-1]
            elif name == "MEMOIZE":
                memo[len(memo)] = stack[-1]
            elif name in ("BINGET", "LONG_BINGET"):
                stack.append(memo[arg])
            elif name == "REDUCE":
                args, func = stack.pop(), stack.pop()
                stack.append(_reduce(func, args))
            elif name == "BUILD":
                state = stack.pop()
                if not isinstance(stack[-1], (_ArrayStub, _DtypeStub)):
                    raise WeightsFileError("state for an object that is not an array")
                stack[-1].build(state)
            else:
                raise WeightsFileError(f"pickle opcode {name}")
        else:
            raise WeightsFileError("the data ends early")
        if (
            len(stack) != 1
            or not isinstance(stack[0], _ArrayStub)
            or not isinstance(stack[0].value, dict)
        ):
            raise WeightsFileError("not one dict of arrays")
        return _plain(stack[0].value)
    except (IndexError, KeyError, AttributeError, TypeError, ValueError) as e:
        if isinstance(e, WeightsFileError):
            raise
        raise WeightsFileError(f"damaged data ({e})") from e


class NpzReader:
    """The members of an `.npz` file, read one by one and only on request."""

    def __init__(self, source):
        try:
            self._zip = zipfile.ZipFile(source)
            self.files = {n[: -len(".npy")]: n for n in self._zip.namelist() if n.endswith(".npy")}
        except (OSError, zipfile.BadZipFile, ValueError, EOFError) as e:
            raise WeightsFileError(
                f"Could not read the npz weights ({e}). The file may be "
                "truncated or not a weights file."
            ) from e

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._zip.close()

    def read(self, key):
        """The member `key`: an array, or (a tf.keras object member) a dict of arrays."""
        try:
            data = self._zip.read(self.files[key])
            stream = io.BytesIO(data)
            version = np.lib.format.read_magic(stream)
            header = (
                np.lib.format.read_array_header_1_0
                if version == (1, 0)
                else np.lib.format.read_array_header_2_0
            )
            shape, _, dtype = header(stream)
            if dtype.hasobject:
                if shape != ():
                    raise WeightsFileError(f"member {key!r} is an object array")
                return read_pickled_array_dict(data[stream.tell() :])
            stream.seek(0)
            array = np.lib.format.read_array(stream, allow_pickle=False)
            if array.dtype.kind not in _NUMERIC_KINDS:
                raise WeightsFileError(f"member {key!r} holds {array.dtype}, not numbers")
            return array
        except WeightsFileError as e:
            raise WeightsFileError(
                f"Could not read the npz weights: {e}. The file is not a "
                "weights file that pynn reads."
            ) from e
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
            raise WeightsFileError(
                f"Could not read the npz weights ({e}). The file may be "
                "truncated or not a weights file."
            ) from e
