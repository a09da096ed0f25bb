"""Callback decisions driven hook by hook, the way `fit` drives them (no model needed)."""

import csv

import numpy as np
import pytest

from pynn.keras import callbacks


class FakeOptimizer:
    def __init__(self, lr):
        self.learning_rate = np.float32(lr)
        self.iterations = 0


class FakeModel:
    """Just what the callbacks touch: weights, an optimizer and `stop_training`."""

    def __init__(self, lr=0.1):
        self.weights = [np.zeros(2, np.float32)]
        self.optimizer = FakeOptimizer(lr)
        self.stop_training = False
        self.metrics = []
        self.saved = []

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [w.copy() for w in weights]

    def save_weights(self, filepath, overwrite=True):
        self.saved.append(filepath)


def drive(callback, model, epoch_logs):
    """Runs `on_epoch_end` for each logs dict until the callback stops training."""
    cbs = callbacks.CallbackList([callback], model=model, verbose=0, epochs=len(epoch_logs))
    cbs.on_train_begin()
    ran = 0
    for epoch, logs in enumerate(epoch_logs):
        cbs.on_epoch_begin(epoch)
        model.weights = [np.full(2, epoch, np.float32)]  # "training" changes the weights
        cbs.on_epoch_end(epoch, dict(logs))
        ran += 1
        if model.stop_training:
            break
    cbs.on_train_end()
    return ran


def test_early_stopping_waits_patience_epochs():
    model = FakeModel()
    stop = callbacks.EarlyStopping(monitor="val_loss", patience=2)
    losses = [1.0, 0.5, 0.6, 0.7, 0.4, 0.3]
    assert drive(stop, model, [{"val_loss": v} for v in losses]) == 4
    assert stop.stopped_epoch == 3 and stop.best == 0.5


def test_early_stopping_restore_best_weights(capsys):
    model = FakeModel()
    stop = callbacks.EarlyStopping(monitor="loss", patience=1, restore_best_weights=True, verbose=1)
    drive(stop, model, [{"loss": v} for v in [3.0, 1.0, 2.0, 2.5]])
    np.testing.assert_array_equal(model.weights[0], [1, 1])  # epoch 1 was best
    out = capsys.readouterr().out
    assert out == (
        "Restoring model weights from the end of the best epoch: 2.\nEpoch 3: early stopping\n"
    )


def test_early_stopping_auto_mode_maximises_accuracy():
    stop = callbacks.EarlyStopping(monitor="val_accuracy", patience=0)
    assert drive(stop, FakeModel(), [{"val_accuracy": v} for v in [0.5, 0.6, 0.55]]) == 3
    assert stop.best == 0.6


def test_early_stopping_min_delta_and_baseline():
    stop = callbacks.EarlyStopping(monitor="loss", min_delta=0.1, patience=1)
    assert drive(stop, FakeModel(), [{"loss": v} for v in [1.0, 0.95, 0.92, 0.5]]) == 2
    stop = callbacks.EarlyStopping(monitor="loss", baseline=0.5, patience=2)
    # epochs that improve but miss the baseline still count towards the patience
    assert drive(stop, FakeModel(), [{"loss": v} for v in [1.0, 0.9, 0.95, 0.97]]) == 3


def test_early_stopping_missing_monitor_warns(caplog):
    stop = callbacks.EarlyStopping(monitor="val_loss")
    drive(stop, FakeModel(), [{"loss": 1.0}, {"loss": 2.0}])
    assert (
        "Early stopping conditioned on metric `val_loss` which is not available. "
        "Available metrics are: loss" in caplog.text
    )


def test_reduce_lr_on_plateau(capsys):
    model = FakeModel(lr=0.1)
    reduce = callbacks.ReduceLROnPlateau(
        monitor="val_loss", factor=0.5, patience=1, verbose=1, min_lr=0.03
    )
    logs = [{"val_loss": v} for v in [1.0, 1.0, 1.0, 1.0, 1.0]]
    seen = []
    cbs = callbacks.CallbackList(
        [reduce, callbacks.LambdaCallback(on_epoch_end=lambda e, lg: seen.append(lg["lr"]))],
        model=model,
    )
    cbs.on_train_begin()
    for epoch, lg in enumerate(logs):
        cbs.on_epoch_end(epoch, dict(lg))
    np.testing.assert_allclose(seen, [0.1, 0.1, 0.05, 0.03, 0.03], rtol=1e-6)
    assert capsys.readouterr().out == (
        "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n"
        "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.03.\n"
    )


def test_reduce_lr_rejects_factor_of_one():
    with pytest.raises(ValueError, match="does not support a factor >= 1.0"):
        callbacks.ReduceLROnPlateau(factor=1.0)


def test_learning_rate_scheduler_both_signatures():
    model = FakeModel(lr=1.0)
    sched = callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
    cbs = callbacks.CallbackList([sched], model=model)
    for epoch in range(3):
        cbs.on_epoch_begin(epoch)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.125)
    sched = callbacks.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))
    callbacks.CallbackList([sched], model=model).on_epoch_begin(4)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.05)


