"""`tf.strings`: elementwise string ops on string Tensors (numpy object arrays of UTF-8 bytes),
with TensorFlow's rules: results are bytes, `length` counts bytes unless `unit="UTF8_CHAR"`,
`lower`/`upper` change ASCII letters only unless `encoding="utf-8"`, and splitting a batch of
strings gives a `tf.RaggedTensor`. Korean (any UTF-8) text works throughout.
"""

import re

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import Tensor, _numpy_text, _wrap, convert_to_tensor
from pynn.keras.layers.preprocessing.hashing import hash_buckets
from pynn.tf.ragged import RaggedTensor

__all__ = [
    "as_string",
    "format",
    "join",
    "length",
    "lower",
    "reduce_join",
    "regex_full_match",
    "regex_replace",
    "split",
    "strip",
    "substr",
    "to_hash_bucket_fast",
    "to_hash_bucket_strong",
    "to_number",
    "unicode_decode",
    "unicode_encode",
    "unicode_split",
    "upper",
]


def _strings(x, name="input"):
    """The object array of bytes behind a string Tensor (or Python / numpy strings)."""
    value = convert_to_tensor(x)._value if not isinstance(x, Tensor) else x._value
    if value.dtype != object:
        raise TypeError(
            f"`{name}` must be a string Tensor, got dtype {_dt.from_numpy(value.dtype).name}"
        )
    return value


def _elementwise(fn, value, otype=object):
    out = np.empty(value.shape, dtype=otype)
    flat_out, flat_in = out.reshape(-1), value.reshape(-1)
    for i, s in enumerate(flat_in):
        flat_out[i] = fn(s)
    return out


def _ragged_or_tensor(value, split_fn, otype=object):
    """A 1-D Tensor for a scalar input; a RaggedTensor of rows for a 1-D input."""
    if value.ndim == 0:
        return _wrap(np.asarray(split_fn(value[()]), dtype=otype).reshape(-1))
    if value.ndim != 1:
        raise ValueError(f"pynn's tf.strings splits scalars and 1-D batches; got rank {value.ndim}")
    return RaggedTensor._from_rows([split_fn(s) for s in value], np.dtype(otype))


def lower(input, encoding="", name=None):
    """Lower-case: ASCII letters only, or every letter with `encoding="utf-8"`."""
    value = _strings(input)
    if encoding:
        return _wrap(_elementwise(lambda s: s.decode("utf-8").lower().encode("utf-8"), value))
    return _wrap(_elementwise(bytes.lower, value))


def upper(input, encoding="", name=None):
    """Upper-case: ASCII letters only, or every letter with `encoding="utf-8"`."""
    value = _strings(input)
    if encoding:
        return _wrap(_elementwise(lambda s: s.decode("utf-8").upper().encode("utf-8"), value))
    return _wrap(_elementwise(bytes.upper, value))


def strip(input, name=None):
    """Leading and trailing whitespace removed."""
    return _wrap(_elementwise(bytes.strip, _strings(input)))


def length(input, name=None, unit="BYTE"):
    """int32 lengths in bytes (`unit="BYTE"`) or in characters (`unit="UTF8_CHAR"`)."""
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise ValueError(f'unit must be one of "BYTE" or "UTF8_CHAR", got {unit!r}')
    count = len if unit == "BYTE" else (lambda s: len(s.decode("utf-8")))
    return _wrap(_elementwise(count, _strings(input), np.int32))


def substr(input, pos, len, name=None, unit="BYTE"):
    """`len` bytes (or characters with `unit="UTF8_CHAR"`) from `pos`."""
    pos, size = int(pos), int(len)

    def cut(s):
        if unit == "UTF8_CHAR":
            text = s.decode("utf-8")
            return text[pos : pos + size].encode("utf-8")
        return s[pos : pos + size]

    return _wrap(_elementwise(cut, _strings(input)))


def join(inputs, separator="", name=None):
    """Elementwise concatenation of a list of string Tensors (broadcast), with `separator`."""
    arrays = np.broadcast_arrays(*[_strings(x) for x in inputs])
    sep = separator.encode("utf-8") if isinstance(separator, str) else separator
    out = np.empty(arrays[0].shape, dtype=object)
    for index in np.ndindex(out.shape):
        out[index] = sep.join(a[index] for a in arrays)
    return _wrap(out)


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Joins the strings along `axis` (all of them when None)."""
    value = _strings(inputs)
    sep = separator.encode("utf-8") if isinstance(separator, str) else separator
    if axis is None:
        out = np.empty((), dtype=object)
        out[()] = sep.join(value.reshape(-1))
        return _wrap(out.reshape((1,) * value.ndim) if keepdims else out)
    axis = int(axis) % value.ndim
    moved = np.moveaxis(value, axis, -1)
    out = np.empty(moved.shape[:-1], dtype=object)
    for index in np.ndindex(out.shape):
        out[index] = sep.join(moved[index])
    return _wrap(np.expand_dims(out, axis) if keepdims else out)


def _re2_rewrite(rewrite):
    """RE2's `\\0`..`\\9` group references in Python's syntax."""
    return re.sub(r"\\(\d)", r"\\g<\1>", rewrite)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Replaces matches of `pattern` (RE2 syntax; `\\1` in `rewrite` is a group)."""
    regex = re.compile(pattern)
    repl = _re2_rewrite(rewrite)
    count = 0 if replace_global else 1
    return _wrap(
        _elementwise(
            lambda s: regex.sub(repl, s.decode("utf-8"), count=count).encode("utf-8"),
            _strings(input),
        )
    )


