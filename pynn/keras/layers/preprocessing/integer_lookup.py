"""`IntegerLookup`: integer tokens (ids, categories) to contiguous indices (or back)."""

from pynn.core.dtypes import as_dtype
from pynn.keras.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """Maps integers to indices from a vocabulary (given, or learned by `adapt`).

    Args as `StringLookup`, with integer tokens: `oov_token` defaults to -1, `mask_token`
    (e.g. 0) maps to index 0; with `num_oov_indices > 1` an OOV value `v` goes to
    `v % num_oov_indices` plus the first OOV index.

    Input: integer Tensor. Output: int64 indices of the input's shape, or float32 encodings.
    """

    def __init__(
        self,
        max_tokens=None,
        num_oov_indices=1,
        mask_token=None,
        oov_token=-1,
        vocabulary=None,
        vocabulary_dtype="int64",
        idf_weights=None,
        invert=False,
        output_mode="int",
        sparse=False,
        pad_to_max_tokens=False,
        **kwargs,
    ):
        if not as_dtype(vocabulary_dtype).is_integer:
            raise ValueError(
                f"`vocabulary_dtype` must be an integer dtype. Received: {vocabulary_dtype}"
            )
        if output_mode != "int" and kwargs.get("dtype") == "int64":
            del kwargs["dtype"]
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                "If `max_tokens` is set for `IntegerLookup`, it must be greater "
                f"than 1. Received: max_tokens={max_tokens}."
            )
        if num_oov_indices < 0:
            raise ValueError(
                "The value of `num_oov_indices` argument for `IntegerLookup` must "
                f">= 0. Received num_oov_indices={num_oov_indices}."
            )
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=None if mask_token is None else int(mask_token),
            oov_token=None if oov_token is None else int(oov_token),
            vocabulary=vocabulary,
            vocabulary_dtype=vocabulary_dtype,
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            sparse=sparse,
            pad_to_max_tokens=pad_to_max_tokens,
            **kwargs,
        )
