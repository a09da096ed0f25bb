"""Functional API: Input, graphs, shared layers, TFOpLambda, nested models (tf.keras 2.15)."""

import numpy as np
import pytest

from pynn import keras, ops
from pynn.core import dispatch
from pynn.core.tensor import Tensor
from pynn.keras import layers


def test_input_is_a_keras_tensor():
    x = keras.Input(shape=(784,))
    assert repr(x) == "<KerasTensor: shape=(None, 784) dtype=float32 (created by layer 'input_1')>"
    assert x.shape == (None, 784) and x.name == "input_1"
    assert keras.Input(784).shape == (None, 784)
    assert keras.Input((3,), batch_size=5).shape == (5, 3)
    assert keras.Input(batch_shape=(2, 3)).shape == (2, 3)
    tokens = keras.Input((None,), dtype="int32", name="tok")
    assert tokens.dtype.name == "int32" and tokens.name == "tok"
    assert keras.Input((1,)).name == "input_5"  # a named Input does not use a number


def test_input_without_a_shape():
    with pytest.raises(ValueError, match="Please provide to Input a `shape` or a `tensor`"):
        keras.Input()
    with pytest.raises(ValueError, match=r"Unrecognized keyword arguments: \['foo'\]"):
        keras.Input((3,), foo=1)


def test_functional_model_runs_on_arrays():
    inputs = keras.Input(shape=(4,))
    hidden = layers.Dense(3, activation="relu")(inputs)
    outputs = layers.Dense(2)(hidden)
    model = keras.Model(inputs=inputs, outputs=outputs)
    assert model.name == "model"
    assert [layer.name for layer in model.layers] == ["input_1", "dense", "dense_1"]
    assert model.input_names == ["input_1"] and model.output_names == ["dense_1"]
    assert model.input_shape == (None, 4) and model.output_shape == (None, 2)
    y = model(np.ones((5, 4)))
    assert isinstance(y, Tensor) and y.shape == (5, 2)
    assert [w.name for w in model.weights] == [
        "dense/kernel:0",
        "dense/bias:0",
        "dense_1/kernel:0",
        "dense_1/bias:0",
    ]


def test_multi_input_multi_output_and_shared_layer():
    a = keras.Input((32,), name="a")
    b = keras.Input((32,), name="b")
    shared = layers.Dense(16, name="shared")
    x1 = shared(a)
    x2 = shared(b)
    out1 = layers.Dense(1, name="out1")(layers.concatenate([x1, x2]))
    out2 = layers.Dense(3, name="out2")(x2 + x1)
    model = keras.Model([a, b], [out1, out2])
    # the order tf.keras 2.15 gives
    assert [layer.name for layer in model.layers] == [
        "a",
        "b",
        "shared",
        "concatenate",
        "tf.__operators__.add",
        "out1",
        "out2",
    ]
    assert model.input_names == ["a", "b"] and model.output_names == ["out1", "out2"]
    assert len(shared.inbound_nodes) == 2
    assert shared.get_input_shape_at(1) == (None, 32)
    y1, y2 = model([np.ones((2, 32)), np.zeros((2, 32))])
    assert y1.shape == (2, 1) and y2.shape == (2, 3)


def test_dict_inputs_and_outputs():
    a = keras.Input((4,), name="a")
    b = keras.Input((2,), name="b")
    merged = layers.concatenate([layers.Dense(3)(a), b])
    model = keras.Model({"a": a, "b": b}, {"out": layers.Dense(1, name="o")(merged)})
    assert model.input_names == ["a", "b"] and model.output_names == ["o"]
    result = model({"a": np.ones((2, 4)), "b": np.ones((2, 2))})
    assert list(result) == ["out"] and result["out"].shape == (2, 1)
    with pytest.raises(ValueError, match=r"Missing data for input \"b\""):
        model({"a": np.ones((2, 4))})


def test_same_output_twice_gets_unique_output_names():
    x = keras.Input((3,))
    y = layers.Dense(2, name="dd")(x)
    assert keras.Model(x, [y, y]).output_names == ["dd", "dd_1"]


def test_wrong_input_shape_for_a_model():
    x = keras.Input((4,))
    model = keras.Model(x, layers.Dense(3)(x))
    with pytest.raises(
        ValueError,
        match=r'Input 0 of layer "model" is incompatible with the '
        r"layer: expected shape=\(None, 4\), found shape=\(3, 5\)",
    ):
        model(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r'Layer "model" expects 1 input\(s\), but it received 2'):
        model([np.ones((3, 4)), np.ones((3, 4))])


def test_graph_disconnected():
    a = keras.Input((4,), name="a")
    b = keras.Input((2,), name="b")
    with pytest.raises(ValueError, match="Graph disconnected: cannot obtain value for tensor"):
        keras.Model(a, layers.Dense(1)(b))


