"""Overriding `train_step`/`test_step`, as in Keras's "Customizing what happens in fit"."""

import numpy as np
import pytest

from pynn import keras
from pynn.core.autodiff import GradientTape
from pynn.keras import layers


class CustomModel(keras.Model):
    """The guide's first example: compiled loss and metrics used by hand."""

    def train_step(self, data):
        x, y = data
        with keras_backend_tape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables, strict=True))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def keras_backend_tape():
    return GradientTape()


def functional(cls):
    inputs = keras.Input(shape=(32,))
    outputs = layers.Dense(1)(inputs)
    return cls(inputs, outputs)


def test_custom_train_step_with_compiled_loss():
    keras.utils.set_random_seed(0)
    model = functional(CustomModel)
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).random((1000, 32)).astype("float32")
    y = x[:, :1] * 2.0
    history = model.fit(x, y, epochs=3, verbose=0)
    assert list(history.history) == ["loss", "mae"]
    assert history.history["loss"][2] < history.history["loss"][0]


class LowLevel(keras.Model):
    """The guide's lower-level example: own loss tracker, `metrics` property."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    def train_step(self, data):
        x, y = data
        with keras_backend_tape() as tape:
            y_pred = self(x, training=True)
            loss = keras.losses.mean_squared_error(y, y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables, strict=True))
        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}

    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        self.loss_tracker.update_state(keras.losses.mean_squared_error(y, y_pred))
        self.mae_metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]


def test_low_level_train_step_without_compiled_loss():
    keras.utils.set_random_seed(0)
    model = functional(LowLevel)
    model.compile(optimizer="adam")
    x = np.random.default_rng(1).random((256, 32)).astype("float32")
    y = x[:, :1]
    history = model.fit(x, y, epochs=3, verbose=0, validation_data=(x[:32], y[:32]))
    assert list(history.history) == ["loss", "mae", "val_loss", "val_mae"]
    assert all(isinstance(v, float) for v in history.history["mae"])
    assert history.history["loss"][2] < history.history["loss"][0]
    assert model.metrics_names == ["loss", "mae"]
    # `fit` resets the metrics of the `metrics` property at every epoch start
    model.loss_tracker.update_state(1000.0)
    history = model.fit(x, y, epochs=1, verbose=0)
    assert history.history["loss"][0] < 1.0


def test_custom_compute_loss_and_sample_weights():
    class Weighted(keras.Model):
        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
            loss = super().compute_loss(x, y, y_pred, sample_weight)
            self.seen_weights = sample_weight
            return loss

    model = functional(Weighted)
    model.compile("sgd", "mse")
    x = np.ones((8, 32), "float32")
    model.fit(x, np.ones(8), sample_weight=np.arange(8), batch_size=8, shuffle=False, verbose=0)
    np.testing.assert_array_equal(np.asarray(model.seen_weights), np.arange(8))


def test_gan_style_compile_without_loss():
    class NoLoss(keras.Model):
        def train_step(self, data):
            return {"custom": 1.5}

    model = functional(NoLoss)
    model.compile(optimizer="sgd")
    history = model.fit(np.ones((4, 32)), epochs=2, verbose=0)
    assert history.history == {"custom": [1.5, 1.5]}


def test_default_train_step_without_loss_raises():
    model = functional(keras.Model)
    model.compile(optimizer="sgd")
    with pytest.raises(
        ValueError,
        match="No loss found. You may have forgotten to provide "
        "a `loss` argument in the `compile\\(\\)` method.",
    ):
        model.fit(np.ones((4, 32)), np.ones(4), verbose=0)


def test_train_step_must_return_a_dict():
    class Bad(keras.Model):
        def train_step(self, data):
            return 0.5

    model = functional(Bad)
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(TypeError, match="must return a dict of metric values"):
        model.fit(np.ones((4, 32)), np.ones(4), verbose=0)
