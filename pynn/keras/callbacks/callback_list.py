"""`CallbackList` (what fit/evaluate/predict call), `LazyLogs`, and the default callbacks
registered with `add_default_callback` (the playground streams training events this way)."""

from pynn.keras.callbacks.callback import Callback, _overrides
from pynn.keras.callbacks.history import History
from pynn.keras.callbacks.lazy_logs import LazyLogs
from pynn.keras.callbacks.progbar_logger import ProgbarLogger

_default_callback_factories = []


def add_default_callback(factory):
    """Makes every `fit`/`evaluate`/`predict` add `factory()` to its callbacks."""
    if factory not in _default_callback_factories:
        _default_callback_factories.append(factory)


def remove_default_callback(factory):
    """Undoes `add_default_callback(factory)`; unknown factories are ignored."""
    if factory in _default_callback_factories:
        _default_callback_factories.remove(factory)


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

    def __init__(
        self,
        callbacks=None,
        add_history=False,
        add_progbar=False,
        add_defaults=False,
        model=None,
        **params,
    ):
        if callbacks is None:
            callbacks = []
        elif isinstance(callbacks, Callback):
            callbacks = [callbacks]
        self.callbacks = list(callbacks)
        for cb in self.callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(
                    f"Callbacks must be instances of `keras.callbacks.Callback`. Received: {cb!r}"
                )
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
        self._predict_batch = [cb for cb in self.callbacks if cb._implements_predict_batch_hooks()]
        # `*_batch_begin` only goes to callbacks that replaced Callback's no-op for it.
        self._train_batch_begin = [
            cb
            for cb in self._train_batch
            if _overrides(cb.on_train_batch_begin, Callback.on_train_batch_begin)
            or _overrides(cb.on_batch_begin, Callback.on_batch_begin)
        ]
        self._test_batch_begin = [
            cb
            for cb in self._test_batch
            if _overrides(cb.on_test_batch_begin, Callback.on_test_batch_begin)
        ]
        self._predict_batch_begin = [
            cb
            for cb in self._predict_batch
            if _overrides(cb.on_predict_batch_begin, Callback.on_predict_batch_begin)
        ]

    def append(self, callback):
        self.callbacks.append(callback)
        self._refresh_batch_hooks()

    def set_params(self, params):
        self.params = params
        for cb in self.callbacks:
            cb.set_params(params)
        self._refresh_batch_hooks()  # ProgbarLogger decides from `verbose`

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
