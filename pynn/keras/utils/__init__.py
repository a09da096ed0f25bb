"""`keras.utils`: `to_categorical`, `set_random_seed`, `normalize`, `pad_sequences`, plus
re-exports (Progbar, custom objects, (de)serialization, `get_source_inputs`)."""

import random as _random

import numpy as np

from pynn.core import random as prandom
from pynn.keras.saving.serialization_lib import deserialize_keras_object as deserialize
from pynn.keras.utils.data_utils import Sequence  # noqa: F401
from pynn.keras.utils.generic_utils import (  # noqa: F401 - re-exports
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    register_keras_serializable,
    serialize_keras_object,
)
from pynn.keras.utils.layer_utils import get_source_inputs, print_summary  # noqa: F401
from pynn.keras.utils.progbar import Progbar  # noqa: F401


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """`keras.saving.deserialize_keras_object` (imported on first use: saving pulls in h5py)."""

    return deserialize(config, custom_objects=custom_objects, safe_mode=safe_mode, **kwargs)


def to_categorical(y, num_classes=None, dtype="float32"):
    """Class vector (integers 0..num_classes-1) -> one-hot matrix.

    >>> to_categorical([0, 2, 1], num_classes=3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    """
    y = np.array(y, dtype="int")
    input_shape = y.shape
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    y = y.reshape(-1)
    if not num_classes:
        num_classes = int(np.max(y)) + 1
    n = y.shape[0]
    categorical = np.zeros((n, num_classes), dtype=dtype)
    categorical[np.arange(n), y] = 1
    return np.reshape(categorical, tuple(input_shape) + (num_classes,))


def normalize(x, axis=-1, order=2):
    """Scales `x` to unit `order`-norm along `axis` (zero vectors stay zero)."""
    norm = np.atleast_1d(np.linalg.norm(x, order, axis))
    norm[norm == 0] = 1
    return x / np.expand_dims(norm, axis)


def set_random_seed(seed):
    """Seeds Python's `random`, numpy and pynn's global generator (as tf.random.set_seed)."""
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(
            "Expected `seed` argument to be an integer. "
            f"Received: seed={seed} (of type {type(seed)})"
        )
    _random.seed(seed)
    np.random.seed(seed)
    prandom.set_seed(seed)


def pad_sequences(
    sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre", value=0.0
):
    """Pads a list of sequences to one length (Keras `pad_sequences`)."""
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    lengths = []
    sample_shape = ()
    found_shape = False
    for x in sequences:
        try:
            lengths.append(len(x))
        except TypeError as e:
            raise ValueError(
                f"`sequences` must be a list of iterables. Found non-iterable: {x!s}"
            ) from e
        if not found_shape and len(x):
            sample_shape = np.asarray(x).shape[1:]
            found_shape = True
    if maxlen is None:
        maxlen = max(lengths) if lengths else 0
    is_text = np.issubdtype(np.dtype(dtype), np.str_) or np.issubdtype(np.dtype(dtype), np.object_)
    if isinstance(value, str) and dtype is not object and not is_text:
        raise ValueError(
            f"`dtype` {dtype} is not compatible with `value`'s type: {type(value)}\n"
            "You should set `dtype=object` for variable length strings."
        )
    out = np.full((len(sequences), maxlen) + sample_shape, value, dtype=dtype)
    for i, s in enumerate(sequences):
        if not len(s):
            continue
        if truncating == "pre":
            trunc = s[-maxlen:]
        elif truncating == "post":
            trunc = s[:maxlen]
        else:
            raise ValueError(f'Truncating type "{truncating}" not understood')
        trunc = np.asarray(trunc, dtype=dtype)
        if trunc.shape[1:] != sample_shape:
            raise ValueError(
                f"Shape of sample {trunc.shape[1:]} of sequence at position {i} "
                f"is different from expected shape {sample_shape}"
            )
        if padding == "post":
            out[i, : len(trunc)] = trunc
        elif padding == "pre":
            out[i, -len(trunc) :] = trunc
        else:
            raise ValueError(f'Padding type "{padding}" not understood')
    return out


def plot_model(
    model,
    to_file="model.png",
    show_shapes=False,
    show_dtype=False,
    show_layer_names=True,
    rankdir="TB",
    expand_nested=False,
    dpi=96,
    layer_range=None,
    show_layer_activations=False,
    show_trainable=False,
):
    """Needs pydot and graphviz, which pynn does not ship: raises ImportError as tf.keras
    does without them (use `model.summary()` instead)."""
    raise ImportError(
        "You must install pydot (`pip install pydot`) and install graphviz (see "
        "instructions at https://graphviz.gitlab.io/download/) for plot_model "
        "to work."
    )
