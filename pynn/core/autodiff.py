"""Reverse-mode autodiff, micrograd style: primitives carry their own vector-Jacobian product.

A primitive is written once, forward and backward side by side::

    @primitive
    def multiply(a, b):                 # a, b: numpy arrays
        def vjp(g):                     # g: gradient of the output, numpy
            return unbroadcast(g * b, a.shape), unbroadcast(g * a, b.shape)
        return a * b, vjp

Positional arguments are the inputs (Tensors, numpy arrays or Python scalars, converted to
numpy before the forward runs); keyword arguments are static attributes. `vjp(g)` returns one
gradient per positional input (a tuple, or a single array for one input; None where there is
none). With `@primitive(needs=True)`, the vjp is called as `vjp(g, needs)`, `needs` telling
which inputs want a gradient, so expensive ops (matmul, conv) skip the others. A gradient
that is zero outside `x[key]` may be returned as `IndexedGradient(key, values, unique)`.

An op is recorded only while a GradientTape records and one of its inputs is tracked (a
trainable Variable, a watched tensor or a recorded output): inference pays nothing.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING, overload

import numpy as np

from pynn.core.errors import op_error
from pynn.core.tensor import EagerTensor, Tensor, Variable, _python_to_array, _wrap
from pynn.core.trace_state import active as _tracing
from pynn.core.trace_state import fail as _trace_fail

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from pynn.core.type_aliases import TensorLike

__all__ = [
    "GradientTape",
    "IndexedGradient",
    "UnconnectedGradients",
    "custom_gradient",
    "primitive",
    "registry",
    "stop_gradient",
    "unbroadcast",
]

_ndarray = np.ndarray
_asarray = np.asarray
_new = object.__new__

# Tapes currently recording (entered and not paused), and the ids of the tensors they watch.
_recording: list[GradientTape] = []
_watched: set[int] = set()
_next_seq = itertools.count().__next__

#: every primitive, keyed "module.function" ("math.add", "conv.conv2d"): tests check that each
#: has a gradient check
registry: dict[str, Callable[..., Tensor]] = {}

_TF_DTYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _tf_name(npd):
    return _TF_DTYPE_NAMES.get(npd.name, npd.name)


def _camel(name):
    return "".join(p.capitalize() for p in name.strip("_").split("_"))


def unbroadcast(g, shape):
    """Sum `g` down to `shape`, undoing numpy broadcasting (the VJP of a broadcast)."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra > 0:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, s in enumerate(shape) if s == 1 and g.shape[i] != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    if g.shape != shape:  # g was smaller (e.g. a scalar gradient for a broadcast input)
        g = np.broadcast_to(g, shape)
    return g


# --------------------------------------------------------------------------- input coercion
def _mismatch(op, index, expected, got):
    return op_error(
        op,
        f"cannot compute {op} as input #{index}(zero-based) was expected to be "
        f"a {_tf_name(expected)} tensor but is a {_tf_name(got)} tensor",
    )


def _to_dtype(a, dt, op, index):
    """Convert a non-Tensor input to the dtype `dt` of the op's Tensor inputs."""
    if type(a) is _ndarray:
        return a if a.dtype == dt else a.astype(dt)
    if type(a) is float and dt.kind in "iub":
        raise _mismatch(op, index, dt, np.dtype(np.float32))
    if getattr(a, "_pynn_symbolic", False):
        raise TypeError(
            f"{op} received a Keras symbolic tensor {a!r}; call it through a Keras "
            "layer (e.g. keras.layers.Lambda) or a tf.* function."
        )
    return _asarray(a, dt)


def _default_array(a):
    """A non-Tensor input alone: numpy arrays as they are, Python values with TF's defaults."""
    if type(a) is _ndarray:
        return a
    if type(a) is float:
        return _asarray(a, np.float32)
    if isinstance(a, Tensor):
        return a._value
    if getattr(a, "_pynn_symbolic", False):
        raise TypeError(
            f"Received a Keras symbolic tensor {a!r} where an eager value is needed; "
            "call it through a Keras layer (e.g. keras.layers.Lambda)."
        )
    if isinstance(a, np.generic):
        return _asarray(a)
    return _python_to_array(a, None)


