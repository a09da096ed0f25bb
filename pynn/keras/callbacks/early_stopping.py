"""`EarlyStopping`."""

import logging

import numpy as np

from pynn.keras.callbacks.callback import Callback, print_line
from pynn.keras.callbacks.monitor import MonitorMixin

_logger = logging.getLogger("pynn")


class EarlyStopping(MonitorMixin, Callback):
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

    def __init__(
        self,
        monitor="val_loss",
        min_delta=0,
        patience=0,
        verbose=0,
        mode="auto",
        baseline=None,
        restore_best_weights=False,
        start_from_epoch=0,
    ):
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
                    print_line(
                        "Restoring model weights from the end of the best epoch: "
                        f"{self.best_epoch + 1}."
                    )
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print_line(f"Epoch {self.stopped_epoch + 1}: early stopping")

    def get_monitor_value(self, logs):
        return self._monitor_value(logs, "Early stopping")

    def _is_improvement(self, value, reference):
        return bool(self.monitor_op(value - self.min_delta, reference))
