"""`LambdaCallback`."""

from pynn.keras.callbacks.callback import Callback


class LambdaCallback(Callback):
    """A callback built from plain functions.

    `on_epoch_begin(epoch, logs)`, `on_epoch_end(epoch, logs)`,
    `on_batch_begin(batch, logs)`, `on_batch_end(batch, logs)`,
    `on_train_begin(logs)`, `on_train_end(logs)`; other keyword arguments
    become attributes (e.g. `on_test_end=...`).
    """

    def __init__(
        self,
        on_epoch_begin=None,
        on_epoch_end=None,
        on_batch_begin=None,
        on_batch_end=None,
        on_train_begin=None,
        on_train_end=None,
        **kwargs,
    ):
        super().__init__()
        self.__dict__.update(kwargs)
        hooks = {
            "on_epoch_begin": on_epoch_begin,
            "on_epoch_end": on_epoch_end,
            "on_batch_begin": on_batch_begin,
            "on_batch_end": on_batch_end,
            "on_train_begin": on_train_begin,
            "on_train_end": on_train_end,
        }
        for name, fn in hooks.items():
            if fn is not None:
                setattr(self, name, fn)
