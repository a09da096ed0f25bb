"""The `tensorflow` API surface tutorials use, running on pynn.

With the shim (`python -m pynn run script.py` or `pynn.shim.install()`), `import tensorflow
as tf` gives this module; `tf.keras` is `pynn.keras` (imported on first use).
"""

import importlib as _importlib
import types as _types

from pynn.core.autodiff import GradientTape, UnconnectedGradients, custom_gradient  # noqa: F401
from pynn.core.dtypes import (  # noqa: F401
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from pynn.core.tensor import Tensor, Variable  # noqa: F401
from pynn.core.tensor_shape import TensorShape  # noqa: F401
from pynn.tf import config, data, dtypes, errors, linalg, math, nn, random  # noqa: F401
from pynn.tf.array_ops import (  # noqa: F401
    argsort,
    boolean_mask,
    broadcast_to,
    cast,
    concat,
    constant,
    convert_to_tensor,
    expand_dims,
    eye,
    fill,
    gather,
    gather_nd,
    identity,
    linspace,
    meshgrid,
    one_hot,
    ones,
    ones_like,
    pad,
    range,
    rank,
    repeat,
    reshape,
    reverse,
    roll,
    scatter_nd,
    searchsorted,
    shape,
    size,
    slice,
    sort,
    split,
    squeeze,
    stack,
    stop_gradient,
    tensor_scatter_nd_update,
    tile,
    transpose,
    unique,
    unstack,
    where,
    zeros,
    zeros_like,
)
from pynn.tf.eager import (  # noqa: F401
    TensorSpec,
    control_dependencies,
    device,
    ensure_shape,
    executing_eagerly,
    get_logger,
    get_static_value,
    init_scope,
    is_tensor,
    name_scope,
    print,
)
from pynn.tf.function import function  # noqa: F401
from pynn.tf.math import (  # noqa: F401
    abs,
    add,
    add_n,
    argmax,
    argmin,
    clip_by_global_norm,
    clip_by_norm,
    clip_by_value,
    cos,
    cumsum,
    divide,
    einsum,
    equal,
    exp,
    floor,
    greater,
    greater_equal,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    maximum,
    minimum,
    multiply,
    negative,
    norm,
    not_equal,
    pow,
    realdiv,
    reduce_all,
    reduce_any,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    round,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    subtract,
    tanh,
    truediv,
)
from pynn.tf.module import Module  # noqa: F401

__version__ = "2.15.1"  # the reference build: tensorflow-cpu 2.15.1 (keras 2.15.0)
VERSION = __version__
# `tf.version.VERSION` (the TensorFlow tutorials print it first thing)
version = _types.ModuleType("tensorflow.version", "TensorFlow's version strings.")
version.VERSION = __version__
version.GIT_VERSION = "v2.15.0-11-g63f5a65c7cd"
version.COMPILER_VERSION = "pynn (numpy)"
newaxis = None

_LAZY = {
    "keras": "pynn.keras",
    # TF 2 aliases of tf.keras modules ("Basic regression": tf.optimizers.Adam(0.1))
    "optimizers": "pynn.keras.optimizers",
    "losses": "pynn.keras.losses",
    "metrics": "pynn.keras.metrics",
    "initializers": "pynn.keras.initializers",
    # tf.train.latest_checkpoint ("Save and load models", TF 2.15 era)
    "train": "pynn.tf.train",
    # text: tf.strings.*, tf.RaggedTensor / tf.ragged.constant
    "strings": "pynn.tf.strings",
    "ragged": "pynn.tf.ragged",
    # tf.image basics (resize, flips, grayscale, convert_image_dtype)
    "image": "pynn.tf.image",
}


def __getattr__(name):
    if name == "RaggedTensor":
        from pynn.tf.ragged import RaggedTensor  # noqa: PLC0415 - tf.RaggedTensor loads on first use

        return RaggedTensor
    # tf.keras is pynn.keras, imported on first use so pynn.tf works on its own.
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'tensorflow' has no attribute '{name}'")
    module = _importlib.import_module(target)
    globals()[name] = module
    return module


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