def _unify(args, op):
    """numpy values of the inputs, all of one dtype (TF's rule for elementwise ops)."""
    n = len(args)
    if n == 2:  # fast paths: the common binary and unary cases
        a, b = args
        if isinstance(a, Tensor):
            av = a._value
            if isinstance(b, Tensor):
                bv = b._value
                ad, bd = av.dtype, bv.dtype
                if ad is bd or ad == bd:
                    return av, bv
            elif type(b) is float and av.dtype.kind in "fc":
                return av, _asarray(b, av.dtype)
    elif n == 1 and isinstance(args[0], Tensor):
        return (args[0]._value,)
    return _unify_general(args, op)


def _unify_general(args, op):
    dt = None
    mixed = False
    for i, a in enumerate(args):
        if isinstance(a, Tensor):
            d = a._value.dtype
            if dt is None:
                dt = d
            elif d is not dt and d != dt:
                raise _mismatch(op, i, dt, d)
        else:
            mixed = True
    if not mixed:
        return [a._value for a in args]
    if dt is None:  # no Tensor at all: the first input fixes the dtype
        first = _default_array(args[0])
        dt = first.dtype
        return [first] + [_to_dtype(a, dt, op, i + 1) for i, a in enumerate(args[1:])]
    return [
        a._value if isinstance(a, Tensor) else _to_dtype(a, dt, op, i) for i, a in enumerate(args)
    ]


def _unify_some(positions):
    """Converter unifying the dtypes of the inputs at `positions`; the others keep theirs."""

    def convert(args, op):
        vals = _separate(args, op)
        picked = [i for i in positions if i < len(args)]
        dt = None
        for i in picked:  # the first Tensor among them fixes the dtype
            a = args[i]
            if isinstance(a, Tensor):
                d = a._value.dtype
                if dt is None:
                    dt = d
                elif d != dt:
                    raise _mismatch(op, i, dt, d)
        if dt is None:
            dt = vals[picked[0]].dtype
        for i in picked:
            if not isinstance(args[i], Tensor):
                vals[i] = _to_dtype(args[i], dt, op, i)
        return vals

    return convert


def _separate(args, op):
    """numpy values of the inputs, each keeping its own dtype."""
    return [a._value if isinstance(a, Tensor) else _default_array(a) for a in args]


# --------------------------------------------------------------------------- recording
def _record(out, args, vjp, pass_needs, fn=None, values=None, attrs=None):
    """Attach (seq, vjp, ((input index, tracked input), ...), needs or None, fn, args,
    values, attrs) to `out`: the last four let `backprop_tensors` differentiate the
    gradient again (fn: the primitive's function, None for a custom gradient)."""
    pairs = None
    for i, a in enumerate(args):
        if (
            isinstance(a, Tensor)
            and (
                a._node is not None
                or id(a) in _watched
                or (a._is_variable and a._trainable and _watch_accessed(a))
            )
            and a._value.dtype.kind in "fc"
        ):
            if pairs is None:
                pairs = [(i, a)]
            else:
                pairs.append((i, a))
    if pairs is not None:
        needs = None
        if pass_needs:
            needs = [False] * len(args)
            for i, _ in pairs:
                needs[i] = True
            needs = tuple(needs)
        # the sequence number orders the graph: a node's inputs always have smaller ones
        out._node = (_next_seq(), vjp, pairs, needs, fn, args, values, attrs)


def _watch_accessed(var):
    """Auto-watch a trainable variable read under tapes with watch_accessed_variables."""
    hit = False
    for tape in _recording:
        if tape._watch_accessed_variables:
            tape._watch_one(var)
            hit = True
    return hit


