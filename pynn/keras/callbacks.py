"""Callbacks: objects that `fit`, `evaluate` and `predict` call at fixed points.

The hooks and their order follow tf.keras 2.15:

    on_train_begin
      on_epoch_begin(epoch)
        on_train_batch_begin(batch) / on_train_batch_end(batch, logs)   (per step)
        on_test_begin / on_test_batch_* / on_test_end                  (validation)
      on_epoch_end(epoch, logs)          logs: {'loss': .., 'accuracy': .., 'val_loss': ..}
    on_train_end(logs)

Batch `logs` are a dict of the running values of the model's metrics (Python floats).
To keep a training step cheap, a batch hook is only called on callbacks that override
it, and the metric values are only computed for a step when some callback receives
them (the progress bar reads them at most every 50 ms).

`add_default_callback(factory)` registers a callable whose result joins every
`fit`/`evaluate`/`predict` call's callbacks (the playground streams events this way).
"""

import collections
import csv
import logging
import os

import numpy as np

from pynn.keras.utils.progbar import Progbar

_logger = logging.getLogger("pynn")

_default_callback_factories = []


def add_default_callback(factory):
    """Makes every `fit`/`evaluate`/`predict` add `factory()` to its callbacks."""
    if factory not in _default_callback_factories:
        _default_callback_factories.append(factory)


def remove_default_callback(factory):
    """Undoes `add_default_callback(factory)`; unknown factories are ignored."""
    if factory in _default_callback_factories:
        _default_callback_factories.remove(factory)


def _print(message):
    import sys

    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class LazyLogs(collections.abc.MutableMapping):
    """Batch logs whose values are computed on first access.

    `fit` hands these to batch hooks: reading any key (or iterating) computes the
    metric results once; a callback that never looks costs nothing.
    """

    __slots__ = ("_compute", "_data", "metrics_only")

    def __init__(self, compute, metrics_only=False):
        self._compute = compute
        self._data = None
        # True when every key is one of the model's metrics (shown as-is by the
        # progress bar, so a skipped redraw loses nothing).
        self.metrics_only = metrics_only

    def _materialize(self):
        if self._data is None:
            self._data = dict(self._compute())
        return self._data

    def __getitem__(self, key):
        return self._materialize()[key]

    def __setitem__(self, key, value):
        self._materialize()[key] = value
        self.metrics_only = False

    def __delitem__(self, key):
        del self._materialize()[key]

    def __iter__(self):
        return iter(self._materialize())

    def __len__(self):
        return len(self._materialize())

    def __repr__(self):
        return repr(self._materialize())

    def copy(self):
        return dict(self._materialize())

    @property
    def computed(self):
        """Whether the values were computed already (they are not recomputed)."""
        return self._data is not None

    def as_dict(self):
        """The computed logs as a plain dict (computed on the first call only)."""
        return self._materialize()


def _overrides(bound_method, base_function):
    """Whether a callback replaced one of Callback's do-nothing batch hooks."""
    return getattr(bound_method, "__func__", None) is not base_function


class Callback:
    """Base class of callbacks; override the hooks you need.

    Attributes:
        params: dict with `verbose`, `epochs` and `steps` of the current call.
        model: the `Model` being trained, evaluated or used for prediction.
    """

    _accepts_lazy_logs = False   # True: batch hooks may receive `LazyLogs`

    def __init__(self):
        self.validation_data = None
        self.model = None
        self.params = {}

    def __repr__(self):
        # As tf.keras 2.15 shows it: `<keras.src.callbacks.History object at 0x...>`
        module = type(self).__module__
        if module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras."):]
        return f"<{module}.{type(self).__qualname__} object at {hex(id(self))}>"

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self.model = model

    def on_batch_begin(self, batch, logs=None):
        """Legacy alias of `on_train_batch_begin`."""

    def on_batch_end(self, batch, logs=None):
        """Legacy alias of `on_train_batch_end`."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch (training only)."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch; logs hold the metrics and `val_` metrics."""

    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called before each batch of `evaluate` (and of validation inside `fit`)."""

    def on_test_batch_end(self, batch, logs=None):
        """Called after each batch of `evaluate`; logs hold the running metrics."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called before each batch of `predict`."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called after each batch of `predict`; logs hold `outputs`."""

    def on_train_begin(self, logs=None):
        """Called once at the start of `fit`."""

    def on_train_end(self, logs=None):
        """Called once at the end of `fit` with the last epoch's logs."""

    def on_test_begin(self, logs=None):
        """Called at the start of `evaluate` and of each validation run."""

    def on_test_end(self, logs=None):
        """Called at the end of `evaluate` and of each validation run."""

    def on_predict_begin(self, logs=None):
        """Called at the start of `predict`."""

    def on_predict_end(self, logs=None):
        """Called at the end of `predict`."""

    def _implements_train_batch_hooks(self):
        return (
            _overrides(self.on_batch_begin, Callback.on_batch_begin)
            or _overrides(self.on_batch_end, Callback.on_batch_end)
            or _overrides(self.on_train_batch_begin, Callback.on_train_batch_begin)
            or _overrides(self.on_train_batch_end, Callback.on_train_batch_end)
        )

    def _implements_test_batch_hooks(self):
        return _overrides(self.on_test_batch_begin, Callback.on_test_batch_begin) or _overrides(
            self.on_test_batch_end, Callback.on_test_batch_end
        )

    def _implements_predict_batch_hooks(self):
        return _overrides(
            self.on_predict_batch_begin, Callback.on_predict_batch_begin
        ) or _overrides(self.on_predict_batch_end, Callback.on_predict_batch_end)


