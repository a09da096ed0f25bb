"""`tf.data`: `Dataset` pipelines over in-memory arrays (from_tensor_slices, shuffle, batch,
map, repeat, ...), iterated eagerly as structures of Tensors.

While a dataset is still "slices of arrays" (from_tensor_slices, then shuffle/take/skip/
repeat), batching gathers whole batches with one numpy indexing per array instead of
stacking elements one by one.
"""

import itertools

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core import random as _random
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import fail as _trace_fail
from pynn.tf.eager import TensorSpec

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "experimental"]

AUTOTUNE = -1
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


# --------------------------------------------------------------------------- structures
def _map_structure(fn, s):
    if isinstance(s, dict):
        return {k: _map_structure(fn, v) for k, v in s.items()}
    if isinstance(s, tuple):
        items = [_map_structure(fn, v) for v in s]
        return type(s)(*items) if hasattr(s, "_fields") else tuple(items)
    return fn(s)


def _leaves(s):
    if isinstance(s, dict):
        return [x for v in s.values() for x in _leaves(v)]
    if isinstance(s, tuple):
        return [x for v in s for x in _leaves(v)]
    return [s]


def _as_array(x):
    if isinstance(x, Tensor):
        return x._value
    if isinstance(x, np.ndarray):
        return x
    return convert_to_tensor(x)._value


def _to_arrays(s):
    """Nested tuples/dicts of arrays; a list is one tensor (as in TF), not a structure."""
    return _map_structure(_as_array, s)


def _to_tensors(s):
    return _map_structure(
        lambda a: a if isinstance(a, (Tensor, Dataset)) else _wrap(np.asarray(a)), s
    )


def _call(fn, element):
    return (
        fn(*element)
        if isinstance(element, tuple) and not hasattr(element, "_fields")
        else fn(element)
    )


def _stack(elements):
    first = elements[0]
    if isinstance(first, dict):
        return {k: _stack([e[k] for e in elements]) for k in first}
    if isinstance(first, tuple):
        return tuple(_stack([e[i] for e in elements]) for i in range(len(first)))
    return np.stack([_as_array(e) for e in elements])


def _seeded(seed):
    return _random.op_generator(seed)


