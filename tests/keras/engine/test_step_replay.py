"""`fit` records its first train steps and replays them (pynn/keras/engine/step_compiler.py).

Every model here trains twice from the same seed: once with replayed steps, once with every
step eager (`tf.config.run_functions_eagerly(True)`). Weights and history must agree exactly
(the replay runs the very same numpy operations), and the replay must have been used where
it is meant to be, or have declined with a reason where it cannot be.
"""

import numpy as np
import pytest

from pynn import keras, tf
from pynn.core.errors import InvalidArgumentError


def _train(build, x, y, eager, **fit_kwargs):
    tf.config.run_functions_eagerly(eager)
    try:
        keras.backend.clear_session()
        keras.utils.set_random_seed(7)
        model = build()
        history = model.fit(x, y, verbose=0, **fit_kwargs)
    finally:
        tf.config.run_functions_eagerly(False)
    return model, history.history


def assert_replay_matches_eager(build, x, y, replayed=True, **fit_kwargs):
    fast, fast_history = _train(build, x, y, eager=False, **fit_kwargs)
    slow, slow_history = _train(build, x, y, eager=True, **fit_kwargs)
    assert slow._step_compiler is None
    compiler = fast._step_compiler
    if replayed:
        assert compiler.replayed > 0, compiler.reasons
    else:
        assert compiler.replayed == 0
        assert compiler.reasons
    for a, b in zip(fast.get_weights(), slow.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert fast_history.keys() == slow_history.keys()
    for key in fast_history:
        np.testing.assert_allclose(fast_history[key], slow_history[key], rtol=1e-6, atol=0)
    return fast


RNG = np.random.default_rng(0)
X20 = RNG.random((120, 20))  # float64: the model casts it
Y5 = RNG.integers(0, 5, 120)


def test_xor_at_batch_size_one():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
    y = np.array([[0], [1], [1], [0]], np.float32)

    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(4, activation="sigmoid", input_shape=(2,)),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        return model

    model = assert_replay_matches_eager(build, x, y, batch_size=1, epochs=10)
    assert model._step_compiler.replayed == 40 - 2


def test_dropout_batch_norm_regularizers_and_validation():
    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(
                    16,
                    activation="relu",
                    input_shape=(20,),
                    kernel_regularizer="l2",
                    activity_regularizer="l1",
                ),
                keras.layers.Dropout(0.3),
                keras.layers.BatchNormalization(),
                keras.layers.Dense(5, activation="softmax"),
            ]
        )
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        return model

    model = assert_replay_matches_eager(
        build, X20, Y5, batch_size=16, epochs=3, validation_split=0.25
    )
    moving_mean = model.layers[2].moving_mean.numpy()
    assert np.any(moving_mean != 0)  # the replayed steps updated the moving statistics


def test_functional_model_with_two_outputs_loss_weights_and_a_shared_layer():
    def build():
        a = keras.Input((20,), name="a")
        b = keras.Input((20,), name="b")
        shared = keras.layers.Dense(8, activation="tanh")
        merged = keras.layers.concatenate([shared(a), shared(b)])
        out1 = keras.layers.Dense(5, activation="softmax", name="digit")(merged)
        out2 = keras.layers.Dense(1, name="size")(merged)
        model = keras.Model([a, b], [out1, out2])
        model.compile(
            optimizer="rmsprop",
            loss={"digit": "sparse_categorical_crossentropy", "size": "mse"},
            loss_weights={"digit": 1.0, "size": 0.5},
            metrics={"digit": "accuracy", "size": "mae"},
        )
        return model

    x = {"a": X20, "b": X20[::-1].copy()}
    y = {"digit": Y5, "size": X20[:, :1].sum(axis=1)}
    model = assert_replay_matches_eager(build, x, y, batch_size=32, epochs=2)
    assert "digit_loss" in model.history.history


