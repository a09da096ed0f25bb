"""`LearningRateScheduler`."""

import numpy as np

from pynn.keras.callbacks.callback import Callback, print_line
from pynn.keras.callbacks.monitor import get_learning_rate, optimizer_of, set_learning_rate


class LearningRateScheduler(Callback):
    """Sets the learning rate at the start of every epoch to `schedule(epoch, lr)`.

    `schedule` may also take only the epoch index. The value is logged as `lr`.
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = optimizer_of(self.model, "LearningRateScheduler")
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "lr" attribute.')
        try:
            lr = self.schedule(epoch, float(get_learning_rate(optimizer)))
        except TypeError:  # a schedule that takes only the epoch
            lr = self.schedule(epoch)
        if hasattr(lr, "numpy") and hasattr(lr, "dtype"):
            if not np.issubdtype(np.asarray(lr).dtype, np.floating):
                raise ValueError(f"The dtype of `lr` Tensor should be float. Got: {lr.dtype}")
            lr = np.asarray(lr).item()
        elif not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError(f'The output of the "schedule" function should be float. Got: {lr}')
        set_learning_rate(optimizer, lr)
        if self.verbose > 0:
            print_line(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = get_learning_rate(self.model.optimizer)
