"""Callbacks: objects that `fit`, `evaluate` and `predict` call at fixed points.

The hooks and their order follow tf.keras 2.15:

    on_train_begin
      on_epoch_begin(epoch)
        on_train_batch_begin(batch) / on_train_batch_end(batch, logs)   (per step)
        on_test_begin / on_test_batch_* / on_test_end                  (validation)
      on_epoch_end(epoch, logs)          logs: {'loss': .., 'accuracy': .., 'val_loss': ..}
    on_train_end(logs)

Batch `logs` are a dict of the running values of the model's metrics (Python floats).
To keep a training step cheap, a batch hook is only called on callbacks that override
it, and the metric values are only computed for a step when some callback receives
them (the progress bar reads them at most every 50 ms).

One callback, one file: `callback.py` (the base class), `callback_list.py` (what the
loops call, `LazyLogs`, and `add_default_callback(factory)`, whose result joins every
`fit`/`evaluate`/`predict` call's callbacks: the playground streams events this way),
then `history.py`, `progbar_logger.py`, `early_stopping.py`, ... as in Keras.
"""

from pynn.keras.callbacks.callback import Callback
from pynn.keras.callbacks.callback_list import (
    CallbackList,
    _default_callback_factories,
    add_default_callback,
    remove_default_callback,
)
from pynn.keras.callbacks.csv_logger import CSVLogger
from pynn.keras.callbacks.early_stopping import EarlyStopping
from pynn.keras.callbacks.history import History
from pynn.keras.callbacks.lambda_callback import LambdaCallback
from pynn.keras.callbacks.lazy_logs import LazyLogs
from pynn.keras.callbacks.learning_rate_scheduler import LearningRateScheduler
from pynn.keras.callbacks.model_checkpoint import ModelCheckpoint
from pynn.keras.callbacks.progbar_logger import ProgbarLogger
from pynn.keras.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from pynn.keras.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "CSVLogger",
    "Callback",
    "CallbackList",
    "EarlyStopping",
    "History",
    "LambdaCallback",
    "LazyLogs",
    "LearningRateScheduler",
    "ModelCheckpoint",
    "ProgbarLogger",
    "ReduceLROnPlateau",
    "TerminateOnNaN",
    "_default_callback_factories",
    "add_default_callback",
    "remove_default_callback",
]