class CallbackList:
    """Calls a list of callbacks, in order, and adds the ones every loop needs.

    Args:
        callbacks: the user's callbacks (a list, or None).
        add_history: append a `History` unless one is in the list.
        add_progbar: append a `ProgbarLogger` (counting steps) unless one is in the list.
        add_defaults: append one instance of every `add_default_callback` factory.
        model: the model; `set_model` is called on every callback.
        **params: `verbose`, `epochs`, `steps`; passed to `set_params`.
    """

    def __init__(self, callbacks=None, add_history=False, add_progbar=False,
                 add_defaults=False, model=None, **params):
        if callbacks is None:
            callbacks = []
        elif isinstance(callbacks, Callback):
            callbacks = [callbacks]
        self.callbacks = list(callbacks)
        for cb in self.callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(
                    "Callbacks must be instances of `keras.callbacks.Callback`. "
                    f"Received: {cb!r}")
        self._history = next((cb for cb in self.callbacks if isinstance(cb, History)), None)
        self._progbar = next((cb for cb in self.callbacks if isinstance(cb, ProgbarLogger)), None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger(count_mode="steps")
            self.callbacks.append(self._progbar)
        if add_defaults:
            self.callbacks.extend(factory() for factory in list(_default_callback_factories))
        self.model = None
        self.params = {}
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)
        self._refresh_batch_hooks()

    def _refresh_batch_hooks(self):
        self._train_batch = [cb for cb in self.callbacks if cb._implements_train_batch_hooks()]
        self._test_batch = [cb for cb in self.callbacks if cb._implements_test_batch_hooks()]
        self._predict_batch = [
            cb for cb in self.callbacks if cb._implements_predict_batch_hooks()]
        # `*_batch_begin` only goes to callbacks that replaced Callback's no-op for it.
        self._train_batch_begin = [
            cb for cb in self._train_batch
            if _overrides(cb.on_train_batch_begin, Callback.on_train_batch_begin)
            or _overrides(cb.on_batch_begin, Callback.on_batch_begin)]
        self._test_batch_begin = [
            cb for cb in self._test_batch
            if _overrides(cb.on_test_batch_begin, Callback.on_test_batch_begin)]
        self._predict_batch_begin = [
            cb for cb in self._predict_batch
            if _overrides(cb.on_predict_batch_begin, Callback.on_predict_batch_begin)]

    def append(self, callback):
        self.callbacks.append(callback)
        self._refresh_batch_hooks()

    def set_params(self, params):
        self.params = params
        for cb in self.callbacks:
            cb.set_params(params)
        self._refresh_batch_hooks()   # ProgbarLogger decides from `verbose`

    def set_model(self, model):
        self.model = model
        if self._history is not None:
            model.history = self._history
        for cb in self.callbacks:
            cb.set_model(model)

    # Whether any callback wants the per-batch hooks (the loops skip them otherwise).
    @property
    def wants_train_batch_hooks(self):
        return bool(self._train_batch)

    @property
    def wants_test_batch_hooks(self):
        return bool(self._test_batch)

    @property
    def wants_predict_batch_hooks(self):
        return bool(self._predict_batch)

    def _each(self, hook, *args):
        logs = args[-1]
        if logs is None:
            args = args[:-1] + ({},)
        for cb in self.callbacks:
            getattr(cb, hook)(*args)

    def on_batch_begin(self, batch, logs=None):
        self.on_train_batch_begin(batch, logs)

    def on_batch_end(self, batch, logs=None):
        self.on_train_batch_end(batch, logs)

    @staticmethod
    def _call_batch(callbacks, hook, batch, logs):
        # Callbacks get a plain dict; only the progress bar takes the lazy logs (and
        # may skip computing them between two redraws).
        if logs is None:
            logs = {}
        plain = logs
        for cb in callbacks:
            if isinstance(logs, LazyLogs) and not cb._accepts_lazy_logs:
                if plain is logs:
                    plain = logs.as_dict()
                getattr(cb, hook)(batch, plain)
            else:
                getattr(cb, hook)(batch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._call_batch(self._train_batch_begin, "on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._call_batch(self._train_batch, "on_train_batch_end", batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._call_batch(self._test_batch_begin, "on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._call_batch(self._test_batch, "on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._call_batch(self._predict_batch_begin, "on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._call_batch(self._predict_batch, "on_predict_batch_end", batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._each("on_epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._each("on_epoch_end", epoch, logs)

    def on_train_begin(self, logs=None):
        self._each("on_train_begin", logs)

    def on_train_end(self, logs=None):
        self._each("on_train_end", logs)

    def on_test_begin(self, logs=None):
        self._each("on_test_begin", logs)

    def on_test_end(self, logs=None):
        self._each("on_test_end", logs)

    def on_predict_begin(self, logs=None):
        self._each("on_predict_begin", logs)

    def on_predict_end(self, logs=None):
        self._each("on_predict_end", logs)

    def __iter__(self):
        return iter(self.callbacks)


class History(Callback):
    """Records the epoch logs; `fit` returns it.

    `history.history` maps each log name (`loss`, `accuracy`, `val_loss`, ...) to
    its list of per-epoch values; `history.epoch` lists the epoch indices;
    `history.params` holds `verbose`, `epochs` and `steps`.
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        self.model.history = self


class ProgbarLogger(Callback):
    """Prints the progress bar (verbose=1) or the one line per epoch (verbose=2).

    Args:
        count_mode: `"steps"` (what `fit` uses) or `"samples"`.
        stateful_metrics: names shown as given rather than averaged; the model's
            metric names are always added.
    """

    _accepts_lazy_logs = True

    def __init__(self, count_mode="samples", stateful_metrics=None):
        super().__init__()
        if count_mode not in ("samples", "steps"):
            raise ValueError(
                f"Unknown `count_mode`: {count_mode}. "
                'Expected values are ["samples", "steps"]')
        self.use_steps = count_mode == "steps"
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params):
        super().set_params(params)
        self.verbose = params.get("verbose", 1)
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps") if self.use_steps else params.get("samples")

    def _batch_hooks(self):
        # verbose=2 draws only at the end; an unknown target needs counting.
        return self.verbose == 1 or self.target is None

    _implements_train_batch_hooks = _batch_hooks
    _implements_test_batch_hooks = _batch_hooks
    _implements_predict_batch_hooks = _batch_hooks

    def on_train_begin(self, logs=None):
        self._called_in_fit = True   # validation inside fit prints nothing

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            _print(f"Epoch {epoch + 1}/{self.epochs}")

    def on_train_batch_end(self, batch, logs=None):
        self._batch_update_progbar(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._batch_update_progbar(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._batch_update_progbar(batch, None)

    def on_epoch_end(self, epoch, logs=None):
        self._finalize_progbar(logs)

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_predict_end(self, logs=None):
        self._finalize_progbar(logs)

    def _reset_progbar(self):
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self):
        if self.model is not None:
            self.stateful_metrics |= {m.name for m in getattr(self.model, "metrics", ())}
        if self.progbar is None:
            self.progbar = Progbar(
                target=self.target, verbose=self.verbose,
                stateful_metrics=self.stateful_metrics,
                unit_name="step" if self.use_steps else "sample")
        self.progbar._update_stateful_metrics(self.stateful_metrics)

    def _batch_update_progbar(self, batch, logs=None):
        if self.progbar is None:
            self._maybe_init_progbar()
        if self.use_steps:
            self.seen = batch + 1
        else:
            logs = dict(logs or {})
            self.seen += logs.pop("num_steps", 1) * logs.pop("size", 0)
            logs.pop("batch", None)
        if self.verbose != 1:
            return
        # A redraw the interval would swallow can be skipped without computing the
        # model's metrics (values of other keys are averaged, so those always count).
        if (isinstance(logs, LazyLogs) and logs.metrics_only and self.seen != self.target
                and not self.progbar.wants_update(self.seen, finalize=False)):
            return
        self._maybe_init_progbar()   # the model's metrics exist once a step has run
        self.progbar.update(self.seen, list((logs or {}).items()), finalize=False)

    def _finalize_progbar(self, logs):
        self._maybe_init_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, list((logs or {}).items()), finalize=True)


class _MonitorMixin:
    """Shared lookup of the monitored value, with Keras's warning when it is missing."""

    def _monitor_value(self, logs, what):
        value = (logs or {}).get(self.monitor)
        if value is None:
            _logger.warning(
                "%s conditioned on metric `%s` which is not available. "
                "Available metrics are: %s", what, self.monitor, ",".join(list(logs or {})))
        return value


class EarlyStopping(_MonitorMixin, Callback):
    """Stops training when a monitored metric has stopped improving.

    Args:
        monitor: name of the value to watch (`"val_loss"`).
        min_delta: smallest change that counts as an improvement.
        patience: epochs without improvement before training stops.
        verbose: 1 prints when stopping and when restoring weights.
        mode: `"min"`, `"max"` or `"auto"` (max for names ending in acc/accuracy/auc).
        baseline: training stops if the model does not beat this value.
        restore_best_weights: put back the weights of the best epoch when stopping.
        start_from_epoch: epochs to wait before watching starts.
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.stopped_epoch = 0
        self.restore_best_weights = restore_best_weights
        self.best_weights = None
        self.start_from_epoch = start_from_epoch
        if mode not in ("auto", "min", "max"):
            _logger.warning("EarlyStopping mode %s is unknown, fallback to auto mode.", mode)
            mode = "auto"
        if mode == "auto":
            mode = "max" if monitor.endswith(("acc", "accuracy", "auc")) else "min"
        self.monitor_op = np.greater if mode == "max" else np.less
        if self.monitor_op is np.less:
            self.min_delta *= -1
        self.best = np.inf if self.monitor_op is np.less else -np.inf
        self.best_epoch = 0

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf if self.monitor_op is np.less else -np.inf
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        current = self.get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True
            if self.restore_best_weights and self.best_weights is not None:
                if self.verbose > 0:
                    _print("Restoring model weights from the end of the best epoch: "
                           f"{self.best_epoch + 1}.")
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            _print(f"Epoch {self.stopped_epoch + 1}: early stopping")

    def get_monitor_value(self, logs):
        return self._monitor_value(logs, "Early stopping")

    def _is_improvement(self, value, reference):
        return bool(self.monitor_op(value - self.min_delta, reference))


def _optimizer_of(model, callback_name):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        raise ValueError(f"{callback_name} needs a compiled model with an optimizer.")
    return optimizer


def get_learning_rate(optimizer):
    """The optimizer's current learning rate as a numpy float32."""
    lr = optimizer.learning_rate
    if callable(lr) and not hasattr(lr, "numpy"):   # a LearningRateSchedule
        lr = lr(optimizer.iterations)
    return np.float32(np.asarray(lr))


def set_learning_rate(optimizer, value):
    optimizer.learning_rate = float(value)


class ReduceLROnPlateau(_MonitorMixin, Callback):
    """Reduces the learning rate when a metric has stopped improving.

    Args:
        monitor: value to watch. factor: new_lr = lr * factor (must be < 1).
        patience: epochs without improvement before reducing. verbose: 1 prints.
        mode: `"min"`, `"max"` or `"auto"` (max when the name contains "acc").
        min_delta: threshold for a significant change. cooldown: epochs to wait
        after a reduction. min_lr: lower bound of the learning rate.
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0, **kwargs):
        super().__init__()
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Got {factor}")
        if "epsilon" in kwargs:
            min_delta = kwargs.pop("epsilon")
            _logger.warning("`epsilon` argument is deprecated and will be removed, "
                            "use `min_delta` instead.")
        self.monitor = monitor
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.mode = mode
        self._reset()

    def _reset(self):
        if self.mode not in ("auto", "min", "max"):
            _logger.warning("Learning rate reduction mode %s is unknown, "
                            "fallback to auto mode.", self.mode)
            self.mode = "auto"
        if self.mode == "min" or (self.mode == "auto" and "acc" not in self.monitor):
            self.monitor_op = lambda a, b: np.less(a, b - self.min_delta)
            self.best = np.inf
        else:
            self.monitor_op = lambda a, b: np.greater(a, b + self.min_delta)
            self.best = -np.inf
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        optimizer = _optimizer_of(self.model, "ReduceLROnPlateau")
        logs["lr"] = get_learning_rate(optimizer)
        current = self._monitor_value(logs, "Learning rate reduction is")
        if current is None:
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = get_learning_rate(optimizer)
                if old_lr > np.float32(self.min_lr):
                    new_lr = max(float(old_lr) * self.factor, self.min_lr)   # float64, as Keras prints it
                    set_learning_rate(optimizer, new_lr)
                    if self.verbose > 0:
                        _print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing "
                               f"learning rate to {new_lr}.")
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0


class LearningRateScheduler(Callback):
    """Sets the learning rate at the start of every epoch to `schedule(epoch, lr)`.

    `schedule` may also take only the epoch index. The value is logged as `lr`.
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = _optimizer_of(self.model, "LearningRateScheduler")
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "lr" attribute.')
        try:
            lr = self.schedule(epoch, float(get_learning_rate(optimizer)))
        except TypeError:   # a schedule that takes only the epoch
            lr = self.schedule(epoch)
        if hasattr(lr, "numpy") and hasattr(lr, "dtype"):
            if not np.issubdtype(np.asarray(lr).dtype, np.floating):
                raise ValueError(f"The dtype of `lr` Tensor should be float. Got: {lr.dtype}")
            lr = np.asarray(lr).item()
        elif not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError(f'The output of the "schedule" function should be float. Got: {lr}')
        set_learning_rate(optimizer, lr)
        if self.verbose > 0:
            _print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = get_learning_rate(self.model.optimizer)


class TerminateOnNaN(Callback):
    """Stops training as soon as a batch's loss is NaN or infinite."""

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None:
            loss = float(np.asarray(loss))
            if np.isnan(loss) or np.isinf(loss):
                _print(f"Batch {batch}: Invalid loss, terminating training")
                self.model.stop_training = True


class LambdaCallback(Callback):
    """A callback built from plain functions.

    `on_epoch_begin(epoch, logs)`, `on_epoch_end(epoch, logs)`,
    `on_batch_begin(batch, logs)`, `on_batch_end(batch, logs)`,
    `on_train_begin(logs)`, `on_train_end(logs)`; other keyword arguments
    become attributes (e.g. `on_test_end=...`).
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None,
                 on_batch_end=None, on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        self.__dict__.update(kwargs)
        hooks = {"on_epoch_begin": on_epoch_begin, "on_epoch_end": on_epoch_end,
                 "on_batch_begin": on_batch_begin, "on_batch_end": on_batch_end,
                 "on_train_begin": on_train_begin, "on_train_end": on_train_end}
        for name, fn in hooks.items():
            if fn is not None:
                setattr(self, name, fn)


class CSVLogger(Callback):
    """Streams the epoch results to a CSV file.

    Columns are `epoch` then the sorted log names; when no validation ran the
    `val_` columns are still written, filled with `NA`, as Keras does.

    Args:
        filename: path of the CSV file.
        separator: the delimiter.
        append: add to an existing file (no second header) instead of overwriting.
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.sep = separator
        self.filename = os.fspath(filename)
        self.append = append
        self.writer = None
        self.keys = None
        self.append_header = True
        self.csv_file = None

    def on_train_begin(self, logs=None):
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename) as existing:
                    self.append_header = not existing.readline()
            mode = "a"
        else:
            mode = "w"
        self.csv_file = open(self.filename, mode, newline="")  # noqa: SIM115 (closed in on_train_end)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
            if not any(key.startswith("val_") for key in self.keys):
                self.keys.extend(["val_" + key for key in self.keys])
        if self.writer is None:
            class Dialect(csv.excel):
                delimiter = self.sep

            self.writer = csv.DictWriter(
                self.csv_file, fieldnames=["epoch"] + self.keys, dialect=Dialect)
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((key, _csv_value(logs.get(key, "NA"))) for key in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        if self.csv_file is not None:
            self.csv_file.close()
        self.writer = None


def _csv_value(value):
    if isinstance(value, str):
        return value
    if isinstance(value, collections.abc.Iterable) and not (
            isinstance(value, np.ndarray) and value.ndim == 0):
        return f"\"[{', '.join(map(str, value))}]\""
    return value


class ModelCheckpoint(Callback):
    """Saves the model or its weights every epoch (or every `save_freq` batches).

    `filepath` may hold `{epoch:02d}` and log names (`{val_loss:.2f}`). With
    `save_weights_only=True` it calls `model.save_weights(filepath, overwrite=True)`
    (use a `.weights.h5` or `.npz` name), otherwise `model.save(filepath, overwrite=True)`.

    Args:
        monitor: value compared when `save_best_only`. verbose: 1 prints each save.
        save_best_only: keep only the best model seen so far.
        mode: `"min"`, `"max"`, or `"auto"` (max when the name contains "acc").
        save_freq: `"epoch"` or a number of batches.
        initial_value_threshold: the value the monitored metric must beat first.
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch", options=None,
                 initial_value_threshold=None, **kwargs):
        super().__init__()
        self.monitor = monitor
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self.period = kwargs.pop("period", 1)
        self.epochs_since_last_save = 0
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._current_epoch = 0
        self.best = initial_value_threshold
        if mode not in ("auto", "min", "max"):
            _logger.warning("ModelCheckpoint mode %s is unknown, fallback to auto mode.", mode)
            mode = "auto"
        if mode == "auto":
            mode = "max" if ("acc" in monitor or monitor.startswith("fmeasure")) else "min"
        self.monitor_op = np.greater if mode == "max" else np.less
        if self.best is None:
            self.best = -np.inf if mode == "max" else np.inf
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"Unrecognized save_freq: {save_freq}. "
                             'Expected save_freq are "epoch" or integer')

    def _implements_train_batch_hooks(self):
        return self.save_freq != "epoch"

    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(self._current_epoch, batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_since_last_save += 1
        if self.save_freq == "epoch":
            self._save_model(epoch, None, logs)

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        if batch <= self._last_batch_seen:   # a new epoch started
            self._batches_seen_since_last_saving += batch + 1
        else:
            self._batches_seen_since_last_saving += batch - self._last_batch_seen
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _save_model(self, epoch, batch, logs):
        if not isinstance(self.save_freq, int) and self.epochs_since_last_save < self.period:
            return
        logs = dict(logs or {})
        self.epochs_since_last_save = 0
        filepath = self._file_path(epoch, batch, logs)
        dirname = os.path.dirname(filepath)
        if dirname and not os.path.exists(dirname):
            os.makedirs(dirname)
        if os.path.isdir(filepath):
            raise OSError("Please specify a non-directory filepath for ModelCheckpoint. "
                          f"Filepath used is an existing directory: {filepath}")
        if not self.save_best_only:
            if self.verbose > 0:
                _print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            self._save(filepath)
            return
        current = logs.get(self.monitor)
        if current is None:
            _logger.warning("Can save best model only with %s available, skipping.", self.monitor)
        elif self.monitor_op(current, self.best):
            if self.verbose > 0:
                _print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} "
                       f"to {current:.5f}, saving model to {filepath}")
            self.best = current
            self._save(filepath)
        elif self.verbose > 0:
            _print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {self.best:.5f}")

    def _save(self, filepath):
        method = "save_weights" if self.save_weights_only else "save"
        save = getattr(self.model, method, None)
        if save is None:
            raise NotImplementedError(
                f"ModelCheckpoint needs `model.{method}`, which this model does not provide.")
        save(filepath, overwrite=True)

    def _file_path(self, epoch, batch, logs):
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as error:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". '
                           f"Reason: {error}") from None


__all__ = [
    "CSVLogger",
    "Callback",
    "CallbackList",
    "EarlyStopping",
    "History",
    "LambdaCallback",
    "LearningRateScheduler",
    "ModelCheckpoint",
    "ProgbarLogger",
    "ReduceLROnPlateau",
    "TerminateOnNaN",
    "add_default_callback",
    "remove_default_callback",
]
