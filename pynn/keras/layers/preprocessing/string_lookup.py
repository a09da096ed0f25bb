"""`StringLookup`: strings to integer indices (or back, with `invert=True`)."""

from pynn.keras.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """Maps strings to indices from a vocabulary (given, or learned by `adapt`).

    Args:
        max_tokens: vocabulary size limit, special tokens included (None: no limit).
        num_oov_indices: indices for out-of-vocabulary strings (0 makes them an error).
        mask_token: a string meaning "padding", index 0 (None: no mask).
        oov_token: the token `invert` returns for OOV indices, default `"[UNK]"`.
        vocabulary: a list / array / Tensor of strings, or the path of a text file.
        idf_weights: with `output_mode="tf_idf"` and a `vocabulary`.
        encoding: the strings' encoding (UTF-8).
        invert: map indices back to strings.
        output_mode: `"int"` (indices, int64), `"one_hot"`, `"multi_hot"`, `"count"`,
            `"tf_idf"` (float32 `(batch, vocabulary_size)`).
        pad_to_max_tokens: encodings have `max_tokens` columns.

    Input: string Tensor (any rank for "int"). Output: int64 indices of the input's shape,
    or float32 encodings.
    """

    def __init__(
        self,
        max_tokens=None,
        num_oov_indices=1,
        mask_token=None,
        oov_token="[UNK]",
        vocabulary=None,
        idf_weights=None,
        encoding="utf-8",
        invert=False,
        output_mode="int",
        sparse=False,
        pad_to_max_tokens=False,
        **kwargs,
    ):
        if kwargs.get("dtype") == "string":
            del kwargs["dtype"]
        self.encoding = encoding
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=mask_token,
            oov_token=oov_token,
            vocabulary=vocabulary,
            vocabulary_dtype="string",
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            sparse=sparse,
            pad_to_max_tokens=pad_to_max_tokens,
            **kwargs,
        )

    def get_config(self):
        config = super().get_config()
        del config["vocabulary_dtype"]
        return {**config, "encoding": self.encoding}