def test_learning_rate_scheduler_needs_a_float():
    sched = callbacks.LearningRateScheduler(lambda epoch: "fast")
    with pytest.raises(ValueError, match='The output of the "schedule" function should be float'):
        callbacks.CallbackList([sched], model=FakeModel()).on_epoch_begin(0)


def test_terminate_on_nan(capsys):
    model = FakeModel()
    cbs = callbacks.CallbackList([callbacks.TerminateOnNaN()], model=model)
    assert cbs.wants_train_batch_hooks
    cbs.on_train_batch_end(0, {"loss": 1.0})
    assert not model.stop_training
    cbs.on_train_batch_end(1, {"loss": float("nan")})
    assert model.stop_training
    assert capsys.readouterr().out == "Batch 1: Invalid loss, terminating training\n"


def test_csv_logger_writes_sorted_columns_and_na(tmp_path):
    path = tmp_path / "log.csv"
    logger = callbacks.CSVLogger(str(path))
    cbs = callbacks.CallbackList([logger], model=FakeModel())
    cbs.on_train_begin()
    cbs.on_epoch_end(0, {"loss": 0.5, "accuracy": 0.75})
    cbs.on_epoch_end(1, {"loss": 0.25, "accuracy": 1.0})
    cbs.on_train_end()
    assert path.read_bytes() == (
        b"epoch,accuracy,loss,val_accuracy,val_loss\r\n0,0.75,0.5,NA,NA\r\n1,1.0,0.25,NA,NA\r\n"
    )
    appender = callbacks.CSVLogger(str(path), separator=";", append=True)
    cbs = callbacks.CallbackList([appender], model=FakeModel())
    cbs.on_train_begin()
    cbs.on_epoch_end(0, {"loss": 0.1, "val_loss": 0.2})
    cbs.on_train_end()
    rows = list(csv.reader(path.read_text().splitlines()))
    assert rows[-1] == ["0;0.1;0.2"]  # appended, no second header
    assert sum(r[0] == "epoch" for r in rows) == 1


def test_model_checkpoint_formats_names_and_keeps_best(tmp_path):
    model = FakeModel()
    check = callbacks.ModelCheckpoint(
        str(tmp_path / "w-{epoch:02d}-{val_loss:.2f}.weights.h5"),
        save_weights_only=True,
        save_best_only=True,
    )
    cbs = callbacks.CallbackList([check], model=model)
    cbs.on_train_begin()
    for epoch, v in enumerate([0.5, 0.7, 0.25]):
        cbs.on_epoch_begin(epoch)
        cbs.on_epoch_end(epoch, {"val_loss": v})
    assert [p.rsplit("/", 1)[1] for p in model.saved] == [
        "w-01-0.50.weights.h5",
        "w-03-0.25.weights.h5",
    ]


def test_model_checkpoint_every_n_batches(tmp_path):
    model = FakeModel()
    check = callbacks.ModelCheckpoint(
        str(tmp_path / "b{epoch}-{batch}.npz"), save_weights_only=True, save_freq=3
    )
    cbs = callbacks.CallbackList([check], model=model)
    assert cbs.wants_train_batch_hooks
    cbs.on_epoch_begin(0)
    for batch in range(7):
        cbs.on_train_batch_end(batch, {"loss": 1.0})
    assert [p.rsplit("/", 1)[1] for p in model.saved] == ["b1-3.npz", "b1-6.npz"]


def test_lambda_callback_and_batch_hook_selection():
    seen = []
    quiet = callbacks.Callback()
    loud = callbacks.LambdaCallback(on_batch_end=lambda b, logs: seen.append((b, logs["loss"])))
    cbs = callbacks.CallbackList([quiet, loud], model=FakeModel())
    assert not quiet._implements_train_batch_hooks()
    assert cbs.wants_train_batch_hooks and not cbs.wants_test_batch_hooks
    cbs.on_train_batch_end(4, {"loss": 0.5})
    assert seen == [(4, 0.5)]


def test_lazy_logs_compute_once_on_first_read():
    calls = []

    def compute():
        calls.append(1)
        return {"loss": 0.5}

    logs = callbacks.LazyLogs(compute)
    assert calls == []
    assert logs["loss"] == 0.5 and dict(logs) == {"loss": 0.5} and logs.get("x") is None
    logs["lr"] = 0.1
    assert calls == [1] and sorted(logs) == ["loss", "lr"]


def test_default_callbacks_join_every_list():
    made = []

    class Streamer(callbacks.Callback):
        def __init__(self):
            super().__init__()
            made.append(self)

    callbacks.add_default_callback(Streamer)
    try:
        cbs = callbacks.CallbackList([], add_history=True, add_defaults=True, model=FakeModel())
        assert isinstance(cbs.callbacks[-1], Streamer) and len(made) == 1
    finally:
        callbacks.remove_default_callback(Streamer)
    callbacks.CallbackList([], add_defaults=True, model=FakeModel())
    assert len(made) == 1


def test_history_repr_reads_like_tf_keras():
    assert repr(callbacks.History()).startswith("<keras.src.callbacks.History object at 0x")
