"""Lambda: function, arguments, output_shape, name, config round trip, gradients."""

import numpy as np
import pytest

from pynn import ops
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import Lambda
from tests.gradcheck import check_gradients

X = np.arange(6, dtype=np.float32).reshape(2, 3)


def scale(x, factor=1.0):
    return x * factor


def test_lambda_applies_the_function_with_arguments():
    layer = Lambda(scale, arguments={"factor": 3.0})
    assert layer.name == "lambda"
    np.testing.assert_allclose(np.asarray(layer(X)), X * 3)


def test_lambda_output_shape_inferred_given_or_computed():
    x = Input((3,))
    assert Lambda(lambda t: ops.concat([t, t], axis=-1))(x).shape.as_list() == [None, 6]
    assert Lambda(lambda t: t, output_shape=(3,)).compute_output_shape((None, 3)).as_list() == [
        None,
        3,
    ]
    layer = Lambda(lambda t: t[:, :2], output_shape=lambda s: (s[0], 2))
    assert layer.compute_output_shape((None, 3)).as_list() == [None, 2]


def test_lambda_passes_training_and_mask_when_the_function_wants_them():
    seen = {}

    def fn(x, training=None):
        seen["training"] = training
        return x

    Lambda(fn)(X, training=True)
    assert seen["training"] is True


def test_lambda_config_round_trip_of_a_python_lambda():
    layer = Lambda(lambda t: t * 2 + 1, output_shape=(3,), arguments={})
    config = layer.get_config()
    assert config["function_type"] == "lambda" and config["output_shape"] == (3,)
    assert config["output_shape_type"] == "raw"
    restored = Lambda.from_config(config, safe_mode=False)
    np.testing.assert_allclose(np.asarray(restored(X)), X * 2 + 1)


def test_lambda_config_of_a_named_function():
    # Like tf.keras, a Python function is stored as bytecode, whatever its name.
    config = Lambda(scale, arguments={"factor": 2.0}).get_config()
    assert config["function_type"] == "lambda"
    assert config["module"] == __name__ and config["arguments"] == {"factor": 2.0}
    restored = Lambda.from_config(config, safe_mode=False)
    np.testing.assert_allclose(np.asarray(restored(X)), X * 2)


def test_unsupported_function_type_in_config():
    config = Lambda(scale).get_config()
    config["function_type"] = "bytecode"
    with pytest.raises(TypeError, match="Unsupported value for `function_type` argument"):
        Lambda.from_config(config)


def test_lambda_gradient():
    layer = Lambda(lambda t: ops.tanh(t) * t, dtype="float64")
    check_gradients(lambda t: layer(t), np.array([[0.3, -1.2, 2.0]]))
