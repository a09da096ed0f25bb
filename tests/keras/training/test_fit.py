"""`compile`/`fit`/`evaluate`/`predict`, as the Keras guides use them."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers


def xor_data():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
    y = np.array([[0], [1], [1], [0]], dtype="float32")
    return x, y


def mlp(input_dim=4, hidden=8, outputs=1, activation="sigmoid"):
    return keras.Sequential(
        [
            layers.Dense(hidden, activation="relu", input_shape=(input_dim,)),
            layers.Dense(outputs, activation=activation),
        ]
    )


def binary_data(n=100, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 4)).astype("float32")
    return x, (x.sum(axis=1) > 2).astype("float32")


def test_xor_learns():
    keras.utils.set_random_seed(1)
    x, y = xor_data()
    model = keras.Sequential(
        [
            layers.Dense(8, activation="tanh", input_shape=(2,)),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(x, y, epochs=300, batch_size=4, verbose=0)
    assert history.history["loss"][-1] < 0.1
    assert history.history["accuracy"][-1] == 1.0
    np.testing.assert_array_equal(np.round(model.predict(x, verbose=0)), y)


def test_mnist_like_loss_falls():
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    centers = rng.normal(0, 1, (10, 64)).astype("float32")
    labels = rng.integers(0, 10, 600)
    x = centers[labels] + rng.normal(0, 0.5, (600, 64)).astype("float32")
    model = keras.Sequential(
        [
            layers.Dense(32, activation="relu", input_shape=(64,)),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, labels, epochs=3, verbose=0)
    losses = history.history["loss"]
    assert losses[0] > losses[1] > losses[2]
    assert history.history["accuracy"][-1] > 0.9
    assert history.params == {"verbose": 0, "epochs": 3, "steps": 19}
    assert history.epoch == [0, 1, 2]


def test_history_keys_and_metric_names():
    x, y = binary_data()
    model = mlp()
    model.compile("sgd", "binary_crossentropy", metrics=["acc", "mae"])
    assert model.metrics_names == []  # known after the first batch, as in Keras
    history = model.fit(x, y, validation_split=0.2, epochs=2, verbose=0)
    assert list(history.history) == ["loss", "acc", "mae", "val_loss", "val_acc", "val_mae"]
    assert model.metrics_names == ["loss", "acc", "mae"]
    assert model.history is history
    assert all(isinstance(v, float) for v in history.history["loss"])


def test_validation_split_takes_the_last_samples_before_shuffling():
    x, y = binary_data(50)
    model = mlp()
    model.compile("sgd", "mse")
    seen = {}

    class Spy(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen["val_loss"] = logs["val_loss"]
            seen["val_expected"] = self.model.evaluate(x[40:], y[40:], verbose=0)

    model.fit(x, y, validation_split=0.2, epochs=1, shuffle=True, verbose=0, callbacks=[Spy()])
    assert seen["val_loss"] == pytest.approx(seen["val_expected"], rel=1e-6)


def test_validation_data_with_sample_weights_and_freq():
    x, y = binary_data(40)
    model = mlp()
    model.compile("sgd", "binary_crossentropy")
    history = model.fit(
        x, y, epochs=4, verbose=0, validation_freq=2, validation_data=(x[:10], y[:10], np.ones(10))
    )
    assert len(history.history["loss"]) == 4
    assert len(history.history["val_loss"]) == 2


def test_evaluate_returns_scalar_list_or_dict():
    x, y = binary_data()
    model = mlp()
    model.compile("sgd", "binary_crossentropy")
    loss = model.evaluate(x, y, verbose=0)
    assert isinstance(loss, float)
    model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
    result = model.evaluate(x, y, verbose=0)
    assert isinstance(result, list) and len(result) == 2
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert list(as_dict) == ["loss", "accuracy"]
    assert as_dict["loss"] == pytest.approx(result[0])


def test_evaluate_weights_the_loss_by_batch_size():
    x, y = binary_data(10)
    model = mlp()
    model.compile("sgd", "mse")
    whole = model.evaluate(x, y, batch_size=10, verbose=0)
    uneven = model.evaluate(x, y, batch_size=3, verbose=0)  # batches of 3, 3, 3, 1
    assert uneven == pytest.approx(whole, rel=1e-5)


def test_predict_returns_float32_numpy_in_order():
    x, _ = binary_data(70)
    model = mlp()
    out = model.predict(x, batch_size=32, verbose=0)
    assert isinstance(out, np.ndarray) and out.dtype == np.float32 and out.shape == (70, 1)
    np.testing.assert_allclose(out, model(x).numpy(), rtol=1e-6)
    np.testing.assert_allclose(model.predict_on_batch(x[:5]), out[:5], rtol=1e-6)


def test_on_batch_methods():
    x, y = binary_data(16)
    model = mlp()
    model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
    before = model.test_on_batch(x, y)
    loss, _ = model.train_on_batch(x, y)
    assert loss == pytest.approx(before[0], rel=1e-6)  # the loss before the update
    after = model.test_on_batch(x, y, return_dict=True)
    assert after["loss"] < loss
    assert set(after) == {"loss", "accuracy"}


def test_fit_before_compile_raises():
    model = mlp()
    with pytest.raises(
        RuntimeError,
        match=r"You must compile your model before "
        r"training/testing. Use `model.compile\(optimizer, loss\)`.",
    ):
        model.fit(*binary_data(), verbose=0)
    with pytest.raises(RuntimeError, match="You must compile"):
        model.evaluate(*binary_data(), verbose=0)


def test_empty_and_mismatched_data():
    model = mlp()
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="Expected input data to be non-empty."):
        model.fit(np.zeros((0, 4)), np.zeros((0,)), verbose=0)
    with pytest.raises(ValueError) as info:
        model.fit(np.zeros((100, 4)), np.zeros((90,)), verbose=0)
    assert str(info.value) == (
        "Data cardinality is ambiguous:\n  x sizes: 100\n  y sizes: 90\n"
        "Make sure all arrays contain the same number of samples."
    )


def test_wrong_input_shape_names_the_model():
    model = mlp()
    model.compile("sgd", "mse")
    with pytest.raises(
        ValueError,
        match=r'Input 0 of layer "sequential(_\d+)?" is incompatible '
        r"with the layer: expected shape=\(None, 4\), found shape=\(None, 5\)",
    ):  # as TF's traced step
        model.fit(np.zeros((100, 5)), np.zeros((100,)), verbose=0)


def test_sparse_label_out_of_range():
    model = mlp(outputs=10, activation="softmax")
    model.compile("sgd", "sparse_categorical_crossentropy")
    with pytest.raises(
        Exception,
        match=r"Received a label value of 10 which is outside the "
        r"valid range of \[0, 10\)",
    ):
        model.fit(np.zeros((8, 4)), np.full((8,), 10), verbose=0)


def test_unknown_names_in_compile():
    model = mlp()
    with pytest.raises(ValueError, match="Unknown optimizer: 'foo'"):
        model.compile("foo", "mse")
    model.compile("sgd", "foo")
    with pytest.raises(ValueError, match="Unknown loss function: 'foo'"):
        model.fit(*binary_data(), verbose=0)
    with pytest.raises(TypeError, match="Type of `metrics` argument not understood"):
        model.compile("sgd", "mse", metrics="accuracy")


def test_class_weight_and_sample_weight_shift_the_loss():
    x, y = binary_data(64)
    weights = [w.copy() for w in mlp().get_weights()]

    def loss_with(**kwargs):
        model = mlp()
        model.set_weights(weights)
        model.compile("sgd", "binary_crossentropy")
        return model.fit(x, y, epochs=1, batch_size=64, shuffle=False, verbose=0, **kwargs).history[
            "loss"
        ][0]

    plain = loss_with()
    assert loss_with(sample_weight=np.full(64, 2.0)) == pytest.approx(2 * plain, rel=1e-5)
    assert loss_with(class_weight={0: 1.0, 1: 1.0}) == pytest.approx(plain, rel=1e-6)
    # weighting class 1 by 3 is the same as sample weights of 3 on its samples
    by_class = loss_with(class_weight={0: 1.0, 1: 3.0})
    by_sample = loss_with(sample_weight=np.where(y == 1, 3.0, 1.0))
    assert by_class == pytest.approx(by_sample, rel=1e-6)
    assert by_class != pytest.approx(plain, rel=1e-3)


def test_accuracy_resolves_from_shapes():
    x, _ = binary_data(32)
    labels = np.arange(32) % 3

    def argmax_hits(pred, classes):
        return float(np.mean(np.argmax(pred, axis=-1) == classes))

    for loss, targets in [
        ("sparse_categorical_crossentropy", labels),
        ("sparse_categorical_crossentropy", labels[:, None]),
        ("categorical_crossentropy", np.eye(3)[labels]),
    ]:
        model = mlp(outputs=3, activation="softmax")
        model.compile("sgd", loss, metrics=["accuracy"])
        result = model.evaluate(x, targets, verbose=0, return_dict=True)
        assert list(result) == ["loss", "accuracy"]
        assert result["accuracy"] == pytest.approx(argmax_hits(model.predict(x, verbose=0), labels))
    binary = (x[:, 0] > 0.5).astype("float32")
    model = mlp()
    model.compile("sgd", "binary_crossentropy", metrics=["acc"])
    result = model.evaluate(x, binary, verbose=0, return_dict=True)
    hits = np.mean((model.predict(x, verbose=0)[:, 0] > 0.5) == binary)
    assert list(result) == ["loss", "acc"] and result["acc"] == pytest.approx(hits)


def test_shuffle_changes_batches_but_not_data():
    x, y = binary_data(40)
    seen = []

    class Record(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, inputs):
            return self.dense(inputs)

        def train_step(self, data):
            inputs, _ = data
            seen.append(np.asarray(inputs)[:, 0].copy())
            return super().train_step(data)

    model = Record()
    model.compile("sgd", "mse")
    model.fit(x, y, batch_size=8, epochs=1, shuffle=True, verbose=0)
    firsts = np.concatenate(seen)
    assert sorted(firsts) == sorted(x[:, 0]) and not np.array_equal(firsts, x[:, 0])
    seen.clear()
    model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_array_equal(np.concatenate(seen), x[:, 0])


def test_steps_per_epoch_continues_through_the_data_like_keras():
    seen = []

    class Record(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, inputs):
            return self.dense(inputs)

        def train_step(self, data):
            seen.append(np.asarray(data[0])[:, 0].tolist())
            return super().train_step(data)

    x = np.arange(10, dtype="float32")[:, None]
    model = Record()
    model.compile("sgd", "mse")
    history = model.fit(x, x, batch_size=2, steps_per_epoch=2, epochs=3, shuffle=False, verbose=0)
    assert seen == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [0, 1]]
    assert history.params["steps"] == 2
    seen.clear()
    # 2 epochs x 7 steps need 14 batches; 2 passes hold 10: training stops there
    history = model.fit(x, x, batch_size=2, steps_per_epoch=7, epochs=2, shuffle=False, verbose=0)
    assert len(seen) == 10 and len(history.history["loss"]) == 2


def test_frozen_layers_keep_their_weights():
    x, y = binary_data(32)
    model = mlp()
    model.compile("sgd", "binary_crossentropy")
    model.fit(x, y, epochs=1, verbose=0)
    model.layers[0].trainable = False
    model.compile("sgd", "binary_crossentropy")
    frozen = [w.copy() for w in model.layers[0].get_weights()]
    head = [w.copy() for w in model.layers[1].get_weights()]
    model.fit(x, y, epochs=2, verbose=0)
    for got, want in zip(model.layers[0].get_weights(), frozen, strict=True):
        np.testing.assert_array_equal(got, want)
    assert not np.array_equal(model.layers[1].get_weights()[0], head[0])


def test_target_shape_mismatch_names_the_output():
    model = mlp(outputs=10, activation="softmax")
    model.compile("sgd", "mse")
    with pytest.raises(
        ValueError,
        match=r"The targets for output `dense_\d+` have shape "
        r"\(None, 3\) but the model's output has shape \(None, 10\)",
    ):
        model.fit(np.ones((8, 4)), np.ones((8, 3)), verbose=0)
