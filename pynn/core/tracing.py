"""Record one step of eager code as a flat program of primitive calls, then replay it.

`fit` runs the same Python every step: `Layer.__call__`, the loss container, the tape. Like
tf.keras 2.15, which traces its train function once into a graph, pynn records a training
step while it runs eagerly (a `Tracer` sees every primitive call, numpy helper and variable
assignment) and, once two recordings of consecutive steps agree, replays the recording:
the primitives' own forward functions and vector-Jacobian products on numpy arrays, with no
Tensors, layers or tape in between. Nothing else computes: a replay does exactly the
numpy work the eager step did.

A recording is a list of instructions over numbered slots (an environment of arrays):

* inputs: the arrays of the batch (`x`, `y`, `sample_weight` leaves), by identity;
* variables: read afresh at every replay (optimizers update them in place);
* constants: values the step used that no traced code computed (Python scalars, tensors
  made at build time). A constant whose value differs between the two recordings was made
  outside the primitives from changing data, so the step cannot be replayed: `fit` stays
  eager (correct, only slower);
* op outputs: one per primitive call.

Code that computes on numpy arrays outside the primitives registers the computation with
`traced_call(fn, *arrays, **static)` (a non-differentiable step replayed as it is, e.g. the
random mask of dropout, so every replay draws anew), and side effects with
`effect(fn, *arrays, **static)` (the loss trackers). `Variable.assign*` records itself.
Anything the recorder cannot replay (a `custom_gradient`, a gradient flowing into a value
it did not see made) calls `fail(reason)`, and the step stays eager.

The contract: a replay computes what the eager step would have computed, or there is no
replay. Python runs only while a step is recorded, so nothing Python decides may depend
on a value that changes between steps. Every way a value gets into Python is therefore a
*read* (`peek`): a Tensor's `bool`, `int`, `float`, `__index__`, `complex`, `numpy()` and
`__array__` (np.asarray, numpy functions on tensors), formatting and printing, a tensor
used as a shape, index, axis or other static argument, and pynn's own numpy work outside
the primitives (`tf.boolean_mask`, a stateful RNN keeping its states, a Keras mask folded
into the loss...). A read of a *dynamic* value (one the recording saw come from the batch,
a variable or a traced_call such as random numbers) fails the recording, so that step's
signature stays eager; a read of a value made only from constants cannot change the
program and is allowed. What reads nothing stays replayable: shapes of the batch (fixed
per signature), iterating a tensor (its rows are `getitem` ops), ops on tensors.
Comparing two recordings on different data (step_compiler) remains a second guard: a
constant that differs between them was computed outside the primitives.

Not covered, as in `tf.function`: Python state that changes between steps without reading
a tensor (a counter in a plain attribute) is frozen at recording; internal code that reads
`._value` itself must go through `peek`, `traced_call` or `effect`.
"""

import math
from typing import Any

import numpy as np

from pynn.core.autodiff import IndexedGradient, registry, unbroadcast
from pynn.core.tensor import _wrap
from pynn.core.trace_state import active, fail, peek

__all__ = ["Program", "Tracer", "active", "compare", "effect", "fail", "peek", "traced_call"]

_ndarray = np.ndarray
_asarray = np.asarray

#: `tf.config.run_functions_eagerly(True)` sets it: `fit` then never replays a step
EAGER = False

# instruction kinds
_OP, _CALL, _ASSIGN, _EFFECT, _GRAD = 0, 1, 2, 3, 4


class Untraceable(Exception):
    """The step cannot be recorded; the reason says why."""


def traced_call(fn, *args, **static):
    """`fn(*args, **static)`: a numpy computation outside the primitives, recorded so that a
    replay runs it again on the replayed arrays. `fn` must be a module-level function (or a
    bound method) of its arguments and of `static` only, returning one array."""
    out = fn(*[_value_of(a) for a in args], **static)
    if type(out) is not _ndarray:
        out = _asarray(out)
    if active:
        active[0].call(fn, args, static, out)
    return out