# --------------------------------------------------------------------------- Dataset
class Dataset:
    """An iterable pipeline of elements (Tensors, or tuples/dicts of Tensors), as tf.data."""

    def __init__(
        self,
        make_iterator,
        cardinality,
        arrays=None,
        make_indices=None,
        kind="_VariantDataset",
        spec=None,
    ):
        self._make_iterator = make_iterator  # () -> iterator of array structures
        self._cardinality = cardinality
        self._arrays = arrays  # structure of arrays, while index-addressable
        self._make_indices = make_indices  # () -> int array of rows of `arrays`
        self._kind = kind  # TensorFlow's class name, for repr
        self._spec = spec  # element_spec, or a function computing it

    def _as(self, kind, spec=None):
        """This dataset under another TensorFlow class name (and element spec)."""
        return Dataset(
            self._make_iterator,
            self._cardinality,
            self._arrays,
            self._make_indices,
            kind,
            self._spec if spec is None else spec,
        )

    @property
    def element_spec(self):
        """The structure of `TensorSpec`s of one element (TensorFlow's static description;
        a dimension that varies between elements is None)."""
        if callable(self._spec):
            self._spec = self._spec()
        if self._spec is None:
            self._spec = _peek_spec(self)
        return self._spec

    # --- sources
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per row of `tensors` (a tensor, or a tuple/dict of them)."""
        arrays = _to_arrays(tensors)
        sizes = {len(a) if np.ndim(a) else None for a in _leaves(arrays)}
        if None in sizes:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        if len(sizes) > 1:
            raise ValueError(
                f"Dimensions {sorted(sizes)} in the tensors to slice must all be "
                "equal (every component needs the same number of rows)."
            )
        n = sizes.pop()
        return Dataset._slices(arrays, lambda: np.arange(n), n)

    @staticmethod
    def _slices(arrays, make_indices, n, kind="_TensorSliceDataset"):
        def iterate():
            for i in make_indices():
                yield _map_structure(lambda a, i=i: a[i], arrays)

        return Dataset(
            iterate,
            n,
            arrays,
            make_indices,
            kind,
            lambda: _map_structure(lambda a: _spec_of(a.shape[1:], a.dtype), arrays),
        )

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset of exactly one element: `tensors`."""
        element = _to_arrays(tensors)
        return Dataset(
            lambda: iter([element]),
            1,
            kind="_TensorDataset",
            spec=_map_structure(lambda a: _spec_of(a.shape, a.dtype), element),
        )

    @staticmethod
    def range(*args, output_type=None, name=None):
        values = np.arange(*args).astype(
            np.int64 if output_type is None else np.dtype(getattr(output_type, "name", output_type))
        )
        return Dataset.from_tensor_slices(values)._as("_RangeDataset")

    @staticmethod
    def from_generator(
        generator,
        output_types=None,
        output_shapes=None,
        args=None,
        output_signature=None,
        name=None,
    ):
        """Elements produced by calling `generator()` anew for each pass, converted to
        `output_signature` (a structure of `tf.TensorSpec`) or `output_types` / `output_shapes`
        when given."""
        if output_signature is None and output_types is not None:
            output_signature = _map_structure2(
                lambda t, s: _spec_of(s, t),
                output_types,
                output_shapes
                if output_shapes is not None
                else _map_structure(lambda t: None, output_types),
            )

        def iterate():
            for element in generator(*(args or ())):
                element = element if not isinstance(element, list) else tuple(element)
                if output_signature is None:
                    yield _to_arrays(element)
                else:
                    yield _map_structure2(_conform, output_signature, element)

        return Dataset(iterate, UNKNOWN_CARDINALITY, kind="_FlatMapDataset", spec=output_signature)

    @staticmethod
    def zip(*datasets, name=None):
        datasets = (
            datasets[0] if len(datasets) == 1 and isinstance(datasets[0], tuple) else datasets
        )
        cards = [d._cardinality for d in datasets]
        finite = [c for c in cards if c >= 0]
        card = (
            min(finite)
            if finite
            else (UNKNOWN_CARDINALITY if UNKNOWN_CARDINALITY in cards else INFINITE_CARDINALITY)
        )
        # zip stops at the shortest dataset, as tf.data's does
        return Dataset(
            lambda: zip(*[d._make_iterator() for d in datasets], strict=False),
            card,
            kind="_ZipDataset",
            spec=lambda: tuple(d.element_spec for d in datasets),
        )

    # --- transformations
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Shuffle with a buffer of `buffer_size` elements (a full shuffle when it holds all)."""
        buffer_size = int(buffer_size)
        if buffer_size <= 0:
            raise ValueError(f"buffer_size must be greater than zero, got {buffer_size}")
        # without reshuffling, every pass replays the order drawn from one fixed seed
        fixed = None if reshuffle_each_iteration else int(_rng(seed).integers(2**31))

        def pass_rng():
            return _rng(seed) if fixed is None else np.random.default_rng(fixed)

        if self._arrays is not None:
            parent = self._make_indices
            return Dataset._slices(
                self._arrays,
                lambda: _buffer_shuffle(parent(), buffer_size, pass_rng()),
                self._cardinality,
                "_ShuffleDataset",
            )

        source = self._make_iterator

        def iterate():
            rng = pass_rng()
            buf = []
            for element in source():
                if len(buf) < buffer_size:
                    buf.append(element)
                    continue
                j = int(rng.integers(buffer_size))
                yield buf[j]
                buf[j] = element
            for j in rng.permutation(len(buf)):
                yield buf[j]

        return Dataset(iterate, self._cardinality, kind="_ShuffleDataset", spec=self._spec)

    def batch(
        self,
        batch_size,
        drop_remainder=False,
        num_parallel_calls=None,
        deterministic=None,
        name=None,
    ):
        """Stack `batch_size` consecutive elements (the last batch may be smaller)."""
        batch_size, card = _batch_size_and_cardinality(
            batch_size, drop_remainder, self._cardinality
        )
        parent = self

        def spec():
            return _map_structure(
                lambda t: _spec_of(
                    [batch_size if drop_remainder else None] + t.shape.as_list(), t.dtype
                ),
                parent.element_spec,
            )

        if self._arrays is not None:
            arrays, make_indices = self._arrays, self._make_indices

            def iterate_slices():
                idx = make_indices()
                stop = len(idx) - len(idx) % batch_size if drop_remainder else len(idx)
                for start in range(0, stop, batch_size):
                    rows = idx[start : start + batch_size]
                    yield _map_structure(lambda a, rows=rows: a[rows], arrays)

            return Dataset(iterate_slices, card, kind="_BatchDataset", spec=spec)
        source = self._make_iterator

        def iterate():
            for chunk in _chunks(source(), batch_size, drop_remainder):
                yield _stack(chunk)

        return Dataset(iterate, card, kind="_BatchDataset", spec=spec)

    def unbatch(self, name=None):
        source = self._make_iterator

        def iterate():
            for element in source():
                n = len(_leaves(element)[0])
                for i in range(n):
                    yield _map_structure(lambda a, i=i: a[i], element)

        parent = self
        return Dataset(
            iterate,
            UNKNOWN_CARDINALITY,
            kind="_UnbatchDataset",
            spec=lambda: _map_structure(
                lambda t: _spec_of(t.shape.as_list()[1:], t.dtype), parent.element_spec
            ),
        )

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """Apply `map_func` to each element (tuple elements are passed as separate args)."""
        source = self._make_iterator

        def iterate():
            for element in source():
                out = _call(map_func, _to_tensors(element))
                yield _to_arrays(tuple(out) if isinstance(out, list) else out)

        kind = "_MapDataset" if num_parallel_calls is None else "_ParallelMapDataset"
        parent = self
        return Dataset(
            iterate, self._cardinality, kind=kind, spec=lambda: _mapped_spec(parent, iterate)
        )

    def filter(self, predicate, name=None):
        source = self._make_iterator

        def iterate():
            for element in source():
                if bool(_call(predicate, _to_tensors(element))):
                    yield element

        return Dataset(iterate, UNKNOWN_CARDINALITY, kind="_FilterDataset", spec=self._spec_ref())

    def take(self, count, name=None):
        count = int(count)
        card = self._cardinality
        if count >= 0:
            card = (
                count if card == INFINITE_CARDINALITY else (min(card, count) if card >= 0 else card)
            )
        if self._arrays is not None and count >= 0:
            parent = self._make_indices
            return Dataset._slices(self._arrays, lambda: parent()[:count], card, "_TakeDataset")
        source = self._make_iterator
        return Dataset(
            lambda: itertools.islice(source(), None if count < 0 else count),
            card,
            kind="_TakeDataset",
            spec=self._spec_ref(),
        )

    def skip(self, count, name=None):
        count = int(count)
        card = self._cardinality
        if card >= 0:
            card = max(card - count, 0) if count >= 0 else 0
        if self._arrays is not None and count >= 0:
            parent = self._make_indices
            return Dataset._slices(self._arrays, lambda: parent()[count:], card, "_SkipDataset")
        source = self._make_iterator
        return Dataset(
            lambda: itertools.islice(source(), max(count, 0), None),
            card,
            kind="_SkipDataset",
            spec=self._spec_ref(),
        )

    def repeat(self, count=None, name=None):
        """Repeat the dataset `count` times (forever if None or -1); reshuffles each pass."""
        count = None if count is None or int(count) < 0 else int(count)
        card = self._cardinality
        if count is None:
            card = INFINITE_CARDINALITY if card != 0 else 0
        elif card >= 0:
            card = card * count
        source = self._make_iterator

        def iterate():
            passes = itertools.count() if count is None else range(count)
            for _ in passes:
                empty = True
                for element in source():
                    empty = False
                    yield element
                if empty:
                    return

        return Dataset(iterate, card, kind="_RepeatDataset", spec=self._spec_ref())

    def concatenate(self, dataset, name=None):
        a, b = self._make_iterator, dataset._make_iterator
        card = (
            self._cardinality + dataset._cardinality
            if self._cardinality >= 0 and dataset._cardinality >= 0
            else UNKNOWN_CARDINALITY
        )
        return Dataset(
            lambda: itertools.chain(a(), b()),
            card,
            kind="_ConcatenateDataset",
            spec=self._spec_ref(),
        )

    def enumerate(self, start=0, name=None):
        source = self._make_iterator
        parent = self
        return Dataset(
            lambda: ((np.int64(i), e) for i, e in enumerate(source(), start)),
            self._cardinality,
            kind="_ZipDataset",
            spec=lambda: (_spec_of((), np.int64), parent.element_spec),
        )

    def prefetch(self, buffer_size, name=None):
        """Kept for compatibility: eager iteration has nothing to overlap."""
        return self._as("_PrefetchDataset", self._spec_ref())

    def cache(self, filename="", name=None):
        """Keep the elements of the first pass in memory and replay them afterwards."""
        source = self._make_iterator
        store = []
        done = [False]

        def iterate():
            if done[0]:
                yield from store
                return
            store.clear()
            for element in source():
                store.append(element)
                yield element
            done[0] = True

        return Dataset(iterate, self._cardinality, kind="CacheDataset", spec=self._spec_ref())

    def with_options(self, options, name=None):
        return self._as("_OptionsDataset", self._spec_ref())

    def _spec_ref(self):
        """This dataset's element spec, computed when first asked for."""
        return lambda: self.element_spec

    # --- tf.data extras
    def reduce(self, initial_state, reduce_func, name=None):
        """Folds the elements into a state: `state = reduce_func(state, element)`."""
        state = _to_tensors(_to_arrays(initial_state))
        for element in self:
            state = reduce_func(state, element)
            state = _to_tensors(_to_arrays(tuple(state) if isinstance(state, list) else state))
        return state

    def padded_batch(
        self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False, name=None
    ):
        """Batches elements of different shapes, padding each to the largest of the batch
        (or to `padded_shapes`) with `padding_values` (0 / b'' by default)."""
        batch_size, card = _batch_size_and_cardinality(
            batch_size, drop_remainder, self._cardinality
        )
        source, parent = self._make_iterator, self

        def iterate():
            for chunk in _chunks(source(), batch_size, drop_remainder):
                yield _pad_stack(chunk, padded_shapes, padding_values)

        def spec():
            inner = parent.element_spec
            shapes = (
                padded_shapes
                if padded_shapes is not None
                else _map_structure(lambda t: [None] * t.shape.rank, inner)
            )
            return _map_structure2(
                lambda t, shape: _spec_of(
                    [batch_size if drop_remainder else None]
                    + [None if d is None or d == -1 else int(d) for d in _dims(shape)],
                    t.dtype,
                ),
                inner,
                shapes,
            )

        return Dataset(iterate, card, kind="_PaddedBatchDataset", spec=spec)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """A dataset of windows: each element is a (structure of) Dataset of `size`
        consecutive elements, windows starting every `shift` elements."""
        size, shift, stride = int(size), int(shift if shift is not None else size), int(stride)
        source, parent = self._make_iterator, self

        def iterate():
            elements = list(source())
            span = (size - 1) * stride + 1
            for start in range(0, len(elements), shift):
                rows = elements[start : start + span : stride]
                if not rows or (drop_remainder and len(rows) < size):
                    break
                yield _window_of(rows)

        return Dataset(
            iterate,
            UNKNOWN_CARDINALITY,
            kind="_WindowDataset",
            spec=lambda: _map_structure(DatasetSpec, parent.element_spec),
        )

    def flat_map(self, map_func, name=None):
        """`map_func` returns a Dataset for each element; their elements, one after another."""
        source = self._make_iterator

        def iterate():
            for element in source():
                yield from _call(map_func, element)._make_iterator()

        parent = self
        return Dataset(
            iterate,
            UNKNOWN_CARDINALITY,
            kind="_FlatMapDataset",
            spec=lambda: _flat_mapped_spec(parent, map_func),
        )

    # --- consumption
    def __iter__(self):
        # its elements are not recorded operations: a traced step cannot replay them
        _trace_fail("iterating a tf.data.Dataset inside a traced function")
        for element in self._make_iterator():
            yield _to_tensors(element)

    def as_numpy_iterator(self):
        for element in self._make_iterator():
            yield _map_structure(lambda a: a[()] if np.ndim(a) == 0 else np.asarray(a), element)

    def cardinality(self):
        return _wrap(np.asarray(self._cardinality, np.int64))

    def __len__(self):
        if self._cardinality == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if self._cardinality < 0:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<{self._kind} element_spec={self.element_spec!r}>"


