"""What the callbacks that watch a metric share: the monitored value, the optimizer's
learning rate."""

import logging

import numpy as np

_logger = logging.getLogger("pynn")


class MonitorMixin:
    """Shared lookup of the monitored value, with Keras's warning when it is missing."""

    def _monitor_value(self, logs, what):
        value = (logs or {}).get(self.monitor)
        if value is None:
            _logger.warning(
                "%s conditioned on metric `%s` which is not available. Available metrics are: %s",
                what,
                self.monitor,
                ",".join(list(logs or {})),
            )
        return value


def optimizer_of(model, callback_name):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        raise ValueError(f"{callback_name} needs a compiled model with an optimizer.")
    return optimizer


def get_learning_rate(optimizer):
    """The optimizer's current learning rate as a numpy float32."""
    lr = optimizer.learning_rate
    if callable(lr) and not hasattr(lr, "numpy"):  # a LearningRateSchedule
        lr = lr(optimizer.iterations)
    return np.float32(np.asarray(lr))


def set_learning_rate(optimizer, value):
    optimizer.learning_rate = float(value)