@overload
def primitive(
    fn: Callable[..., Any],
    *,
    name: str | None = None,
    coerce: bool | tuple[int, ...] = True,
    needs: bool = False,
) -> Callable[..., Tensor]: ...


@overload
def primitive(
    fn: None = None,
    *,
    name: str | None = None,
    coerce: bool | tuple[int, ...] = True,
    needs: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Tensor]]: ...


def primitive(
    fn: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    coerce: bool | tuple[int, ...] = True,
    needs: bool = False,
) -> Callable[..., Tensor] | Callable[[Callable[..., Any]], Callable[..., Tensor]]:
    """Turn `fn(*arrays, **attrs) -> (out, vjp)` into an op on Tensors (see module doc).

    coerce: True -> all inputs share one dtype (Tensor-Tensor mismatch raises TF's
        InvalidArgumentError; numpy arrays and Python scalars adopt the Tensors' dtype);
        False -> each input keeps its own dtype (indices, labels, conditions);
        a tuple of positions -> only those inputs share one dtype.
    name: the TensorFlow op name used in error messages (default: CamelCase of fn's name).
    needs: call the vjp as `vjp(g, needs)` with a tuple of booleans.
    """

    def decorate(fn):
        op = name or _camel(fn.__name__)
        if coerce is True:
            convert = _unify
        elif coerce is False:
            convert = _separate
        else:
            convert = _unify_some(tuple(coerce))

        def op_fn(*args, **attrs):
            values = convert(args, op)
            out, vjp = fn(*values, **attrs)
            if type(out) is not _ndarray:
                out = _asarray(out)
            t = _new(EagerTensor)
            t._value = out
            if _recording and vjp is not None and out.dtype.kind in "fc":
                _record(t, args, vjp, needs, fn, values, attrs)
            if _tracing:  # a training step being recorded for replay (core/tracing.py)
                _tracing[0].op(fn, args, values, attrs, t, vjp, needs)
            return t

        op_fn.__name__ = fn.__name__
        op_fn.__qualname__ = fn.__qualname__
        op_fn.__doc__ = fn.__doc__
        op_fn.__module__ = fn.__module__
        op_fn.__wrapped__ = fn
        op_fn.tf_op_name = op
        registry[fn.__module__.rsplit(".", 1)[-1] + "." + fn.__name__] = op_fn
        return op_fn

    if fn is not None:
        return decorate(fn)
    return decorate


class _NotRecording:
    """Context manager: no tape records inside it (used by custom_gradient's forward)."""

    def __enter__(self):
        self._saved = list(_recording)
        _recording.clear()
        _update_watched()
        return self

    def __exit__(self, *exc):
        _recording.extend(self._saved)
        _update_watched()
        return False


def custom_gradient(f: Callable) -> Callable[..., Tensor]:
    """`tf.custom_gradient`: `f(*inputs)` returns `(output, grad_fn)`; `grad_fn(upstream)`
    returns one gradient per input. Ops inside `f` are not recorded; `output` gets a node
    whose vjp is `grad_fn` (Tensors in, Tensors or arrays out)."""

    def wrapper(*args, **kwargs):
        _trace_fail("a custom_gradient function cannot be replayed")
        with _NotRecording():
            out, grad_fn = f(*args, **kwargs)
        out = out if isinstance(out, Tensor) else _wrap(_default_array(out))
        result = _wrap(out._value)

        def vjp(g):
            grads = grad_fn(_wrap(g))
            if not isinstance(grads, (list, tuple)):
                grads = (grads,)
            if len(grads) != len(args):
                raise ValueError(
                    f"custom_gradient function expected to return {len(args)} "
                    f"gradients, but returned {len(grads)} instead."
                )
            return tuple(None if gr is None else _default_array(gr) for gr in grads)

        if _recording and result._value.dtype.kind in "fc":
            _record(result, args, vjp, False)
        return result

    wrapper.__name__ = getattr(f, "__name__", "custom_gradient")
    wrapper.__doc__ = f.__doc__
    return wrapper


