"""`tf.function`: the Python body runs once per input signature (a trace), later calls replay
the recorded program.

As in TensorFlow 2.15, a call first computes its input signature: the shapes and dtypes of
the Tensor (and numpy array) arguments, the values of the Python arguments, the identity of
Variables and other objects. A new signature *traces*: the body runs, under a
`pynn.core.tracing.Tracer`, so its Python side effects (`print`, `list.append`, counters)
happen then; `print` of a tensor shows TF's symbolic form (`Tensor("x:0", shape=(),
dtype=float32)`). Calls with a signature already traced replay the recording: primitive
forwards, the gradients each `GradientTape.gradient` computed, variable assignments and the
recorded side effects (`tf.print`, `optimizer.apply_gradients`, `metric.update_state`) —
no Python of the body runs. Retracing warnings follow TF's rule (5 traces among the last
calls, at most twice per function).

Fail closed (see the contract in `pynn.core.tracing`): where the body reads a tensor value
into Python (`if loss > 0:`, `float(x)`, numpy on a tensor) TF's autograph would build a
`tf.cond` or raise; pynn keeps the result right instead: that signature runs the body
eagerly at every call (its side effects then happen at every call), `reasons` says why and
a warning is logged once. `tf.config.run_functions_eagerly(True)` runs every call eagerly.

Where pynn differs: a replay needs concrete shapes, so under an `input_signature` or
`reduce_retracing` with unknown dimensions the body is recorded once more for each new
concrete shape (with its printed output hidden, as TF would not trace again) — other side
effects of the body repeat then. Nested tf.functions run inline in the outer trace.
"""

import contextlib
import functools
import inspect
import io
import logging
import weakref

import numpy as np

from pynn.core import dtypes as _dt
from pynn.core import tracing
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tensor_shape import TensorShape

__all__ = ["ConcreteFunction", "Function", "function"]

# TF 2.15's frequent-tracing detector (polymorphic_function.py)
_WARNING_THRESHOLD = 5
_MAX_CALL_HISTORY = 10
_MAX_WARNINGS = 2


def _tf_logger():
    """The "tensorflow" logger, printing `WARNING:tensorflow:...` to stderr as TF does."""
    logger = logging.getLogger("tensorflow")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


class _FrequentTracingDetector:
    def __init__(self):
        self._calls_per_tracing = []
        self._call_count = 0
        self._warnings = 0

    def called_with_tracing(self, function_name):
        self._call_count += 1
        self._calls_per_tracing.append(1)
        while self._calls_per_tracing and (
            self._call_count - self._calls_per_tracing[0] > _MAX_CALL_HISTORY
        ):
            self._call_count -= self._calls_per_tracing.pop(0)
        if self._warnings >= _MAX_WARNINGS:
            return
        if len(self._calls_per_tracing) >= _WARNING_THRESHOLD:
            self._warnings += 1
            _tf_logger().warning(
                f"{len(self._calls_per_tracing)} out of the last {self._call_count} calls to "
                f"{function_name} triggered tf.function retracing. Tracing is expensive and "
                "the excessive number of tracings could be due to (1) creating @tf.function "
                "repeatedly in a loop, (2) passing tensors with different shapes, (3) passing "
                "Python objects instead of tensors. For (1), please define your @tf.function "
                "outside of the loop. For (2), @tf.function has reduce_retracing=True option "
                "that can avoid unnecessary retracing. For (3), please refer to "
                "https://www.tensorflow.org/guide/function#controlling_retracing and "
                "https://www.tensorflow.org/api_docs/python/tf/function for  more details."
            )

    def called_without_tracing(self):
        if not self._calls_per_tracing:
            self._calls_per_tracing = [0]
        self._calls_per_tracing[-1] += 1
        self._call_count += 1


# ------------------------------------------------------------------ input signatures