def test_duplicate_layer_names_in_a_model():
    x = keras.Input((2,))
    y = layers.Dense(2, name="same")(layers.Dense(2, name="same")(x))
    with pytest.raises(ValueError, match='The name "same" is used 2 times in the model'):
        keras.Model(x, y)


def test_get_layer():
    x = keras.Input((4,))
    model = keras.Model(x, layers.Dense(3, name="dx")(x))
    assert model.get_layer("dx") is model.layers[1] and model.get_layer(index=1).name == "dx"
    with pytest.raises(
        ValueError,
        match=r"No such layer: nope. Existing layers are: "
        r"\['input_1', 'dx'\].",
    ):
        model.get_layer("nope")
    with pytest.raises(
        ValueError, match="Was asked to retrieve layer at index 5 but model only has 2 layers."
    ):
        model.get_layer(index=5)
    with pytest.raises(ValueError, match="Provide either a layer name or layer index"):
        model.get_layer()


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda a, b: a + b, "tf.__operators__.add"),
        (lambda a, b: 1 + a, "tf.__operators__.add"),
        (lambda a, b: a - b, "tf.math.subtract"),
        (lambda a, b: a * b, "tf.math.multiply"),
        (lambda a, b: a / b, "tf.math.truediv"),
        (lambda a, b: a // b, "tf.compat.v1.floor_div"),
        (lambda a, b: a % b, "tf.math.floormod"),
        (lambda a, b: a**2, "tf.math.pow"),
        (lambda a, b: -a, "tf.math.negative"),
        (lambda a, b: abs(a), "tf.math.abs"),
        (lambda a, b: a[:, 1], "tf.__operators__.getitem"),
        (lambda a, b: a < b, "tf.math.less"),
        (lambda a, b: a >= b, "tf.math.greater_equal"),
    ],
)
def test_operators_on_keras_tensors_become_tf_op_lambda_layers(make, name):
    a = keras.Input((4,))
    b = keras.Input((4,))
    assert make(a, b)._keras_history.layer.name == name


def test_tf_op_lambda_names_count_like_keras():
    a = keras.Input((4,))
    names = [(a + a)._keras_history.layer.name for _ in range(3)]
    assert names == ["tf.__operators__.add", "tf.__operators__.add_1", "tf.__operators__.add_2"]
    sliced = a[:, 1]
    assert type(sliced._keras_history.layer).__name__ == "SlicingOpLambda"
    assert sliced.shape == (None,)
    assert (a > 1).dtype.name == "bool"


def test_tf_functions_on_keras_tensors_dispatch_to_layers():
    a = keras.Input((4,))
    b = keras.Input((4,))
    joined = dispatch.call("tf.concat", ops.concat, ([a, b],), {"axis": -1})
    assert joined._keras_history.layer.name == "tf.concat" and joined.shape == (None, 8)
    mean = dispatch.call("tf.math.reduce_mean", ops.mean, (a,), {"axis": 1})
    assert mean.shape == (None,)
    model = keras.Model([a, b], [joined, mean])
    y_joined, y_mean = model([np.ones((2, 4)), np.zeros((2, 4))])
    np.testing.assert_array_equal(y_joined.numpy(), [[1, 1, 1, 1, 0, 0, 0, 0]] * 2)
    np.testing.assert_array_equal(y_mean.numpy(), [1.0, 1.0])


def test_arithmetic_in_a_model_computes_values():
    x = keras.Input((2,))
    model = keras.Model(x, (x * 2.0 - 1.0) / 4.0)
    np.testing.assert_allclose(model(np.array([[1.0, 3.0]])).numpy(), [[0.25, 1.25]])


def test_nested_model_is_a_layer():
    inner_in = keras.Input((8,))
    inner = keras.Model(inner_in, layers.Dense(4)(inner_in), name="inner")
    outer_in = keras.Input((8,))
    features = inner(outer_in)
    assert features.shape == (None, 4)
    outer = keras.Model(outer_in, layers.Dense(2)(features))
    assert [layer.name for layer in outer.layers] == ["input_2", "inner", "dense_1"]
    assert len(outer.weights) == 4
    assert outer(np.ones((3, 8))).shape == (3, 2)
    inner.trainable = False
    assert len(outer.trainable_weights) == 2 and len(outer.non_trainable_weights) == 2


def test_model_of_an_existing_graph_shares_weights():
    x = keras.Input((3,))
    y = layers.Dense(2)(x)
    first = keras.Model(x, y)
    second = keras.Model(inputs=first.inputs, outputs=first.outputs, name="copy")
    assert second.weights[0] is first.weights[0]