def stop_gradient(x: TensorLike, name: str | None = None) -> Tensor:
    """The same value, cut from the graph: no gradient flows back through it."""
    if isinstance(x, Tensor):
        return _wrap(x._value)
    return _wrap(_default_array(x))


# --------------------------------------------------------------------------- nest helpers
def _flatten(structure, out):
    if isinstance(structure, dict):
        for k in structure:
            _flatten(structure[k], out)
    elif isinstance(structure, (list, tuple)):
        for s in structure:
            _flatten(s, out)
    else:
        out.append(structure)
    return out


def _pack(structure, flat, pos=None):
    if pos is None:
        pos = [0]
    if isinstance(structure, dict):
        return type(structure)((k, _pack(structure[k], flat, pos)) for k in structure)
    if isinstance(structure, (list, tuple)):
        items = [_pack(s, flat, pos) for s in structure]
        if isinstance(structure, tuple) and hasattr(structure, "_fields"):
            return type(structure)(*items)
        return type(structure)(items)
    value = flat[pos[0]]
    pos[0] += 1
    return value


# --------------------------------------------------------------------------- GradientTape
class UnconnectedGradients:
    """What `gradient` returns for sources the target does not depend on."""

    NONE = "none"
    ZERO = "zero"


def _update_watched():
    _watched.clear()
    for tape in _recording:
        _watched.update(tape._watched_ids)


class IndexedGradient:
    """A vjp result that is zero except at `key`: the gradient of `x[key]` (or a gather).

    backprop adds it into one accumulator per input instead of materialising a full array
    per slice, so unstacking a sequence into T steps costs O(T), not O(T^2)."""

    __slots__ = ("key", "unique", "values")

    def __init__(self, key, values, unique):
        self.key = key  # a numpy index
        self.values = values  # the gradient of x[key]
        self.unique = unique  # no index repeats: `acc[key] += values` is exact

    def add_into(self, acc):
        if self.unique:
            acc[self.key] += self.values
        else:
            np.add.at(acc, self.key, self.values)


def _add_arrays(a, b):
    return a + b


def _seeded(targets, seeds, first_seq, add):
    """The start of a backward pass: {id: seed} (summed with `add` for a repeated target),
    the heap of recorded targets (newest first) and the set of ids queued on it."""
    grads = {}
    heap = []
    queued = set()
    for t, s in zip(targets, seeds, strict=True):
        k = id(t)
        grads[k] = s if k not in grads else add(grads[k], s)
        node = t._node
        if node is not None and k not in queued and node[0] >= first_seq:
            queued.add(k)
            heap.append((-node[0], t))
    heapq.heapify(heap)
    return grads, heap, queued


def backprop(targets, seeds, first_seq=0):
    """Gradients (numpy, keyed by id) of sum(seed * target) w.r.t. every tensor in the graph.

    Recorded tensors are visited newest first (a max-heap on their sequence numbers), so each
    one's gradient is complete before its vjp runs. Nodes older than `first_seq` (recorded
    before the tape started) are leaves, as ops a tape did not see are constants in TF.
    Accumulators allocated here (`owned`) are summed into in place.
    """
    owned = set()
    grads, heap, queued = _seeded(targets, seeds, first_seq, _add_arrays)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        t = pop(heap)[1]
        g = grads.get(id(t))
        if g is None:
            continue
        _, vjp, pairs, needs = t._node[:4]
        gs = vjp(g) if needs is None else vjp(g, needs)
        if type(gs) is not tuple:
            gs = (gs,)
        for i, p in pairs:
            gp = gs[i]
            if gp is None:
                continue
            k = id(p)
            prev = grads.get(k)
            if type(gp) is IndexedGradient:
                if k not in owned:
                    acc = np.zeros(p._value.shape, gp.values.dtype)
                    if prev is not None:
                        acc += prev
                    owned.add(k)
                else:
                    acc = prev
                gp.add_into(acc)
                grads[k] = acc
            else:
                pshape = p._value.shape
                if type(gp) is not _ndarray:
                    gp = _asarray(gp)
                if gp.shape != pshape:
                    gp = unbroadcast(gp, pshape)
                if prev is None:
                    grads[k] = gp
                elif k in owned:
                    prev += gp  # rebinds when numpy hands back 0-d scalars
                    grads[k] = prev
                else:
                    grads[k] = prev + gp
                    owned.add(k)
            if prev is None:
                node = p._node
                if node is not None and k not in queued and node[0] >= first_seq:
                    queued.add(k)
                    push(heap, (-node[0], p))
    return grads


