"""Custom activations/initializers/regularizers resolve through custom_object_scope and registration."""

import numpy as np
import pytest

from pynn.keras import activations, initializers, regularizers
from pynn.keras.layers import Dense
from pynn.keras.utils.generic_utils import (
    custom_object_scope,
    register_keras_serializable,
    serialize_keras_object,
)


def doubled(x):
    return x * 2


class Threes(initializers.Initializer):
    def __call__(self, shape, dtype=None):
        return initializers.Constant(3.0)(shape, dtype=dtype)


def test_custom_object_scope_resolves_names():
    with pytest.raises(ValueError, match="Unknown initializer: 'Threes'"):
        initializers.get("Threes")
    with custom_object_scope({"Threes": Threes, "doubled": doubled}):
        assert isinstance(initializers.get("Threes"), Threes)
        assert activations.get("doubled") is doubled
        layer = Dense(2, activation="doubled", kernel_initializer="Threes")
    out = np.asarray(layer(np.ones((1, 2), np.float32)))
    np.testing.assert_allclose(out, [[12.0, 12.0]])


def test_registered_custom_regularizer_round_trips():
    @register_keras_serializable(package="tests")
    class Half(regularizers.Regularizer):
        def __call__(self, x):
            return regularizers.L1(0.5)(x)

        def get_config(self):
            return {}

    config = regularizers.serialize(Half())
    assert config["registered_name"] == "tests>Half"
    assert isinstance(regularizers.get(config), Half)


def test_builtin_modules_are_the_public_keras_modules():
    assert serialize_keras_object(Dense(1))["module"] == "keras.layers"
    assert initializers.serialize(initializers.Ones())["module"] == "keras.initializers"


def test_custom_activation_function_config_resolves_in_scope():
    config = Dense(2, activation=doubled).get_config()
    assert config["activation"]["class_name"] == "function"
    with custom_object_scope({"doubled": doubled}):
        assert Dense.from_config(config).activation is doubled
    with pytest.raises(TypeError, match="Unknown activation function"):  # wrapped as tf.keras does
        Dense.from_config(config)