def effect(fn, *args, **static):
    """Run the side effect `fn(*arrays, **static)` now and at every replay of this step."""
    values = [_value_of(a) for a in args]
    if active:
        with paused():  # what the effect does inside is not part of the program
            fn(*values, **static)
        active[0].effect(fn, args, values, static)
    else:
        fn(*values, **static)


class paused:
    """Context manager: nothing is recorded inside it (an effect's own work)."""

    def __enter__(self):
        self._saved = list(active)
        active.clear()
        return self

    def __exit__(self, *exc):
        active[:] = self._saved
        return False


def effect_call(method, *args, **kwargs):
    """`method(*args, **kwargs)` now and at every replay, as one side effect of the step:
    the non-variable Tensors anywhere in `args`/`kwargs` are the replayed values then
    (`optimizer.apply_gradients`, `metric.update_state` inside a traced tf.function). The
    call runs with recording paused and its result is returned."""
    leaves = []
    structure = _strip((args, kwargs), leaves)
    arrays = [_value_of(t) for t in leaves]
    with paused():
        result = method(*args, **kwargs)
    if active:
        active[0].effect(_call_again, leaves, arrays, {"method": method, "structure": structure})
    return result


def _call_again(*arrays, method, structure):
    args, kwargs = _unstrip(structure, [_wrap(a) for a in arrays])
    with paused():
        method(*args, **kwargs)


class _Leaf:
    __slots__ = ("i",)

    def __init__(self, i):
        self.i = i

    def __eq__(self, other):
        return type(other) is _Leaf and other.i == self.i

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list


def _strip(x, leaves):
    """`x` with every non-variable Tensor replaced by a numbered placeholder."""
    if (
        hasattr(x, "_value")
        and not getattr(x, "_is_variable", False)
        and not getattr(x, "_pynn_symbolic", False)
    ):
        leaves.append(x)
        return _Leaf(len(leaves) - 1)
    if type(x) in (list, tuple):
        return type(x)(_strip(v, leaves) for v in x)
    if type(x) is dict:
        return {k: _strip(v, leaves) for k, v in x.items()}
    return x


def _unstrip(x, values):
    if type(x) is _Leaf:
        return values[x.i]
    if type(x) in (list, tuple):
        return type(x)(_unstrip(v, values) for v in x)
    if type(x) is dict:
        return {k: _unstrip(v, values) for k, v in x.items()}
    return x


def _value_of(a):
    if type(a) is _ndarray:
        return a
    v = getattr(a, "_value", None)
    return v if type(v) is _ndarray else _asarray(a)