# --------------------------------------------------------------------------- higher order
# Gradients of gradients compute with pynn ops, which the core never imports: pynn.ops, when
# it is imported, registers them here (pynn/ops/gradients.py): a rule per primitive and the
# ops that sum, unbroadcast, cast and copy gradient Tensors.

#: primitive function -> rule(g, inputs, out, attrs, needs) computing its vjp with ops
_rules: dict[Callable, Callable] = {}


class _GradientOps:
    """The ops `backprop_tensors` sums, unbroadcasts, casts and copies gradient Tensors with."""

    add: Callable[..., Tensor]
    unbroadcast: Callable[..., Tensor]
    cast: Callable[..., Tensor]
    identity: Callable[..., Tensor]


_gradient_ops = _GradientOps()


def register_gradient_rule(op, rule):
    """Differentiate `op` (a primitive) with `rule` when gradients must be differentiable."""
    _rules[getattr(op, "__wrapped__", op)] = rule


def register_gradient_ops(*, add, unbroadcast, cast, identity):
    """The ops gradients of gradients are summed (`add`), summed down to an input's shape
    (`unbroadcast(g, shape)`), cast (`cast(g, dtype)`) and copied (`identity`) with."""
    _gradient_ops.add = add
    _gradient_ops.unbroadcast = unbroadcast
    _gradient_ops.cast = cast
    _gradient_ops.identity = identity


class SecondOrderError(LookupError):
    """A gradient cannot be differentiated again through an op without a second-order rule."""


def _op_name(fn):
    for op in registry.values():
        if op.__wrapped__ is fn:
            return op.tf_op_name
    return getattr(fn, "__name__", "custom_gradient")


def _not_differentiable(name):
    def vjp(g, needs=None):
        raise SecondOrderError(
            f"pynn cannot compute a second derivative through the op {name}: its gradient is "
            "computed on numpy and cannot be differentiated again. Supported: elementwise "
            "math, matmul, Dense, bias_add, reductions (sum, mean), reshape/transpose, the "
            "relu, sigmoid, tanh, softplus, softmax activations, and conv2d with respect to "
            "its input (a gradient penalty)."
        )

    return vjp


#: what a second-order rule returns for an input whose gradient only the numpy vjp gives
FIRST_ORDER_ONLY = object()


def _frozen(gp, arg, g, pairs, fn):
    """A numpy vjp result as a Tensor that raises SecondOrderError if differentiated."""
    if gp is None:
        return None
    if type(gp) is IndexedGradient:
        acc = np.zeros(arg._value.shape, gp.values.dtype)
        gp.add_into(acc)
        gp = acc
    out = _wrap(_asarray(gp))
    if _recording:  # depends on g and the op's inputs, differentiable in none of them
        _record(out, [g] + [p for _, p in pairs], _not_differentiable(_op_name(fn)), False)
    return out