def _rng(seed):
    return _seeded(seed) if seed is not None else _random.generator()


def _buffer_shuffle(indices, buffer_size, rng):
    """tf.data's shuffle of an index array: a full permutation when the buffer holds it all."""
    n = len(indices)
    if buffer_size >= n:
        return indices[rng.permutation(n)]
    out = np.empty(n, dtype=indices.dtype)
    buf = list(indices[:buffer_size])
    picks = rng.integers(0, buffer_size, size=n - buffer_size)
    for k, (j, incoming) in enumerate(zip(picks, indices[buffer_size:], strict=True)):
        out[k] = buf[j]
        buf[j] = incoming
    tail = np.asarray(buf, dtype=indices.dtype)[rng.permutation(len(buf))]
    out[n - buffer_size :] = tail
    return out


def _batch_size_and_cardinality(batch_size, drop_remainder, cardinality):
    batch_size = int(batch_size)
    if batch_size <= 0:
        raise ValueError(f"batch_size must be greater than zero, got {batch_size}")
    if cardinality >= 0:
        cardinality = cardinality // batch_size if drop_remainder else -(-cardinality // batch_size)
    return batch_size, cardinality


def _chunks(iterator, batch_size, drop_remainder):
    """Lists of `batch_size` consecutive elements (a shorter last one unless dropped)."""
    while True:
        chunk = list(itertools.islice(iterator, batch_size))
        if not chunk or (drop_remainder and len(chunk) < batch_size):
            return
        yield chunk


