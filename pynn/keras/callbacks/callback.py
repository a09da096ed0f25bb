"""`Callback`, the base class of every callback, and the line printer they share."""

import sys


def print_line(message):
    """Writes one line to stdout at once (Keras's `io_utils.print_msg`)."""
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def _overrides(bound_method, base_function):
    """Whether a callback replaced one of Callback's do-nothing batch hooks."""
    return getattr(bound_method, "__func__", None) is not base_function


class Callback:
    """Base class of callbacks; override the hooks you need.

    Attributes:
        params: dict with `verbose`, `epochs` and `steps` of the current call.
        model: the `Model` being trained, evaluated or used for prediction.
    """

    _accepts_lazy_logs = False  # True: batch hooks may receive `LazyLogs`

    def __init__(self):
        self.validation_data = None
        self.model = None
        self.params = {}

    def __repr__(self):
        # As tf.keras 2.15 shows it: `<keras.src.callbacks.History object at 0x...>` (its
        # callbacks share one module; pynn's have one file each).
        module = type(self).__module__
        if module.startswith("pynn.keras.callbacks."):
            module = "keras.src.callbacks"
        elif module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras.") :]
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
