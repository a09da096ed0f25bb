"""`TensorShape` and `Dimension`: a tensor's shape as TensorFlow prints and compares it (a tuple
of ints where None marks an unknown dimension); `as_shape`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pynn.core.type_aliases import ShapeLike


class Dimension:
    """A single dimension of a TensorShape (TF1 compatibility; `.value` is an int or None)."""

    __slots__ = ("value",)

    def __init__(self, value: int | Dimension | None) -> None:
        self.value = None if value is None else int(value)

    def __repr__(self):
        return f"Dimension({self.value})"

    def __str__(self):
        return "?" if self.value is None else str(self.value)

    def __int__(self):
        return self.value

    __index__ = __int__

    def __eq__(self, other):
        other = other.value if isinstance(other, Dimension) else other
        if self.value is None or other is None:
            return None
        return self.value == other

    def __hash__(self):
        return hash(self.value)


def _dim(d):
    if d is None:
        return None
    if isinstance(d, Dimension):
        return d.value
    try:
        v = int(d)
    except TypeError:
        raise TypeError(f"Dimension value must be integer or None, got {d!r}") from None
    if v < 0:
        if v == -1:
            return None
        raise ValueError(f"Dimension {v} must be >= 0")
    return v


class TensorShape:
    """The shape of a tensor: a tuple of ints, where `None` marks an unknown dimension.

    >>> TensorShape([None, 4])
    TensorShape([None, 4])
    >>> print(TensorShape([3, 4]))
    (3, 4)
    """

    __slots__ = ("_dims",)

    def __init__(self, dims: ShapeLike | None) -> None:
        if dims is None:
            self._dims = None
        elif type(dims) is tuple and all(type(d) is int and d >= 0 for d in dims):
            self._dims = dims
        elif isinstance(dims, TensorShape):
            self._dims = dims._dims
        elif isinstance(dims, (int, np.integer, Dimension)):
            self._dims = (_dim(dims),)
        else:
            self._dims = tuple(_dim(d) for d in dims)

    # --- queries
    @property
    def rank(self) -> int | None:
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self) -> list[int | None] | None:
        return None if self._dims is None else list(self._dims)

    def as_list(self) -> list[int | None]:
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self) -> bool:
        return self._dims is not None and None not in self._dims

    def num_elements(self) -> int | None:
        if not self.is_fully_defined():
            return None
        n = 1
        for d in self._dims or ():
            n *= d
        return n

    def is_compatible_with(self, other: ShapeLike | None) -> bool:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(
            a is None or b is None or a == b for a, b in zip(self._dims, other._dims, strict=True)
        )

    def assert_is_compatible_with(self, other: ShapeLike | None) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {as_shape(other)} are incompatible")

    def merge_with(self, other: ShapeLike | None) -> TensorShape:
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        self.assert_same_rank(other)
        merged = []
        for a, b in zip(self._dims, other._dims, strict=True):
            if a is not None and b is not None and a != b:
                raise ValueError(f"Shapes {self} and {other} are not compatible")
            merged.append(a if a is not None else b)
        return TensorShape(merged)

    def most_specific_compatible_shape(self, other: ShapeLike | None) -> TensorShape:
        other = as_shape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return TensorShape(None)
        return TensorShape(
            [a if a == b else None for a, b in zip(self._dims, other._dims, strict=True)]
        )

    def assert_same_rank(self, other: ShapeLike | None) -> None:
        other = as_shape(other)
        if self.rank is not None and other.rank is not None and self.rank != other.rank:
            raise ValueError(f"Shapes {self} and {other} must have the same rank")

    def assert_has_rank(self, rank: int) -> None:
        if self.rank not in (None, rank):
            raise ValueError(f"Shape {self} must have rank {rank}")

    def with_rank(self, rank: int) -> TensorShape:
        if self._dims is None:
            return TensorShape([None] * rank)
        if len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")
        return self

    def with_rank_at_least(self, rank: int) -> TensorShape:
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def concatenate(self, other: ShapeLike | None) -> TensorShape:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)

    # --- python protocol
    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __bool__(self):
        return self._dims is not None

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self._dims)

    def __getitem__(self, key):
        if self._dims is None:
            return TensorShape(None) if isinstance(key, slice) else None
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return self._dims[key]

    def __add__(self, other):
        return self.concatenate(other)

    def __radd__(self, other):
        return as_shape(other).concatenate(self)

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self):
        return hash(self._dims)

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        return "TensorShape([{}])".format(", ".join(str(d) for d in self._dims))

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({self._dims[0]},)"
        return "({})".format(", ".join(str(d) for d in self._dims))

    def __reduce__(self):
        return TensorShape, (self._dims,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def as_shape(shape: ShapeLike | None) -> TensorShape:
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)
