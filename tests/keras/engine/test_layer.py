"""`Layer`: naming, building, weights, training flag, masks, losses, errors (tf.keras 2.15)."""

import numpy as np
import pytest

from pynn import keras, ops
from pynn.core.tensor import Tensor
from pynn.core.tensor_shape import TensorShape
from pynn.keras import layers


class Linear(layers.Layer):
    """The custom layer of the Keras guide 'Making new layers and models via subclassing'."""

    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units))
        self.b = self.add_weight(
            name="b", shape=(self.units,), initializer="zeros", trainable=False
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


def test_automatic_names_count_per_class_and_reset_with_clear_session():
    assert [layers.Dense(1).name for _ in range(3)] == ["dense", "dense_1", "dense_2"]
    assert Linear().name == "linear"
    assert layers.Dense(1, name="custom").name == "custom"
    assert layers.Dense(1).name == "dense_3"
    keras.backend.clear_session()
    assert layers.Dense(1).name == "dense"


def test_repr_names_the_keras_module():
    assert repr(layers.Dense(1)).startswith("<keras.src.layers.core.dense.Dense object at 0x")


def test_build_on_first_call_creates_named_weights():
    layer = Linear(4)
    assert not layer.built and layer.weights == []
    y = layer(np.ones((2, 3)))
    assert layer.built
    assert isinstance(y, Tensor) and y.dtype.name == "float32" and y.shape == (2, 4)
    assert [w.name for w in layer.weights] == ["linear/w:0", "linear/b:0"]
    assert [w.name for w in layer.trainable_weights] == ["linear/w:0"]
    assert [w.name for w in layer.non_trainable_weights] == ["linear/b:0"]
    assert layer.count_params() == 16


def test_build_receives_a_tensor_shape():
    seen = []

    class Probe(layers.Layer):
        def build(self, input_shape):
            seen.append(input_shape)

    Probe()(np.ones((2, 5), "float32"))
    assert isinstance(seen[0], TensorShape) and seen[0].as_list() == [2, 5]


def test_float64_inputs_are_cast_to_the_layer_dtype():
    out = layers.Dense(2)(np.ones((1, 3), dtype="float64"))
    assert out.dtype.name == "float32"


def test_nested_layers_get_scoped_weight_names_and_keras_order():
    class Block(layers.Layer):
        def __init__(self):
            super().__init__()
            self.inner = layers.Dense(2)

        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(input_shape[-1], 2))
            self.v = self.add_weight(name="v", shape=(2,), trainable=False)

        def call(self, x):
            return self.inner(x) + ops.matmul(x, self.w)

    block = Block()
    block(np.ones((1, 3), "float32"))
    # trainable first (own, then sublayers'), then non-trainable, as tf.keras orders them
    assert [w.name for w in block.weights] == [
        "block/w:0",
        "block/dense/kernel:0",
        "block/dense/bias:0",
        "block/v:0",
    ]


def test_get_and_set_weights():
    dense = layers.Dense(2)
    dense(np.ones((1, 3)))
    dense.set_weights([np.ones((3, 2)), np.zeros(2)])
    kernel, _ = dense.get_weights()
    np.testing.assert_array_equal(kernel, np.ones((3, 2), "float32"))
    np.testing.assert_array_equal(dense(np.ones((1, 3))).numpy(), [[3.0, 3.0]])


def test_set_weights_errors_name_the_layer_and_the_mismatch():
    dense = layers.Dense(2)
    dense(np.ones((1, 3)))
    with pytest.raises(
        ValueError,
        match=r'on layer "dense" with a weight list of length 1, '
        r"but the layer was expecting 2 weights",
    ):
        dense.set_weights([np.ones((3, 2))])
    with pytest.raises(
        ValueError,
        match=r"Layer dense weight shape \(3, 2\) is not compatible "
        r"with provided weight shape \(4, 2\)",
    ):
        dense.set_weights([np.ones((4, 2)), np.ones(2)])


def test_count_params_of_an_unbuilt_layer():
    with pytest.raises(
        ValueError,
        match=r"You tried to call `count_params` on layer dense, but "
        r"the layer isn't built",
    ):
        layers.Dense(3).count_params()


def test_trainable_false_freezes_all_weights_of_sublayers():
    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.a = layers.Dense(2)

        def call(self, x):
            return self.a(x)

    outer = Outer()
    outer(np.ones((1, 3)))
    outer.trainable = False
    assert outer.trainable_weights == [] and not outer.a.trainable
    assert len(outer.non_trainable_weights) == 2


def test_unknown_keyword_argument():
    with pytest.raises(TypeError, match="Keyword argument not understood:"):
        layers.Dense(3, foo=2)


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="Expected `name` argument to be a string, but got: 5"):
        layers.Dense(3, name=5)


def test_forgetting_super_init():
    class Broken(keras.Model):
        def __init__(self):
            self.dense = layers.Dense(2)

    with pytest.raises(RuntimeError, match=r"forgot to call `super\(\).__init__\(\)`"):
        Broken()


