"""Callbacks inside `fit`: hook order, logs, and the built-in callbacks' effects."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import callbacks, layers


def model_and_data(n=40, lr=0.1):
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.random((n, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32")
    model = keras.Sequential([layers.Dense(1, input_shape=(3,))])
    model.compile(keras.optimizers.SGD(lr), "mse", metrics=["mae"])
    return model, x, y


class Recorder(callbacks.Callback):
    """Writes down every hook call: `(hook, index)` and the sorted log keys when given."""

    def __init__(self):
        super().__init__()
        self.events = []

    def _note(self, hook, index=None, logs=None):
        self.events.append((hook,) if index is None else (hook, index))
        if logs:
            self.events.append(("logs", tuple(sorted(logs))))

    def on_train_begin(self, logs=None):
        self._note("train_begin", logs=logs)

    def on_train_end(self, logs=None):
        self._note("train_end", logs=logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._note("epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._note("epoch_end", epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._note("train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._note("train_batch_end", batch)

    def on_test_begin(self, logs=None):
        self._note("test_begin", logs=logs)

    def on_test_end(self, logs=None):
        self._note("test_end", logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._note("test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._note("test_batch_end", batch)

    def on_predict_begin(self, logs=None):
        self._note("predict_begin", logs=logs)

    def on_predict_end(self, logs=None):
        self._note("predict_end", logs=logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._note("predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._note("predict_batch_end", batch)


def test_hook_order_in_fit():
    model, x, y = model_and_data(n=20)
    rec = Recorder()
    model.fit(
        x, y, batch_size=10, epochs=2, validation_data=(x[:5], y[:5]), verbose=0, callbacks=[rec]
    )
    expected = [("train_begin",)]
    for epoch in range(2):
        expected += [
            ("epoch_begin", epoch),
            ("train_batch_begin", 0),
            ("train_batch_end", 0),
            ("train_batch_begin", 1),
            ("train_batch_end", 1),
            ("test_begin",),
            ("test_batch_begin", 0),
            ("test_batch_end", 0),
            ("test_end",),
            ("logs", ("loss", "mae")),
            ("epoch_end", epoch),
            ("logs", ("loss", "mae", "val_loss", "val_mae")),
        ]
    expected += [("train_end",), ("logs", ("loss", "mae", "val_loss", "val_mae"))]
    assert rec.events == expected


def test_batch_logs_are_floats_and_params_set():
    model, x, y = model_and_data()
    seen = []
    params = {}

    class Check(callbacks.Callback):
        def on_train_begin(self, logs=None):
            params.update(self.params)

        def on_train_batch_end(self, batch, logs=None):
            assert type(logs) is dict
            seen.append((batch, logs["loss"], logs.get("mae")))

    model.fit(x, y, batch_size=16, epochs=1, verbose=0, callbacks=[Check()])
    assert params == {"verbose": 0, "epochs": 1, "steps": 3}
    assert [b for b, _, _ in seen] == [0, 1, 2]
    assert all(isinstance(v, float) for _, v, m in seen) and seen[-1][2] is not None


def test_evaluate_and_predict_hooks():
    model, x, y = model_and_data()
    rec = Recorder()
    model.evaluate(x, y, batch_size=20, verbose=0, callbacks=[rec])
    model.predict(x, batch_size=20, verbose=0, callbacks=[rec])
    assert rec.events == [
        ("test_begin",),
        ("test_batch_begin", 0),
        ("test_batch_end", 0),
        ("test_batch_begin", 1),
        ("test_batch_end", 1),
        ("test_end",),
        ("logs", ("loss", "mae")),
        ("predict_begin",),
        ("predict_batch_begin", 0),
        ("predict_batch_end", 0),
        ("predict_batch_begin", 1),
        ("predict_batch_end", 1),
        ("predict_end",),
    ]


def test_early_stopping_restores_best_weights():
    model, x, y = model_and_data(lr=0.05)
    snapshots = []
    record = callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(
            (logs["val_loss"], [w.copy() for w in model.get_weights()])
        )
    )
    # the validation targets are the negated targets: the better the fit, the worse val_loss
    stop = callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    history = model.fit(
        x, y, epochs=20, verbose=0, validation_data=(x, -y), callbacks=[record, stop]
    )
    assert len(history.history["loss"]) == stop.stopped_epoch + 1 < 20
    best = min(snapshots, key=lambda s: s[0])
    for got, want in zip(model.get_weights(), best[1], strict=True):
        np.testing.assert_array_equal(got, want)


def test_reduce_lr_on_plateau_and_lr_in_history():
    model, x, y = model_and_data(lr=0.1)
    reduce = callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=10.0)
    history = model.fit(x, y, epochs=4, verbose=0, callbacks=[reduce])
    np.testing.assert_allclose(history.history["lr"], [0.1, 0.1, 0.05, 0.025], rtol=1e-6)
    assert float(np.asarray(model.optimizer.learning_rate)) == pytest.approx(0.0125)


def test_learning_rate_scheduler():
    model, x, y = model_and_data(lr=0.1)

    def schedule(epoch, lr):
        return lr if epoch < 2 else lr * 0.1

    history = model.fit(
        x, y, epochs=4, verbose=0, callbacks=[callbacks.LearningRateScheduler(schedule)]
    )
    np.testing.assert_allclose(history.history["lr"], [0.1, 0.1, 0.01, 0.001], rtol=1e-5)


def test_csv_logger_in_fit(tmp_path):
    model, x, y = model_and_data()
    path = tmp_path / "training.log"
    history = model.fit(
        x, y, epochs=3, verbose=0, validation_split=0.25, callbacks=[callbacks.CSVLogger(str(path))]
    )
    lines = path.read_bytes().decode().split("\r\n")
    assert lines[0] == "epoch,loss,mae,val_loss,val_mae"
    assert len(lines) == 5 and lines[-1] == ""
    first = lines[1].split(",")
    assert first[0] == "0"
    assert float(first[1]) == pytest.approx(history.history["loss"][0])


def test_terminate_on_nan(capsys):
    model, x, y = model_and_data(lr=1e30)
    history = model.fit(
        x, y * 1e20, batch_size=8, epochs=5, verbose=0, callbacks=[callbacks.TerminateOnNaN()]
    )
    out = capsys.readouterr().out
    assert "Invalid loss, terminating training" in out
    assert out.startswith("Batch ")
    assert len(history.history["loss"]) == 1


def test_stop_training_from_a_callback():
    model, x, y = model_and_data()

    class StopAfterTwo(callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                self.model.stop_training = True

    history = model.fit(x, y, batch_size=8, epochs=3, verbose=0, callbacks=[StopAfterTwo()])
    assert len(history.history["loss"]) == 1


def test_model_checkpoint_uses_save_weights(tmp_path):
    model, x, y = model_and_data()
    saved = []
    model.save_weights = lambda path, overwrite=True, **kwargs: saved.append(path)
    check = callbacks.ModelCheckpoint(
        str(tmp_path / "ckpt-{epoch:02d}.weights.h5"), save_weights_only=True
    )
    model.fit(x, y, epochs=2, verbose=0, callbacks=[check])
    assert [p.rsplit("/", 1)[1] for p in saved] == ["ckpt-01.weights.h5", "ckpt-02.weights.h5"]


def test_model_checkpoint_best_weights_file_round_trip(tmp_path, h5py):
    model, x, y = model_and_data()
    path = str(tmp_path / "best.weights.h5")
    check = callbacks.ModelCheckpoint(
        path, monitor="loss", save_best_only=True, save_weights_only=True
    )
    model.fit(x, y, epochs=3, verbose=0, callbacks=[check])
    restored = keras.Sequential([layers.Dense(1, input_shape=(3,))])
    restored.load_weights(path)
    for got, want in zip(restored.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_allclose(got, want)  # the loss kept falling: last = best


def test_default_callback_streams_every_fit():
    events = []

    class Stream(callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            events.append(("batch", batch, round(logs["loss"], 6)))

        def on_epoch_end(self, epoch, logs=None):
            events.append(("epoch", epoch, sorted(logs)))

    callbacks.add_default_callback(Stream)
    try:
        model, x, y = model_and_data(n=16)
        model.fit(x, y, batch_size=8, epochs=1, verbose=0)
        model.evaluate(x, y, verbose=0)
    finally:
        callbacks.remove_default_callback(Stream)
    assert [e[:2] for e in events] == [("batch", 0), ("batch", 1), ("epoch", 0)]
    assert events[-1][2] == ["loss", "mae"]
