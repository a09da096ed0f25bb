"""Subclassed models: attribute tracking, building, training flag, weights, Model.__new__."""

import numpy as np
import pytest

from pynn import keras, ops
from pynn.core.tensor import Variable
from pynn.keras import layers
from pynn.keras.engine.functional import Functional


class Blocks(keras.Model):
    def __init__(self):
        super().__init__()
        self.first = layers.Dense(3)
        self.blocks = [layers.Dense(2), layers.Dense(4)]
        self.heads = {"b": layers.Dense(5), "a": layers.Dense(6)}
        self.unused = layers.Dense(7)

    def call(self, x, training=None):
        x = self.first(x)
        for block in self.blocks:
            x = block(x)
        return self.heads["a"](self.heads["b"](x))


def test_layers_in_attributes_lists_and_dicts_are_tracked():
    model = Blocks()
    assert model.name == "blocks" and not model.built
    y = model(np.ones((2, 3)))
    assert y.shape == (2, 6) and model.built
    # dict entries in sorted key order, as tf.keras tracks them
    assert [layer.name for layer in model.layers] == [
        "dense",
        "dense_1",
        "dense_2",
        "dense_4",
        "dense_3",
        "dense_5",
    ]
    assert [w.name for w in model.weights] == [
        "blocks/dense/kernel:0",
        "blocks/dense/bias:0",
        "blocks/dense_1/kernel:0",
        "blocks/dense_1/bias:0",
        "blocks/dense_2/kernel:0",
        "blocks/dense_2/bias:0",
        "blocks/dense_4/kernel:0",
        "blocks/dense_4/bias:0",
        "blocks/dense_3/kernel:0",
        "blocks/dense_3/bias:0",
    ]
    assert model.count_params() == 93


def test_build_with_a_shape_names_weights_without_the_model_scope():
    class One(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(3)

        def call(self, x, training=None):
            return self.dense(x)

    model = One()
    model.build((None, 5))
    assert [w.name for w in model.weights] == ["dense/kernel:0", "dense/bias:0"]
    assert model.dense.kernel.shape == (5, 3)


def test_subclassed_model_called_on_an_input_tensor():
    class One(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(3)

        def call(self, x, training=None):
            return self.dense(x)

    model = One()
    out = model(keras.Input((4,)))
    assert out.shape == (None, 3)
    assert [w.name for w in model.weights] == ["one/dense/kernel:0", "one/dense/bias:0"]


def test_training_argument_reaches_call_and_dropout():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.drop = layers.Dropout(0.5)
            self.seen = []

        def call(self, x, training=None):
            self.seen.append(training)
            return self.drop(x)

    model = Net()
    data = np.ones((1, 1000), "float32")
    np.testing.assert_array_equal(model(data).numpy(), data)
    assert 0.3 < (model(data, training=True).numpy() == 0).mean() < 0.7
    assert model.seen == [None, True]


def test_variables_assigned_as_attributes_are_weights():
    class Scale(layers.Layer):
        def __init__(self):
            super().__init__()
            self.scale = Variable(2.0, name="scale")
            self.offset = Variable(1.0, trainable=False, name="offset")

        def call(self, x):
            return x * self.scale + self.offset

    layer = Scale()
    assert [w.name for w in layer.trainable_weights] == ["scale:0"]
    assert [w.name for w in layer.non_trainable_weights] == ["offset:0"]
    np.testing.assert_allclose(layer(np.ones((1, 2))).numpy(), [[3.0, 3.0]])


def test_model_with_inputs_and_outputs_is_functional():
    x = keras.Input((3,))
    model = keras.Model(inputs=x, outputs=layers.Dense(2)(x))
    assert isinstance(model, Functional) and isinstance(model, keras.Model)
    assert type(model).__name__ == "Functional" and model.name == "model"
    positional = keras.Model(x, layers.Dense(2)(x))
    assert isinstance(positional, Functional) and positional.name == "model_1"


def test_subclass_passing_inputs_and_outputs_to_super():
    class Wrapped(keras.Model):
        def __init__(self):
            x = keras.Input((3,))
            super().__init__(inputs=x, outputs=layers.Dense(2)(x))

        def describe(self):
            return "wrapped"

    model = Wrapped()
    assert model.describe() == "wrapped" and isinstance(model, Wrapped)
    assert model.name == "wrapped" and len(model.layers) == 2
    assert model(np.ones((1, 3))).shape == (1, 2)


def test_layers_attribute_is_reserved():
    class Bad(keras.Model):
        def __init__(self):
            super().__init__()
            self.layers = [layers.Dense(1)]

    with pytest.raises(AttributeError, match='Can\'t set the attribute "layers"'):
        Bad()


def test_regularization_losses_of_sublayers():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.a = layers.Dense(2, kernel_initializer="ones", kernel_regularizer="l2")

        def call(self, x, training=None):
            return self.a(x)

    model = Net()
    model(np.ones((1, 3)))
    np.testing.assert_allclose([float(v) for v in model.losses], [0.06], rtol=1e-6)


def test_subclassed_model_trains():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(8, activation="relu")
            self.out = layers.Dense(1)

        def call(self, x, training=None):
            return self.out(self.hidden(x))

    rng = np.random.default_rng(0)
    x = rng.random((64, 4), dtype=np.float32)
    y = x.sum(axis=1, keepdims=True)
    model = Net()
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, epochs=5, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert len(model.trainable_variables) == 4


def test_a_sublayer_referring_to_its_model_does_not_recurse_forever():
    class Child(layers.Layer):
        def __init__(self, owner):
            super().__init__()
            self.owner = owner
            self.dense = layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    class Parent(keras.Model):
        def __init__(self):
            super().__init__()
            self.child = Child(self)

        def call(self, x):
            return self.child(x)

    model = Parent()
    model(np.ones((1, 3)))
    assert len(model.weights) == 2 and len(model.trainable_weights) == 2
    assert model.losses == []


def test_metric_attributes_and_add_metric_are_model_metrics():
    class Tracked(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)
            self.loss_tracker = keras.metrics.Mean(name="loss")

        def call(self, x, training=None):
            self.add_metric(ops.mean(x), name="mean_input")
            return self.dense(x)

    model = Tracked()
    model(np.full((2, 3), 4.0, "float32"))
    assert [m.name for m in model.metrics] == ["loss", "mean_input"]
    assert float(model.metrics[1].result()) == 4.0
