"""`ProgbarLogger`: the progress bar (verbose=1) or one line per epoch (verbose=2)."""

from pynn.keras.callbacks.callback import Callback, print_line
from pynn.keras.callbacks.lazy_logs import LazyLogs
from pynn.keras.utils.progbar import Progbar


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
                f'Unknown `count_mode`: {count_mode}. Expected values are ["samples", "steps"]'
            )
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
        self._called_in_fit = True  # validation inside fit prints nothing

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
            print_line(f"Epoch {epoch + 1}/{self.epochs}")

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
                target=self.target,
                verbose=self.verbose,
                stateful_metrics=self.stateful_metrics,
                unit_name="step" if self.use_steps else "sample",
            )
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
        if (
            isinstance(logs, LazyLogs)
            and logs.metrics_only
            and self.seen != self.target
            and not self.progbar.wants_update(self.seen, finalize=False)
        ):
            return
        self._maybe_init_progbar()  # the model's metrics exist once a step has run
        self.progbar.update(self.seen, list((logs or {}).items()), finalize=False)

    def _finalize_progbar(self, logs):
        self._maybe_init_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, list((logs or {}).items()), finalize=True)
