"""`IndexLookup`: the vocabulary table behind `StringLookup`, `IntegerLookup` and
`TextVectorization` (tf.keras 2.15's rules).

Indices: `[mask_token]` (only when `mask_token` is set and `output_mode="int"`), then
`num_oov_indices` OOV slots, then the vocabulary. `adapt` sorts tokens by descending count,
ties by descending token (UTF-8 bytes for strings), and keeps `max_tokens` minus the special
slots. The lookup is numpy on the batch, recorded with `traced_call`, so a model holding the
layer still trains with fit's replayed step.
"""

import collections
import os

import numpy as np

from pynn.core.dtypes import as_dtype
from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras import backend
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import preprocessing_utils as utils
from pynn.keras.layers.preprocessing.hashing import hash_buckets
from pynn.keras.layers.preprocessing.preprocessing_utils import (
    COUNT,
    INT,
    MULTI_HOT,
    ONE_HOT,
    TF_IDF,
)
from pynn.keras.utils.tracking import wrap_list


class IndexLookup(Layer):
    """Maps tokens (strings or integers) to indices, or indices back to tokens (`invert`)."""

    def __init__(
        self,
        max_tokens,
        num_oov_indices,
        mask_token,
        oov_token,
        vocabulary_dtype,
        vocabulary=None,
        idf_weights=None,
        invert=False,
        output_mode="int",
        sparse=False,
        pad_to_max_tokens=False,
        **kwargs,
    ):
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                f"If set, `max_tokens` must be greater than 1. Received: max_tokens={max_tokens}"
            )
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(
                "If pad_to_max_tokens is True, must set `max_tokens`. Received: "
                f"max_tokens={max_tokens}"
            )
        if num_oov_indices < 0:
            raise ValueError(
                "`num_oov_indices` must be greater than or equal to 0. Received: "
                f"num_oov_indices={num_oov_indices}"
            )
        if output_mode == "binary":
            output_mode = MULTI_HOT
        if output_mode == "tf-idf":
            output_mode = TF_IDF
        utils.validate_string_arg(
            output_mode,
            (INT, ONE_HOT, MULTI_HOT, COUNT, TF_IDF),
            type(self).__name__,
            "output_mode",
        )
        if invert and output_mode != INT:
            raise ValueError(
                "`output_mode` must be `'int'` when `invert` is true. Received: "
                f"output_mode={output_mode}"
            )
        if sparse:
            raise NotImplementedError("pynn has no sparse tensors: use `sparse=False`.")
        if idf_weights is not None and output_mode != TF_IDF:
            raise ValueError(
                "`idf_weights` should only be set if `output_mode` is `'tf_idf'`. "
                f"Received: idf_weights={idf_weights} and "
                f"output_mode={output_mode}"
            )
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self._frozen_vocab_size = kwargs.pop("vocabulary_size", None)
        self.input_vocabulary = wrap_list(vocabulary)
        self.input_idf_weights = wrap_list(idf_weights)
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("has_static_table", None)
        if "dtype" not in kwargs:
            kwargs["dtype"] = "int64" if output_mode == INT else backend.floatx()
        super().__init__(**kwargs)
        if output_mode == INT and not as_dtype(self.dtype).is_integer:
            raise ValueError(
                "When `output_mode='int'`, `dtype` should be an integer type. "
                f"Received: dtype={kwargs['dtype']}"
            )
        self._is_string = vocabulary_dtype == "string"
        self._tokens = []  # learned/given vocabulary, without special tokens
        self._table = {}  # key (bytes / int) -> index, or index -> token
        self.idf_weights = None
        self._reset_counts()
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # ------------------------------------------------------------------ indices
    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == INT else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def _key(self, token):
        """Table key of a Python token: UTF-8 bytes for strings, int for integers."""
        if self._is_string:
            return token.encode("utf-8") if isinstance(token, str) else bytes(token)
        return int(token)

    def _python(self, key):
        return key.decode("utf-8") if isinstance(key, bytes) else int(key)

    # ------------------------------------------------------------------ vocabulary
    def vocabulary_size(self):
        """Number of indices: special slots plus the vocabulary."""
        return len(self._tokens) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens=True):
        vocab = [self.oov_token] * self._token_start_index() + list(self._tokens)
        if self.mask_token is not None and self.output_mode == INT:
            vocab[0] = self.mask_token
        if not include_special_tokens:
            vocab = vocab[self._token_start_index() :]
        return vocab

    def vocab_size(self):
        return self.vocabulary_size()

    def _build_table(self, tokens):
        self._tokens = [self._python(self._key(t)) for t in tokens]
        start = self._token_start_index()
        keys = [self._key(t) for t in tokens]
        if self.invert:
            self._table = {start + i: key for i, key in enumerate(keys)}
        else:
            self._table = {key: start + i for i, key in enumerate(keys)}
        if not (self.output_mode == INT or self.pad_to_max_tokens) and (
            self._frozen_vocab_size is not None
            and self.built
            and self.vocabulary_size() != self._frozen_vocab_size
        ):
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` and "
                "`pad_to_max_tokens=False`, the vocabulary size cannot be changed after "
                f"the layer is called. Old vocab size is {self._frozen_vocab_size}, new "
                f"vocab size is {self.vocabulary_size()}"
            )
        self._frozen_vocab_size = self.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (a list, array, Tensor, or a file with one token per line)."""
        if self.output_mode == TF_IDF:
            if idf_weights is None:
                raise ValueError("`idf_weights` must be set if output_mode is TF_IDF")
        elif idf_weights is not None:
            raise ValueError(
                "`idf_weights` should only be set if output_mode is `'tf_idf'`. "
                f"Received: output_mode={self.output_mode} and "
                f"idf_weights={idf_weights}"
            )
        if isinstance(vocabulary, str):
            if not os.path.exists(vocabulary):
                raise ValueError(f"Vocabulary file {vocabulary} does not exist.")
            with open(vocabulary, encoding="utf-8") as f:
                vocabulary = f.read().split("\n")
            if vocabulary and vocabulary[-1] == "":
                vocabulary = vocabulary[:-1]
            if not self._is_string:
                vocabulary = [int(v) for v in vocabulary]
        values = utils.as_array(vocabulary)
        vocabulary = [
            self._python(v) if isinstance(v, bytes) else (v if self._is_string else int(v))
            for v in values.reshape(-1).tolist()
        ]
        if not vocabulary:
            raise ValueError(f"Cannot set an empty vocabulary, you passed {values}.")
        token_start = self._token_start_index()
        special = [self.mask_token] * self._oov_start_index() + [
            self.oov_token
        ] * self.num_oov_indices
        found_special = vocabulary[:token_start] == special
        tokens = vocabulary[token_start:] if found_special else vocabulary
        repeated = [t for t, c in collections.Counter(tokens).items() if c > 1]
        if repeated:
            raise ValueError(
                "The passed vocabulary has at least one repeated term. Please "
                f"uniquify your dataset. The repeated terms are {repeated}"
            )
        if self.mask_token is not None and self.mask_token in tokens:
            index = [i for i, t in enumerate(vocabulary) if t == self.mask_token][-1]
            raise ValueError(
                "Found reserved mask token at unexpected location in `vocabulary`. Note that "
                "passed `vocabulary` does not need to include the OOV and mask tokens. Either "
                "remove all mask and OOV tokens, or include them only at the start of the "
                f"vocabulary in precisely this order: {special}. Received: "
                f"mask_token={self.mask_token} at vocabulary index [{index}]"
            )
        if self.oov_token is not None and self.invert and self.oov_token in tokens:
            index = [i for i, t in enumerate(vocabulary) if t == self.oov_token][-1]
            raise ValueError(
                "Found reserved OOV token at unexpected location in `vocabulary`. Note that "
                "passed `vocabulary` does not need to include the OOV and mask tokens. Either "
                "remove all mask and OOV tokens, or include them only at the start of the "
                f"vocabulary in precisely this order: {special}. Received: "
                f"oov_token={self.oov_token} at vocabulary index [{index}]"
            )
        if self.max_tokens is not None and token_start + len(tokens) > self.max_tokens:
            raise ValueError(
                "Attempted to set a vocabulary larger than the maximum vocab size. "
                f"Passed vocab size is {token_start + len(tokens)}, max vocab size "
                f"is {self.max_tokens}."
            )
        self._build_table(tokens)
        if self.output_mode == TF_IDF:
            weights = np.asarray(utils.as_array(idf_weights), dtype=np.float64)
            if len(vocabulary) != len(weights):
                raise ValueError(
                    "`idf_weights` must be the same length as vocabulary. "
                    f"len(idf_weights) is {len(weights)}, len(vocabulary) is "
                    f"{len(vocabulary)}"
                )
            front = 0 if found_special else token_start
            front_value = 0 if found_special else np.average(weights)
            back = (
                self.max_tokens - front - len(weights)
                if self.pad_to_max_tokens and self.max_tokens is not None
                else 0
            )
            self._set_idf(
                np.pad(weights, (front, back), "constant", constant_values=(front_value, 0))
            )

    def _set_idf(self, weights):
        self.idf_weights = _wrap(np.asarray(weights, dtype=np.float32))

    # ------------------------------------------------------------------ adapt
    def _reset_counts(self):
        self._token_counts = collections.Counter()
        self._document_counts = collections.Counter()
        self._num_documents = 0

    def reset_state(self):
        if not self._has_input_vocabulary:
            self._reset_counts()

    def adapt(self, data, batch_size=None, steps=None):
        """Learns the vocabulary from `data` (an array, Tensor, list or `tf.data.Dataset`)."""
        utils.adapt(self, data, batch_size, steps)

    def _adapt_rows(self, data):
        """The tokens of one adapt batch as rows (documents) of table keys: a 1-D batch is one
        document, as in tf.keras; a RaggedTensor's rows are documents."""
        data = utils.as_array(data)
        if (
            data.dtype == object
            and data.ndim == 1
            and data.size
            and isinstance(data[0], np.ndarray)
        ):
            rows = list(data)
        elif data.ndim <= 1:
            rows = [data.reshape(-1)]
        else:
            rows = list(data.reshape(len(data), -1))
        return [[t if isinstance(t, bytes) else self._key(t) for t in row.tolist()] for row in rows]

    def update_state(self, data):
        if self._has_input_vocabulary:
            raise ValueError(
                f"Cannot adapt {type(self).__name__} layer after setting a static "
                "vocabulary via init argument or `set_vocabulary`."
            )
        rows = self._adapt_rows(data)
        for row in rows:
            self._token_counts.update(row)
            if self.output_mode == TF_IDF:
                self._document_counts.update(set(row))
        self._num_documents += len(rows)

    def finalize_state(self):
        if self._has_input_vocabulary or not self._token_counts:
            return
        counts = dict(self._token_counts)
        for special in (self.mask_token, self.oov_token):
            if special is not None:
                counts.pop(self._key(special), None)
        ranked = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
        if self.max_tokens:
            ranked = ranked[: self.max_tokens - self._token_start_index()]
        tokens = [key for key, _ in ranked]
        self._frozen_vocab_size = None
        self._build_table([self._python(k) for k in tokens])
        if self.output_mode == TF_IDF:
            docs = np.array([self._document_counts[k] for k in tokens], dtype=np.float64)
            idf = np.log(1 + self._num_documents / (1 + docs)).astype(np.float32)
            idf = np.pad(idf, (self._token_start_index(), 0), constant_values=np.mean(idf))
            if self.pad_to_max_tokens and self.max_tokens is not None:
                idf = np.pad(idf, (0, self.max_tokens - idf.size))
            self._set_idf(idf)
        self._reset_counts()

    # ------------------------------------------------------------------ call
    def _lookup(self, keys):
        """numpy: indices of the table keys in `keys` (any shape), with mask and OOV rules."""
        table = self._table
        if self.invert:
            default = (
                self.oov_token.encode("utf-8")
                if self._is_string and isinstance(self.oov_token, str)
                else self.oov_token
            )
            out = np.empty(keys.shape, dtype=object if self._is_string else np.int64)
            flat_out, flat_in = out.reshape(-1), keys.reshape(-1)
            mask = (
                self.mask_token.encode("utf-8")
                if isinstance(self.mask_token, str)
                else self.mask_token
            )
            for i, k in enumerate(flat_in.tolist()):
                if self.mask_token is not None and k == 0:
                    flat_out[i] = mask
                else:
                    flat_out[i] = table.get(k, default)
            return out
        oov_start = self._oov_start_index()
        default = -1 if self.num_oov_indices != 1 else oov_start
        flat = keys.reshape(-1).tolist()
        out = np.fromiter(
            (table.get(k, default) for k in flat), dtype=np.int64, count=len(flat)
        ).reshape(keys.shape)
        if self.mask_token is not None:
            mask_value = 0 if self.output_mode == INT else np.iinfo(np.int64).max
            out[keys == self._key(self.mask_token)] = mask_value
        if self.num_oov_indices == 0 and (out == -1).any():
            found = " ".join(
                f'"{k.decode("utf-8", "replace")}"' if isinstance(k, bytes) else str(k)
                for k in keys[out == -1].tolist()
            )
            raise InvalidArgumentError(
                None,
                None,
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                "Summarized data: b'When `num_oov_indices=0` all inputs should be in "
                f"vocabulary, found OOV values [{found}], consider setting "
                "`num_oov_indices=1`.'",
            )
        if self.num_oov_indices > 1:
            if self._is_string:
                oov = hash_buckets(keys, self.num_oov_indices) + oov_start
            else:
                oov = np.mod(keys.astype(np.int64), self.num_oov_indices) + oov_start
            out = np.where(out == -1, oov, out)
        return out

    def _lookup_and_encode(self, values):
        indices = self._lookup(values)
        if self.output_mode == INT:
            return indices if self.invert else indices.astype(as_dtype(self.dtype)._np)
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        idf = self.idf_weights._value if self.output_mode == TF_IDF else None
        return utils.encode_categorical(indices, self.output_mode, depth, idf_weights=idf)

    def _input_keys(self, inputs):
        values = utils.as_array(inputs)
        if self.invert:
            if values.dtype.kind not in "iu":
                raise ValueError(
                    f"{type(self).__name__}(invert=True) expects integer indices, "
                    f"got dtype {as_dtype(values.dtype).name}"
                )
            return values.astype(np.int64)
        if self._is_string and values.dtype != object:
            raise ValueError(
                f"{type(self).__name__} expects string inputs, got dtype "
                f"{as_dtype(values.dtype).name}"
            )
        if not self._is_string and values.dtype.kind not in "iu":
            if (
                self.invert
                or values.dtype.kind not in "f"
                or not np.array_equal(values, np.trunc(values))
            ):
                raise ValueError(
                    f"{type(self).__name__} expects integer inputs, got dtype "
                    f"{as_dtype(values.dtype).name}"
                )
            values = values.astype(np.int64)
        return values

    def call(self, inputs):
        if not (self.output_mode == INT or self.pad_to_max_tokens) and (
            self._frozen_vocab_size is None
        ):
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` and `pad_to_max_tokens=False`, "
                "you must set the layer's vocabulary before calling it. Either pass a "
                "`vocabulary` argument to the layer, or call `adapt` with some sample data."
            )
        return _wrap(traced_call(self._lookup_and_encode, self._input_keys(inputs)))

    def compute_output_shape(self, input_shape):
        if self.output_mode == INT:
            return input_shape
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        return TensorShape([TensorShape(input_shape).as_list()[0], depth])

    def _output_dtype(self, inputs):
        if self.invert:
            return self.vocabulary_dtype
        return self.dtype

    def get_config(self):
        config = {
            "invert": self.invert,
            "max_tokens": self.max_tokens,
            "num_oov_indices": self.num_oov_indices,
            "oov_token": self.oov_token,
            "mask_token": self.mask_token,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "pad_to_max_tokens": self.pad_to_max_tokens,
            "vocabulary_dtype": self.vocabulary_dtype,
            "idf_weights": _listify(self.input_idf_weights),
            "vocabulary": _listify(self.input_vocabulary),
            "vocabulary_size": self._frozen_vocab_size,
        }
        return {**super().get_config(), **config}


def _listify(value):
    if value is None or isinstance(value, (list, str)):
        return value  # lists stay ListWrappers, as tf.keras shows them
    array = utils.as_array(value)
    return [v.decode("utf-8") if isinstance(v, bytes) else v for v in array.tolist()]
