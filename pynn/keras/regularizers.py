"""Weight regularizers, as `keras.regularizers` (tf.keras 2.15).

A regularizer maps a weight tensor to a scalar penalty added to the loss:
`L1(l1)` gives `l1 * sum(|w|)`, `L2(l2)` gives `l2 * sum(w ** 2)`.
Strings `'l1'`, `'l2'`, `'l1_l2'` use the default factor 0.01.
"""

import math

import numpy as np

from pynn import ops
from pynn.keras.utils import generic_utils


def _check_penalty_number(x):
    if not isinstance(x, (float, int)):
        raise ValueError(
            f"Value {x} is not a valid regularization penalty number, "
            "expected an int or float value."
        )
    if math.isinf(x) or math.isnan(x):
        raise ValueError(
            f"Value {x} is not a valid regularization penalty number, "
            "an infinite number or NaN are not valid values."
        )


def _floatx(value):
    """Factors are stored as float32 like tf.keras (0.01 reads back as 0.009999999776...)."""
    return float(np.float32(value))


class Regularizer:
    """Base class: `__call__(weights) -> scalar penalty`, plus `get_config`."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{self} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    """`l1 * sum(|x|) + l2 * sum(x ** 2)`; both factors default to 0."""

    def __init__(self, l1=0.0, l2=0.0):
        l1 = 0.0 if l1 is None else l1
        l2 = 0.0 if l2 is None else l2
        _check_penalty_number(l1)
        _check_penalty_number(l2)
        self.l1 = _floatx(l1)
        self.l2 = _floatx(l2)

    def __call__(self, x):
        penalty = ops.zeros_like(ops.sum(x))
        if self.l1:
            penalty = penalty + ops.sum(ops.abs(x)) * self.l1
        if self.l2:
            penalty = penalty + ops.sum(ops.square(x)) * self.l2
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class _SingleFactor(Regularizer):
    """L1 or L2: one factor (default 0.01), also accepted as the legacy keyword `l`."""

    factor_name = None

    def __init__(self, factor=0.01, **kwargs):
        factor = kwargs.pop("l", factor)
        if kwargs:
            raise TypeError(f"Argument(s) not recognized: {kwargs}")
        factor = 0.01 if factor is None else factor
        _check_penalty_number(factor)
        setattr(self, self.factor_name, _floatx(factor))

    def get_config(self):
        return {self.factor_name: getattr(self, self.factor_name)}


class L1(_SingleFactor):
    """`l1 * sum(|x|)`, `l1` defaults to 0.01."""

    factor_name = "l1"

    def __init__(self, l1=0.01, **kwargs):
        super().__init__(l1, **kwargs)

    def __call__(self, x):
        return ops.sum(ops.abs(x)) * self.l1


class L2(_SingleFactor):
    """`l2 * sum(x ** 2)`, `l2` defaults to 0.01."""

    factor_name = "l2"

    def __init__(self, l2=0.01, **kwargs):
        super().__init__(l2, **kwargs)

    def __call__(self, x):
        return ops.sum(ops.square(x)) * self.l2


class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2-D weight towards mutual orthogonality.

    Penalty: `factor * 0.5 * sum(|off-diagonal of W_n W_n^T|) / num_pairs`, where
    `W_n` has unit-norm rows (`mode="rows"`) or columns (`mode="columns"`).
    """

    def __init__(self, factor=0.01, mode="rows"):
        _check_penalty_number(factor)
        self.factor = _floatx(factor)
        if mode not in {"rows", "columns"}:
            raise ValueError(
                'Invalid value for argument `mode`. Expected one of {"rows", "columns"}. '
                f"Received: mode={mode}"
            )
        self.mode = mode

    def __call__(self, inputs):
        inputs = ops.convert_to_tensor(inputs)
        if inputs.ndim != 2:
            raise ValueError(
                "Inputs to OrthogonalRegularizer must have rank 2. Received: "
                f"inputs.shape == {inputs.shape}"
            )
        if self.mode == "rows":
            normalized = ops.l2_normalize(inputs, axis=1)
            product = ops.matmul(normalized, ops.transpose(normalized))
        else:
            normalized = ops.l2_normalize(inputs, axis=0)
            product = ops.matmul(ops.transpose(normalized), normalized)
        size = product.shape[0]
        off_diagonal = product * (1.0 - np.eye(size, dtype=np.float32))
        num_pairs = size * (size - 1.0) / 2.0
        return ops.sum(ops.abs(off_diagonal)) * (self.factor * 0.5 / num_pairs)

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}


def l1_l2(l1=0.01, l2=0.01):
    """`L1L2` with both factors defaulting to 0.01."""
    return L1L2(l1=l1, l2=l2)


l1 = L1
l2 = L2
orthogonal_regularizer = OrthogonalRegularizer

_OBJECTS = {
    "Regularizer": Regularizer,
    "L1L2": L1L2,
    "L1": L1,
    "L2": L2,
    "OrthogonalRegularizer": OrthogonalRegularizer,
    "l1": L1,
    "l2": L2,
    "l1_l2": l1_l2,
    "orthogonal_regularizer": OrthogonalRegularizer,
}


def serialize(regularizer):
    """Config dict `{"module", "class_name", "config", "registered_name"}` (None for None)."""
    return generic_utils.serialize_keras_object(regularizer, "keras.regularizers")


def deserialize(config, custom_objects=None):
    """A regularizer from a name (`'l2'`) or a config dict."""
    if config == "l1_l2":
        return L1L2(l1=0.01, l2=0.01)
    return generic_utils.deserialize_keras_object(config, _OBJECTS, "regularizer", custom_objects)


def get(identifier):
    """Resolves None, a name, a config dict or a callable to a regularizer."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")
