"""`CategoryEncoding`: integer categories to one-hot, multi-hot or count vectors."""

import numpy as np

from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras import backend
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import preprocessing_utils as utils
from pynn.keras.layers.preprocessing.preprocessing_utils import COUNT, MULTI_HOT, ONE_HOT


class CategoryEncoding(Layer):
    """Encodes integer categories in `[0, num_tokens)`.

    Args:
        num_tokens: the number of categories (required).
        output_mode: `"multi_hot"` (default: 1 for each category present in a sample's last
            axis), `"one_hot"` (one vector per value), `"count"` (how many times).

    Input: integers `(batch,)` or `(batch, k)`. Output: float32 `(batch, num_tokens)`
    (`(batch, k, num_tokens)` for one_hot when k > 1). `call(inputs, count_weights=...)`
    weights the counts.
    """

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        if "max_tokens" in kwargs:
            num_tokens = kwargs.pop("max_tokens")
        if "dtype" not in kwargs:
            kwargs["dtype"] = backend.floatx()
        super().__init__(**kwargs)
        if output_mode == "binary":
            output_mode = MULTI_HOT
        utils.validate_string_arg(
            output_mode, (COUNT, ONE_HOT, MULTI_HOT), "CategoryEncoding", "output_mode"
        )
        if num_tokens is None:
            raise ValueError(
                "num_tokens must be set to use this layer. If the number of tokens "
                "is not known beforehand, use the IntegerLookup layer instead."
            )
        if num_tokens < 1:
            raise ValueError(f"`num_tokens` must be >= 1. Received: num_tokens={num_tokens}.")
        if sparse:
            raise NotImplementedError("pynn has no sparse tensors: use `sparse=False`.")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs, count_weights=None):
        values = utils.as_array(inputs)
        if count_weights is not None:
            if self.output_mode != COUNT:
                raise ValueError(
                    "`count_weights` is not used when `output_mode` is not "
                    "`'count'`. Received `count_weights={count_weights}`."
                )
            count_weights = utils.as_array(count_weights)
        if values.size and (values.max() >= self.num_tokens or values.min() < 0):
            raise InvalidArgumentError(
                None,
                None,
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                "Summarized data: b'Input values must be in the range 0 <= values < num_tokens "
                f"with num_tokens={self.num_tokens}'",
            )
        return _wrap(
            traced_call(
                _encode,
                values,
                output_mode=self.output_mode,
                depth=self.num_tokens,
                count_weights=count_weights,
            )
        )

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if not dims:
            return TensorShape([self.num_tokens])
        if self.output_mode == ONE_HOT and dims[-1] != 1:
            return TensorShape(dims + [self.num_tokens])
        return TensorShape(dims[:-1] + [self.num_tokens])

    def get_config(self):
        return {
            **super().get_config(),
            "num_tokens": self.num_tokens,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
        }


def _encode(values, *, output_mode, depth, count_weights):
    return utils.encode_categorical(
        np.asarray(values), output_mode, depth, count_weights=count_weights
    )