class _Spec:
    """A tensor argument in a signature key: shape (a tuple, None for unknown dims) and
    dtype name."""

    __slots__ = ("dtype", "shape")

    def __init__(self, shape, dtype):
        self.shape = shape
        self.dtype = dtype

    def __eq__(self, other):
        return type(other) is _Spec and other.shape == self.shape and other.dtype == self.dtype

    def __hash__(self):
        return hash((self.shape, self.dtype))

    def accepts(self, other):
        return (
            self.dtype == other.dtype
            and len(self.shape) == len(other.shape)
            and all(a is None or a == b for a, b in zip(self.shape, other.shape, strict=True))
        )

    def relaxed(self, other):
        """The most specific spec accepting both, or None (other rank or dtype)."""
        if self.dtype != other.dtype or len(self.shape) != len(other.shape):
            return None
        return _Spec(
            tuple(a if a == b else None for a, b in zip(self.shape, other.shape, strict=True)),
            self.dtype,
        )


def _key(value, leaves):
    """A hashable signature of one argument; Tensor leaves (numpy arrays converted) are
    appended to `leaves` and stand as `_Spec`s in the key."""
    if isinstance(value, Tensor) and not value._is_variable:
        leaves.append(value)
        return _Spec(value._value.shape, value._value.dtype.str)
    if isinstance(value, np.ndarray):
        t = convert_to_tensor(value)
        leaves.append(t)
        return _Spec(t._value.shape, t._value.dtype.str)
    if isinstance(value, Tensor):  # a Variable: by identity, as TF
        return ("V", id(value))
    if getattr(value, "_pynn_symbolic", False):
        raise _Symbolic
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(v, leaves) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, _key(value[k], leaves)) for k in sorted(value, key=repr)))
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return ("P", type(value).__name__, value)


class _Symbolic(Exception):
    """A Keras symbolic tensor among the arguments (a functional model being built)."""


def _specs(key, out):
    if type(key) is _Spec:
        out.append(key)
    elif type(key) is tuple:
        for k in key:
            _specs(k, out)
    return out


def _replace_specs(key, specs):
    if type(key) is _Spec:
        return specs.pop(0)
    if type(key) is tuple:
        return tuple(_replace_specs(k, specs) for k in key)
    return key