def backprop_tensors(targets, seeds, first_seq=0):
    """As `backprop`, with the gradients computed by pynn ops (Tensors), so that the tapes
    recording now record the gradient computation too: nested tapes give second
    derivatives. Ops without a rule give their first derivative from their numpy vjp, as
    Tensors that raise `SecondOrderError` if differentiated again."""
    ops = _gradient_ops
    seeds = [s if isinstance(s, Tensor) else _wrap(s) for s in seeds]
    grads, heap, queued = _seeded(targets, seeds, first_seq, ops.add)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        t = pop(heap)[1]
        g = grads.get(id(t))
        if g is None:
            continue
        _, vjp, pairs, needs, fn, args, values, attrs = t._node
        rule = _rules.get(fn)
        if rule is not None:
            wanted = [False] * len(args)
            for i, _ in pairs:
                wanted[i] = True
            inputs = [
                a if isinstance(a, Tensor) else _wrap(_asarray(v))
                for a, v in zip(args, values, strict=True)
            ]
            gs = rule(g, inputs, t, attrs or {}, tuple(wanted))
            if any(gp is FIRST_ORDER_ONLY for gp in gs):  # left to the numpy vjp
                raw = vjp(g._value) if needs is None else vjp(g._value, needs)
                raw = raw if type(raw) is tuple else (raw,)
                gs = [
                    _frozen(raw[i], args[i], g, pairs, fn) if gp is FIRST_ORDER_ONLY else gp
                    for i, gp in enumerate(gs)
                ]
        else:
            raw = vjp(g._value) if needs is None else vjp(g._value, needs)
            if type(raw) is not tuple:
                raw = (raw,)
            gs = [_frozen(gp, a, g, pairs, fn) for gp, a in zip(raw, args, strict=True)]
        if type(gs) is not tuple:
            gs = tuple(gs)
        for i, p in pairs:
            gp = gs[i]
            if gp is None:
                continue
            if gp._value.shape != p._value.shape:
                gp = ops.unbroadcast(gp, p._value.shape)
            k = id(p)
            prev = grads.get(k)
            grads[k] = gp if prev is None else ops.add(prev, gp)
            if prev is None:
                node = p._node
                if node is not None and k not in queued and node[0] >= first_seq:
                    queued.add(k)
                    push(heap, (-node[0], p))
    return grads