# --------------------------------------------------------------------------- specs
class DatasetSpec:
    """The spec of an element that is itself a dataset (`window` elements)."""

    def __init__(self, element_spec, dataset_shape=()):
        self.element_spec = element_spec
        self.shape = TensorShape(dataset_shape)

    def __repr__(self):
        return f"DatasetSpec({self.element_spec!r}, {self.shape!r})"


def _spec_of(shape, dtype):
    return TensorSpec(
        None if shape is None else list(shape),
        _dt.from_numpy(np.dtype(dtype)) if not hasattr(dtype, "as_numpy_dtype") else dtype,
    )


def _dims(shape):
    if hasattr(shape, "as_list"):
        return shape.as_list()
    return list(shape)


def _map_structure2(fn, a, b):
    if isinstance(a, dict):
        return {k: _map_structure2(fn, a[k], b[k]) for k in a}
    if (
        isinstance(a, (tuple, list))
        and not hasattr(a, "as_list")
        and isinstance(b, (tuple, list))
        and len(a) == len(b)
        and not _is_shape(a)
    ):
        return tuple(_map_structure2(fn, x, y) for x, y in zip(a, b, strict=True))
    return fn(a, b)


def _is_shape(value):
    return all(d is None or isinstance(d, (int, np.integer)) for d in value)