def test_subclassed_model_with_sample_and_class_weights():
    class Classifier(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(12, activation="relu")
            self.drop = keras.layers.Dropout(0.2)
            self.out = keras.layers.Dense(5)

        def call(self, x, training=None):
            return self.out(self.drop(self.hidden(x), training=training))

    def build():
        model = Classifier()
        model.compile(
            optimizer=keras.optimizers.SGD(0.05, momentum=0.9),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            weighted_metrics=["accuracy"],
        )
        return model

    assert_replay_matches_eager(
        build,
        X20,
        Y5,
        batch_size=20,
        epochs=2,
        class_weight={0: 2.0, 1: 1.0, 2: 1.0, 3: 0.5, 4: 1.0},
    )
    weights = RNG.random(120)
    assert_replay_matches_eager(build, X20, Y5, batch_size=20, epochs=2, sample_weight=weights)


def test_small_cnn_with_one_hot_targets():
    images = RNG.random((40, 8, 8, 1)).astype("float32")
    labels = keras.utils.to_categorical(RNG.integers(0, 3, 40), 3)

    def build():
        model = keras.Sequential(
            [
                keras.layers.Conv2D(4, 3, activation="relu", input_shape=(8, 8, 1)),
                keras.layers.MaxPooling2D(),
                keras.layers.Flatten(),
                keras.layers.Dense(3, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        return model

    assert_replay_matches_eager(build, images, labels, batch_size=10, epochs=2)


def test_recurrent_layers_with_dropout_and_noise_layers():
    sequences = RNG.random((30, 6, 3)).astype("float32")
    targets = RNG.random((30, 1)).astype("float32")

    def build():
        model = keras.Sequential(
            [
                keras.layers.GaussianNoise(0.1, input_shape=(6, 3)),
                keras.layers.LSTM(5, dropout=0.2, recurrent_dropout=0.2, return_sequences=True),
                keras.layers.GRU(4, dropout=0.1),
                keras.layers.AlphaDropout(0.1),
                keras.layers.GaussianDropout(0.1),
                keras.layers.Dense(1),
            ]
        )
        model.compile(optimizer="adam", loss="mse")
        return model

    assert_replay_matches_eager(build, sequences, targets, batch_size=10, epochs=2)


def test_learning_rate_changed_by_a_callback_still_applies():
    def build():
        model = keras.Sequential([keras.layers.Dense(5, input_shape=(20,))])
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        return model

    targets = X20[:, :5]
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
    model = assert_replay_matches_eager(
        build, X20, targets, batch_size=30, epochs=3, callbacks=[schedule]
    )
    assert model.optimizer.learning_rate.numpy() == pytest.approx(0.0125)


def test_numpy_computed_from_the_data_keeps_the_steps_eager():
    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(4, input_shape=(20,)),
                # numpy on the values, outside pynn's ops: cannot be replayed
                keras.layers.Lambda(lambda t: t * float(np.asarray(t).std())),
                keras.layers.Dense(5, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model

    model = assert_replay_matches_eager(build, X20, Y5, replayed=False, batch_size=30, epochs=2)
    reason = next(iter(model._step_compiler.reasons.values()))
    with open(__file__, encoding="utf-8") as source:
        lambda_line = next(
            number
            for number, line in enumerate(source, 1)
            if "float(np.asarray(t).std())" in line and "lambda" in line
        )
    assert "a numpy conversion" in reason and f"test_step_replay.py:{lambda_line}" in reason


def test_custom_gradient_keeps_the_steps_eager():
    @tf.custom_gradient
    def clip_gradient(x):
        return tf.identity(x), lambda g: tf.clip_by_value(g, -0.1, 0.1)

    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(4, input_shape=(20,)),
                keras.layers.Lambda(clip_gradient),
                keras.layers.Dense(1),
            ]
        )
        model.compile(optimizer="sgd", loss="mse")
        return model

    model = assert_replay_matches_eager(
        build, X20, X20[:, :1], replayed=False, batch_size=30, epochs=2
    )
    assert "custom_gradient" in next(iter(model._step_compiler.reasons.values()))


def test_run_eagerly_in_compile_never_records():
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(20,))])
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)
    assert model.run_eagerly
    model.fit(X20, X20[:, :1], epochs=1, verbose=0)
    assert model._step_compiler is None
    other = keras.Sequential([keras.layers.Dense(1, input_shape=(20,))])
    other.compile(optimizer="sgd", loss="mse")
    assert not other.run_eagerly


def test_bad_labels_in_a_replayed_step_still_raise():
    labels = Y5.copy()
    labels[100] = 9  # in the 6th batch of 20, long after the recording

    model = keras.Sequential([keras.layers.Dense(5, activation="softmax", input_shape=(20,))])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(InvalidArgumentError, match="label value of 9"):
        model.fit(X20, labels, batch_size=20, epochs=1, shuffle=False, verbose=0)
    assert model._step_compiler.replayed > 0


def test_recorded_steps_are_kept_across_fits_until_compile():
    model = keras.Sequential(
        [
            keras.layers.Dense(3, activation="relu", input_shape=(20,)),
            keras.layers.Dense(5, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X20, Y5, batch_size=40, epochs=1, verbose=0)
    model.fit(X20, Y5, batch_size=40, epochs=1, verbose=0)
    assert model._step_compiler.replayed == 3  # every step of the second fit
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X20, Y5, batch_size=40, epochs=1, verbose=0)
    assert model._step_compiler.replayed == 1  # recorded anew after compile


def test_freezing_a_layer_between_fits_is_honoured():
    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(6, activation="tanh", input_shape=(20,)),
                keras.layers.Dense(5, activation="softmax"),
            ]
        )
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
        return model

    results = []
    for eager in (False, True):
        tf.config.run_functions_eagerly(eager)
        try:
            keras.utils.set_random_seed(3)
            model = build()
            model.fit(X20, Y5, batch_size=30, epochs=2, verbose=0)
            frozen = model.layers[0].get_weights()
            model.layers[0].trainable = False
            model.fit(X20, Y5, batch_size=30, epochs=2, verbose=0)
        finally:
            tf.config.run_functions_eagerly(False)
        for a, b in zip(frozen, model.layers[0].get_weights(), strict=True):
            np.testing.assert_array_equal(a, b)
        results.append(model.get_weights())
    for a, b in zip(*results, strict=True):
        np.testing.assert_array_equal(a, b)
