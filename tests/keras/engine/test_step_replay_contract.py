"""The replay contract: `fit` with replayed steps gives the same weights as `fit` with every
step eager, or it does not replay (and says why in `model._step_compiler.reasons`).

Each test trains user code of one shape twice from the same seed (see
`test_step_replay.assert_replay_matches_eager`). Code whose Python depends on tensor values
(branches, loop counts, numpy on the batch, printing) must stay eager; code that only reads
constants, or draws random numbers through pynn, must still replay. The first two tests are
the two programs that used to train on the wrong program in silence.
"""

import logging

import numpy as np

from pynn import keras, tf
from tests.keras.engine.test_step_replay import _train, assert_replay_matches_eager

RNG = np.random.default_rng(1)
X = RNG.normal(size=(96, 6)).astype(np.float32)
Y = (X[:, :1] * 0.5 - X[:, 1:2]).astype(np.float32)
LABELS = RNG.integers(0, 3, 96)


def _reason(model):
    reasons = model._step_compiler.reasons
    assert len(reasons) == 1, reasons
    return next(iter(reasons.values()))


def _dense_model(*middle, loss="mse", outputs=1, activation=None, metrics=None):
    def build():
        model = keras.Sequential(
            [
                keras.layers.Dense(8, activation="tanh", input_shape=(6,)),
                *[layer() for layer in middle],
                keras.layers.Dense(outputs, activation=activation),
            ]
        )
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss=loss, metrics=metrics)
        return model

    return build


# ------------------------------------------------------------------ Python that reads values


class SignBranch(keras.layers.Layer):
    """The issue's first example: a Python `if` on a tensor's value."""

    def call(self, x):
        if tf.reduce_mean(x) > 0:
            return x * 2.0
        return x * -1.0


def test_python_branch_on_a_tensor_value_stays_eager(caplog):
    with caplog.at_level(logging.WARNING, logger="pynn"):
        model = assert_replay_matches_eager(
            _dense_model(SignBranch), X, Y, replayed=False, batch_size=8, epochs=2
        )
    reason = _reason(model)
    assert "bool()" in reason and "test_step_replay_contract.py" in reason
    # said once, loudly: the replayed fit logged why its steps run eagerly
    warnings = [r.getMessage() for r in caplog.records if "fit runs" in r.getMessage()]
    assert len(warnings) == 1 and reason in warnings[0]


def test_numpy_class_weighting_in_a_loss_stays_eager():
    # the second example: tf.keras 2.15 raises here; pynn runs it eagerly
    def weighted_mse(y_true, y_pred):
        weight = float(np.asarray(y_true).mean())
        return tf.reduce_mean(tf.square(y_true - y_pred)) * (1.0 + abs(weight))

    model = assert_replay_matches_eager(
        _dense_model(loss=weighted_mse), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "numpy conversion" in _reason(model)


class DataDependentLoop(keras.layers.Layer):
    def call(self, x):
        count = int(tf.reduce_sum(tf.cast(x > 0.3, tf.int32))) % 4
        for _ in range(count):
            x = x * 0.9
        return x


def test_loop_with_a_data_dependent_count_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(DataDependentLoop), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "int()" in _reason(model)


class WhileLoop(keras.layers.Layer):
    def call(self, x):
        i = tf.constant(0)
        while tf.reduce_max(tf.abs(x)) > 0.5 and i < 5:
            x = x * 0.7
            i += 1
        return x


def test_while_loop_on_tensor_values_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(WhileLoop), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "bool()" in _reason(model)


class NumpyLayer(keras.layers.Layer):
    def call(self, x):
        return x + np.tanh(x) * 0.1  # numpy on the values: a read


def test_numpy_function_in_a_layer_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(NumpyLayer), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "numpy conversion" in _reason(model)


class IteratesRows(keras.layers.Layer):
    def call(self, x):
        rows = [row * 2.0 if row[0] > 0 else row for row in x]
        return tf.stack(rows)


def test_iterating_and_branching_per_row_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(IteratesRows), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "bool()" in _reason(model)


class PrintsValues(keras.layers.Layer):
    def call(self, x):
        print("mean", tf.reduce_mean(x))
        return x


def test_printing_a_tensor_in_a_layer_stays_eager(capsys):
    model = assert_replay_matches_eager(
        _dense_model(PrintsValues), X, Y, replayed=False, batch_size=32, epochs=2
    )
    assert "printing" in _reason(model)
    # each fit printed at every one of its 6 steps, and twice while building the model
    # (a replay would print only while recording: 4 + 2 per fit)
    assert capsys.readouterr().out.count("mean tf.Tensor(") == 2 * (6 + 2)


class FormatsValue(keras.layers.Layer):
    def call(self, x):
        self.text = f"{tf.reduce_mean(x):.3f}"
        return x


def test_formatting_a_tensor_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(FormatsValue), X, Y, replayed=False, batch_size=8, epochs=1
    )
    assert "formatting" in _reason(model)


class CountingLayer(keras.layers.Layer):
    """A Python branch on a variable the layer updates itself."""

    def build(self, input_shape):
        self.calls = self.add_weight("calls", shape=(), initializer="zeros", trainable=False)

    def call(self, x, training=None):
        if training:
            self.calls.assign_add(1.0)
        if self.calls > 3:
            return x * 0.5
        return x