def test_training_flag_reaches_nested_layers():
    seen = []

    class Probe(layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.probe = Probe()

        def call(self, x):
            return self.probe(x)

    outer = Outer()
    outer(np.ones((1, 2)), training=True)
    outer(np.ones((1, 2)))
    outer(np.ones((1, 2)), training=False)
    assert seen == [True, None, False]


def test_call_default_training_value_is_used():
    class Probe(layers.Layer):
        def call(self, x, training=True):
            return x * (1.0 if training else 0.0)

    np.testing.assert_array_equal(Probe()(np.ones((1, 2))).numpy(), [[1.0, 1.0]])


def test_activity_regularizer_loss_is_divided_by_batch_size():
    dense = layers.Dense(2, kernel_initializer="ones", activity_regularizer="l1")
    dense(np.ones((4, 3)))
    # each output is 3.0: l1 = 0.01 * sum(|y|) = 0.01 * 24, divided by the batch size 4
    np.testing.assert_allclose([float(loss) for loss in dense.losses], [0.06], rtol=1e-6)


def test_losses_are_reset_at_each_outer_call():
    class AddsLoss(layers.Layer):
        def call(self, x):
            self.add_loss(ops.sum(x))
            return x

    layer = AddsLoss()
    layer(np.ones((1, 2)))
    layer(np.ones((1, 3)))
    assert [float(v) for v in layer.losses] == [3.0]


def test_weight_regularizer_losses_are_recomputed():
    dense = layers.Dense(1, kernel_initializer="ones", kernel_regularizer="l2")
    dense(np.ones((1, 2)))
    np.testing.assert_allclose(float(dense.losses[0]), 0.02, rtol=1e-6)
    dense.kernel.assign(np.full((2, 1), 2.0, "float32"))
    np.testing.assert_allclose(float(dense.losses[0]), 0.08, rtol=1e-6)


def test_masks_propagate_to_layers_that_accept_them():
    seen = []

    class MaskMaker(layers.Layer):
        def call(self, x):
            return x

        def compute_mask(self, inputs, mask=None):
            return ops.not_equal(inputs, 0.0)

    class MaskReader(layers.Layer):
        def call(self, x, mask=None):
            seen.append(None if mask is None else mask.numpy().tolist())
            return x

    MaskReader()(MaskMaker()(np.array([[1.0, 0.0]], "float32")))
    assert seen == [[[True, False]]]


def test_get_config_is_generated_from_simple_init_arguments():
    class Scale(layers.Layer):
        def __init__(self, factor, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

    config = Scale(3.0, name="s").get_config()
    assert config == {"name": "s", "trainable": True, "dtype": "float32", "factor": 3.0}
    assert Scale.from_config(config).factor == 3.0


def test_node_accessors():
    a = keras.Input((3,))
    b = keras.Input((4,))
    dense = layers.Dense(2)
    with pytest.raises(AttributeError, match="has never been called"):
        _ = dense.output_shape
    dense(a)
    assert dense.input_shape == (None, 3) and dense.output_shape == (None, 2)
    assert dense.input is a
    with pytest.raises(
        ValueError,
        match=r"expected axis -1 of input shape to have value 3, but "
        r"received input with shape \(None, 4\)",
    ):
        dense(b)
    shared = layers.Dense(2)
    shared(a)
    shared(keras.Input((3,), batch_size=5))
    assert shared.get_input_shape_at(1) == (5, 3)
    assert shared.get_output_shape_at(0) == (None, 2)
    assert shared.get_output_at(1).shape == (5, 2)
    assert len(shared.inbound_nodes) == 2 and shared._inbound_nodes is shared.inbound_nodes
    with pytest.raises(AttributeError, match="has multiple inbound nodes, with different output"):
        _ = shared.output_shape
    with pytest.raises(ValueError, match="Asked to get output at node 2, but the layer has only 2"):
        shared.get_output_at(2)


def test_input_spec_errors_name_the_layer_and_shapes():
    dense = layers.Dense(2)
    with pytest.raises(
        ValueError,
        match=r'Input 0 of layer "dense" is incompatible with the '
        r"layer: expected min_ndim=2, found ndim=1. Full shape "
        r"received: \(3,\)",
    ):
        dense(np.ones(3))
    dense(np.ones((1, 3)))
    with pytest.raises(
        ValueError,
        match=r"expected axis -1 of input shape to have value 3, but "
        r"received input with shape \(1, 4\)",
    ):
        dense(np.ones((1, 4)))


def test_errors_in_call_name_the_layer_and_its_arguments():
    class Broken(layers.Layer):
        def call(self, x, training=None):
            raise ValueError("boom")

    with pytest.raises(ValueError) as info:
        Broken()(np.ones((2, 3), "float32"))
    assert str(info.value) == (
        "Exception encountered when calling layer 'broken' (type Broken).\n\nboom\n\n"
        "Call arguments received by layer 'broken' (type Broken):\n"
        "  \u2022 x=tf.Tensor(shape=(2, 3), dtype=float32)\n  \u2022 training=None"
    )
    with pytest.raises(
        ValueError,
        match=r'layer "broken_1" \(type Broken\)(.|\n)*'
        r"x=tf.Tensor\(shape=\(None, 3\), dtype=float32\)",
    ):
        Broken()(keras.Input((3,)))


def test_add_metric_of_a_metric_call_tracks_that_metric_without_a_name():
    # "Training & evaluation with the built-in methods", LogisticEndpoint:
    #   self.add_metric(self.accuracy_fn(targets, logits, sample_weights))
    class LogisticEndpoint(keras.layers.Layer):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
            self.accuracy_fn = keras.metrics.BinaryAccuracy()

        def call(self, targets, logits, sample_weights=None):
            self.add_loss(self.loss_fn(targets, logits, sample_weights))
            self.add_metric(self.accuracy_fn(targets, logits, sample_weights))
            return keras.activations.softmax(logits)

    inputs = keras.Input(shape=(3,), name="inputs")
    targets = keras.Input(shape=(10,), name="targets")
    logits = keras.layers.Dense(10)(inputs)
    predictions = LogisticEndpoint(name="predictions")(logits, targets)
    model = keras.Model(inputs=[inputs, targets], outputs=predictions)
    model.compile(optimizer="adam")
    rng = np.random.default_rng(0)
    data = {"inputs": rng.random((3, 3)), "targets": rng.random((3, 10))}
    history = model.fit(data, verbose=0)
    assert sorted(history.history) == ["binary_accuracy", "loss"]
