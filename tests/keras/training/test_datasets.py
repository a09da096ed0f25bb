"""`fit`/`evaluate`/`predict` on tf.data Datasets, Python generators and keras.utils.Sequence.

Expected behaviour (steps, warnings, history, call order) was checked against
tf.keras 2.15 (tensorflow-cpu 2.15.1); the literals below are what it printed.
"""

import logging
import math

import numpy as np
import pytest

from pynn import keras, tf
from pynn.keras import layers


def blobs(n=512, seed=0):
    """Two well separated classes in 2-d, sparse integer labels."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    x = rng.normal(size=(n, 2)).astype("float32") + np.where(y[:, None] == 1, 2.0, -2.0)
    return x.astype("float32"), y


def classifier():
    model = keras.Sequential(
        [
            layers.Dense(16, activation="relu", input_shape=(2,)),
            layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def regressor():
    model = keras.Sequential([layers.Dense(1, input_shape=(3,))])
    model.compile(optimizer="sgd", loss="mse")
    return model


def regression_data(n=12, seed=0):
    x = np.random.default_rng(seed).random((n, 3)).astype("float32")
    return x, x.sum(axis=1, keepdims=True)


class CountBatches(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.per_epoch = []

    def on_epoch_begin(self, epoch, logs=None):
        self.per_epoch.append(0)

    def on_train_batch_end(self, batch, logs=None):
        self.per_epoch[-1] += 1


# ---------------------------------------------------------------- tf.data.Dataset


def test_tutorial_fit_on_a_shuffled_batched_dataset_learns():
    keras.utils.set_random_seed(0)
    x, y = blobs()
    x_train, y_train, x_val, y_val = x[:384], y[:384], x[384:], y[384:]
    train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(1000).batch(32)
    val_ds = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(32)
    model = classifier()
    history = model.fit(train_ds, epochs=8, validation_data=val_ds, verbose=0)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["val_accuracy"][-1] > 0.95
    loss, accuracy = model.evaluate(val_ds, verbose=0)
    assert accuracy > 0.95
    assert loss == pytest.approx(history.history["val_loss"][-1], rel=1e-6)


def test_progress_bar_counts_the_batches_of_the_dataset(capsys):
    x, y = regression_data(n=40)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    regressor().fit(ds, epochs=1, verbose=1)
    out = capsys.readouterr().out
    assert "5/5 [==============================]" in out and "Unknown" not in out


def test_evaluate_and_predict_on_a_dataset_match_the_arrays():
    x, y = regression_data(n=50)
    model = regressor()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    assert model.evaluate(ds, verbose=0) == pytest.approx(
        model.evaluate(x, y, batch_size=16, verbose=0), rel=1e-6
    )
    np.testing.assert_allclose(
        model.predict(tf.data.Dataset.from_tensor_slices(x).batch(16), verbose=0),
        model.predict(x, verbose=0),
        rtol=1e-6,
    )
    # predict also takes (x, y) batches and ignores the targets
    assert model.predict(ds, verbose=0).shape == (50, 1)


def test_dict_inputs_targets_and_sample_weights_from_a_dataset():
    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    out = layers.Dense(1, name="out")(layers.concatenate([a, b]))
    model = keras.Model({"a": a, "b": b}, out)
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    x, y = regression_data(n=16)
    inputs = {"a": x, "b": x[:, :2]}
    weights = np.r_[np.ones(8), np.zeros(8)].astype("float32")
    ds = tf.data.Dataset.from_tensor_slices((inputs, {"out": y}, weights)).batch(8)
    history = model.fit(ds, epochs=1, verbose=0)
    assert sorted(history.history) == ["loss", "mae"]  # as tf.keras 2.15
    assert model.evaluate(ds, verbose=0) == pytest.approx(
        model.evaluate(inputs, y, sample_weight=weights, batch_size=8, verbose=0), rel=1e-6
    )
    assert model.predict(ds, verbose=0).shape == (16, 1)


def test_steps_per_epoch_and_validation_steps_on_repeated_datasets(capsys):
    x, y = regression_data(n=40)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    counter = CountBatches()
    history = regressor().fit(
        ds.repeat(),
        epochs=2,
        steps_per_epoch=3,
        validation_data=ds.repeat(),
        validation_steps=2,
        callbacks=[counter],
        verbose=1,
    )
    assert counter.per_epoch == [3, 3]
    assert sorted(history.history) == ["loss", "val_loss"]
    assert "3/3 [==============================]" in capsys.readouterr().out


def test_a_dataset_shorter_than_steps_per_epoch_stops_training_with_a_warning(caplog):
    # tf.keras 2.15, 4 batches, steps_per_epoch=2, epochs=3:
    # {'loss': [2.157927989959717, 2.1882731914520264, 0.0]} and the warning below.
    x, y = regression_data(n=16)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    counter = CountBatches()
    with caplog.at_level(logging.WARNING):
        history = regressor().fit(ds, epochs=3, steps_per_epoch=2, callbacks=[counter], verbose=0)
    assert counter.per_epoch == [2, 2, 0]
    assert len(history.history["loss"]) == 3 and history.history["loss"][2] == 0.0
    assert (
        "Your input ran out of data; interrupting training. Make sure that your dataset "
        "or generator can generate at least `steps_per_epoch * epochs` batches (in this "
        "case, 6 batches). You may need to use the repeat() function when building your "
        "dataset."
    ) in caplog.text


def test_dataset_size_unknown_until_the_first_epoch_ends(capsys):
    x, y = regression_data(n=12)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4).filter(lambda a, b: True)
    regressor().fit(ds, epochs=2, verbose=1)
    out = capsys.readouterr().out
    # tf.keras 2.15: "      1/Unknown - 0s 2ms/step - loss: 0.7684" ... "3/3 [=====...]",
    # then epoch 2 knows its length: "1/3 [=========>....................]".
    assert "      1/Unknown - " in out
    assert "1/3 [=========>....................]" in out.split("Epoch 2/2")[1]


def test_dataset_errors_are_tf_keras_errors():
    x, y = regression_data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    model = regressor()
    with pytest.raises(
        ValueError,
        match=r"^`validation_split` is only supported for Tensors "
        r"or NumPy arrays, found following types in the "
        r"input: \[<class ",
    ):
        model.fit(ds, validation_split=0.2, verbose=0)
    with pytest.raises(
        ValueError,
        match="^When providing an infinite dataset, you must specify the number of steps to run",
    ):
        model.fit(ds.repeat(), verbose=0)
    with pytest.raises(ValueError, match="When providing an infinite dataset"):
        model.evaluate(ds.repeat(), verbose=0)
    with pytest.raises(ValueError, match="When providing an infinite dataset"):
        model.predict(ds.repeat(), verbose=0)
    assert model.predict(ds.repeat(), steps=3, verbose=0).shape == (12, 1)
    with pytest.raises(
        ValueError, match="^`sample_weight` argument is not supported when using dataset as input.$"
    ):
        model.fit(ds, sample_weight=np.ones(12), verbose=0)
    with pytest.raises(
        ValueError,
        match=r"^Unexpected value for `steps_per_epoch`. Received "
        r"value is 0.",
    ):
        model.fit(ds, steps_per_epoch=0, verbose=0)
    with pytest.raises(ValueError, match="^Expected input data to be non-empty.$"):
        model.fit(ds.take(0), verbose=0)


def test_batch_size_is_ignored_for_a_dataset_as_in_tf_keras_2_15():
    # tf.keras 2.15's fit accepts `batch_size` with a Dataset and keeps the dataset's batches
    # (only the TF1 engine, training_v1, raised "The `batch_size` argument must not be
    # specified for the given input type").
    x, y = regression_data(n=12)
    counter = CountBatches()
    regressor().fit(
        tf.data.Dataset.from_tensor_slices((x, y)).batch(4),
        batch_size=32,
        callbacks=[counter],
        verbose=0,
    )
    assert counter.per_epoch == [3]


# ---------------------------------------------------------------- Python generators


def test_infinite_generator_with_steps_per_epoch():
    x, y = regression_data(n=8)
    calls = []

    def batches():
        while True:
            calls.append(1)
            yield x[:4], y[:4]

    counter = CountBatches()
    history = regressor().fit(
        batches(), steps_per_epoch=5, epochs=3, callbacks=[counter], verbose=0
    )
    assert counter.per_epoch == [5, 5, 5]
    assert history.history["loss"][-1] < history.history["loss"][0]
    model = regressor()
    assert model.predict((xb for xb, _ in batches()), steps=2, verbose=0).shape == (8, 1)
    assert isinstance(model.evaluate(batches(), steps=2, verbose=0), float)


def test_finite_generator_shows_unknown_then_runs_out(capsys, caplog):
    # tf.keras 2.15 with a 3-batch generator and epochs=2 printed
    #   "      1/Unknown - 0s 9ms/step - loss: 2.3886" ... "3/3 [====...] - loss: 3.6259",
    # warned "(in this case, 6 batches)", and returned {'loss': [3.6259..., 0.0]}.
    x, y = regression_data(n=12)

    def batches():
        for i in range(3):
            yield x[4 * i : 4 * i + 4], y[4 * i : 4 * i + 4]

    with caplog.at_level(logging.WARNING):
        history = regressor().fit(batches(), epochs=2, verbose=1)
    out = capsys.readouterr().out
    first_epoch = out.split("Epoch 2/2")[0]
    assert "      1/Unknown - " in first_epoch
    assert "3/3 [==============================]" in first_epoch
    assert "(in this case, 6 batches)" in caplog.text
    assert len(history.history["loss"]) == 2 and history.history["loss"][1] == 0.0


def test_generator_as_validation_data_is_read_once():
    # tf.keras 2.15: {'loss': [3.76..., 2.85...], 'val_loss': [3.14...]}
    x, y = regression_data(n=16)
    train = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)

    def val():
        for i in range(4):
            yield x[4 * i : 4 * i + 4], y[4 * i : 4 * i + 4]

    history = regressor().fit(train, epochs=2, validation_data=val(), verbose=0)
    assert len(history.history["loss"]) == 2 and len(history.history["val_loss"]) == 1


def test_generator_errors():
    x, y = regression_data()
    model = regressor()
    with pytest.raises(
        ValueError, match="^`y` argument is not supported when using python generator as input.$"
    ):
        model.fit((b for b in [(x, y)]), y, verbose=0)
    with pytest.raises(ValueError, match="`validation_split` is only supported for Tensors"):
        model.fit((b for b in [(x, y)]), validation_split=0.5, verbose=0)
    with pytest.raises(ValueError, match="^Expected input data to be non-empty.$"):
        model.fit(iter([]), verbose=0)


# ---------------------------------------------------------------- keras.utils.Sequence


class Batches(keras.utils.Sequence):
    def __init__(self, x, y, batch_size):
        self.x, self.y, self.batch_size = x, y, batch_size
        self.log = []

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, idx):
        self.log.append(idx)
        part = slice(idx * self.batch_size, (idx + 1) * self.batch_size)
        return self.x[part], self.y[part]

    def on_epoch_end(self):
        self.log.append("end")


def test_sequence_batches_every_epoch_and_on_epoch_end():
    x, y = regression_data(n=16)
    seq = Batches(x, y, 4)
    model = regressor()
    model.fit(seq, epochs=2, shuffle=False, verbose=0)
    assert seq.log == [0, 1, 2, 3, "end", 0, 1, 2, 3, "end"]
    seq.log.clear()
    model.fit(seq, epochs=2, verbose=0)  # fit's default shuffle=True reorders batches
    first, second = seq.log[:5], seq.log[5:]
    assert sorted(first[:4]) == [0, 1, 2, 3] and first[4] == "end" and second[4] == "end"
    seq.log.clear()
    model.fit(seq, epochs=2, steps_per_epoch=2, shuffle=False, verbose=0)
    assert seq.log == [0, 1, "end", 0, 1, "end"]
    seq.log.clear()
    model.evaluate(seq, verbose=0)
    assert seq.log == [0, 1, 2, 3, "end"]
    seq.log.clear()
    assert model.predict(seq, verbose=0).shape == (16, 1)
    assert seq.log == [0, 1, 2, 3, "end"]


def test_sequence_trains_with_itself_as_validation_data():
    # tf.keras 2.15 calls on_epoch_end 4 times here: 2 training epochs + 2 validations.
    x, y = regression_data(n=16)
    seq = Batches(x, y, 4)
    history = regressor().fit(seq, epochs=2, validation_data=seq, verbose=0)
    assert seq.log.count("end") == 4
    assert sorted(history.history) == ["loss", "val_loss"]


def test_sequence_errors():
    x, y = regression_data(n=16)
    seq = Batches(x, y, 4)
    model = regressor()
    with pytest.raises(
        ValueError,
        match="^`y` argument is not supported when using `keras.utils.Sequence` as input.$",
    ):
        model.fit(seq, y, verbose=0)
    with pytest.raises(ValueError, match="`validation_split` is only supported for Tensors"):
        model.fit(seq, validation_split=0.2, verbose=0)
    with pytest.raises(NotImplementedError, match="must implement `__len__"):
        len(keras.utils.Sequence())


def test_sequence_is_importable_as_in_tutorials():
    from pynn.keras.utils import Sequence  # noqa: PLC0415 - the import path is what the test checks
    from pynn.keras.utils.data_utils import Sequence as Same  # noqa: PLC0415 - the import path is what the test checks

    assert Sequence is Same is keras.utils.Sequence
    xs = [xb.tolist() for xb, _ in Batches(np.arange(6.0), np.arange(6.0), 4)]
    assert xs == [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0]]  # iterating reads every batch
