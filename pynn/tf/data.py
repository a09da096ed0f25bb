"""`tf.data`: `Dataset` pipelines over in-memory arrays (from_tensor_slices, shuffle, batch,
map, repeat, ...), iterated eagerly as structures of Tensors.

While a dataset is still "slices of arrays" (from_tensor_slices, then shuffle/take/skip/
repeat), batching gathers whole batches with one numpy indexing per array instead of
stacking elements one by one.
"""

import itertools

import numpy as np

from pynn.core import random as _random
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tracing import fail as _trace_fail

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
    return _map_structure(lambda a: a if isinstance(a, Tensor) else _wrap(np.asarray(a)), s)


def _call(fn, element):
    return fn(*element) if isinstance(element, tuple) and not hasattr(element, "_fields") \
        else fn(element)


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

    def __init__(self, make_iterator, cardinality, arrays=None, make_indices=None):
        self._make_iterator = make_iterator     # () -> iterator of array structures
        self._cardinality = cardinality
        self._arrays = arrays                   # structure of arrays, while index-addressable
        self._make_indices = make_indices       # () -> int array of rows of `arrays`

    # --- sources
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per row of `tensors` (a tensor, or a tuple/dict of them)."""
        arrays = _to_arrays(tensors)
        sizes = {len(a) if np.ndim(a) else None for a in _leaves(arrays)}
        if None in sizes:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        if len(sizes) > 1:
            raise ValueError(f"Dimensions {sorted(sizes)} in the tensors to slice must all be "
                             "equal (every component needs the same number of rows).")
        n = sizes.pop()
        return Dataset._slices(arrays, lambda: np.arange(n), n)

    @staticmethod
    def _slices(arrays, make_indices, n):
        def iterate():
            for i in make_indices():
                yield _map_structure(lambda a, i=i: a[i], arrays)
        return Dataset(iterate, n, arrays, make_indices)

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset of exactly one element: `tensors`."""
        element = _to_arrays(tensors)
        return Dataset(lambda: iter([element]), 1)

    @staticmethod
    def range(*args, output_type=None, name=None):
        values = np.arange(*args).astype(np.int64 if output_type is None
                                          else np.dtype(getattr(output_type, "name",
                                                                output_type)))
        return Dataset.from_tensor_slices(values)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        """Elements produced by calling `generator()` anew for each pass."""
        def iterate():
            for element in generator(*(args or ())):
                yield _to_arrays(element if not isinstance(element, list) else tuple(element))
        return Dataset(iterate, UNKNOWN_CARDINALITY)

    @staticmethod
    def zip(*datasets, name=None):
        datasets = datasets[0] if len(datasets) == 1 and isinstance(datasets[0], tuple) \
            else datasets
        cards = [d._cardinality for d in datasets]
        finite = [c for c in cards if c >= 0]
        card = min(finite) if finite else (UNKNOWN_CARDINALITY if UNKNOWN_CARDINALITY in cards
                                           else INFINITE_CARDINALITY)
        return Dataset(lambda: zip(*[d._make_iterator() for d in datasets]), card)

    # --- transformations
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Shuffle with a buffer of `buffer_size` elements (a full shuffle when it holds all)."""
        buffer_size = int(buffer_size)
        if buffer_size <= 0:
            raise ValueError(f"buffer_size must be greater than zero, got {buffer_size}")
        # without reshuffling, every pass replays the order drawn from one fixed seed
        fixed = None if reshuffle_each_iteration else int(_rng(seed).integers(2 ** 31))

        def pass_rng():
            return _rng(seed) if fixed is None else np.random.default_rng(fixed)

        if self._arrays is not None:
            parent = self._make_indices
            return Dataset._slices(
                self._arrays, lambda: _buffer_shuffle(parent(), buffer_size, pass_rng()),
                self._cardinality)

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
        return Dataset(iterate, self._cardinality)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        """Stack `batch_size` consecutive elements (the last batch may be smaller)."""
        batch_size = int(batch_size)
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than zero, got {batch_size}")
        card = self._cardinality
        if card >= 0:
            card = card // batch_size if drop_remainder else -(-card // batch_size)
        if self._arrays is not None:
            arrays, make_indices = self._arrays, self._make_indices

            def iterate_slices():
                idx = make_indices()
                stop = len(idx) - len(idx) % batch_size if drop_remainder else len(idx)
                for start in range(0, stop, batch_size):
                    rows = idx[start:start + batch_size]
                    yield _map_structure(lambda a, rows=rows: a[rows], arrays)
            return Dataset(iterate_slices, card)
        source = self._make_iterator

        def iterate():
            it = source()
            while True:
                chunk = list(itertools.islice(it, batch_size))
                if not chunk or (drop_remainder and len(chunk) < batch_size):
                    return
                yield _stack(chunk)
        return Dataset(iterate, card)

    def unbatch(self, name=None):
        source = self._make_iterator

        def iterate():
            for element in source():
                n = len(_leaves(element)[0])
                for i in range(n):
                    yield _map_structure(lambda a, i=i: a[i], element)
        return Dataset(iterate, UNKNOWN_CARDINALITY)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """Apply `map_func` to each element (tuple elements are passed as separate args)."""
        source = self._make_iterator

        def iterate():
            for element in source():
                out = _call(map_func, _to_tensors(element))
                yield _to_arrays(tuple(out) if isinstance(out, list) else out)
        return Dataset(iterate, self._cardinality)

    def filter(self, predicate, name=None):
        source = self._make_iterator

        def iterate():
            for element in source():
                if bool(_call(predicate, _to_tensors(element))):
                    yield element
        return Dataset(iterate, UNKNOWN_CARDINALITY)

    def take(self, count, name=None):
        count = int(count)
        card = self._cardinality
        if count >= 0:
            card = count if card == INFINITE_CARDINALITY else (
                min(card, count) if card >= 0 else card)
        if self._arrays is not None and count >= 0:
            parent = self._make_indices
            return Dataset._slices(self._arrays, lambda: parent()[:count], card)
        source = self._make_iterator
        return Dataset(lambda: itertools.islice(source(), None if count < 0 else count), card)

    def skip(self, count, name=None):
        count = int(count)
        card = self._cardinality
        if card >= 0:
            card = max(card - count, 0) if count >= 0 else 0
        if self._arrays is not None and count >= 0:
            parent = self._make_indices
            return Dataset._slices(self._arrays, lambda: parent()[count:], card)
        source = self._make_iterator
        return Dataset(lambda: itertools.islice(source(), max(count, 0), None), card)

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
        return Dataset(iterate, card)

    def concatenate(self, dataset, name=None):
        a, b = self._make_iterator, dataset._make_iterator
        card = (self._cardinality + dataset._cardinality
                if self._cardinality >= 0 and dataset._cardinality >= 0 else UNKNOWN_CARDINALITY)
        return Dataset(lambda: itertools.chain(a(), b()), card)

    def enumerate(self, start=0, name=None):
        source = self._make_iterator
        return Dataset(lambda: ((np.int64(i), e) for i, e in enumerate(source(), start)),
                       self._cardinality)

    def prefetch(self, buffer_size, name=None):
        """Kept for compatibility: eager iteration has nothing to overlap."""
        return self

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
        return Dataset(iterate, self._cardinality)

    def with_options(self, options, name=None):
        return self

    # --- consumption
    def __iter__(self):
        # its elements are not recorded operations: a traced step cannot replay them
        _trace_fail("iterating a tf.data.Dataset inside a traced function")
        for element in self._make_iterator():
            yield _to_tensors(element)

    def as_numpy_iterator(self):
        for element in self._make_iterator():
            yield _map_structure(lambda a: a[()] if np.ndim(a) == 0 else np.asarray(a),
                                 element)

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
        return f"<Dataset element_count={self._cardinality}>"


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
    for k, (j, incoming) in enumerate(zip(picks, indices[buffer_size:])):
        out[k] = buf[j]
        buf[j] = incoming
    tail = np.asarray(buf, dtype=indices.dtype)[rng.permutation(len(buf))]
    out[n - buffer_size:] = tail
    return out


class _Experimental:
    AUTOTUNE = AUTOTUNE
    INFINITE_CARDINALITY = INFINITE_CARDINALITY
    UNKNOWN_CARDINALITY = UNKNOWN_CARDINALITY

    @staticmethod
    def cardinality(dataset):
        return dataset.cardinality()


experimental = _Experimental()