def _spec_from_element(element):
    return _map_structure(lambda a: _spec_of(np.shape(a), np.asarray(a).dtype), element)


def _peek_spec(dataset):
    """A spec read off the first element (datasets whose shapes are not tracked)."""
    for element in dataset._make_iterator():
        return _spec_from_element(element)
    raise ValueError("Cannot compute the element_spec of an empty dataset.")


def _relax_batch_dim(spec, parent_spec):
    """A mapped element keeps an unknown batch dimension when its input had one."""
    leaves = _leaves(parent_spec) if not isinstance(parent_spec, DatasetSpec) else []
    batched = leaves and all(
        getattr(t, "shape", None) is not None and t.shape.rank and t.shape.as_list()[0] is None
        for t in leaves
    )
    if not batched:
        return spec
    return _map_structure(
        lambda t: _spec_of([None] + t.shape.as_list()[1:], t.dtype) if t.shape.rank else t, spec
    )


def _mapped_spec(parent, iterate):
    for element in iterate():
        return _relax_batch_dim(_spec_from_element(element), parent.element_spec)
    raise ValueError("Cannot compute the element_spec of an empty dataset.")


def _flat_mapped_spec(parent, map_func):
    for element in parent._make_iterator():
        return _call(map_func, element).element_spec
    raise ValueError("Cannot compute the element_spec of an empty dataset.")


