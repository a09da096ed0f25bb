"""Sequential: list constructor, add/pop, input shapes, deferred build, nesting, errors."""

import numpy as np
import pytest

from pynn import keras, ops
from pynn.keras import layers


def test_list_constructor_with_input_shape_is_built():
    model = keras.Sequential(
        [
            layers.Dense(64, activation="relu", input_shape=(784,)),
            layers.Dense(10, activation="softmax"),
        ]
    )
    assert model.name == "sequential" and model.built
    assert [layer.name for layer in model.layers] == ["dense", "dense_1"]
    assert model.input_names == ["dense_input"] and model.output_names == ["dense_1"]
    assert model.input_shape == (None, 784) and model.output_shape == (None, 10)
    assert model.count_params() == 50890
    assert model(np.zeros((2, 784))).shape == (2, 10)


def test_second_model_is_sequential_1():
    keras.Sequential()
    assert keras.Sequential().name == "sequential_1"


def test_input_dim_and_batch_size():
    model = keras.Sequential([layers.Dense(8, input_dim=3, batch_size=5)])
    assert model.input_shape == (5, 3) and model.layers[0].output_shape == (5, 8)


def test_add_an_input_tensor_first():
    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(2, name="layer1"))
    assert [layer.name for layer in model.layers] == ["layer1"]
    assert model.inputs[0].shape == (None, 4) and model.layers[0].output_shape == (None, 2)


def test_deferred_build_takes_the_batch_size_of_the_first_call():
    model = keras.Sequential([layers.Dense(2, name="layer1"), layers.Dense(4, name="layer3")])
    assert not model.built
    with pytest.raises(
        ValueError, match="Weights for model 'sequential' have not yet been created"
    ):
        _ = model.weights
    with pytest.raises(ValueError, match="This model has not yet been built"):
        model.summary()
    model(np.ones((3, 3), "float32"))
    assert model.built
    assert [layer.output_shape for layer in model.layers] == [(3, 2), (3, 4)]
    assert [w.name for w in model.weights] == [
        "layer1/kernel:0",
        "layer1/bias:0",
        "layer3/kernel:0",
        "layer3/bias:0",
    ]
    model(np.ones((5, 3), "float32"))  # another batch size relaxes the batch dimension
    assert model.layers[0].output_shape == (None, 2)


def test_build_with_an_input_shape():
    model = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    model.build((None, 7))
    assert model.built and model.count_params() == 28
    assert model.layers[0].output_shape == (None, 3)


def test_pop_and_add_after_a_call():
    model = keras.Sequential(
        [
            layers.Dense(2, name="layer1"),
            layers.Dense(3, name="layer2"),
            layers.Dense(4, name="layer3"),
        ]
    )
    model(np.ones((3, 3), "float32"))
    model.pop()
    assert [layer.name for layer in model.layers] == ["layer1", "layer2"]
    new = layers.Dense(4)
    assert new.weights == []
    model.add(new)
    assert [layer.name for layer in model.layers] == ["layer1", "layer2", "dense"]
    assert new.kernel.shape == (3, 4)  # connected (and built) right away
    assert model(np.ones((3, 3), "float32")).shape == (3, 4)


def test_nested_sequential_models():
    block = keras.Sequential([layers.Dense(2, input_shape=(2,))])
    model = keras.Sequential([block, layers.Dense(3)])
    assert [layer.name for layer in model.layers] == ["sequential", "dense_1"]
    assert model.layers[0].output_shape == (None, 2)
    assert len(model.weights) == 4 and model.weights[0] is block.weights[0]
    assert model(np.ones((1, 2))).shape == (1, 3)


def test_errors():
    with pytest.raises(
        TypeError,
        match="The added layer must be an instance of class Layer. "
        "Received: layer=3 of type <class 'int'>.",
    ):
        keras.Sequential().add(3)
    with pytest.raises(ValueError, match='Name "x" is already the name of a layer in this model'):
        keras.Sequential([layers.Dense(1, name="x"), layers.Dense(1, name="x")])
    with pytest.raises(TypeError, match="There are no layers in the model."):
        keras.Sequential().pop()


def test_layer_with_two_outputs_is_refused():
    class Split(layers.Layer):
        def call(self, x):
            return [x, x]

    model = keras.Sequential([keras.Input((2,))])
    with pytest.raises(ValueError, match="should have a single output tensor"):
        model.add(Split())


def test_masks_flow_through_the_stack():
    seen = []

    class MaskReader(layers.Layer):
        def call(self, x, mask=None):
            seen.append(mask is not None)
            return x

    class MaskMaker(layers.Layer):
        def compute_mask(self, inputs, mask=None):
            return ops.not_equal(inputs, 0.0)

    model = keras.Sequential([MaskMaker(), MaskReader()])
    model(np.array([[1.0, 0.0]], "float32"))
    assert seen[-1] is True


def test_config_round_trip():
    model = keras.Sequential([layers.Dense(3, input_shape=(4,)), layers.Dense(2)], name="net")
    config = model.get_config()
    assert config["name"] == "net"
    assert [layer["class_name"] for layer in config["layers"]] == ["InputLayer", "Dense", "Dense"]
    keras.backend.clear_session()
    clone = keras.Sequential.from_config(config)
    assert [layer.name for layer in clone.layers] == ["dense", "dense_1"]
    assert clone.count_params() == model.count_params()
