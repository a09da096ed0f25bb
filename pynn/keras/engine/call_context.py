"""What a layer call knows beyond its arguments: the call context shared by the layers being
called right now (`training`, the name scope of new weights), each `call`'s signature (does it
take `training`, `mask`?), and tf.keras's "Exception encountered when calling layer ..." text
that an error raised inside a call gets."""

import inspect
import weakref

from pynn.core.tensor import Tensor
from pynn.keras.engine import nest


def _is_symbolic(x):
    return getattr(x, "_pynn_symbolic", False) is True


# ------------------------------------------------------------------ call context


class _CallContext:
    """What the layers being called right now share: `training`, depth, name scopes."""

    def __init__(self):
        self.frames = []  # training value of each active __call__
        self.name_scope = []  # layer names prefixing the weights created now
        self.lossy = []  # layers holding losses of the last call (cleared lazily)
        self.symbolic_call = None  # (layer, args, kwargs) of the symbolic call being inferred

    @property
    def in_call(self):
        return bool(self.frames)

    @property
    def training(self):
        for value in reversed(self.frames):
            if value is not None:
                return value
        return None


_CONTEXT = _CallContext()


def call_context():
    return _CONTEXT


class _FreshNameScope:
    """Weights created inside get no prefix from the enclosing layers (TF's init_scope)."""

    def __enter__(self):
        self._saved = _CONTEXT.name_scope
        _CONTEXT.name_scope = []

    def __exit__(self, *exc):
        _CONTEXT.name_scope = self._saved


def default(method):
    """Marks a base-class method that `__call__` may skip when a subclass did not override it."""
    method._is_default = True
    return method


# ------------------------------------------------------------------ call signatures


class _CallSpec:
    __slots__ = (
        "accepts_kwargs",
        "accepts_mask",
        "accepts_training",
        "arg_names",
        "training_default",
        "training_position",
    )

    def __init__(self, call_fn):
        sig = inspect.signature(call_fn)
        params = list(sig.parameters.values())
        self.arg_names = [
            p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        self.accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in params)
        names = {p.name for p in params}
        self.accepts_training = "training" in names or self.accepts_kwargs
        self.accepts_mask = "mask" in names or self.accepts_kwargs
        training = sig.parameters.get("training")
        self.training_default = None
        if training is not None and training.default is not inspect.Parameter.empty:
            self.training_default = training.default
        self.training_position = (
            self.arg_names.index("training") if "training" in self.arg_names else None
        )


_CALL_SPECS = weakref.WeakKeyDictionary()


def _call_spec(layer):
    cached = layer.__dict__.get("_call_spec_cache")
    if cached is not None and cached[0] is layer.__dict__.get("call"):
        return cached[1]
    spec = _lookup_call_spec(layer)
    layer.__dict__["_call_spec_cache"] = (layer.__dict__.get("call"), spec)
    return spec


def _lookup_call_spec(layer):
    cls = type(layer)
    call_fn = layer.call
    # Layers like Lambda/TFOpLambda may replace `call` per instance.
    if "call" in layer.__dict__:
        return _CallSpec(call_fn)
    spec = _CALL_SPECS.get(cls)
    if spec is None:
        spec = _CALL_SPECS[cls] = _CallSpec(call_fn)
        if getattr(cls, "_no_training_mask", False):
            spec.accepts_training = spec.accepts_mask = False
    return spec


# ------------------------------------------------------------------ call info in errors


def _format_argument(value):
    if isinstance(value, Tensor) or _is_symbolic(value):
        return f"tf.Tensor(shape={value.shape}, dtype={value.dtype.name})"
    return repr(value)


def _with_call_info(error, layer, args, kwargs, symbolic=False):
    """`error` re-created with tf.keras's "Exception encountered when calling layer ..." text
    and the arguments of the call (only for the innermost failing layer)."""
    if getattr(error, "_keras_call_info_injected", False):
        return error
    pending = _CONTEXT.symbolic_call
    if pending is not None and pending[0] is layer:
        symbolic = True
        args, kwargs = pending[1], pending[2]  # show the symbolic shapes, not the zeros
    try:
        bound = inspect.signature(layer.call).bind(*args, **kwargs)
    except TypeError:
        return error
    lines = []
    for param in inspect.signature(layer.call).parameters.values():
        if param.name in bound.arguments:
            value = bound.arguments[param.name]
            shown = (
                nest.map_structure(_format_argument, value)
                if nest.is_nested(value)
                else _format_argument(value)
            )
        else:
            shown = param.default
        lines.append(f"  \u2022 {param.name}={shown}")
    if not lines:
        return error
    quote = '"' if symbolic else "'"
    name = f"layer {quote}{layer.name}{quote} (type {type(layer).__name__})"
    message = error.args[0] if error.args else ""
    if hasattr(error, "message") and not error.args:
        message = error.message
    text = (
        f"Exception encountered when calling {name}.\n\n{message}\n\n"
        f"Call arguments received by {name}:\n" + "\n".join(lines)
    )
    try:
        new_error = type(error)(text)
    except TypeError:
        new_error = RuntimeError(text)
    new_error._keras_call_info_injected = True
    return new_error.with_traceback(error.__traceback__)
