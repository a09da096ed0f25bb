"""Eager-mode helpers (`tf.executing_eagerly`, `tf.name_scope`, `TensorSpec` ...) and `tf.print`.

Every function that may receive a Keras symbolic tensor is wrapped with
`tf_api("<canonical TF name>")`, so that on KerasTensors it becomes a `TFOpLambda` layer
named as tf.keras names it.
"""

import contextlib
import logging
import sys

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import Tensor
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import effect_call as _effect_call
from pynn.tf._common import _value


# --------------------------------------------------------------------------- eager helpers
def executing_eagerly():
    """False while a tf.function traces its body, as in TF; True otherwise."""
    return not (_tracing and _tracing[0].names is not None)


def is_tensor(x):
    return isinstance(x, Tensor) or getattr(x, "_pynn_symbolic", False) is True


@contextlib.contextmanager
def _noop_scope(*args, **kwargs):
    yield


def name_scope(name, *args, **kwargs):
    """Context manager kept for compatibility: names do not matter in eager mode."""
    return _noop_scope()


def device(device_name):
    """Context manager kept for compatibility: pynn runs on the CPU only."""
    return _noop_scope()


def control_dependencies(control_inputs):
    return _noop_scope()


def init_scope():
    return _noop_scope()


def get_static_value(tensor, partial=False):
    if isinstance(tensor, Tensor):
        return tensor.numpy()
    return None


def get_logger():
    return logging.getLogger("tensorflow")


def ensure_shape(x, shape, name=None):
    if not TensorShape(shape).is_compatible_with(_value(x).shape):
        raise InvalidArgumentError(
            f"Shape of tensor {TensorShape(_value(x).shape)} is not compatible with expected "
            f"shape {TensorShape(shape)}."
        )
    return x


class TensorSpec:
    """Describes a tensor's shape and dtype (used in `tf.function` input signatures)."""

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self.shape = TensorShape(shape)
        self.dtype = _dt.as_dtype(dtype)
        self.name = name

    def __repr__(self):
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r}, name={self.name!r})"

    def __eq__(self, other):
        return (
            isinstance(other, TensorSpec)
            and self.shape == other.shape
            and self.dtype == other.dtype
            and self.name == other.name
        )

    def __hash__(self):
        return hash((self.shape, self.dtype, self.name))

    def is_compatible_with(self, spec_or_tensor):
        return self.dtype == spec_or_tensor.dtype and self.shape.is_compatible_with(
            spec_or_tensor.shape
        )


# --------------------------------------------------------------------------- tf.print
def _format_scalar(v):
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, np.floating):
        digits = (6, 9) if v.dtype.itemsize <= 4 else (15, 17)
        short = f"{v:.{digits[0]}g}"
        return short if type(v)(short) == v else f"{v:.{digits[1]}g}"
    if isinstance(v, bytes):
        return '"' + v.decode("utf-8", "replace") + '"'
    if isinstance(v, str):
        return '"' + v + '"'
    return str(v)


def _format_array(a, summarize, indent=1):
    if not isinstance(a, np.ndarray):  # an element of an object (string) array
        return _format_scalar(a)
    if a.ndim == 0:
        return _format_scalar(a[()])
    n = a.shape[0]
    if summarize is not None and summarize >= 0 and n > 2 * summarize:
        items = [_format_array(a[i], summarize, indent + 1) for i in np.arange(summarize)]
        items.append("...")
        items += [_format_array(a[i], summarize, indent + 1) for i in np.arange(n - summarize, n)]
    else:
        items = [_format_array(a[i], summarize, indent + 1) for i in np.arange(n)]
    if a.ndim == 1:
        return "[" + " ".join(items) + "]"
    sep = "\n" * (a.ndim - 1) + " " * indent
    return "[" + sep.join(items) + "]"


def _format_for_print(obj, summarize):
    if isinstance(obj, Tensor):
        return _format_array(obj._value, summarize)
    if isinstance(obj, np.ndarray):
        return _format_array(obj, summarize)
    if isinstance(obj, list):
        return "[" + ", ".join(_format_for_print(o, summarize) for o in obj) + "]"
    if isinstance(obj, tuple):
        return (
            "("
            + ", ".join(_format_for_print(o, summarize) for o in obj)
            + (",)" if len(obj) == 1 else ")")
        )
    if isinstance(obj, dict):
        return (
            "{"
            + ", ".join(f"{k!r}: {_format_for_print(v, summarize)}" for k, v in obj.items())
            + "}"
        )
    return str(obj)


def print(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """`tf.print`: tensors printed as TensorFlow prints them (to stderr by default); inside
    a traced step or tf.function it prints at every call, not only while tracing."""
    if _tracing:
        return _effect_call(
            print, *inputs, output_stream=output_stream, summarize=summarize, sep=sep, end=end
        )
    stream = sys.stderr if output_stream is None else output_stream
    text = sep.join(_format_for_print(x, summarize) for x in inputs) + end
    if isinstance(stream, str):
        if stream.startswith("file://"):
            with open(stream[len("file://") :], "a") as f:
                f.write(text)
            return
        stream = sys.stdout if stream == "stdout" else sys.stderr
    if hasattr(stream, "write"):
        stream.write(text)
    elif callable(stream):
        stream(text.rstrip("\n"))
