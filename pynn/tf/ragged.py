"""`tf.RaggedTensor` and `tf.ragged.constant`, for what text tutorials meet: the rows of
`tf.strings.split` / `unicode_split` / `unicode_decode` on a batch of strings.

A RaggedTensor here is a batch of rows (2-D, ragged in the second dimension): `values` (the rows
concatenated) and `row_splits`. It prints as TensorFlow prints it, converts with `to_list()`,
`to_tensor(default_value)`, `numpy()`, and indexes rows with `rt[i]`. Deeper nesting and ragged
math are not provided (`tf.ragged.constant` with more than two levels raises).
"""

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tensor_shape import TensorShape


class RaggedTensor:
    """Rows of different lengths: `values[row_splits[i]:row_splits[i + 1]]` is row `i`."""

    def __init__(self, values, row_splits):
        self._values = values  # numpy, 1-D (or rows of a uniform inner shape)
        self._splits = np.asarray(row_splits, dtype=np.int64)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_row_splits(cls, values, row_splits, validate=True):
        return cls(_array(values), row_splits)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, validate=True):
        lengths = np.asarray(_array(row_lengths), dtype=np.int64)
        return cls(_array(values), np.concatenate([[0], np.cumsum(lengths)]))

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, validate=True):
        ids = np.asarray(_array(value_rowids), dtype=np.int64)
        n = int(nrows) if nrows is not None else (int(ids.max()) + 1 if ids.size else 0)
        return cls.from_row_lengths(values, np.bincount(ids, minlength=n))

    @classmethod
    def _from_rows(cls, rows, dtype):
        lengths = [len(row) for row in rows]
        values = (
            np.concatenate([np.asarray(row, dtype=dtype) for row in rows])
            if rows and sum(lengths)
            else np.zeros((0,), dtype=dtype)
        )
        return cls(
            values.astype(dtype, copy=False),
            np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]),
        )

    # ------------------------------------------------------------------ properties
    @property
    def values(self):
        return _wrap(self._values)

    flat_values = values

    @property
    def row_splits(self):
        return _wrap(self._splits)

    @property
    def dtype(self):
        return _dt.from_numpy(self._values.dtype)

    @property
    def shape(self):
        return TensorShape([len(self._splits) - 1, None] + list(self._values.shape[1:]))

    @property
    def ragged_rank(self):
        return 1

    def nrows(self):
        return _wrap(np.asarray(len(self._splits) - 1, dtype=np.int64))

    def row_lengths(self):
        return _wrap(np.diff(self._splits))

    def _rows(self):
        s = self._splits
        return [self._values[s[i] : s[i + 1]] for i in range(len(s) - 1)]

    # ------------------------------------------------------------------ conversion
    def numpy(self):
        """An object array of row arrays (a plain array when every row has the same length),
        as TensorFlow returns."""
        rows = self._rows()
        if not rows:
            return np.zeros((0, 0) + self._values.shape[1:], dtype=self._values.dtype)
        if any(len(row) != len(rows[0]) for row in rows):
            out = np.empty(len(rows), dtype=object)
            for i, row in enumerate(rows):
                out[i] = row
            return out
        return np.array(rows)

    def to_list(self):
        return [row.tolist() for row in self._rows()]

    def to_tensor(self, default_value=None, name=None, shape=None):
        """A dense Tensor, short rows padded with `default_value` (0, or b'' for strings)."""
        rows = self._rows()
        width = max((len(row) for row in rows), default=0)
        n = len(rows)
        if shape is not None:
            dims = TensorShape(shape).as_list()
            n = dims[0] if dims[0] is not None else n
            width = dims[1] if len(dims) > 1 and dims[1] is not None else width
        if default_value is None:
            default_value = b"" if self._values.dtype == object else 0
        out = np.empty((n, width) + self._values.shape[1:], dtype=self._values.dtype)
        out[...] = default_value
        for i, row in enumerate(rows[:n]):
            out[i, : min(len(row), width)] = row[:width]
        return _wrap(out)

    def __getitem__(self, key):
        rows = self._rows()
        if isinstance(key, Tensor):
            key = key._value.item()
        if isinstance(key, (int, np.integer)):
            return _wrap(rows[key])
        if isinstance(key, slice):
            return RaggedTensor._from_rows(rows[key], self._values.dtype)
        raise TypeError(f"RaggedTensor indices must be integers or slices, got {key!r}")

    def __repr__(self):
        # TensorFlow's own formatting: numpy text with ", " separators, rows without dtypes
        with np.printoptions(formatter={"all": _formatter}):
            return f"<tf.RaggedTensor {_formatter(self.numpy())}>"

    __str__ = __repr__


def _formatter(x):
    if isinstance(x, np.ndarray):
        if x.size:
            return np.array2string(x, separator=", ")
        return repr(x.tolist())
    return str(x)


def _array(value):
    return value._value if isinstance(value, Tensor) else convert_to_tensor(value)._value


def constant(
    pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None, row_splits_dtype="int64"
):
    """`tf.ragged.constant`: a RaggedTensor from a list of rows (two levels)."""
    rows = [list(row) for row in pylist]
    if any(isinstance(v, (list, tuple)) for row in rows for v in row):
        raise NotImplementedError(
            "pynn's tf.ragged.constant takes a list of rows of scalars (two levels of nesting)."
        )
    flat = [v for row in rows for v in row]
    values = convert_to_tensor(flat if flat else [], dtype=dtype)._value
    if not flat and dtype is None:
        values = values.astype(np.float32)
    return RaggedTensor._from_rows(rows, values.dtype)