def _conform(spec, value):
    """A generator's value as the array `spec` (a TensorSpec) describes."""
    array = np.asarray(_as_array(value) if not isinstance(value, np.ndarray) else value)
    want = spec.dtype._np if hasattr(spec.dtype, "_np") else np.dtype(spec.dtype)
    if want.kind == "O":
        array = convert_to_tensor(array, dtype="string")._value
    elif array.dtype != want:
        array = array.astype(want)
    if spec.shape.rank is not None and not spec.shape.is_compatible_with(array.shape):
        raise TypeError(
            f"`generator` yielded an element of shape {array.shape} where an "
            f"element of shape {tuple(spec.shape.as_list())} was expected."
        )
    return array


def _pad_stack(chunk, padded_shapes, padding_values):
    first = chunk[0]
    if isinstance(first, dict):
        return {
            k: _pad_stack(
                [e[k] for e in chunk],
                None if padded_shapes is None else padded_shapes[k],
                padding_values[k] if isinstance(padding_values, dict) else padding_values,
            )
            for k in first
        }
    if isinstance(first, tuple):
        return tuple(
            _pad_stack(
                [e[i] for e in chunk],
                None if padded_shapes is None else padded_shapes[i],
                padding_values[i] if isinstance(padding_values, tuple) else padding_values,
            )
            for i in range(len(first))
        )
    arrays = [np.asarray(e) for e in chunk]
    rank = arrays[0].ndim
    largest = [max(a.shape[d] for a in arrays) for d in range(rank)]
    if padded_shapes is not None:
        target = [
            largest[d] if v is None or v == -1 else int(v)
            for d, v in enumerate(_dims(padded_shapes))
        ]
        for d in range(rank):
            if largest[d] > target[d]:
                raise ValueError(
                    f"Attempted to pad to a smaller size than the input element "
                    f"(dimension {d}: {largest[d]} > {target[d]})."
                )
    else:
        target = largest
    fill = padding_values
    if fill is None:
        fill = b"" if arrays[0].dtype == object else 0
    elif isinstance(fill, Tensor):
        fill = fill._value[()]
    out = np.full([len(arrays)] + target, fill, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        out[(i,) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def _window_of(rows):
    first = rows[0]
    if isinstance(first, dict):
        return {k: _window_of([r[k] for r in rows]) for k in first}
    if isinstance(first, tuple):
        return tuple(_window_of([r[i] for r in rows]) for i in range(len(first)))
    return Dataset.from_tensor_slices(np.stack([np.asarray(r) for r in rows]))._as(
        "_VariantDataset"
    )


class _Experimental:
    AUTOTUNE = AUTOTUNE
    INFINITE_CARDINALITY = INFINITE_CARDINALITY
    UNKNOWN_CARDINALITY = UNKNOWN_CARDINALITY

    @staticmethod
    def cardinality(dataset):
        return dataset.cardinality()


experimental = _Experimental()
