"""`History`: the epoch logs `fit` returns."""

from pynn.keras.callbacks.callback import Callback


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
