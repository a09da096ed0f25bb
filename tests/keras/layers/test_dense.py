"""Dense: shapes, weights in tf.keras order, every argument, errors, gradients."""

import numpy as np
import pytest

from pynn.core.tensor import Variable
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import Dense
from tests.gradcheck import check_gradients

RNG = np.random.default_rng(0)
X = RNG.standard_normal((4, 3)).astype(np.float32)
KERNEL = RNG.standard_normal((3, 2)).astype(np.float32)
BIAS = np.array([0.5, -1.0], dtype=np.float32)


def test_dense_computes_dot_plus_bias_with_weights_set_in_keras_order():
    layer = Dense(2)
    layer(X)  # built on first call, weights named under the layer's scope
    assert [w.name for w in layer.weights] == ["dense/kernel:0", "dense/bias:0"]
    assert [tuple(w.shape) for w in layer.get_weights()] == [(3, 2), (2,)]
    layer.set_weights([KERNEL, BIAS])
    np.testing.assert_allclose(np.asarray(layer(X)), X @ KERNEL + BIAS, rtol=1e-6)


def test_activation_is_applied_after_the_bias():
    layer = Dense(
        2,
        activation="relu",
        kernel_initializer=initializers.Constant(KERNEL),
        bias_initializer=initializers.Constant(BIAS),
    )
    np.testing.assert_allclose(np.asarray(layer(X)), np.maximum(X @ KERNEL + BIAS, 0), rtol=1e-6)


def test_dense_on_3d_input_works_on_the_last_axis():
    x = RNG.standard_normal((2, 5, 3)).astype(np.float32)
    layer = Dense(2, kernel_initializer=initializers.Constant(KERNEL))
    out = np.asarray(layer(x))
    assert out.shape == (2, 5, 2)
    np.testing.assert_allclose(out, x @ KERNEL, rtol=1e-5, atol=1e-6)
    assert tuple(layer.kernel.shape) == (3, 2)


def test_symbolic_output_shapes():
    assert Dense(4)(Input((3,))).shape.as_list() == [None, 4]
    assert Dense(4)(Input((7, 3))).shape.as_list() == [None, 7, 4]
    assert Dense(4).compute_output_shape((None, 5, 3)).as_list() == [None, 5, 4]


def test_use_bias_false_creates_only_the_kernel():
    layer = Dense(2, use_bias=False)
    layer(X)
    assert [w.name for w in layer.weights] == ["dense/kernel:0"]
    assert layer.count_params() == 6


def test_default_initializers_glorot_uniform_and_zeros():
    layer = Dense(200)
    layer.build((None, 300))
    kernel = layer.kernel.numpy()
    limit = np.sqrt(6 / 500)
    assert kernel.dtype == np.float32
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.98 * limit
    np.testing.assert_array_equal(layer.bias.numpy(), np.zeros(200))


def test_weight_regularizers_add_losses():
    layer = Dense(
        2,
        kernel_regularizer=regularizers.l2(0.1),
        bias_regularizer="l1",
        kernel_initializer=initializers.Constant(KERNEL),
        bias_initializer=initializers.Constant(BIAS),
    )
    layer(X)
    losses = sorted(float(np.asarray(v)) for v in layer.losses)
    expected = sorted([0.1 * np.sum(KERNEL.astype(np.float64) ** 2), 0.01 * np.sum(np.abs(BIAS))])
    np.testing.assert_allclose(losses, expected, rtol=1e-5)


def test_activity_regularizer_loss_is_averaged_over_the_batch():
    layer = Dense(
        2,
        activity_regularizer=regularizers.L1(0.5),
        kernel_initializer=initializers.Constant(KERNEL),
    )
    out = np.asarray(layer(X))
    assert len(layer.losses) == 1
    np.testing.assert_allclose(
        float(np.asarray(layer.losses[0])), 0.5 * np.abs(out).sum() / X.shape[0], rtol=1e-5
    )


def test_constraints_are_attached_to_the_variables():
    layer = Dense(2, kernel_constraint="max_norm", bias_constraint=constraints.NonNeg())
    layer.build((None, 3))
    assert isinstance(layer.kernel.constraint, constraints.MaxNorm)
    assert isinstance(layer.bias.constraint, constraints.NonNeg)


def test_config_round_trip():
    layer = Dense(
        5,
        activation="tanh",
        use_bias=False,
        kernel_initializer="he_normal",
        kernel_regularizer="l2",
        activity_regularizer=regularizers.L1L2(0.1, 0.2),
        kernel_constraint="unit_norm",
        name="head",
    )
    config = layer.get_config()
    assert config["name"] == "head" and config["units"] == 5
    assert config["activation"] == "tanh"
    assert config["kernel_initializer"]["class_name"] == "HeNormal"
    assert config["kernel_regularizer"] == {
        "module": "keras.regularizers",
        "class_name": "L2",
        "config": {"l2": 0.009999999776482582},
        "registered_name": None,
    }
    assert config["activity_regularizer"]["config"] == {
        "l1": 0.10000000149011612,
        "l2": 0.20000000298023224,
    }
    assert config["kernel_constraint"]["class_name"] == "UnitNorm"
    assert Dense.from_config(config).get_config() == config


def test_config_keys_in_tf_keras_order():
    assert list(Dense(1).get_config()) == [
        "name",
        "trainable",
        "dtype",
        "units",
        "activation",
        "use_bias",
        "kernel_initializer",
        "bias_initializer",
        "kernel_regularizer",
        "bias_regularizer",
        "activity_regularizer",
        "kernel_constraint",
        "bias_constraint",
    ]


def test_invalid_units_raise_value_error_naming_the_value():
    with pytest.raises(ValueError, match="expected a positive integer. Received: units=-2"):
        Dense(-2)
    with pytest.raises(ValueError, match="invalid literal for int"):
        Dense("a")


def test_unknown_activation_is_rejected_at_construction():
    with pytest.raises(ValueError, match="Unknown activation function 'foo'"):
        Dense(2, activation="foo")


def test_rank_1_input_is_rejected_naming_the_layer():
    with pytest.raises(
        ValueError,
        match='Input 0 of layer "dense" is incompatible with the layer: '
        r"expected min_ndim=2, found ndim=1. Full shape received: \(3,\)",
    ):
        Dense(2)(np.ones((3,), np.float32))


def test_undefined_last_dimension_is_rejected():
    with pytest.raises(
        ValueError,
        match="The last dimension of the inputs to a Dense layer should be "
        r"defined. Found None. Full input shape received: \(None, None\)",
    ):
        Dense(2)(Input((None,)))


def test_input_size_mismatch_after_build():
    layer = Dense(2)
    layer(X)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 3"):
        layer(np.ones((2, 4), np.float32))


@pytest.mark.parametrize("activation", [None, "tanh", "softmax"])
def test_gradients_wrt_inputs_and_weights(activation):
    layer = Dense(2, activation=activation, dtype="float64")
    x = RNG.standard_normal((3, 5, 4))
    layer.build((None, 5, 4))
    assert all(isinstance(w, Variable) and w.dtype.name == "float64" for w in layer.weights)
    check_gradients(lambda t: layer(t), x, params=layer.trainable_weights)
