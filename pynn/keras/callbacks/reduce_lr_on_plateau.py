"""`ReduceLROnPlateau`."""

import logging

import numpy as np

from pynn.keras.callbacks.callback import Callback, print_line
from pynn.keras.callbacks.monitor import (
    MonitorMixin,
    get_learning_rate,
    optimizer_of,
    set_learning_rate,
)

_logger = logging.getLogger("pynn")


class ReduceLROnPlateau(MonitorMixin, Callback):
    """Reduces the learning rate when a metric has stopped improving.

    Args:
        monitor: value to watch. factor: new_lr = lr * factor (must be < 1).
        patience: epochs without improvement before reducing. verbose: 1 prints.
        mode: `"min"`, `"max"` or `"auto"` (max when the name contains "acc").
        min_delta: threshold for a significant change. cooldown: epochs to wait
        after a reduction. min_lr: lower bound of the learning rate.
    """

    def __init__(
        self,
        monitor="val_loss",
        factor=0.1,
        patience=10,
        verbose=0,
        mode="auto",
        min_delta=1e-4,
        cooldown=0,
        min_lr=0,
        **kwargs,
    ):
        super().__init__()
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Got {factor}")
        if "epsilon" in kwargs:
            min_delta = kwargs.pop("epsilon")
            _logger.warning(
                "`epsilon` argument is deprecated and will be removed, use `min_delta` instead."
            )
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
            _logger.warning(
                "Learning rate reduction mode %s is unknown, fallback to auto mode.", self.mode
            )
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
        optimizer = optimizer_of(self.model, "ReduceLROnPlateau")
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
                    new_lr = max(
                        float(old_lr) * self.factor, self.min_lr
                    )  # float64, as Keras prints it
                    set_learning_rate(optimizer, new_lr)
                    if self.verbose > 0:
                        print_line(
                            f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing "
                            f"learning rate to {new_lr}."
                        )
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0
