"""Turns the `x`, `y`, `sample_weight` given to `fit`/`evaluate`/`predict` into batches.

Accepted data, as in tf.keras 2.15: numpy arrays, Tensors, nested Python lists of
numbers (one array), and lists/tuples/dicts of those (one entry per model input or
output; dicts keyed by input/output name). Float data becomes float32 once, up
front; every batch is then a view (or, when shuffling, one `take`) of those arrays.

Sources that already yield batches `x`, `(x, y)` or `(x, y, sample_weight)` are
read batch by batch, with tf.keras 2.15's rules for epochs and steps:

* `tf.data.Dataset`: one pass per epoch (`len(ds)` steps; an infinite dataset needs
  `steps_per_epoch`). With a `steps_per_epoch` other than `len(ds)`, epochs take
  that many batches from ONE pass, and training stops when it runs out.
* `keras.utils.Sequence`: `len(seq)` batches per epoch, reshuffled each epoch when
  `shuffle=True`; `seq.on_epoch_end()` after every epoch.
* Python generators/iterators: one stream for the whole of `fit`. Without
  `steps_per_epoch`, the first epoch runs until the generator ends (the progress
  bar shows `Unknown` until then) and later epochs take as many batches.
"""

import itertools
import logging
import math

import numpy as np

from pynn.core import random as prandom
from pynn.core.tensor import _string_array
from pynn.keras.utils.data_utils import Sequence

_SCALARS = (int, float, bool, np.number, np.bool_)


def _is_list_of_scalars(value):
    """`[[0, 1], [1, 0]]` is one array; `[array_a, array_b]` is two inputs (Keras's rule)."""
    while isinstance(value, (list, tuple)):
        if not value:
            return False
        value = value[0]
    return isinstance(value, _SCALARS)


def _to_array(value):
    if hasattr(value, "_value") and isinstance(value._value, np.ndarray):
        value = value._value  # pynn Tensor / Variable
    elif not isinstance(value, np.ndarray):
        if hasattr(value, "to_numpy"):  # pandas objects
            value = value.to_numpy()
        value = np.asarray(value)
    if value.dtype.kind == "f" and value.dtype != np.float32:
        value = value.astype(np.float32)
    elif (
        value.dtype.kind in "SU"
        or value.dtype == object
        and value.size
        and all(isinstance(v, (str, bytes)) for v in value.flat)
    ):
        # strings once, up front, as TensorFlow holds them (UTF-8 bytes): batches are then
        # plain slices, which fit's replayed steps read like any other input
        value = _string_array(value)
    elif value.dtype == object:
        raise ValueError(
            "Failed to convert a NumPy array to a Tensor (Unsupported object type "
            f"{type(value.flat[0]).__name__ if value.size else 'object'})."
        )
    if value.ndim == 0:
        raise ValueError(f"Expected an array with a batch dimension, received a scalar: {value}")
    return value


