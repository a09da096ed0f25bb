"""What the preprocessing layers share: reading `adapt` data batch by batch, turning inputs into
numpy (strings as UTF-8 bytes), and the bincount encodings of `output_mode`."""

import numpy as np

from pynn.core.dtypes import as_dtype
from pynn.core.tensor import Tensor, convert_to_tensor
from pynn.keras import backend

INT, ONE_HOT, MULTI_HOT, COUNT, TF_IDF = "int", "one_hot", "multi_hot", "count", "tf_idf"


def as_array(data):
    """numpy for a Tensor, RaggedTensor (object array of rows), array, list or Python value;
    strings become object arrays of UTF-8 bytes, as TensorFlow holds them."""
    if isinstance(data, Tensor):
        return data._value
    if hasattr(data, "_rows"):  # RaggedTensor
        return data.numpy()
    if isinstance(data, np.ndarray) and data.dtype == object:
        return data  # strings (bytes), or ragged rows
    return convert_to_tensor(data)._value


def adapt_batches(data, batch_size=None, steps=None):
    """The batches `adapt` reads: slices of an array / Tensor / list, or the elements of an
    iterable (a `tf.data.Dataset`; `(x, y)` elements use `x`)."""
    if isinstance(data, (np.ndarray, Tensor, list, tuple, str, bytes)) or hasattr(data, "_rows"):
        array = as_array(data)
        if array.ndim == 0:
            yield array
            return
        size = batch_size or 32
        for step, start in enumerate(range(0, max(len(array), 1), size)):
            if steps is not None and step >= steps:
                return
            yield array[start : start + size]
        return
    for step, element in enumerate(data):
        if steps is not None and step >= steps:
            return
        yield as_array(element[0] if isinstance(element, tuple) else element)


def adapt(layer, data, batch_size=None, steps=None):
    """tf.keras's `adapt`: reset, then `update_state` batch by batch (building the layer from
    the first one), then `finalize_state`."""
    layer.reset_state()
    for batch in adapt_batches(data, batch_size, steps):
        build_for_adapt(layer, batch)
        layer.update_state(batch)
    layer.finalize_state()


def int_or_float_dtype(kwargs, output_mode):
    """The layer dtype tf.keras picks: int64 for `output_mode="int"` (also replacing a float
    dtype given for it), floatx for the encodings."""
    if kwargs.get("dtype") is None:
        kwargs["dtype"] = "int64" if output_mode == INT else backend.floatx()
    elif output_mode == INT and not as_dtype(kwargs["dtype"]).is_integer:
        kwargs["dtype"] = "int64"
    return kwargs


def build_for_adapt(layer, batch):
    """As tf.keras's `adapt`: an unbuilt layer is built from the first batch, and remembers
    its rank as `batch_input_shape` (it shows in `get_config()`)."""
    if layer.built:
        return
    if getattr(layer, "_batch_input_shape", None) is None:
        layer._batch_input_shape = (None,) * np.ndim(batch)
    layer.build(layer._batch_input_shape)
    layer.built = True


def validate_string_arg(
    value, allowable_strings, layer_name, arg_name, allow_none=False, allow_callables=False
):
    """tf.keras's check of an enumerated string argument, with its message."""
    if allow_none and value is None or allow_callables and callable(value):
        return
    if isinstance(value, str) and value in allowable_strings:
        return
    allowed_args = "`None`, " if allow_none else ""
    allowed_args += "a `Callable`, " if allow_callables else ""
    allowed_args += f"or one of the following values: {allowable_strings}"
    if allow_callables:
        callable_note = (
            f"If restoring a model and `{arg_name}` is a custom callable, please "
            "ensure the callable is registered as a custom object. See "
            "https://www.tensorflow.org/guide/keras/save_and_serialize"
            "#registering_the_custom_object for details. "
        )
    else:
        callable_note = ""
    raise ValueError(
        f"Unkown value for `{arg_name}` argument of layer {layer_name}. "
        f"{callable_note}Allowed values are: {allowed_args}. Received: {value}"
    )


def encode_categorical(indices, output_mode, depth, idf_weights=None, count_weights=None):
    """float32 `(batch, depth)` encodings of integer `indices` (one_hot, multi_hot, count,
    tf_idf); indices outside [0, depth) are dropped, as `tf.math.bincount` does."""
    original_rank = indices.ndim
    if original_rank == 0:
        indices = indices.reshape(1)
    if output_mode == ONE_HOT and indices.shape[-1] != 1:
        indices = indices[..., None]
    if indices.ndim > 2:
        raise ValueError(
            "When output_mode is not `'int'`, maximum supported output rank is 2. Received "
            f"output_mode {output_mode} and input shape {_shape_text(indices, original_rank)}, "
            f"which would result in output rank {indices.ndim}."
        )
    rows = indices.reshape(1, -1) if indices.ndim == 1 else indices
    out = np.zeros((rows.shape[0], depth), dtype=np.float32)
    valid = (rows >= 0) & (rows < depth)
    row_ids = np.broadcast_to(np.arange(rows.shape[0])[:, None], rows.shape)
    weights = (
        np.ones(rows.shape, np.float32)
        if count_weights is None
        else np.asarray(count_weights, np.float32).reshape(rows.shape)
    )
    np.add.at(out, (row_ids[valid], rows[valid].astype(np.int64)), weights[valid])
    if output_mode in (ONE_HOT, MULTI_HOT):
        out = np.minimum(out, 1.0)
    if indices.ndim == 1:
        out = out[0]
    if output_mode == TF_IDF:
        out = out * np.asarray(idf_weights, np.float32)
    return out


def _shape_text(indices, rank):
    return "(" + ", ".join(str(d) for d in indices.shape[:rank]) + ("," if rank == 1 else "") + ")"
