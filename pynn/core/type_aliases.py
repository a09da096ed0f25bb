"""Names for the kinds of values pynn's public functions accept, used in annotations only.

Modules import this module under `typing.TYPE_CHECKING`, with
`from __future__ import annotations`: annotations are never evaluated at run time, so they
cost nothing and add no import edge (tests/core/test_import_structure.py skips such blocks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

if TYPE_CHECKING:
    from pynn.core.dtypes import DType
    from pynn.core.tensor import Tensor
    from pynn.core.tensor_shape import Dimension, TensorShape

# What `convert_to_tensor` accepts: a Tensor, a numpy array or scalar, a Python number, bool
# or string, or nested lists/tuples of them.
TensorLike: TypeAlias = (
    "Tensor | np.ndarray | np.generic | float | int | bool | complex | str | bytes | Sequence"
)
# What `as_dtype` accepts: a DType (`tf.float32`), a numpy dtype or type, a name ("float32")
# or TensorFlow's enum number.
DTypeLike: TypeAlias = "DType | np.dtype | type | str | int"
# What `as_shape` accepts: a TensorShape, or a sequence of sizes (None: unknown).
ShapeLike: TypeAlias = "TensorShape | Sequence[int | None | Dimension] | int"
# An axis argument: one axis, several, or None for all.
Axis: TypeAlias = "int | Sequence[int] | None"