def test_branch_on_a_variable_stays_eager():
    model = assert_replay_matches_eager(
        _dense_model(CountingLayer), X, Y, replayed=False, batch_size=8, epochs=2
    )
    assert "bool()" in _reason(model)


def test_custom_train_step_with_a_python_if_on_the_loss():
    class Model(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                loss = self.compiled_loss(y, self(x, training=True))
            grads = tape.gradient(loss, self.trainable_variables)
            if loss > 0.5:  # a Python branch on the loss
                grads = [g * 0.5 for g in grads]
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables, strict=True))
            return {"loss": loss}

    def build():
        inputs = keras.Input((6,))
        model = Model(inputs, keras.layers.Dense(1)(keras.layers.Dense(8)(inputs)))
        model.compile(optimizer="sgd", loss="mse")
        return model

    fast, fast_history = _train(build, X, Y * 4, eager=False, batch_size=8, epochs=2)
    slow, slow_history = _train(build, X, Y * 4, eager=True, batch_size=8, epochs=2)
    assert fast._step_compiler is None  # a train_step override runs as written
    for a, b in zip(fast.get_weights(), slow.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert fast_history == slow_history


# ------------------------------------------------------------------ state, masks, randomness


def test_stateful_rnn_stays_eager_and_trains_the_same():
    x = RNG.normal(size=(8, 5, 3)).astype(np.float32)
    y = RNG.normal(size=(8, 1)).astype(np.float32)

    def build():
        model = keras.Sequential(
            [
                keras.layers.SimpleRNN(4, stateful=True, batch_input_shape=(4, 5, 3)),
                keras.layers.Dense(1),
            ]
        )
        model.compile(optimizer="adam", loss="mse")
        return model

    model = assert_replay_matches_eager(
        build, x, y, replayed=False, batch_size=4, epochs=3, shuffle=False
    )
    assert "stateful RNN" in _reason(model)


def test_masked_sequences_train_the_same():
    tokens = RNG.integers(1, 20, (48, 7))
    tokens[::3, 4:] = 0  # padding
    y = RNG.integers(0, 2, 48)

    def build():
        model = keras.Sequential(
            [
                keras.layers.Embedding(20, 4, mask_zero=True, input_length=7),
                keras.layers.LSTM(5),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        return model

    assert_replay_matches_eager(build, tokens, y, batch_size=12, epochs=2)


def test_gaussian_noise_and_tf_random_replay_with_fresh_draws():
    class Jitter(keras.layers.Layer):
        def call(self, x, training=None):
            return x + tf.random.normal(tf.shape(x), stddev=0.1) if training else x

    build = _dense_model(
        Jitter, lambda: keras.layers.GaussianNoise(0.2), lambda: keras.layers.Dropout(0.25)
    )
    assert_replay_matches_eager(build, X, Y, batch_size=8, epochs=2)


def test_batch_norm_and_dropout_replay():
    build = _dense_model(
        keras.layers.BatchNormalization,
        lambda: keras.layers.Dropout(0.5),
        outputs=3,
        activation="softmax",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model = assert_replay_matches_eager(build, X, LABELS, batch_size=16, epochs=2)
    assert not model._step_compiler.reasons


# ------------------------------------------------------------------ reads that cannot change the program


class ConstantBranch(keras.layers.Layer):
    def call(self, x):
        scale = tf.constant([1.0, 3.0])
        if tf.reduce_max(scale) > 2.0:  # constants only: the same at every step
            return x * float(scale[0])
        return x


def test_a_branch_on_constants_still_replays():
    model = assert_replay_matches_eager(_dense_model(ConstantBranch), X, Y, batch_size=8, epochs=2)
    assert not model._step_compiler.reasons


def test_shapes_iteration_and_one_hot_in_a_custom_loss_still_replay():
    def loss(y_true, y_pred):
        batch = tf.shape(y_pred)[0]  # a shape: fixed per signature
        hot = tf.one_hot(tf.cast(tf.reshape(y_true, [-1]), tf.int32), 3)
        per_row = [tf.reduce_sum(row) for row in tf.square(hot - y_pred)]
        return tf.add_n(per_row) / tf.cast(batch, tf.float32)

    model = assert_replay_matches_eager(
        _dense_model(outputs=3, activation="softmax", loss=loss), X, LABELS, batch_size=8, epochs=2
    )
    assert not model._step_compiler.reasons


def test_numpy_in_a_metric_still_replays():
    def numpy_mae(y_true, y_pred):  # metrics run outside the recorded step
        return np.mean(np.abs(np.asarray(y_true) - np.asarray(y_pred)))

    model = assert_replay_matches_eager(
        _dense_model(metrics=[numpy_mae]), X, Y, batch_size=8, epochs=2
    )
    assert not model._step_compiler.reasons


def test_hinge_loss_with_zero_one_labels_replays():
    y = (X[:, :1] > 0).astype(np.float32)
    model = assert_replay_matches_eager(_dense_model(loss="hinge"), X, y, batch_size=8, epochs=2)
    assert not model._step_compiler.reasons
