"""`TextVectorization`: raw strings to token indices (or multi-hot / count / tf-idf vectors)."""

import re

import numpy as np

from pynn.core.tensor import Tensor, _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import preprocessing_utils as utils
from pynn.keras.layers.preprocessing.index_lookup import _listify
from pynn.keras.layers.preprocessing.preprocessing_utils import COUNT, INT, MULTI_HOT, TF_IDF
from pynn.keras.layers.preprocessing.string_lookup import StringLookup

LOWER_AND_STRIP_PUNCTUATION = "lower_and_strip_punctuation"
LOWER = "lower"
STRIP_PUNCTUATION = "strip_punctuation"
WHITESPACE = "whitespace"
CHARACTER = "character"
DEFAULT_STRIP_REGEX = r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']'
_STRIP = re.compile(DEFAULT_STRIP_REGEX)


class TextVectorization(Layer):
    """Standardizes, splits and indexes text, with a vocabulary given or learned by `adapt`.

    Each string is lower-cased (ASCII letters, as TensorFlow's default) and stripped of
    punctuation (`standardize`), split on whitespace (`split`), optionally turned into
    `ngrams`, then looked up: index 0 is padding (the empty string), 1 is `[UNK]`, then the
    vocabulary by descending frequency.

    Args:
        max_tokens: vocabulary size limit, padding and `[UNK]` included.
        standardize: `"lower_and_strip_punctuation"` (default), `"lower"`,
            `"strip_punctuation"`, None, or a function of a string Tensor.
        split: `"whitespace"` (default), `"character"`, None, or a function.
        ngrams: None, an int n (1..n-grams) or a tuple of widths.
        output_mode: `"int"` (indices), `"multi_hot"`, `"count"`, `"tf_idf"`.
        output_sequence_length: with "int", pad or cut every row to this length (otherwise
            rows are padded to the longest one in the batch).
        pad_to_max_tokens: encodings have `max_tokens` columns.
        vocabulary, idf_weights: a precomputed vocabulary (list or file) and its weights.
        ragged: with "int", return a `tf.RaggedTensor` of unpadded rows.

    Input: strings `(batch,)` or `(batch, 1)`. Output: int64 `(batch, sequence_length)`, or
    float32 `(batch, vocabulary_size)`.
    """

    def __init__(
        self,
        max_tokens=None,
        standardize=LOWER_AND_STRIP_PUNCTUATION,
        split=WHITESPACE,
        ngrams=None,
        output_mode=INT,
        output_sequence_length=None,
        pad_to_max_tokens=False,
        vocabulary=None,
        idf_weights=None,
        sparse=False,
        ragged=False,
        encoding="utf-8",
        **kwargs,
    ):
        if (
            "dtype" in kwargs
            and kwargs["dtype"] not in ("string", None)
            and getattr(kwargs["dtype"], "name", None) != "string"
        ):
            raise ValueError(
                "`TextVectorization` may only have a dtype of string. Received "
                f"dtype: {kwargs['dtype']}."
            )
        kwargs["dtype"] = "string"
        utils.validate_string_arg(
            standardize,
            (LOWER_AND_STRIP_PUNCTUATION, LOWER, STRIP_PUNCTUATION),
            "TextVectorization",
            "standardize",
            allow_none=True,
            allow_callables=True,
        )
        utils.validate_string_arg(
            split,
            (WHITESPACE, CHARACTER),
            "TextVectorization",
            "split",
            allow_none=True,
            allow_callables=True,
        )
        if output_mode == "binary":
            output_mode = MULTI_HOT
        if output_mode == "tf-idf":
            output_mode = TF_IDF
        utils.validate_string_arg(
            output_mode,
            (INT, COUNT, MULTI_HOT, TF_IDF),
            "TextVectorization",
            "output_mode",
            allow_none=True,
        )
        if not (
            ngrams is None
            or isinstance(ngrams, int)
            or isinstance(ngrams, tuple)
            and all(isinstance(item, int) for item in ngrams)
        ):
            raise ValueError(
                "`ngrams` must be None, an integer, or a tuple of integers. "
                f"Received: ngrams={ngrams}"
            )
        if output_mode == INT and not (
            isinstance(output_sequence_length, int) or output_sequence_length is None
        ):
            raise ValueError(
                "`output_sequence_length` must be either None or an integer when "
                "`output_mode` is 'int'. Received: "
                f"output_sequence_length={output_sequence_length}"
            )
        if output_mode != INT and output_sequence_length is not None:
            raise ValueError(
                "`output_sequence_length` must not be set if `output_mode` is not "
                f"'int'. Received output_sequence_length={output_sequence_length}."
            )
        if ragged and output_mode != INT:
            raise ValueError(
                "`ragged` must not be true if `output_mode` is `'int'`. Received: "
                f"ragged={ragged} and output_mode={output_mode}"
            )
        if ragged and output_sequence_length is not None:
            raise ValueError(
                "`output_sequence_length` must not be set if ragged is True. "
                f"Received: ragged={ragged} and "
                f"output_sequence_length={output_sequence_length}"
            )
        self._max_tokens = max_tokens
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(**kwargs)
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens,
            vocabulary=vocabulary,
            idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens,
            mask_token="",
            output_mode=output_mode if output_mode is not None else INT,
            sparse=sparse,
            has_input_vocabulary=has_input_vocabulary,
            encoding=encoding,
            vocabulary_size=vocabulary_size,
        )

    # ------------------------------------------------------------------ vocabulary
    def get_vocabulary(self, include_special_tokens=True):
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    def adapt(self, data, batch_size=None, steps=None):
        """Learns the vocabulary from `data` (strings: array, list, Tensor or Dataset)."""
        utils.adapt(self, data, batch_size, steps)

    def update_state(self, data):
        self._lookup_layer.update_state(self._token_rows(utils.as_array(data), ragged=True))

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    # ------------------------------------------------------------------ preprocessing
    def _standardized(self, values):
        if self._standardize in (LOWER, LOWER_AND_STRIP_PUNCTUATION):
            values = _map(bytes.lower, values)
        if self._standardize in (STRIP_PUNCTUATION, LOWER_AND_STRIP_PUNCTUATION):
            values = _map(lambda s: _STRIP.sub("", s.decode("utf-8")).encode("utf-8"), values)
        if callable(self._standardize):
            values = utils.as_array(self._standardize(_wrap(values)))
        return values

    def _token_rows(self, values, ragged=False):
        """Standardized, split (and n-grammed) tokens: a list of rows of bytes when splitting,
        else the standardized array."""
        if values.dtype != object:
            raise ValueError(f"TextVectorization expects string inputs, got dtype {values.dtype}")
        values = self._standardized(values)
        if self._split is None:
            return values
        if values.ndim > 1:
            if values.shape[-1] != 1:
                raise ValueError(
                    "When using `TextVectorization` to tokenize strings, the input rank must "
                    "be 1 or the last shape dimension must be 1. Received: "
                    f"inputs.shape={TensorShape(values.shape)} with rank={values.ndim}"
                )
            values = values[..., 0]
        if self._split == WHITESPACE:
            rows = [s.split() for s in values.reshape(-1)]
        elif self._split == CHARACTER:
            rows = [[c.encode("utf-8") for c in s.decode("utf-8")] for s in values.reshape(-1)]
        else:
            out = self._split(_wrap(values))
            rows = (
                out.to_list()
                if hasattr(out, "to_list") and hasattr(out, "_rows")
                else [list(r) for r in utils.as_array(out).tolist()]
            )
        if self._ngrams is not None:
            rows = [_ngrams(row, self._ngrams) for row in rows]
        if not ragged:
            return rows
        out = np.empty(len(rows), dtype=object)
        for i, row in enumerate(rows):
            out[i] = np.array(row, dtype=object)
        return out

    def _vectorize(self, values):
        tokens = self._token_rows(values)
        lookup = self._lookup_layer
        if self._output_mode is None:
            return tokens
        if self._split is None:
            if self._output_mode == INT:
                return self._fit_length(lookup._lookup_and_encode(tokens))
            return lookup._lookup_and_encode(tokens)
        width = max((len(row) for row in tokens), default=0)
        keys = np.empty((len(tokens), width), dtype=object)
        keys[...] = b""  # the mask token: index 0 / dropped
        for i, row in enumerate(tokens):
            keys[i, : len(row)] = row
        if self._output_mode == INT:
            indices = lookup._lookup_and_encode(keys)
            if self._ragged:
                return [indices[i, : len(row)] for i, row in enumerate(tokens)]
            return self._fit_length(indices)
        return lookup._lookup_and_encode(keys)

    def _fit_length(self, indices):
        length = self._output_sequence_length
        if length is None:
            return indices
        indices = indices[..., :length]
        pad = [(0, 0)] * (indices.ndim - 1) + [(0, length - indices.shape[-1])]
        return np.pad(indices, pad)

    def call(self, inputs):
        values = utils.as_array(inputs)
        if self._output_mode is None or self._ragged:
            return _ragged_output(self._vectorize(values), self._output_mode)
        return _wrap(traced_call(self._vectorize, values))

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if self._output_mode == INT:
            return TensorShape([dims[0], self._output_sequence_length])
        depth = (
            self._lookup_layer.max_tokens
            if self._lookup_layer.pad_to_max_tokens
            else self._lookup_layer._frozen_vocab_size
        )
        return TensorShape([dims[0], depth])

    def _output_dtype(self, inputs):
        if self._output_mode == INT:
            return "int64"
        if self._output_mode is None:
            return "string"
        return "float32"

    def get_config(self):
        lookup = self._lookup_layer
        config = {
            "max_tokens": lookup.max_tokens,
            "standardize": self._standardize,
            "split": self._split,
            "ngrams": self._ngrams_arg,
            "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length,
            "pad_to_max_tokens": lookup.pad_to_max_tokens,
            "sparse": lookup.sparse,
            "ragged": self._ragged,
            "vocabulary": _listify(lookup.input_vocabulary),
            "idf_weights": _listify(lookup.input_idf_weights),
            "encoding": self._encoding,
            "vocabulary_size": self.vocabulary_size(),
        }
        return {**super().get_config(), **config}


def _map(fn, values):
    out = np.empty(values.shape, dtype=object)
    flat_out, flat_in = out.reshape(-1), values.reshape(-1)
    for i, s in enumerate(flat_in):
        flat_out[i] = fn(s)
    return out


def _ngrams(row, widths):
    """tf.strings.ngrams with separator " ": every n-gram of each width, width by width."""
    out = []
    for n in widths:
        out.extend(b" ".join(row[i : i + n]) for i in range(len(row) - n + 1))
    return out


def _ragged_output(result, output_mode):
    from pynn.tf.ragged import RaggedTensor  # noqa: PLC0415 - pynn.tf sits above keras

    if isinstance(result, Tensor):
        return result
    if isinstance(result, np.ndarray):
        return _wrap(result)
    dtype = np.int64 if output_mode == INT else object
    return RaggedTensor._from_rows([list(r) for r in result], np.dtype(dtype))
