"""ReLU, LeakyReLU, PReLU, ELU, Softmax, Activation: outputs, names, configs, errors, gradients."""

import numpy as np
import pytest

from pynn.keras import initializers
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import ELU, Activation, LeakyReLU, PReLU, ReLU, Softmax
from tests.gradcheck import check_gradients

X = np.array([[-10.0, -5.0, -0.5, 0.0, 3.0, 5.0, 10.0]], dtype=np.float32)


def out(layer, x=X, **kwargs):
    return np.asarray(layer(x, **kwargs))


def test_relu_variants_match_tf_keras():
    np.testing.assert_allclose(out(ReLU()), np.maximum(X, 0))
    # values from tf.keras 2.15: ReLU(max_value=6, negative_slope=0.5, threshold=2.0)
    np.testing.assert_allclose(
        out(ReLU(max_value=6, negative_slope=0.5, threshold=2.0)),
        [[-6.0, -3.5, -1.25, -1.0, 3.0, 5.0, 6.0]],
    )
    np.testing.assert_allclose(out(ReLU(max_value=6.0)), np.clip(X, 0, 6))
    np.testing.assert_allclose(out(ReLU(threshold=4.0)), np.where(X > 4, X, 0))


def test_relu_config_and_errors():
    assert ReLU(max_value=6).get_config() == {
        "name": "re_lu",
        "trainable": True,
        "dtype": "float32",
        "max_value": 6.0,
        "negative_slope": 0.0,
        "threshold": 0.0,
    }
    with pytest.raises(
        ValueError, match="max_value of a ReLU layer cannot be a negative value. Received: -1"
    ):
        ReLU(max_value=-1)
    with pytest.raises(
        ValueError, match="negative_slope of a ReLU layer cannot be a negative value"
    ):
        ReLU(negative_slope=-0.1)
    with pytest.raises(ValueError, match="threshold of a ReLU layer cannot be a negative value"):
        ReLU(threshold=None)


def test_leaky_relu_default_alpha_is_0_3():
    layer = LeakyReLU()
    np.testing.assert_allclose(out(layer), np.where(X > 0, X, 0.3 * X), rtol=1e-6)
    assert layer.name == "leaky_re_lu"
    assert layer.get_config()["alpha"] == 0.30000001192092896
    with pytest.raises(ValueError, match="The alpha value of a Leaky ReLU layer cannot be None"):
        LeakyReLU(alpha=None)


def test_elu_layer():
    np.testing.assert_allclose(
        out(ELU(alpha=0.5)), np.where(X > 0, X, 0.5 * np.expm1(X)), rtol=1e-6
    )
    assert ELU().get_config()["alpha"] == 1.0
    with pytest.raises(ValueError, match="Alpha of an ELU layer cannot be None"):
        ELU(alpha=None)


def test_softmax_layer_axis_and_mask():
    x = np.array([[[1.0, 2.0], [3.0, 5.0]]], dtype=np.float32)
    e = np.exp(x)
    np.testing.assert_allclose(out(Softmax(), x), e / e.sum(-1, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(out(Softmax(axis=1), x), e / e.sum(1, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(
        out(Softmax(axis=(1, 2)), x), e / e.sum((1, 2), keepdims=True), rtol=1e-6
    )
    masked = out(Softmax(), x, mask=np.array([[[True, False], [True, True]]]))
    np.testing.assert_allclose(masked[0, 0], [1.0, 0.0], atol=1e-6)
    assert Softmax(axis=1).get_config()["axis"] == 1


def test_prelu_learns_one_slope_per_element_or_per_shared_axes():
    x = np.random.default_rng(0).standard_normal((2, 4, 5, 3)).astype(np.float32)
    layer = PReLU(alpha_initializer=initializers.Constant(0.25))
    np.testing.assert_allclose(out(layer, x), np.where(x > 0, x, 0.25 * x), rtol=1e-6)
    assert [w.name for w in layer.weights] == ["p_re_lu/alpha:0"]
    assert tuple(layer.alpha.shape) == (4, 5, 3)
    shared = PReLU(shared_axes=[1, 2])
    shared(x)
    assert tuple(shared.alpha.shape) == (1, 1, 3)
    assert shared.get_config()["shared_axes"] == [1, 2]
    assert PReLU(shared_axes=1).shared_axes == [1]


def test_prelu_with_weights_from_set_weights():
    x = np.array([[-2.0, 3.0], [-4.0, -1.0]], dtype=np.float32)
    layer = PReLU()
    layer(x)
    np.testing.assert_allclose(out(layer, x), np.maximum(x, 0))  # alpha starts at zero
    layer.set_weights([np.array([0.1, 0.2], np.float32)])
    np.testing.assert_allclose(out(layer, x), [[-0.2, 3.0], [-0.4, -0.2]], rtol=1e-6)


def test_prelu_config_round_trip():
    layer = PReLU(
        alpha_initializer="ones",
        alpha_regularizer="l2",
        alpha_constraint="non_neg",
        shared_axes=[1],
    )
    config = layer.get_config()
    assert config["alpha_initializer"]["class_name"] == "Ones"
    assert PReLU.from_config(config).get_config() == config


def test_activation_layer():
    layer = Activation("sigmoid")
    np.testing.assert_allclose(out(layer), 1 / (1 + np.exp(-X)), rtol=1e-6)
    assert layer.get_config() == {
        "name": "activation",
        "trainable": True,
        "dtype": "float32",
        "activation": "sigmoid",
    }
    assert Activation.from_config(layer.get_config()).activation is layer.activation
    with pytest.raises(ValueError, match="Unknown activation function 'sigmoidd'"):
        Activation("sigmoidd")


@pytest.mark.parametrize(
    "make",
    [
        lambda: ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2, dtype="float64"),
        lambda: LeakyReLU(dtype="float64"),
        lambda: ELU(alpha=0.7, dtype="float64"),
        lambda: Softmax(axis=1, dtype="float64"),
        lambda: Activation("selu", dtype="float64"),
        lambda: PReLU(
            alpha_initializer=initializers.RandomUniform(0.1, 0.5), shared_axes=[1], dtype="float64"
        ),
    ],
)
def test_gradients_wrt_inputs_and_weights(make):
    layer = make()
    # values away from the kinks at 0, 0.2 and 1.5
    x = np.array([[[-1.3, 0.7, 2.1], [-0.4, 1.1, -2.2]]])
    layer.build((None, 2, 3))
    check_gradients(lambda t: layer(t), x, params=layer.trainable_weights)


@pytest.mark.parametrize(
    "layer", [ReLU(), LeakyReLU(), PReLU(), ELU(), Softmax(), Activation("tanh")]
)
def test_symbolic_shape_is_unchanged(layer):
    assert layer(Input((4, 3))).shape.as_list() == [None, 4, 3]
