"""`fit`'s train step, recorded while it runs eagerly and then replayed.

tf.keras 2.15 traces `train_step` into a graph on the first batch of each input signature
and runs the graph afterwards. pynn does the same with `pynn.core.tracing`: the first
steps of a signature (batch shapes and dtypes) run eagerly under a `Tracer`; once two
consecutive recordings agree, later steps replay the recording (forward primitives, their
vector-Jacobian products, the loss trackers) and hand the gradients to the optimizer.

A recording that cannot be replayed leaves that signature eager: the result is the same,
only slower, and `reasons` says why. That happens when Python read a tensor value that
changes from step to step (a branch or loop count on a tensor, numpy on the batch, printing
a tensor: see the contract in `pynn.core.tracing`; fit logs a warning), a `custom_gradient`,
outputs with Keras masks, or numpy computed outside the primitives from changing data
(the two recordings disagree). `compile(run_eagerly=True)` or a `train_step` override
keep every step eager, as in tf.keras; so does `tf.config.run_functions_eagerly(True)`.
"""

import logging

import numpy as np

from pynn.core import tracing
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Tensor, _wrap
from pynn.keras.engine import data_adapter, nest
from pynn.keras.optimizers.optimizer import Optimizer

#: recordings tried per signature before its steps stay eager
MAX_RECORDINGS = 4

_MISSING = object()


def _batch_leaves(data, leaves):
    """Flattens `(x, y, sample_weight)` into `leaves`; returns a hashable signature, or
    None when a leaf is neither an array nor a Tensor (those steps stay eager)."""
    if data is None:
        return "N"
    if type(data) is np.ndarray:
        leaves.append(data)
        return (data.shape, data.dtype.str)
    if isinstance(data, Tensor):
        leaves.append(data)
        return ("T", data._value.shape, data._value.dtype.str)
    if isinstance(data, (list, tuple)):
        parts = []
        for item in data:
            key = _batch_leaves(item, leaves)
            if key is None:
                return None
            parts.append(key)
        return (type(data).__name__, tuple(parts))
    if isinstance(data, dict):
        parts = []
        for k in data:
            key = _batch_leaves(data[k], leaves)
            if key is None:
                return None
            parts.append((k, key))
        return ("dict", tuple(parts))
    return None


def _array(leaf):
    return leaf if type(leaf) is np.ndarray else leaf._value


class _Pending:
    __slots__ = ("count", "leaves", "tracer")

    def __init__(self):
        self.count = 0
        self.tracer = None
        self.leaves = None


class StepCompiler:
    """Records and replays one model's train step, per input signature and set of trainable
    variables (made by each `fit`; the recorded steps themselves are kept by the model until
    it is compiled again, as tf.keras keeps its traced train function)."""

    def __init__(self, model, programs=None):
        self.model = model
        # (signature, variables) -> (Program, y_pred structure, variables), or the reason
        # (a str) why those steps stay eager
        self.programs = {} if programs is None else programs
        self._pending = {}
        self._variables_key = None
        self.replayed = 0  # steps replayed this fit (tests read it)

    def train_step(self, data):
        if type(data) is tuple and all(type(a) is np.ndarray for a in data):
            leaves = list(data)  # the usual (x, y): no need to walk a structure
            key = ("tuple", tuple((a.shape, a.dtype.str) for a in data))
        else:
            leaves = []
            key = _batch_leaves(data, leaves)
        if key is None:
            return self.model.train_step(data)
        variables_key = self._variables_key
        if variables_key is None:
            if not self.model.built:  # the first step builds the model
                return self.model.train_step(data)
            variables_key = self._variables_key = tuple(map(id, self.model._step_variables()))
        key = (key, variables_key)
        entry = self.programs.get(key, _MISSING)
        if entry is _MISSING:
            return self._record(key, data, leaves)
        if type(entry) is str:
            return self.model.train_step(data)
        return self._replay(entry, data, leaves)

    @property
    def reasons(self):
        """{key: why} for the steps that stay eager."""
        return {k: v for k, v in self.programs.items() if type(v) is str}

    # ------------------------------------------------------------ recording
    def _record(self, key, data, leaves):
        model = self.model
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        variables = model.variables if model.built else ()
        tracer = tracing.Tracer(leaves, variables)
        with GradientTape() as tape, tracer:
            y_pred = model(x, training=True)
            loss = model.compute_loss(x, y, y_pred, sample_weight)
        model._validate_target_and_loss(y, loss)
        step_variables = model._step_variables()
        model.optimizer.minimize(loss, step_variables, tape=tape)
        logs = model.compute_metrics(x, y, y_pred, sample_weight)
        self._consider(key, tracer, leaves, loss, y_pred, step_variables)
        return logs

    def _give_up(self, key, reason, loudly=False):
        self.programs[key] = reason
        self._pending.pop(key, None)
        if loudly:  # the user's code decides in Python on tensor values: say so once
            logging.getLogger("pynn").warning(
                "fit runs these train steps eagerly (the same result, only slower): %s.", reason
            )

    def _consider(self, key, tracer, leaves, loss, y_pred, variables):
        """Compare this recording with the previous one of the same signature; once they
        agree on steps with different data, keep the program."""
        pending = self._pending.setdefault(key, _Pending())
        pending.count += 1
        if tracer.failed:
            return self._give_up(key, tracer.failed, loudly=tracer.failed_by_read)
        outputs = nest.flatten(y_pred)
        if not all(
            isinstance(t, Tensor) and getattr(t, "_keras_mask", None) is None for t in outputs
        ):
            return self._give_up(key, "the model's outputs carry Keras masks")
        previous, previous_leaves = pending.tracer, pending.leaves
        pending.tracer, pending.leaves = tracer, leaves
        if previous is None:
            return None
        reason = tracing.compare(previous, tracer)
        if reason is None:
            same_data = all(
                tracing._same(_array(a), _array(b))
                for a, b in zip(previous_leaves, leaves, strict=True)
            )
            if same_data and pending.count < MAX_RECORDINGS:
                return None  # constants cannot be told from data yet: record again
            try:
                program = tracing.Program(tracer, loss, outputs, variables)
            except tracing.Untraceable as error:
                return self._give_up(key, str(error))
            self.programs[key] = (program, y_pred, tuple(variables))
            self._pending.pop(key, None)
            return None
        if pending.count >= MAX_RECORDINGS:
            return self._give_up(key, reason)
        return None

    # ------------------------------------------------------------ replay
    def _replay(self, entry, data, leaves):
        program, structure, variables = entry
        model = self.model
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        loss, outputs, grads = program.run([_array(leaf) for leaf in leaves])
        loss = _wrap(loss)
        outputs = [_wrap(value) for value in outputs]
        y_pred = (
            outputs[0]
            if isinstance(structure, Tensor)
            else nest.pack_sequence_as(structure, outputs)
        )
        optimizer = model.optimizer
        if type(optimizer).apply_gradients is Optimizer.apply_gradients and all(
            g is not None for g in grads
        ):
            # what apply_gradients does after checking its arguments (the program's are fixed)
            optimizer._compute_current_learning_rate()
            optimizer._apply_arrays(grads, variables)
        else:
            optimizer.apply_gradients(zip(grads, variables, strict=True))
        self.replayed += 1
        return model.compute_metrics(x, y, y_pred, sample_weight)
