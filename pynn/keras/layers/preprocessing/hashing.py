"""`Hashing`: strings or integers to `num_bins` buckets by FarmHash Fingerprint64 (the same
bucket TensorFlow picks, `tf.strings.to_hash_bucket_fast`), or with a `salt` by keyed
SipHash-2-4 (`tf.strings.to_hash_bucket_strong`)."""

import numpy as np

from pynn.core.farmhash import fingerprint64
from pynn.core.siphash import siphash24
from pynn.core.tensor import TensorShape, _wrap
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import preprocessing_utils as utils
from pynn.keras.layers.preprocessing.preprocessing_utils import COUNT, INT, MULTI_HOT, ONE_HOT


class Hashing(Layer):
    """Hashes each value into one of `num_bins` bins (an integer is hashed as its decimal
    text, as TensorFlow does).

    Args:
        num_bins: number of bins (with `mask_value`, bin 0 is the mask's and the others hash
            into [1, num_bins)).
        mask_value: a value that maps to 0.
        salt: a key for keyed hashing (SipHash-2-4, as TensorFlow's strong hash): two
            integers, or one integer used twice. Different salts give different bins.
        output_mode: `"int"` (int64 bins, default), `"one_hot"`, `"multi_hot"`, `"count"`.

    Input: strings or integers of any shape. Output: int64 bins of the same shape, or float32
    encodings of depth `num_bins`.
    """

    def __init__(
        self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False, **kwargs
    ):
        if num_bins is None or num_bins <= 0:
            raise ValueError(
                "The `num_bins` for `Hashing` cannot be `None` or non-positive "
                f"values. Received: num_bins={num_bins}."
            )
        super().__init__(**utils.int_or_float_dtype(kwargs, output_mode))
        utils.validate_string_arg(
            output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT), type(self).__name__, "output_mode"
        )
        if sparse:
            raise NotImplementedError("pynn has no sparse tensors: use `sparse=False`.")
        if salt is not None:
            if not (isinstance(salt, (tuple, list)) and len(salt) == 2 or isinstance(salt, int)):
                raise ValueError(
                    "The `salt` argument for `Hashing` can only be a tuple of size "
                    f"2 integers, or a single integer. Received: salt={salt}."
                )
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None if salt is None else (salt if not isinstance(salt, int) else [salt, salt])

    def call(self, inputs):
        values = utils.as_array(inputs)
        return _wrap(
            traced_call(
                _hash,
                values,
                num_bins=self.num_bins,
                mask_value=self.mask_value,
                output_mode=self.output_mode,
                key=None if self.salt is None else tuple(self.salt),
            )
        )

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if self.output_mode == INT:
            return TensorShape(dims)
        if not dims:
            return TensorShape([self.num_bins])
        if self.output_mode == ONE_HOT and dims[-1] != 1:
            return TensorShape(dims + [self.num_bins])
        return TensorShape(dims[:-1] + [self.num_bins])

    def get_config(self):
        return {
            **super().get_config(),
            "num_bins": self.num_bins,
            "salt": self.salt,
            "mask_value": self.mask_value,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
        }


def hash_buckets(values, num_buckets, key=None):
    """int64 buckets of an array of strings (bytes) or integers: FarmHash Fingerprint64, or
    SipHash-2-4 under `key` (two integers) when one is given."""
    out = np.empty(values.shape, dtype=np.int64)
    flat_out, flat_in = out.reshape(-1), values.reshape(-1)
    for i, v in enumerate(flat_in.tolist()):
        text = (
            v
            if isinstance(v, bytes)
            else (v.encode("utf-8") if isinstance(v, str) else str(int(v)).encode())
        )
        flat_out[i] = (fingerprint64(text) if key is None else siphash24(key, text)) % num_buckets
    return out


def _hash(values, *, num_bins, mask_value, output_mode, key):
    bins = num_bins
    mask = None
    if mask_value is not None and bins > 1:
        bins -= 1
        masked = mask_value.encode("utf-8") if isinstance(mask_value, str) else mask_value
        mask = values == masked
    out = hash_buckets(values, bins, key)
    if mask is not None:
        out = np.where(mask, 0, out + 1)
    if output_mode == INT:
        return out
    return utils.encode_categorical(out, output_mode, num_bins)