def _rebuild(value, leaves, pos):
    """`value` with its Tensor/numpy leaves replaced by `leaves` in `_key`'s order."""
    if isinstance(value, Tensor) and not value._is_variable or isinstance(value, np.ndarray):
        pos[0] += 1
        return leaves[pos[0] - 1]
    if isinstance(value, (list, tuple)):
        items = [_rebuild(v, leaves, pos) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        out = dict(value)
        for k in sorted(value, key=repr):
            out[k] = _rebuild(value[k], leaves, pos)
        return out
    return value


def _leaf_names(name, value, out):
    if isinstance(value, Tensor) and not value._is_variable or isinstance(value, np.ndarray):
        out.append(name if not out or name not in out else f"{name}_{out.count(name)}")
    elif isinstance(value, (list, tuple)):
        for v in value:
            _leaf_names(name, v, out)
    elif isinstance(value, dict):
        for k in sorted(value, key=repr):
            _leaf_names(name, value[k], out)
    return out


# ------------------------------------------------------------------ outputs


class _Out:
    __slots__ = ("copy", "i")

    def __init__(self, i, copy):
        self.i = i
        self.copy = copy


def _outputs(value, tracer, slots):
    """The output structure with each Tensor the recording made replaced by an `_Out`."""
    if isinstance(value, Tensor):
        s = (
            tracer._var_slots.get(id(value))
            if value._is_variable
            else (tracer._by_tensor.get(id(value)) or tracer._by_array.get(id(value._value)))
        )
        if s is None:
            return value  # a constant of the trace, returned as it is
        slots.append(s)
        return _Out(len(slots) - 1, value._is_variable)
    if isinstance(value, (list, tuple)):
        items = [_outputs(v, tracer, slots) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        return type(value)((k, _outputs(v, tracer, slots)) for k, v in value.items())
    return value


def _fill(structure, arrays):
    if type(structure) is _Out:
        a = arrays[structure.i]
        return _wrap(a.copy() if structure.copy else a)
    if isinstance(structure, (list, tuple)):
        items = [_fill(v, arrays) for v in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else type(structure)(items)
    if isinstance(structure, dict):
        return type(structure)((k, _fill(v, arrays)) for k, v in structure.items())
    return structure


def _snapshot_variables(value):
    """Variables in a function's result come back as Tensors of their value, as in TF."""
    if isinstance(value, Tensor) and value._is_variable:
        return _wrap(value._value.copy())
    if isinstance(value, (list, tuple)):
        items = [_snapshot_variables(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        return type(value)((k, _snapshot_variables(v)) for k, v in value.items())
    return value


class _Recorded:
    __slots__ = ("program", "structure")

    def __init__(self, program, structure):
        self.program = program
        self.structure = structure


# ------------------------------------------------------------------ Function


class Function:
    """What `tf.function` returns (`type(f).__name__ == "Function"`): see the module doc."""

    def __init__(self, python_function, input_signature=None, reduce_retracing=False, name=None):
        if input_signature is not None:
            input_signature = tuple(input_signature)
            for spec in input_signature:
                if not hasattr(spec, "shape") or not hasattr(spec, "dtype"):
                    raise TypeError(
                        f"input_signature must be a possibly nested sequence of "
                        f"TensorSpec objects, got invalid args {spec!r}."
                    )
        self._python_function = python_function
        self._input_signature = input_signature
        self._reduce_retracing = bool(reduce_retracing)
        self._name = name or getattr(python_function, "__name__", "function")
        self._traced = []  # public keys traced, in order
        self._recorded = {}  # exact key -> _Recorded, or a reason (str)
        self._tracing_count = 0
        self._detector = _FrequentTracingDetector()
        self._bound = weakref.WeakKeyDictionary()
        try:
            self._signature = inspect.signature(python_function)
        except (TypeError, ValueError):
            self._signature = None
        functools.update_wrapper(self, python_function, updated=())

    # --- TF's attributes
    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return self._input_signature

    @property
    def function_spec(self):
        return self._signature

    def experimental_get_tracing_count(self):
        return self._tracing_count

    @property
    def reasons(self):
        """{signature: why} for the signatures whose calls run eagerly."""
        return {k: v for k, v in self._recorded.items() if type(v) is str}

    def __get__(self, instance, owner):
        """A method decorated with tf.function traces per instance, as in TF."""
        if instance is None:
            return self
        try:
            bound = self._bound.get(instance)
        except TypeError:  # an unhashable / non-weakref-able instance
            bound = None
        if bound is None:
            bound = Function(
                self._python_function.__get__(instance, owner),
                self._input_signature,
                self._reduce_retracing,
                self._name,
            )
            try:
                self._bound[instance] = bound
            except TypeError:
                pass
        return bound

    def __repr__(self):
        return f"<pynn.tf.Function {self._name} at 0x{id(self):x}>"

    # --- calling
    def _bind(self, args, kwargs):
        """(names, values) of the arguments, defaults applied; the values of an
        input_signature converted to Tensors of its dtypes and checked against it."""
        if self._signature is None:
            return [f"args_{i}" for i in range(len(args))], list(args), {}
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        names, values = [], []
        for name, value in bound.arguments.items():
            kind = self._signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                names += [f"{name}_{i}" for i in range(len(value))]
                values += list(value)
            elif kind is inspect.Parameter.VAR_KEYWORD:
                names += list(value)
                values += list(value.values())
            else:
                names.append(name)
                values.append(value)
        if self._input_signature is not None:
            values = self._check_signature(names, values, args, kwargs)
        return names, values, bound

    def _check_signature(self, names, values, args, kwargs):
        specs = self._input_signature
        out = list(values)
        for i, spec in enumerate(specs):
            if i >= len(values):
                break
            value = values[i]
            try:
                t = (
                    value
                    if isinstance(value, Tensor)
                    else convert_to_tensor(value, dtype=spec.dtype)
                )
            except (TypeError, ValueError):
                t = None
            if (
                t is None
                or t.dtype != spec.dtype
                or not TensorShape(spec.shape).is_compatible_with(t.shape)
            ):
                got = (
                    f"TensorSpec(shape={t.shape}, dtype=tf.{t.dtype.name}, name=None)"
                    if t is not None
                    else repr(value)
                )
                want = (
                    f"TensorSpec(shape={TensorShape(spec.shape)}, "
                    f"dtype=tf.{_dt.as_dtype(spec.dtype).name}, name=None)"
                )
                params = ", ".join(
                    f"{n}: TensorSpec(shape={TensorShape(s.shape)}, "
                    f"dtype=tf.{_dt.as_dtype(s.dtype).name}, name=None)"
                    for n, s in zip(names, specs, strict=True)
                )
                raise TypeError(
                    f"Binding inputs to tf.function failed due to `Can not cast {got} to "
                    f"{want}`. Received args: {args!r} and kwargs: {kwargs!r} for "
                    f"signature: ({params})."
                )
            out[i] = t
        return out

    def __call__(self, *args, **kwargs):
        if tracing.EAGER or tracing.active:
            # run_functions_eagerly, or inside another trace: the body runs inline
            return self._python_function(*args, **kwargs)
        names, values, _ = self._bind(args, kwargs)
        leaves = []
        try:
            exact = tuple(_key(v, leaves) for v in values)
        except _Symbolic:  # building a Keras model: the body adds its layers
            return self._python_function(*args, **kwargs)
        entry = self._recorded.get(exact)
        if entry is None:
            return self._trace(names, values, leaves, exact, args, kwargs)
        self._detector.called_without_tracing()
        if type(entry) is str:
            return _snapshot_variables(self._python_function(*args, **kwargs))
        return _fill(entry.structure, entry.program.run([t._value for t in leaves]))

    def _public_key(self, exact):
        """The signature TF would trace for `exact` (None dims from an input_signature or
        reduce_retracing), and whether it is traced already."""
        specs = _specs(exact, [])
        if self._input_signature is not None:
            sig = [
                _Spec(tuple(TensorShape(s.shape).as_list()), _dt.np_dtype(s.dtype).str)
                for s in self._input_signature
            ]
            specs = sig + specs[len(sig) :]
            public = _replace_specs(exact, list(specs))
            return public, public in self._traced
        for traced in self._traced:
            if _same_structure(traced, exact) and all(
                a.accepts(b) for a, b in zip(_specs(traced, []), specs, strict=True)
            ):
                return traced, True
        if self._reduce_retracing:
            for traced in reversed(self._traced):
                if _same_structure(traced, exact):
                    relaxed = [a.relaxed(b) for a, b in zip(_specs(traced, []), specs, strict=True)]
                    if None not in relaxed:
                        return _replace_specs(exact, relaxed), False
        return exact, False

    def _trace(self, names, values, leaves, exact, args, kwargs):
        public, seen = self._public_key(exact)
        if seen:  # a new concrete shape of a relaxed signature: record it quietly
            self._detector.called_without_tracing()
            quiet = contextlib.redirect_stdout(io.StringIO())
        else:
            self._traced.append(public)
            self._tracing_count += 1
            quiet = contextlib.nullcontext()
        pos = [0]
        call_values = [_rebuild(v, leaves, pos) for v in values]
        leaf_names = []
        for name, value in zip(names, values, strict=True):
            _leaf_names(name, value, leaf_names)
        call_args, call_kwargs = self._arguments(call_values, args, kwargs)
        tracer = tracing.Tracer(leaves, ())
        tracer.allow_gradients = True
        tracer.name_inputs(leaf_names)
        tracer.shown_shapes = dict(
            zip(tracer.input_slots, (TensorShape(s.shape) for s in _specs(public, [])), strict=True)
        )
        with quiet, tracer:
            result = self._python_function(*call_args, **call_kwargs)
        if not seen:  # TF warns once the trace is done
            self._detector.called_with_tracing(repr(self._python_function))
        reason = tracer.failed
        if reason is None:
            slots = []
            structure = _outputs(result, tracer, slots)
            try:
                self._recorded[exact] = _Recorded(tracing.FunctionProgram(tracer, slots), structure)
            except tracing.Untraceable as error:
                reason = str(error)
        if reason is not None:
            self._recorded[exact] = reason
            logging.getLogger("pynn").warning(
                "tf.function %s runs eagerly for this input signature (the same result, "
                "only slower): %s.",
                self._name,
                reason,
            )
        return _snapshot_variables(result)

    def _arguments(self, call_values, args, kwargs):
        """The call's (args, kwargs) with converted Tensor leaves in place."""
        if self._signature is None:
            return call_values, {}
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        i = 0
        for name, value in list(bound.arguments.items()):
            kind = self._signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                bound.arguments[name] = tuple(call_values[i : i + len(value)])
                i += len(value)
            elif kind is inspect.Parameter.VAR_KEYWORD:
                bound.arguments[name] = dict(
                    zip(value, call_values[i : i + len(value)], strict=True)
                )
                i += len(value)
            else:
                bound.arguments[name] = call_values[i]
                i += 1
        return bound.args, bound.kwargs

    def get_concrete_function(self, *args, **kwargs):
        """The traced function for these arguments (traced now if needed); without
        arguments, for the input_signature (traced on zeros where a dimension is None)."""
        if not args and not kwargs and self._input_signature is not None:
            args = tuple(
                _wrap(
                    np.zeros(
                        tuple(1 if d is None else d for d in TensorShape(s.shape).as_list()),
                        _dt.np_dtype(s.dtype),
                    )
                )
                for s in self._input_signature
            )
        names, values, _ = self._bind(args, kwargs)
        leaves = []
        exact = tuple(_key(v, leaves) for v in values)
        if exact not in self._recorded and not tracing.EAGER:
            self._trace(names, values, leaves, exact, args, kwargs)
        public, _ = self._public_key(exact)
        return ConcreteFunction(self, names, public)


def _same_structure(a, b):
    if type(a) is _Spec or type(b) is _Spec:
        return type(a) is type(b)
    if type(a) is tuple and type(b) is tuple:
        return len(a) == len(b) and all(_same_structure(x, y) for x, y in zip(a, b, strict=True))
    return a == b


class ConcreteFunction:
    """One traced signature of a `Function` (`f.get_concrete_function(...)`); calling it
    calls the function with arguments of that signature."""

    def __init__(self, function, names, key):
        self._function = function
        self._names = names
        self._key = key

    @property
    def structured_input_signature(self):
        specs = iter(_specs(self._key, []))
        from pynn.tf.eager import TensorSpec  # noqa: PLC0415 - late: eager.py imports this module (through _common.py)

        out = []
        for part in self._key:
            if type(part) is _Spec:
                spec = next(specs)
                out.append(TensorSpec(spec.shape, np.dtype(spec.dtype)))
            else:
                out.append(part[-1] if type(part) is tuple and part[:1] == ("P",) else part)
        return tuple(out), {}

    def __call__(self, *args, **kwargs):
        return self._function(*args, **kwargs)

    def pretty_printed_signature(self, verbose=True):
        lines = ["Input Parameters:"]
        inputs, _ = self.structured_input_signature
        for name, spec in zip(self._names, inputs, strict=True):
            lines.append(f"  {name} (POSITIONAL_OR_KEYWORD): {spec!r}")
        return "\n".join(lines)

    def __str__(self):
        return "ConcreteFunction " + self.pretty_printed_signature()

    __repr__ = __str__


def function(
    func=None,
    input_signature=None,
    autograph=True,
    jit_compile=None,
    reduce_retracing=False,
    experimental_implements=None,
    experimental_autograph_options=None,
    experimental_attributes=None,
    experimental_relax_shapes=None,
    experimental_compile=None,
    experimental_follow_type_hints=None,
):
    """`tf.function`: a `Function` that traces `func` once per input signature and replays
    the recording on later calls (see the module doc)."""
    relax = bool(reduce_retracing or experimental_relax_shapes)

    def decorate(f):
        return Function(f, input_signature=input_signature, reduce_retracing=relax)

    if func is None:
        return decorate
    return decorate(func)