class GradientTape:
    """Record operations for automatic differentiation, as `tf.GradientTape`.

    >>> x = constant(3.0)
    >>> with GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = x * x
    >>> tape.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._persistent = bool(persistent)
        self._watch_accessed_variables = bool(watch_accessed_variables)
        self._watched: list[Tensor] = []  # watched tensors/variables, in order
        self._watched_ids: set[int] = set()
        self._entered = 0
        self._used = False
        # sequence number of the first op this tape could see
        self._first_seq: int | None = None
        # what it watched, once `gradient` released it
        self._released: list[Tensor] | None = None
        self._trace_start: tuple[Any, int] | None = None

    # --- recording scope
    def __enter__(self) -> GradientTape:
        if self._first_seq is None:
            self._first_seq = _next_seq()
            # where a recorded step (core/tracing.py) stood when this tape started
            self._trace_start = (_tracing[0], len(_tracing[0].code)) if _tracing else None
        self._push()
        self._entered += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        self._entered -= 1
        self._pop()
        return False

    def _push(self):
        if self not in _recording:
            _recording.append(self)
            _watched.update(self._watched_ids)

    def _pop(self):
        if self in _recording:
            _recording.remove(self)
            _update_watched()

    def stop_recording(self):
        """Context manager: ops inside it are not recorded on this tape."""
        return _StopRecording(self)

    def reset(self) -> None:
        """Forget what this tape watched (used in its `with` block to restart recording)."""
        self._watched = []
        self._watched_ids = set()
        self._released = None
        self._used = False
        self._first_seq = _next_seq() if self._entered else None
        _update_watched()

    # --- watching
    def _watch_one(self, t):
        k = id(t)
        if k not in self._watched_ids:
            self._watched_ids.add(k)
            self._watched.append(t)
            if self in _recording:
                _watched.add(k)

    def watch(self, tensor: Tensor | Sequence[Tensor]) -> None:
        """Track `tensor` (a Tensor, Variable, or nested list/tuple/dict of them)."""
        for t in _flatten(tensor, []):
            if not isinstance(t, Tensor):
                raise ValueError(
                    f"Passed in object {t!r} of type {type(t).__name__!r}, not tf.Tensor or "
                    "tf.Variable or ExtensionType."
                )
            if t._value.dtype.kind in "fc":
                self._watch_one(t)

    def watched_variables(self) -> tuple[Variable, ...]:
        """The variables this tape watched (explicitly or by reading them), in order; still
        listed after `gradient` released the tape, as in TF."""
        watched = self._watched if self._released is None else self._released
        return tuple(t for t in watched if isinstance(t, Variable))

    # --- gradients
    def _check_usable(self):
        if self._used and not self._persistent:
            raise RuntimeError(
                "A non-persistent GradientTape can only be used to compute one "
                "set of gradients (or jacobians)"
            )
        self._used = True

    def gradient(
        self,
        target: Tensor | Sequence[Tensor],
        sources: Any,
        output_gradients: Any = None,
        unconnected_gradients: str = UnconnectedGradients.NONE,
    ) -> Any:
        """d(target)/d(sources); `sources` may be nested. A non-scalar or list target is summed.

        Sources the target does not depend on get None (or zeros with
        `unconnected_gradients='zero'`).
        """
        self._check_usable()
        unconnected = getattr(unconnected_gradients, "value", unconnected_gradients)
        if unconnected not in ("none", "zero"):
            raise ValueError(f"Unknown value for unconnected_gradients: {unconnected_gradients!r}")
        flat_targets = [target] if isinstance(target, Tensor) else _flatten(target, [])
        flat_sources = [sources] if isinstance(sources, Tensor) else _flatten(sources, [])
        for s in flat_sources:
            if not isinstance(s, Tensor):
                raise ValueError(f"Expected a tf.Tensor or tf.Variable as a source, got {s!r}")
        if output_gradients is not None:
            flat_out = _flatten(output_gradients, [])
            if len(flat_out) != len(flat_targets):
                raise ValueError("output_gradients must have one entry per target")
        else:
            flat_out = [None] * len(flat_targets)
        targets: list[Tensor] = []
        seeds: list[Any] = []  # arrays, or the Tensors given for nested tapes
        for t, og in zip(flat_targets, flat_out, strict=True):
            if not isinstance(t, Tensor) or t._value.dtype.kind not in "fc":
                continue
            if og is None:
                seed = np.ones(t._value.shape, t._value.dtype)
            else:
                seed = np.broadcast_to(_default_array(og), t._value.shape).astype(
                    t._value.dtype, copy=False
                )
            targets.append(t)
            seeds.append(seed)
        if _recording and targets:
            # a tape records now (nested tapes): gradients computed with ops, differentiable
            for t, og in zip(flat_targets, flat_out, strict=True):
                if (
                    isinstance(og, Tensor)
                    and og._value.shape == t._value.shape
                    and og._value.dtype == t._value.dtype
                    and t in targets
                ):
                    seeds[targets.index(t)] = og
            grads = backprop_tensors(targets, seeds, self._first_seq or 0)
            result = self._collect_tensors(grads, flat_sources, unconnected)
        else:
            grads = backprop(targets, seeds, self._first_seq or 0) if targets else {}
            result = self._collect(grads, flat_sources, unconnected)
        if _tracing and not _recording:
            tracer = _tracing[0]
            start = self._trace_start
            if output_gradients is not None and any(
                tracer.is_dynamic(og) for og in flat_out if isinstance(og, Tensor)
            ):
                _trace_fail("tape.gradient with output_gradients that change between steps")
            tracer.gradient(
                start[1] if start and start[0] is tracer else None,
                targets,
                flat_sources,
                result,
                unconnected == "zero",
            )
        if not self._persistent and not self._entered:
            self._release()
        if isinstance(sources, Tensor):
            return result[0]
        if (
            type(sources) is list
            and len(result) == len(sources)
            and all(isinstance(x, Tensor) for x in sources)
        ):
            return result
        return _pack(sources, result)

    def _collect_tensors(self, grads, flat_sources, unconnected):
        ops = _gradient_ops
        result = []
        for s in flat_sources:
            g = grads.get(id(s))
            if g is None or s._value.dtype.kind not in "fc":
                g = _wrap(np.zeros_like(s._value)) if unconnected == "zero" else None
            elif g._value.dtype != s._value.dtype:
                g = ops.cast(g, s._value.dtype)
            elif g is s or not g._value.flags.writeable:
                g = ops.identity(g)
            result.append(g)
        return result

    def _collect(self, grads, flat_sources, unconnected):
        result = []
        for s in flat_sources:
            g = grads.get(id(s))
            if g is None or s._value.dtype.kind not in "fc":
                g = np.zeros_like(s._value) if unconnected == "zero" else None
            if g is not None:
                g = _wrap(
                    np.array(g, dtype=s._value.dtype, copy=True)
                    if g.dtype != s._value.dtype or not g.flags.writeable
                    else g
                )
            result.append(g)
        return result

    def _release(self):
        self._released = self._watched
        self._watched = []
        self._watched_ids = set()

    def jacobian(
        self,
        target: Tensor,
        sources: Any,
        unconnected_gradients: str = UnconnectedGradients.NONE,
        parallel_iterations=None,
        experimental_use_pfor=True,
    ) -> Any:
        """Full Jacobian: result[i] has shape target.shape + source_i.shape."""
        self._check_usable()
        _trace_fail("tape.jacobian cannot be replayed")
        flat_sources = _flatten(sources, [])
        t = target
        n = t._value.size
        rows: list[list[Any]] = [[] for _ in flat_sources]
        for i in range(n):
            seed = np.zeros(n, dtype=t._value.dtype)
            seed[i] = 1
            grads = backprop([t], [seed.reshape(t._value.shape)], self._first_seq or 0)
            for j, s in enumerate(flat_sources):
                rows[j].append(grads.get(id(s)))
        result = []
        for s, r in zip(flat_sources, rows, strict=True):
            if all(g is None for g in r):
                if getattr(unconnected_gradients, "value", unconnected_gradients) == "zero":
                    result.append(_wrap(np.zeros(t._value.shape + s._value.shape, s._value.dtype)))
                else:
                    result.append(None)
                continue
            stacked = np.stack([np.zeros_like(s._value) if g is None else g for g in r])
            result.append(
                _wrap(stacked.reshape(t._value.shape + s._value.shape).astype(s._value.dtype))
            )
        return _pack(sources, result)

    def batch_jacobian(
        self,
        target: Tensor,
        source: Tensor,
        unconnected_gradients: str = UnconnectedGradients.NONE,
        parallel_iterations=None,
        experimental_use_pfor=True,
    ) -> Tensor | None:
        """Per-example Jacobian: result[b] = d target[b] / d source[b]."""
        self._check_usable()
        _trace_fail("tape.batch_jacobian cannot be replayed")
        tv, sv = target._value, source._value
        batch = tv.shape[0]
        inner = int(np.prod(tv.shape[1:]))
        cols = []
        for i in range(inner):
            seed = np.zeros((batch, inner), dtype=tv.dtype)
            seed[:, i] = 1
            g = backprop([target], [seed.reshape(tv.shape)], self._first_seq or 0).get(id(source))
            cols.append(np.zeros_like(sv) if g is None else g)
        out = np.stack(cols, axis=1).reshape(tv.shape + sv.shape[1:])
        return _wrap(out.astype(sv.dtype))


class _StopRecording:
    def __init__(self, tape):
        self._tape = tape
        self._was_recording = False

    def __enter__(self):
        self._was_recording = self._tape in _recording
        self._tape._pop()
        return self

    def __exit__(self, *exc):
        if self._was_recording:
            self._tape._push()
        return False