def _same(a, b):
    """Structural equality of static attributes (arrays by value, NaN equal to NaN)."""
    if a is b:
        return True
    if type(a) is not type(b):
        if isinstance(a, (int, float, np.generic)) and isinstance(b, (int, float, np.generic)):
            return a == b
        return False
    if isinstance(a, _ndarray):
        return (
            a.shape == b.shape
            and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # objects without a usable ==
        return False


class Tracer:
    """Records the primitive calls of one step (enter it as a context manager)."""

    def __init__(self, inputs, variables):
        self.failed = None
        self.failed_by_read = False  # `failed` says which Python read a traced value
        self.code = []  # instructions (see Program)
        self.consts = {}  # slot -> array (copies, for comparing two recordings)
        self.shapes = {}  # slot -> shape of its array
        self.n = 0  # slots used
        self._by_array = {}  # id(ndarray) -> slot
        self._by_tensor = {}  # id(Tensor) -> slot (op outputs)
        self._var_slots = {}  # id(Variable) -> slot
        self.variables = []  # (slot, Variable), in order of first use
        self._keep = []  # everything whose id is a key above stays alive
        self.static = set()  # slots whose value cannot change between replays
        self.names = None  # slot -> graph name, in a tf.function trace only
        self.shown_shapes = {}  # input slot -> TensorShape printed (None dims)
        self.allow_gradients = False  # tape.gradient inside a fit step: not replayable
        self.input_slots = []
        for leaf in inputs:
            s = self._new()
            self.input_slots.append(s)
            self._note_array(leaf, s)
        for var in variables:
            self._var_slot(var)

    # ------------------------------------------------------------ symbolic names
    def name_inputs(self, names):
        """Print tensors as TF prints them inside a traced `tf.function` (`Tensor("x:0",
        shape=(), dtype=float32)`), the inputs under `names` (one per input slot)."""
        self.names = dict(zip(self.input_slots, names, strict=True))
        self._name_counts = {}
        for name in names:
            self._name_counts[name] = 1

    def _unique(self, base):
        n = self._name_counts.get(base, 0)
        self._name_counts[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def describe(self, t):
        """TF's symbolic text for `t` inside a traced tf.function, else None."""
        if self.names is None:
            return None
        if getattr(t, "_is_variable", False):
            return f"<tf.Variable '{t.name}' shape={t.shape} dtype={t.dtype.name}>"
        s = self._by_tensor.get(id(t))
        if s is None:
            s = self._by_array.get(id(t._value))
        name = self.names.get(s) if s is not None else None
        shape = self.shown_shapes.get(s, t.shape) if s is not None else t.shape
        if name is None:
            name = self._unique("Const")
            if s is not None:
                self.names[s] = name
        return f'Tensor("{name}:0", shape={shape}, dtype={t.dtype.name})'

    # ------------------------------------------------------------ context
    def __enter__(self):
        if active:
            raise Untraceable("a step is already being recorded")
        active.append(self)
        return self

    def __exit__(self, *exc):
        active.remove(self)
        return False

    # ------------------------------------------------------------ slots
    def _new(self):
        s = self.n
        self.n += 1
        return s

    def _note_array(self, leaf, s):
        self._keep.append(leaf)
        self.shapes[s] = (leaf if type(leaf) is _ndarray else leaf._value).shape
        if type(leaf) is _ndarray:
            self._by_array[id(leaf)] = s
        else:  # a Tensor leaf: its array too
            self._by_tensor[id(leaf)] = s
            self._by_array[id(leaf._value)] = s
            self._keep.append(leaf._value)

    def _var_slot(self, var):
        s = self._var_slots.get(id(var))
        if s is None:
            s = self._var_slots[id(var)] = self._new()
            self.variables.append((s, var))
            self.shapes[s] = var._value.shape
            self._keep.append(var)
            self._by_array[id(var._value)] = s
            self._keep.append(var._value)
        return s

    def _const(self, value):
        s = self._new()
        self.consts[s] = np.array(value, copy=True)
        self.shapes[s] = self.consts[s].shape
        self.static.add(s)
        return s

    def is_dynamic(self, a):
        """Whether the value of `a` (a Tensor or array) may differ between replays: it is a
        variable, or the recording saw it come from the batch, a variable or a traced_call
        (random numbers) rather than from constants only."""
        if getattr(a, "_is_variable", False):
            return True
        if type(a) is _ndarray:
            s = self._by_array.get(id(a))
        else:
            s = self._by_tensor.get(id(a))
            if s is None:
                s = self._by_array.get(id(getattr(a, "_value", None)))
        return s is not None and s not in self.static

    def slot(self, a, value=None):
        """The slot holding input `a` (a Tensor, array or Python value) as a primitive saw
        it (`value`, after dtype conversion), adding a constant or a cast if needed."""
        if getattr(a, "_is_variable", False):
            s = self._var_slot(a)
            base = a._value
        else:
            s = None
            if type(a) is _ndarray:
                s = self._by_array.get(id(a))
                base = a
            elif hasattr(a, "_value"):
                s = self._by_tensor.get(id(a))
                if s is None:
                    s = self._by_array.get(id(a._value))
                base = a._value
            if s is None:
                return self._const(a if value is None else value)
        if value is not None and value is not base and value.dtype != base.dtype:
            # converted on the way in (e.g. an int input adopting a float op's dtype)
            out = self._new()
            self.shapes[out] = value.shape
            self.code.append((_CALL, _astype, (s,), {"dtype": value.dtype}, out))
            if s in self.static:
                self.static.add(out)
            self._by_array[id(value)] = out
            self._keep.append(value)
            return out
        return s

    def output(self, t):
        """Slot of a Tensor the step produced (the loss, the predictions)."""
        s = self._by_tensor.get(id(t))
        if s is None:
            s = self._by_array.get(id(t._value))
        if s is None:
            raise Untraceable("an output of the step was not computed by traced code")
        return s

    # ------------------------------------------------------------ recording
    def op(self, fn, args, values, attrs, out_tensor, vjp, needs):
        """A primitive call: `fn(*values, **attrs)` gave `out_tensor`."""
        slots = tuple(self.slot(a, v) for a, v in zip(args, values, strict=True))
        out = self._new()
        self.shapes[out] = out_tensor._value.shape
        self._keep.append(out_tensor)
        self._by_tensor[id(out_tensor)] = out
        self._by_array[id(out_tensor._value)] = out
        static = self.static
        if all(s in static for s in slots):  # made from constants only
            static.add(out)
        if self.names is not None:
            self.names[out] = self._unique(_graph_name(fn))
        grads = ()
        node = out_tensor._node
        if node is not None and vjp is not None:
            pairs = []
            for i, p in node[2]:
                if getattr(p, "_is_variable", False):
                    target = self._var_slot(p)
                else:
                    target = self._by_tensor.get(id(p))
                    if target is None:
                        self.failed = self.failed or (
                            "a gradient flows into a value the recorder did not see made"
                        )
                        target = slots[i]
                pairs.append((i, target))
            grads = tuple(pairs)
        self.code.append((_OP, fn, slots, attrs, out, grads, node[3] if grads else None))

    def gradient(self, tape_start, targets, sources, results, unconnected):
        """`GradientTape.gradient` ran: `results[i]` (a Tensor or None) is d(sum of
        targets)/d(sources[i]); `tape_start` is len(code) when the tape was entered."""
        if not self.allow_gradients:
            self.failed = self.failed or "a GradientTape computed gradients inside the step"
            return
        if tape_start is None:
            self.failed = self.failed or (
                "a GradientTape entered outside the function computed gradients inside it"
            )
            return
        target_slots = []
        for t in targets:
            s = self._by_tensor.get(id(t))
            if s is None:
                s = self._by_array.get(id(t._value))
            if s is not None:
                target_slots.append(s)
        source_slots, out_slots = [], []
        for src, res in zip(sources, results, strict=True):
            source_slots.append(self.slot(src))
            if res is None:
                out_slots.append(None)
                continue
            out = self._new()
            self.shapes[out] = res._value.shape
            self._keep.append(res)
            self._by_tensor[id(res)] = out
            self._by_array[id(res._value)] = out
            out_slots.append(out)
        self.code.append(
            (
                _GRAD,
                None,
                tuple(target_slots),
                {"start": tape_start, "sources": tuple(source_slots), "unconnected": unconnected},
                tuple(out_slots),
            )
        )

    def call(self, fn, args, static, out):
        slots = tuple(self.slot(a) for a in args)
        s = self._new()
        self.shapes[s] = out.shape
        self._by_array[id(out)] = s
        self._keep.append(out)
        self.code.append((_CALL, fn, slots, static, s))

    def assign(self, var, method, value):
        v = value if hasattr(value, "_value") else _asarray(value)
        self.code.append((_ASSIGN, method, (self._var_slot(var), self.slot(v)), None, None))

    def effect(self, fn, args, values, static):
        slots = tuple(self.slot(a, v) for a, v in zip(args, values, strict=True))
        self.code.append((_EFFECT, fn, slots, static, None))


# TF's graph names for the ops Python operators and tf.math make (others: the op type)
_GRAPH_NAMES = {
    "AddV2": "add",
    "Mul": "mul",
    "Sub": "sub",
    "RealDiv": "truediv",
    "Pow": "pow",
    "StridedSlice": "strided_slice",
    "FloorDiv": "floordiv",
    "FloorMod": "mod",
    "Equal": "Equal",
    "Pack": "stack",
    "ConcatV2": "concat",
    "GatherV2": "GatherV2",
    "Dense": "MatMul",
    "SelectV2": "SelectV2",
}
_op_types: dict[Any, str] = {}


def _graph_name(fn):
    if not _op_types:
        _op_types.update((op.__wrapped__, op.tf_op_name) for op in registry.values())
    kind = _op_types.get(fn, getattr(fn, "__name__", "op").strip("_"))
    return _GRAPH_NAMES.get(kind, kind)


def _astype(a, dtype):
    return a.astype(dtype)


# ------------------------------------------------------------------ comparing recordings


def compare(first, second):
    """None if two recordings describe the same program, else why not."""
    if first.failed or second.failed:
        return first.failed or second.failed
    if len(first.code) != len(second.code) or first.n != second.n:
        return "the steps ran different operations"
    for a, b in zip(first.code, second.code, strict=True):
        if a[0] != b[0] or a[2] != b[2] or a[4] != b[4]:
            return "the steps ran different operations"
        if a[0] == _OP:
            if a[1] is not b[1] or a[5] != b[5] or a[6] != b[6] or not _same(a[3], b[3]):
                return f"operation {a[1].__name__} changed between steps"
        elif a[0] == _ASSIGN:
            if a[1] != b[1]:
                return "the steps assigned variables differently"
        elif a[1] != b[1] or not _same(a[3], b[3]):
            return f"{getattr(a[1], '__name__', a[1])} changed between steps"
    if first.consts.keys() != second.consts.keys():
        return "the steps ran different operations"
    for s, value in first.consts.items():
        if not _same(value, second.consts[s]):
            return (
                "a value computed outside the primitives changes from step to step "
                f"(shape {value.shape}, dtype {value.dtype})"
            )
    if [id(v) for _, v in first.variables] != [id(v) for _, v in second.variables] or [
        s for s, _ in first.variables
    ] != [s for s, _ in second.variables]:
        return "the steps used different variables"
    return None


# ------------------------------------------------------------------ replay


class Program:
    """A recorded step as one generated Python function: the forward calls in order, then
    the vector-Jacobian products of the ops the loss depends on, newest first, with each
    slot's gradient summed as `GradientTape` sums it. Generating the code (rather than
    interpreting the instruction list) leaves only the primitives' own work per step."""

    def __init__(self, tracer, loss, outputs, variables):
        """`loss`: the Tensor to differentiate; `outputs`: Tensors to hand back (their slots
        are looked up now); `variables`: the Variables whose gradients `run` returns."""
        self.input_slots = tuple(tracer.input_slots)
        self.variables = tuple(tracer.variables)
        self.loss_slot = tracer.output(loss)
        self.output_slots = tuple(tracer.output(t) for t in outputs)
        var_slot = {id(v): s for s, v in tracer.variables}
        self.grad_slots = tuple(var_slot.get(id(v)) for v in variables)
        self.code = tuple(tracer.code)
        self._run = self._generate(tracer)

    def run(self, inputs):
        """Replay on `inputs` (arrays, one per input slot): `(loss, outputs, gradients)`,
        arrays, the gradients aligned with the `variables` given at construction (None for
        one the loss does not depend on)."""
        return self._run(*inputs)

    def _generate(self, tracer):
        code, shapes = self.code, tracer.shapes
        backward, contributions = _backward_plan(code, len(code), 0, {self.loss_slot})
        ns = _namespace()
        args = ", ".join(f"x{s}" for s in self.input_slots)
        lines = [f"def replay({args}):"]
        _forward_lines(tracer, code, len(code), set(backward), ns, lines)
        loss = self.loss_slot
        lines.append(f"    g{loss} = nd.__new__(nd, {shapes[loss]!r}, x{loss}.dtype)")
        lines.append(f"    g{loss}.fill(1)")
        _backward_lines(code, backward, contributions, {loss}, shapes, "g", ns, lines)
        grads = []
        for s in self.grad_slots:
            if s is None or s not in contributions:
                grads.append("None")
            else:
                grads.append(f"final(g{s}, x{s}.dtype)")
        outputs = "".join(f"x{s}, " for s in self.output_slots)
        lines.append(f"    return x{loss}, ({outputs}), [{', '.join(grads)}]")
        self.source = "\n".join(lines) + "\n"
        # the source is built above from slot numbers only; every object is passed in `ns`
        exec(compile(self.source, "<pynn replayed train step>", "exec"), ns)  # noqa: S102
        return ns["replay"]


class FunctionProgram:
    """A traced `tf.function` body as one generated Python function: every recorded
    instruction in order, with each `GradientTape.gradient` the body called (a `_GRAD`
    instruction) expanded in place into the vector-Jacobian products it ran."""

    def __init__(self, tracer, output_slots):
        self.input_slots = tuple(tracer.input_slots)
        self.output_slots = tuple(output_slots)
        self.code = tuple(tracer.code)
        self._run = self._generate(tracer)

    def run(self, inputs):
        """Replay on `inputs` (arrays, one per input slot): the output slots' arrays."""
        return self._run(*inputs)

    def _generate(self, tracer):
        code, shapes = self.code, tracer.shapes
        plans = {}
        wanted = set()
        for k, ins in enumerate(code):
            if ins[0] == _GRAD:
                targets = set(ins[2])
                plans[k] = _backward_plan(code, k, ins[3]["start"], targets)
                wanted.update(plans[k][0])
        ns = _namespace()
        ns["zeros"] = np.zeros
        args = ", ".join(f"x{s}" for s in self.input_slots)
        lines = [f"def replay({args}):"]

        def expand(k, ins, lines):
            backward, contributions = plans[k]
            prefix = f"g{k}_"
            attrs = ins[3]
            for t in dict.fromkeys(ins[2]):
                count = ins[2].count(t)
                lines.append(f"    {prefix}{t} = nd.__new__(nd, {shapes[t]!r}, x{t}.dtype)")
                lines.append(f"    {prefix}{t}.fill({count})")
            _backward_lines(code, backward, contributions, set(ins[2]), shapes, prefix, ns, lines)
            for source, out in zip(attrs["sources"], ins[4], strict=True):
                if out is None:
                    continue
                if source in contributions or source in ins[2]:
                    lines.append(f"    x{out} = final({prefix}{source}, x{source}.dtype)")
                else:  # unconnected, with unconnected_gradients="zero"
                    lines.append(f"    x{out} = zeros({shapes[source]!r}, x{source}.dtype)")

        _forward_lines(tracer, code, len(code), wanted, ns, lines, expand)
        outputs = "".join(f"x{s}, " for s in self.output_slots)
        lines.append(f"    return ({outputs})")
        self.source = "\n".join(lines) + "\n"
        exec(compile(self.source, "<pynn traced tf.function>", "exec"), ns)  # noqa: S102
        return ns["replay"]


def first_gradient(gp, shape):
    """A slot's only gradient, as an array of its shape."""
    if gp.__class__ is _ndarray:
        return gp if gp.shape == shape else unbroadcast(gp, shape)
    if type(gp) is IndexedGradient:
        acc = np.zeros(shape, gp.values.dtype)
        gp.add_into(acc)
        return acc
    gp = _asarray(gp)
    return gp if gp.shape == shape else unbroadcast(gp, shape)


def add_gradient(prev, owned, gp, shape):
    """Adds one more gradient into a slot's sum (in place once the sum is ours, as
    autodiff's `backprop` does); returns (sum, owned). A replayed step's backward pass sums
    with these two where `backprop` keeps its sums in a dict."""
    if type(gp) is IndexedGradient:
        if not owned:
            acc = np.zeros(shape, gp.values.dtype)
            if prev is not None:
                acc += prev
        else:
            acc = prev
        gp.add_into(acc)
        return acc, True
    if gp.__class__ is not _ndarray:
        gp = _asarray(gp)
    if gp.shape != shape:
        gp = unbroadcast(gp, shape)
    if prev is None:
        return gp, False
    if owned:
        prev += gp
        return prev, True
    return prev + gp, True


def _namespace():
    return {
        "nd": _ndarray,
        "asarray": _asarray,
        "first": first_gradient,
        "acc": add_gradient,
        "final": _final_gradient,
    }


def _backward_plan(code, end, start, targets):
    """The ops in code[start:end] that `targets` depend on through recorded gradients,
    newest first, and how many gradients flow into each slot."""
    live = set(targets)
    backward = []
    for k in range(end - 1, start - 1, -1):
        ins = code[k]
        if ins[0] == _OP and ins[5] and ins[4] in live:
            backward.append(k)
            live.update(t for _, t in ins[5])
    contributions = {}
    for k in backward:
        for _, t in code[k][5]:
            contributions[t] = contributions.get(t, 0) + 1
    return backward, contributions


def _forward_lines(tracer, code, end, wanted, ns, lines, expand=None):
    """Lines reading the variables and constants, then running code[:end] in order (the
    vjp of the ops in `wanted` kept as `v<k>`; `_GRAD` instructions handed to `expand`)."""
    for s, var in tracer.variables:
        ns[f"VAR{s}"] = var
        lines.append(f"    x{s} = VAR{s}._value")
    for s, value in tracer.consts.items():
        ns[f"C{s}"] = value
        lines.append(f"    x{s} = C{s}")

    def call(k, fn, slots, attrs):
        ns[f"F{k}"] = fn
        parts = [f"x{s}" for s in slots]
        if attrs:
            ns[f"A{k}"] = attrs
            parts.append(f"**A{k}")
        return f"F{k}({', '.join(parts)})"

    for k in range(end):
        kind, fn, slots, attrs, out, *_rest = ins = code[k]
        if kind == _OP:
            vjp = f"v{k}" if k in wanted else "_"
            lines.append(f"    x{out}, {vjp} = {call(k, fn, slots, attrs)}")
            lines.append(f"    if x{out}.__class__ is not nd: x{out} = asarray(x{out})")
        elif kind == _CALL:
            lines.append(f"    x{out} = {call(k, fn, slots, attrs)}")
            lines.append(f"    if x{out}.__class__ is not nd: x{out} = asarray(x{out})")
        elif kind == _ASSIGN:
            var_slot, value_slot = slots
            lines.append(f"    VAR{var_slot}.{fn}(x{value_slot})")
            lines.append(f"    x{var_slot} = VAR{var_slot}._value")
        elif kind == _EFFECT:
            lines.append(f"    {call(k, fn, slots, attrs)}")
        else:
            expand(k, ins, lines)


def _backward_lines(code, backward, contributions, seeded, shapes, prefix, ns, lines):
    """Lines running the vjps of `backward` (from `_backward_plan`), summing each slot's
    gradient into `<prefix><slot>` as `GradientTape` sums it; `seeded` slots start set."""
    for t, count in contributions.items():
        if t not in seeded:
            lines.append(f"    {prefix}{t} = None")
            if count > 1:
                lines.append(f"    o{prefix}{t} = False")
        elif count:
            lines.append(f"    o{prefix}{t} = False")
    for k in backward:
        _, _, _, _, out, pairs, needs = code[k]
        lines.append(f"    if {prefix}{out} is not None:")
        if needs is None:
            lines.append(f"        gs = v{k}({prefix}{out})")
        else:
            ns[f"N{k}"] = needs
            lines.append(f"        gs = v{k}({prefix}{out}, N{k})")
        lines.append("        if gs.__class__ is not tuple: gs = (gs,)")
        for i, t in pairs:
            ns[f"S{t}"] = shapes[t]
            lines.append(f"        gp = gs[{i}]")
            lines.append("        if gp is not None:")
            if contributions[t] == 1 and t not in seeded:  # the usual case, inline
                lines.append(
                    f"            {prefix}{t} = gp if gp.__class__ is nd and "
                    f"gp.shape == S{t} else first(gp, S{t})"
                )
            else:
                lines.append(
                    f"            {prefix}{t}, o{prefix}{t} = acc({prefix}{t}, "
                    f"o{prefix}{t}, gp, S{t})"
                )


def _final_gradient(g, dtype):
    """A variable's gradient as GradientTape.gradient hands it out (own, writable, its dtype)."""
    if g is None:
        return None
    if g.dtype != dtype or not g.flags.writeable:
        g = np.array(g, dtype=dtype, copy=True)
    return g
