"""keras.activations: values recorded from tf.keras 2.15 (activation_values.json), names, errors."""

import json
import os

import numpy as np
import pytest

from pynn import ops, tf
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import constant
from pynn.keras import activations
from pynn.keras.layers import Dense, LeakyReLU

with open(os.path.join(os.path.dirname(__file__), "activation_values.json")) as f:
    REF = json.load(f)

X = constant(REF["x"])
X3 = constant(REF["x3"])


@pytest.mark.parametrize("name", sorted(REF["by_name"]))
def test_activation_by_name_matches_tf_keras(name):
    out = activations.get(name)(X)
    np.testing.assert_allclose(np.asarray(out), REF["by_name"][name], rtol=1e-5, atol=1e-6)
    assert np.asarray(out).dtype == np.float32


@pytest.mark.parametrize("name", sorted(REF["serialized"]))
def test_serialize_gives_the_keras_name(name):
    assert activations.serialize(activations.get(name)) == REF["serialized"][name]


def test_activation_arguments_match_tf_keras():
    x, x3 = X, X3  # noqa: F841 -- referenced by the recorded expressions
    for expression, expected in REF["calls"].items():
        out = eval("activations." + expression)
        np.testing.assert_allclose(
            np.asarray(out), expected, rtol=1e-5, atol=1e-6, err_msg=expression
        )


def test_module_functions_are_what_get_returns():
    assert activations.get("relu") is activations.relu
    assert activations.get(activations.sigmoid) is activations.sigmoid
    assert activations.get(None) is activations.linear
    assert activations.get(abs) is abs
    assert activations.silu is activations.swish


def test_unknown_activation_name_raises_value_error():
    with pytest.raises(
        ValueError, match="Unknown activation function 'foo' cannot be deserialized."
    ):
        activations.get("foo")


def test_non_callable_identifier_raises_type_error():
    with pytest.raises(TypeError, match="Could not interpret activation function identifier: 3"):
        activations.get(3)


def test_serialize_rejects_a_string():
    with pytest.raises(ValueError, match="Unknown activation function 'abcd' cannot be serialized"):
        activations.serialize("abcd")


def test_custom_function_serializes_to_a_config_dict():
    def my_act(x):
        return x * 2

    assert activations.serialize(my_act) == {
        "module": __name__,
        "class_name": "function",
        "config": "my_act",
        "registered_name": "my_act",
    }


def test_softmax_of_1d_input_raises():
    with pytest.raises(ValueError, match="Cannot apply softmax to a tensor that is 1D"):
        activations.softmax(constant([1.0, 2.0]))


def test_softmax_and_sigmoid_remember_their_logits():
    logits = constant([[1.0, 2.0]])
    assert activations.softmax(logits)._keras_logits is logits
    assert activations.sigmoid(logits)._keras_logits is logits


@pytest.mark.parametrize(
    "name",
    [
        "relu",
        "sigmoid",
        "softmax",
        "tanh",
        "elu",
        "selu",
        "softplus",
        "softsign",
        "swish",
        "gelu",
        "exponential",
        "hard_sigmoid",
        "relu6",
        "leaky_relu",
        "mish",
    ],
)
def test_activation_gradients_match_finite_differences(name):
    # Points away from the kinks (0, ±2.5, 6) so finite differences are exact enough.
    x0 = np.array([[-2.2, -0.7, 0.3, 1.1, 2.9]], dtype=np.float64)
    fn = activations.get(name)
    x = constant(x0)
    with GradientTape() as tape:
        tape.watch(x)
        y = ops.sum(fn(x) * constant(np.arange(1.0, 6.0)))
    grad = np.asarray(tape.gradient(y, x))
    eps = 1e-6
    numeric = np.zeros_like(x0)
    weights = np.arange(1.0, 6.0)
    for i in range(x0.shape[1]):
        plus, minus = x0.copy(), x0.copy()
        plus[0, i] += eps
        minus[0, i] -= eps
        numeric[0, i] = (
            np.sum(np.asarray(fn(constant(plus))) * weights)
            - np.sum(np.asarray(fn(constant(minus))) * weights)
        ) / (2 * eps)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-6)


def test_activation_layer_names_and_configs_resolve_to_layers():
    assert isinstance(activations.get("LeakyReLU"), LeakyReLU)
    layer = activations.get({"class_name": "LeakyReLU", "config": {"alpha": 0.2}})
    assert layer.alpha == pytest.approx(0.2)
    config = Dense(3, activation=LeakyReLU(0.2)).get_config()["activation"]
    assert config["module"] == "keras.layers" and config["class_name"] == "LeakyReLU"
    assert isinstance(
        Dense.from_config(Dense(3, activation=LeakyReLU(0.2)).get_config()).activation, LeakyReLU
    )


def test_tf_functions_serialize_by_their_keras_name():
    assert Dense(2, activation=tf.nn.relu).get_config()["activation"] == "relu"
    assert Dense(2, activation=tf.nn.silu).get_config()["activation"] == "swish"
    assert Dense(2, activation=tf.nn.relu6).get_config()["activation"] == "relu6"