def to_arrays(data):
    """Converts every leaf of a (possibly nested) structure to a numpy array."""
    if data is None:
        return None
    if isinstance(data, dict):
        return {key: to_arrays(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        if _is_list_of_scalars(data):
            return _to_array(data)
        converted = [to_arrays(value) for value in data]
        return converted if isinstance(data, list) else tuple(converted)
    if _is_generator_like(data):
        raise ValueError(
            f"Unsupported input type {type(data).__name__} here: give a dataset, generator "
            "or keras.utils.Sequence as `x` alone (yielding `(x, y)` batches), or numpy "
            "arrays, Tensors, lists and dicts of them."
        )
    return _to_array(data)


def _is_dataset(data):
    """A `tf.data.Dataset` (pynn.tf.data), recognised without importing the tf layer."""
    return hasattr(data, "as_numpy_iterator") and hasattr(data, "cardinality")


def _is_sequence(data):
    return isinstance(data, Sequence)


def _is_iterator(data):
    """A Python generator or iterator (what tf.keras's GeneratorDataAdapter takes)."""
    return (
        hasattr(data, "__next__") and hasattr(data, "__iter__") and not isinstance(data, np.ndarray)
    )


def _batch_source_kind(data):
    if _is_dataset(data):
        return "dataset"
    if _is_sequence(data):
        return "sequence"
    if _is_iterator(data):
        return "generator"
    return None


def _is_generator_like(data):
    return hasattr(data, "__next__") or (
        hasattr(data, "__iter__")
        and not isinstance(data, np.ndarray)
        and not hasattr(data, "_value")
        and not hasattr(data, "__array__")
    )


def flatten(data):
    """Leaves of a structure in a fixed order (dicts by sorted key, like tf.nest)."""
    if data is None:
        return []
    if isinstance(data, dict):
        return [leaf for key in sorted(data) for leaf in flatten(data[key])]
    if isinstance(data, (list, tuple)):
        return [leaf for value in data for leaf in flatten(value)]
    return [data]


def map_structure(fn, data):
    if data is None:
        return None
    if isinstance(data, dict):
        return {key: map_structure(fn, value) for key, value in data.items()}
    if isinstance(data, list):
        return [map_structure(fn, value) for value in data]
    if isinstance(data, tuple):
        return tuple(map_structure(fn, value) for value in data)
    return fn(data)


def unpack_x_y_sample_weight(data):
    """`(x,)`, `(x, y)`, `(x, y, sample_weight)` or `x` -> `(x, y, sample_weight)`."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
        f"found: {data}"
    )


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    if y is None:
        return (x,) if isinstance(x, (list, tuple)) else x
    if sample_weight is None:
        return x, y
    return x, y, sample_weight


def check_data_cardinality(x, y=None, sample_weight=None):
    """Raises Keras's "Data cardinality is ambiguous" error when sample counts differ."""
    parts = (x, y, sample_weight)
    sizes = {int(leaf.shape[0]) for part in parts for leaf in flatten(part)}
    if len(sizes) > 1:
        message = "Data cardinality is ambiguous:\n"
        for label, part in zip(("x", "y", "sample_weight"), parts, strict=True):
            if part is None:
                continue
            message += (
                f"  {label} sizes: "
                + ", ".join(str(leaf.shape[0]) for leaf in flatten(part))
                + "\n"
            )
        message += "Make sure all arrays contain the same number of samples."
        raise ValueError(message)
    return sizes.pop() if sizes else 0


def _raw_leaves(data):
    """Leaves of unconverted user data (a list of numbers counts as one leaf)."""
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _raw_leaves(value)]
    if isinstance(data, (list, tuple)) and not _is_list_of_scalars(data):
        return [leaf for value in data for leaf in _raw_leaves(value)]
    return [] if data is None else [data]


def train_validation_split(arrays, validation_split):
    """Splits the tuple `(x, y, sample_weight)`: the LAST `validation_split` fraction validates.

    The split happens before any shuffling, exactly as tf.keras does. Datasets,
    generators and Sequences cannot be split (tf.keras's ValueError).
    """
    unsplitable = [
        type(leaf)
        for leaf in _raw_leaves(arrays)
        if _batch_source_kind(leaf) is not None or _is_generator_like(leaf)
    ]
    if unsplitable:
        raise ValueError(
            "`validation_split` is only supported for Tensors or NumPy arrays, found "
            f"following types in the input: {unsplitable}"
        )
    arrays = tuple(to_arrays(part) for part in arrays)  # (x, y, sample_weight)
    leaves = [leaf for leaf in flatten(arrays) if leaf is not None]
    if not leaves:
        return arrays, arrays
    batch_dim = int(leaves[0].shape[0])
    split_at = math.floor(batch_dim * (1.0 - validation_split))
    if split_at == 0 or split_at == batch_dim:
        raise ValueError(
            f"Training data contains {batch_dim} samples, which is not sufficient to split it "
            "into a validation and training set as specified by "
            f"`validation_split={validation_split}`. Either provide more data, or a different "
            "value for the `validation_split` argument."
        )
    train = map_structure(lambda a: a[:split_at], arrays)
    val = map_structure(lambda a: a[split_at:], arrays)
    return train, val


def class_weight_to_sample_weight(class_weight, y, sample_weight=None):
    """Per-sample weights from `{class_id: weight}` (classes from sparse or one-hot `y`)."""
    class_ids = sorted(class_weight.keys())
    if class_ids != list(range(len(class_ids))):
        raise ValueError(
            "Expected `class_weight` to be a dict with keys from 0 to one less than the "
            f"number of classes, found {class_weight}"
        )
    if isinstance(y, (list, tuple, dict)):
        raise ValueError("`class_weight` is only supported for Models with a single output.")
    table = np.asarray([class_weight[c] for c in class_ids], dtype=np.float32)
    if y.ndim >= 2:
        classes = (
            np.argmax(y, axis=-1)
            if y.shape[-1] > 1
            else np.round(np.squeeze(y, axis=-1)).astype(np.int64)
        )
    else:
        classes = np.round(y).astype(np.int64)
    if classes.size and (classes.min() < 0 or classes.max() >= len(table)):
        bad = classes[(classes < 0) | (classes >= len(table))].flat[0]
        raise ValueError(
            f"`class_weight` has no weight for class {bad}; it covers classes "
            f"0 to {len(table) - 1}."
        )
    weights = table[classes]
    if sample_weight is None:
        return weights
    sample_weight = np.asarray(sample_weight, dtype=np.float32)
    extra = weights.ndim - sample_weight.ndim
    if extra > 0:
        sample_weight = sample_weight.reshape(sample_weight.shape + (1,) * extra)
    return sample_weight * weights


def _generator():
    try:
        return prandom.generator()
    except (ImportError, AttributeError):
        return np.random.default_rng()


class DataHandler:
    """Batches of `(x, y, sample_weight)` for a number of epochs.

    Args:
        x, y, sample_weight: the data (see the module docstring); `x` may also be a
            `tf.data.Dataset`, a `keras.utils.Sequence` or a Python generator yielding
            whole batches (then `y` and `sample_weight` must be None).
        batch_size: samples per batch (default 32); the last batch may be smaller.
            Ignored for sources that yield batches, as in tf.keras.
        steps_per_epoch: batches per epoch (default: enough to see every sample once).
        initial_epoch, epochs: the epochs `enumerate_epochs` yields.
        shuffle: reshuffle the samples every epoch (`"batch"` shuffles whole batches);
            reorders a Sequence's batches; ignored for datasets and generators.
        class_weight: `{class: weight}` folded into the sample weights.
    """

    def __init__(
        self,
        x,
        y=None,
        sample_weight=None,
        batch_size=None,
        steps_per_epoch=None,
        initial_epoch=0,
        epochs=1,
        shuffle=False,
        class_weight=None,
    ):
        if steps_per_epoch is not None and steps_per_epoch == 0:
            raise ValueError(
                "Unexpected value for `steps_per_epoch`. Received value is 0. Please check "
                "the docstring for `model.fit()` for supported values."
            )
        self.steps_per_epoch = steps_per_epoch
        self.initial_epoch = initial_epoch
        self.epochs = epochs
        self.out_of_data = False
        self._stream_iter = None
        self._in_epochs = False
        self._kind = _batch_source_kind(x)
        if self._kind is not None:
            self._init_batch_source(x, y, sample_weight, shuffle, class_weight)
            return
        self.x = to_arrays(x)
        self.y = to_arrays(y)
        self.sample_weight = to_arrays(sample_weight)
        if self.x is None or not flatten(self.x):
            raise ValueError("Expected input data to be non-empty.")
        self.num_samples = check_data_cardinality(self.x, self.y, self.sample_weight)
        if class_weight is not None:
            if self.y is None:
                raise ValueError("`class_weight` needs target data `y`.")
            self.sample_weight = class_weight_to_sample_weight(
                class_weight, self.y, self.sample_weight
            )
        if batch_size is None:
            batch_size = 32
        if int(batch_size) != batch_size or batch_size < 1:
            raise ValueError(f"`batch_size` must be a positive integer. Received: {batch_size}")
        self.batch_size = int(batch_size)
        self.batches_per_pass = math.ceil(self.num_samples / self.batch_size)
        self.inferred_steps = steps_per_epoch or self.batches_per_pass
        if self.num_samples == 0 or self.inferred_steps == 0:
            raise ValueError("Expected input data to be non-empty.")
        self.shuffle = shuffle
        # Without steps_per_epoch every epoch is a fresh pass; with it, one stream.
        self._recreate = steps_per_epoch is None

    def _init_batch_source(self, source, y, sample_weight, shuffle, class_weight):
        """A dataset, Sequence or generator that yields whole batches."""
        described = {
            "dataset": "dataset",
            "sequence": "`keras.utils.Sequence`",
            "generator": "python generator",
        }[self._kind]
        for name, value in (("y", y), ("sample_weight", sample_weight)):
            if value is not None and not (isinstance(value, (list, tuple, dict)) and not value):
                raise ValueError(
                    f"`{name}` argument is not supported when using {described} as input."
                )
        self._source = source
        self._class_weight = class_weight
        self.x = self.y = self.sample_weight = None
        self.num_samples = self.batch_size = None
        self.shuffle = bool(shuffle) and self._kind == "sequence"
        steps = self.steps_per_epoch
        if self._kind == "dataset":
            size = int(source.cardinality())
            if size == -1 and steps is None:  # tf.data.INFINITE_CARDINALITY
                raise ValueError(
                    "When providing an infinite dataset, you must specify the number of "
                    "steps to run (if you did not intend to create an infinite dataset, "
                    "make sure to not call `repeat()` on the dataset)."
                )
            self.batches_per_pass = size if size >= 0 else None
            self._recreate = steps is None or steps == size
        elif self._kind == "sequence":
            self.batches_per_pass = len(source)
            self._recreate = True
        else:
            self.batches_per_pass = None
            self._recreate = False
            try:  # peek, so an empty generator fails now
                first = next(source)
            except StopIteration:
                raise ValueError("Expected input data to be non-empty.") from None
            self._source = itertools.chain([first], source)
        self.inferred_steps = steps or self.batches_per_pass
        if self.inferred_steps == 0:
            raise ValueError("Expected input data to be non-empty.")

    def _convert(self, element):
        x, y, sw = unpack_x_y_sample_weight(element)
        x, y, sw = to_arrays(x), to_arrays(y), to_arrays(sw)
        if self._class_weight is not None and y is not None:
            sw = class_weight_to_sample_weight(self._class_weight, y, sw)
        return x, y, sw

    def restart(self):
        """Start again from the first pass (evaluation runs over the same data each time);
        a generator cannot rewind, so it just goes on."""
        self.out_of_data = False
        self._stream_iter = None

    def enumerate_epochs(self):
        self._in_epochs = True
        try:
            for epoch in range(self.initial_epoch, self.epochs):
                if self.out_of_data:
                    return
                yield epoch
                if self._kind == "sequence":
                    self._source.on_epoch_end()
        finally:
            self._in_epochs = False

    def _one_pass(self):
        """The batches of one pass over the data, reshuffled if asked."""
        if self._kind == "dataset":
            for element in self._source.as_numpy_iterator():
                yield self._convert(element)
            return
        if self._kind == "sequence":
            order = range(len(self._source))
            if self.shuffle:
                order = _generator().permutation(len(self._source))
            for index in order:
                yield self._convert(self._source[int(index)])
            return
        n, size = self.num_samples, self.batch_size
        if self.shuffle == "batch":
            for b in _generator().permutation(self.batches_per_pass):
                sl = slice(int(b) * size, min(n, (int(b) + 1) * size))
                yield self._take(lambda a, s=sl: a[s])
        elif self.shuffle:
            order = _generator().permutation(n)
            for start in range(0, n, size):
                index = order[start : start + size]
                yield self._take(lambda a, i=index: a.take(i, axis=0))
        else:
            for start in range(0, n, size):
                sl = slice(start, min(n, start + size))
                yield self._take(lambda a, s=sl: a[s])

    def _stream(self):
        """Where epochs draw their batches from when they do not each start a new pass."""
        if self._kind == "generator":
            return (self._convert(element) for element in self._source)
        if self._kind == "dataset":  # one pass, shared by the epochs
            return self._one_pass()
        return itertools.chain.from_iterable(
            self._one_pass() for _ in range(max(1, self.epochs - self.initial_epoch))
        )

    def batches(self):
        """Yields `(step, (x, y, sample_weight))` for one epoch.

        Epochs that start a new pass take all of it (or `steps_per_epoch` batches).
        Otherwise they take `steps_per_epoch` batches (for a generator without it: all
        it yields in the first epoch, as many in later ones) from one stream; when the
        stream ends early, training stops with Keras's warning.
        """
        if self._recreate:
            source = self._one_pass()
        else:
            if self._stream_iter is None:
                self._stream_iter = self._stream()
            source = self._stream_iter
        limit = self.steps_per_epoch
        if limit is None and not self._recreate:
            limit = self.inferred_steps  # None until a generator's first epoch ends
        if limit is None:
            count = 0
            for count, batch in enumerate(source, 1):
                yield count - 1, batch
            if self.inferred_steps is None and count:
                self.inferred_steps = count
        else:
            for step in range(limit):
                batch = next(source, None)
                if batch is None:
                    self._ran_out(limit)
                    break
                yield step, batch
        if self._kind == "sequence" and not self._in_epochs:
            self._source.on_epoch_end()  # evaluate / predict: once at the end

    def _ran_out(self, steps):
        self.out_of_data = True
        total = steps * max(1, self.epochs - self.initial_epoch)
        logging.getLogger("pynn").warning(
            "Your input ran out of data; interrupting training. Make sure that your "
            "dataset or generator can generate at least `steps_per_epoch * epochs` "
            f"batches (in this case, {total} batches). You may need to use the repeat() "
            "function when building your dataset."
        )

    def _take(self, fn):
        x = fn(self.x) if isinstance(self.x, np.ndarray) else map_structure(fn, self.x)
        y = self.y
        if y is not None:
            y = fn(y) if isinstance(y, np.ndarray) else map_structure(fn, y)
        sw = self.sample_weight
        if sw is not None:
            sw = fn(sw) if isinstance(sw, np.ndarray) else map_structure(fn, sw)
        return x, y, sw
