"""`ModelCheckpoint`."""

import logging
import os

import numpy as np

from pynn.keras.callbacks.callback import Callback, print_line

_logger = logging.getLogger("pynn")


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

    def __init__(
        self,
        filepath,
        monitor="val_loss",
        verbose=0,
        save_best_only=False,
        save_weights_only=False,
        mode="auto",
        save_freq="epoch",
        options=None,
        initial_value_threshold=None,
        **kwargs,
    ):
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
            raise ValueError(
                f'Unrecognized save_freq: {save_freq}. Expected save_freq are "epoch" or integer'
            )

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
        if batch <= self._last_batch_seen:  # a new epoch started
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
            raise OSError(
                "Please specify a non-directory filepath for ModelCheckpoint. "
                f"Filepath used is an existing directory: {filepath}"
            )
        if not self.save_best_only:
            if self.verbose > 0:
                print_line(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            self._save(filepath)
            return
        current = logs.get(self.monitor)
        if current is None:
            _logger.warning("Can save best model only with %s available, skipping.", self.monitor)
        elif self.monitor_op(current, self.best):
            if self.verbose > 0:
                print_line(
                    f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} "
                    f"to {current:.5f}, saving model to {filepath}"
                )
            self.best = current
            self._save(filepath)
        elif self.verbose > 0:
            print_line(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {self.best:.5f}")

    def _save(self, filepath):
        method = "save_weights" if self.save_weights_only else "save"
        save = getattr(self.model, method, None)
        if save is None:
            raise NotImplementedError(
                f"ModelCheckpoint needs `model.{method}`, which this model does not provide."
            )
        save(filepath, overwrite=True)

    def _file_path(self, epoch, batch, logs):
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as error:
            raise KeyError(
                f'Failed to format this callback filepath: "{self.filepath}". Reason: {error}'
            ) from None