def test_dropout_follows_the_training_flag():
    x = keras.Input((1000,))
    model = keras.Model(x, layers.Dropout(0.5)(x))
    data = np.ones((1, 1000), "float32")
    np.testing.assert_array_equal(model(data).numpy(), data)
    dropped = model(data, training=True).numpy()
    assert 0.3 < (dropped == 0).mean() < 0.7


def test_get_config_and_from_config_round_trip():
    a = keras.Input((4,), name="a")
    h = layers.Dense(3, activation="relu", name="h")(a)
    out = layers.Dense(1, name="out")(h + h)
    model = keras.Model(a, out, name="round")
    config = model.get_config()
    assert config["input_layers"] == [["a", 0, 0]] and config["output_layers"] == [["out", 0, 0]]
    assert config["layers"][1]["inbound_nodes"] == [[["a", 0, 0, {}]]]
    keras.backend.clear_session()
    clone = keras.Model.from_config(config)
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    clone.set_weights(model.get_weights())
    data = np.arange(8, dtype="float32").reshape(2, 4)
    np.testing.assert_allclose(clone(data).numpy(), model(data).numpy(), rtol=1e-6)


def test_symbolic_add_loss_becomes_an_add_loss_layer():
    inputs = keras.Input((4,))
    hidden = layers.Dense(3, kernel_initializer="ones")(inputs)
    model = keras.Model(inputs, layers.Dense(1)(hidden))
    model.add_loss(dispatch.call("tf.math.reduce_mean", ops.mean, (hidden * hidden,), {}) * 0.1)
    # the loss's ops and the AddLoss layer join the model, after its own layers (tf.keras order)
    assert [layer.name for layer in model.layers] == [
        "input_1",
        "dense",
        "dense_1",
        "tf.math.multiply",
        "tf.math.reduce_mean",
        "tf.math.multiply_1",
        "add_loss",
    ]
    model(np.ones((2, 4)))
    np.testing.assert_allclose([float(v) for v in model.losses], [1.6], rtol=1e-6)


def test_model_from_an_intermediate_tensor_reuses_the_layers():
    inputs = keras.Input((4,))
    hidden = layers.Dense(3, name="h")(inputs)
    outputs = layers.Dense(1, name="o")(layers.Dense(2, name="h2")(hidden))
    full = keras.Model(inputs, outputs)
    decoder = keras.Model(hidden, outputs)
    assert [layer.name for layer in decoder.layers] == ["input_2", "h2", "o"]
    assert decoder.weights[0] is full.get_layer("h2").kernel
    assert len(full.get_layer("h2").inbound_nodes) == 2
    assert decoder(np.ones((2, 3))).shape == (2, 1)


def test_add_metric_of_backend_math_on_symbolic_tensors():
    # "Training & evaluation with the built-in methods":
    #   model.add_metric(keras.backend.std(x1), name="std_of_activation", aggregation="mean")
    keras.backend.clear_session()
    inputs = keras.Input(shape=(4,))
    x1 = keras.layers.Dense(8, activation="relu")(inputs)
    outputs = keras.layers.Dense(2)(x1)
    model = keras.Model(inputs, outputs)
    model.add_loss(keras.backend.sum(x1) * 0.1)
    model.add_metric(keras.backend.std(x1), name="std_of_activation", aggregation="mean")
    assert [layer.name for layer in model.layers][-2:] == ["tf.math.reduce_std", "add_metric"]
    model.compile(optimizer="sgd", loss="mse")
    x = np.random.default_rng(0).random((6, 4)).astype("float32")
    history = model.fit(x, np.zeros((6, 2)), batch_size=3, verbose=0)
    assert sorted(history.history) == ["loss", "std_of_activation"]
    hidden = keras.Model(inputs, x1).predict(x, verbose=0)
    result = model.evaluate(x, np.zeros((6, 2)), batch_size=6, verbose=0, return_dict=True)
    np.testing.assert_allclose(result["std_of_activation"], hidden.std(), rtol=1e-5)