def regex_full_match(input, pattern, name=None):
    """bool: whether the whole string matches `pattern`."""
    regex = re.compile(pattern)
    return _wrap(
        _elementwise(
            lambda s: regex.fullmatch(s.decode("utf-8")) is not None, _strings(input), bool
        )
    )


def split(input, sep=None, maxsplit=-1, name=None):
    """Words of each string: on whitespace runs (`sep=None`) or on `sep` exactly. A scalar
    gives a 1-D Tensor, a 1-D batch a RaggedTensor."""
    value = _strings(input)
    if sep is None or sep == "":

        def cut(s):
            return s.split(None, maxsplit)
    else:
        sep_bytes = sep.encode("utf-8") if isinstance(sep, str) else sep

        def cut(s):
            return s.split(sep_bytes, maxsplit)

    return _ragged_or_tensor(value, cut)


def _check_encoding(encoding):
    if encoding.upper().replace("-", "") not in ("UTF8",):
        raise ValueError(f"pynn's tf.strings supports UTF-8 only, got encoding {encoding!r}")


def unicode_split(input, input_encoding, errors="replace", replacement_char=65533, name=None):
    """Each string's characters, as strings."""
    _check_encoding(input_encoding)
    return _ragged_or_tensor(
        _strings(input), lambda s: [c.encode("utf-8") for c in s.decode("utf-8", errors)]
    )


def unicode_decode(
    input,
    input_encoding,
    errors="replace",
    replacement_char=65533,
    replace_control_characters=False,
    name=None,
):
    """Each string's Unicode code points (int32)."""
    _check_encoding(input_encoding)
    return _ragged_or_tensor(
        _strings(input), lambda s: [ord(c) for c in s.decode("utf-8", errors)], np.int32
    )


def unicode_encode(input, output_encoding, errors="replace", replacement_char=65533, name=None):
    """Code points (the last axis, or a RaggedTensor's rows) back to strings."""
    _check_encoding(output_encoding)

    def encode(points):
        return "".join(chr(int(p)) for p in points).encode("utf-8")

    if isinstance(input, RaggedTensor):
        rows = input._rows()
        out = np.empty(len(rows), dtype=object)
        for i, row in enumerate(rows):
            out[i] = encode(row)
        return _wrap(out)
    value = convert_to_tensor(input)._value
    out = np.empty(value.shape[:-1], dtype=object)
    for index in np.ndindex(out.shape):
        out[index] = encode(value[index])
    return _wrap(out)


def to_hash_bucket_fast(input, num_buckets, name=None):
    """int64 buckets in [0, num_buckets) by FarmHash Fingerprint64 (TensorFlow's)."""
    return _wrap(hash_buckets(_strings(input), int(num_buckets)))


def to_hash_bucket_strong(input, num_buckets, key, name=None):
    """int64 buckets in [0, num_buckets) by SipHash-2-4 under `key` (two integers), as
    TensorFlow's keyed strong hash."""
    if not isinstance(key, (list, tuple)):
        raise TypeError(
            f"Expected list for 'key' argument to 'string_to_hash_bucket_strong' Op, not {key!r}."
        )
    if len(key) != 2:
        raise InvalidArgumentError("Key must have 2 elements [Op:StringToHashBucketStrong]")
    return _wrap(hash_buckets(_strings(input), int(num_buckets), tuple(key)))


def to_number(string_tensor, out_type=None, name=None):
    """Parsed numbers (float32 unless `out_type`); a string that is not a number raises."""
    npd = _dt.np_dtype(out_type if out_type is not None else _dt.float32)
    value = _strings(string_tensor, "string_tensor")

    def parse(s):
        text = s.decode("utf-8")
        try:
            return int(text) if npd.kind in "iu" else float(text)
        except ValueError:
            raise InvalidArgumentError(
                None,
                "StringToNumber",
                f"StringToNumberOp could not correctly convert string: {text} [Op:StringToNumber]",
            ) from None

    return _wrap(_elementwise(parse, value, object).astype(npd))


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="", name=None):
    """Numbers as strings: floats with 6 decimals (or `precision`), ints as they are."""
    value = convert_to_tensor(input)._value
    if value.dtype.kind == "f":
        if shortest:
            spec = "g"
        else:
            spec = (f".{precision}" if precision >= 0 else "") + ("e" if scientific else "f")
    elif value.dtype.kind == "b":
        return _wrap(_elementwise(lambda v: b"true" if v else b"false", value))
    else:
        spec = "d"
    if width > 0:
        spec = f"{fill if fill else ''}>{width}{spec}" if fill else f"{width}{spec}"
    return _wrap(_elementwise(lambda v: ("{:" + spec + "}").format(v).encode("utf-8"), value))


def format(template, inputs, placeholder="{}", summarize=3, name=None):
    """`template` with each `placeholder` replaced by the next input's printed value."""
    parts = template.split(placeholder)
    if len(parts) - 1 != len(inputs):
        raise ValueError(
            f"num placeholders in template and num inputs must match: "
            f"{len(parts) - 1} vs. {len(inputs)}"
        )
    text = parts[0]
    for value, part in zip(inputs, parts[1:], strict=True):
        text += _numpy_text(convert_to_tensor(value)._value, False) + part
    out = np.empty((), dtype=object)
    out[()] = text.encode("utf-8")
    return _wrap(out)