# Written by tf.keras 2.15 for:  a = Input((2,), name="a"); v = tf.concat([1.0 - a, a * 2.0], -1)
# Model(a, [tf.reduce_mean(v, axis=1, keepdims=True), v[:, 1:3]], name="ops")
TF_OPS_CONFIG = {
    "name": "ops",
    "trainable": True,
    "layers": [
        {
            "module": "keras.layers",
            "class_name": "InputLayer",
            "config": {
                "batch_input_shape": [None, 2],
                "dtype": "float32",
                "sparse": False,
                "ragged": False,
                "name": "a",
            },
            "registered_name": None,
            "name": "a",
            "inbound_nodes": [],
        },
        {
            "module": "keras.src.layers.core.tf_op_layer",
            "class_name": "TFOpLambda",
            "config": {
                "name": "tf.math.subtract",
                "trainable": True,
                "dtype": "float32",
                "function": "math.subtract",
            },
            "registered_name": "TFOpLambda",
            "build_config": {"input_shape": []},
            "name": "tf.math.subtract",
            "inbound_nodes": [["_CONSTANT_VALUE", -1, 1.0, {"y": ["a", 0, 0], "name": None}]],
        },
        {
            "module": "keras.src.layers.core.tf_op_layer",
            "class_name": "TFOpLambda",
            "config": {
                "name": "tf.math.multiply",
                "trainable": True,
                "dtype": "float32",
                "function": "math.multiply",
            },
            "registered_name": "TFOpLambda",
            "build_config": {"input_shape": [None, 2]},
            "name": "tf.math.multiply",
            "inbound_nodes": [["a", 0, 0, {"y": 2.0, "name": None}]],
        },
        {
            "module": "keras.src.layers.core.tf_op_layer",
            "class_name": "TFOpLambda",
            "config": {
                "name": "tf.concat",
                "trainable": True,
                "dtype": "float32",
                "function": "concat",
            },
            "registered_name": "TFOpLambda",
            "build_config": {"input_shape": [[None, 2], [None, 2]]},
            "name": "tf.concat",
            "inbound_nodes": [
                [["tf.math.subtract", 0, 0, {"axis": -1}], ["tf.math.multiply", 0, 0, {"axis": -1}]]
            ],
        },
        {
            "module": "keras.src.layers.core.tf_op_layer",
            "class_name": "TFOpLambda",
            "config": {
                "name": "tf.math.reduce_mean",
                "trainable": True,
                "dtype": "float32",
                "function": "math.reduce_mean",
            },
            "registered_name": "TFOpLambda",
            "build_config": {"input_shape": [None, 4]},
            "name": "tf.math.reduce_mean",
            "inbound_nodes": [["tf.concat", 0, 0, {"axis": 1, "keepdims": True}]],
        },
        {
            "module": "keras.src.layers.core.tf_op_layer",
            "class_name": "SlicingOpLambda",
            "config": {
                "name": "tf.__operators__.getitem",
                "trainable": True,
                "dtype": "float32",
                "function": "__operators__.getitem",
            },
            "registered_name": "SlicingOpLambda",
            "build_config": {"input_shape": [None, 4]},
            "name": "tf.__operators__.getitem",
            "inbound_nodes": [
                [
                    "tf.concat",
                    0,
                    0,
                    {
                        "slice_spec": [
                            {"start": None, "stop": None, "step": None},
                            {"start": 1, "stop": 3, "step": None},
                        ]
                    },
                ]
            ],
        },
    ],
    "input_layers": [["a", 0, 0]],
    "output_layers": [["tf.math.reduce_mean", 0, 0], ["tf.__operators__.getitem", 0, 0]],
}


def test_from_config_reads_tf_keras_tf_op_lambda_nodes():
    model = keras.Model.from_config(TF_OPS_CONFIG)
    assert [layer.name for layer in model.layers] == [
        "a",
        "tf.math.subtract",
        "tf.math.multiply",
        "tf.concat",
        "tf.math.reduce_mean",
        "tf.__operators__.getitem",
    ]
    mean, sliced = model(np.array([[1.0, 3.0]], "float32"))
    np.testing.assert_allclose(mean.numpy(), [[1.5]])  # tf.keras 2.15 gives these values
    np.testing.assert_allclose(sliced.numpy(), [[-2.0, 2.0]])
    again = keras.Model.from_config(model.get_config())
    np.testing.assert_allclose(again(np.array([[1.0, 3.0]], "float32"))[1].numpy(), [[-2.0, 2.0]])


def test_comparing_symbolic_tensors_is_elementwise_as_tf_keras():
    # seed 002: `assert lstm.output == encoded_a` raises TypeError under tf.keras 2.15
    a = keras.Input(shape=(280, 256))
    lstm = keras.layers.LSTM(32)
    encoded_a = lstm(a)
    with pytest.raises(TypeError, match="do not implement `__len__`.*asserting a symbolic"):
        assert lstm.output == encoded_a
    equal = lstm.output == encoded_a
    assert equal.shape.as_list() == [None, 32] and equal.dtype.name == "bool"
    assert equal._keras_history.layer.name.startswith("tf.__operators__.eq")
    assert (a != 1.0)._keras_history.layer.name.startswith("tf.__operators__.ne")
    assert (a == None) is False and (a != None) is True  # noqa: E711 - KerasTensor's ==/!= with None
    assert a in [a] and [a, encoded_a].index(a) == 0  # identity first, as TF
    with pytest.raises(TypeError, match="do not implement `__len__`"):
        len(a)
    assert a.ref() == a.ref() and a.ref() != encoded_a.ref()
    model = keras.Model(a, equal)
    out = model.predict(np.zeros((1, 280, 256), "float32"), verbose=0)
    assert out.dtype == bool and out.shape == (1, 32)
