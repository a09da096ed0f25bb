"""`keras.backend` (K.*) for custom metrics, and `keras.utils` helpers.

Expected values were printed by tf.keras 2.15 for the same calls.
"""

import random

import numpy as np
import pytest

from pynn import keras
from pynn.core.tensor import constant
from pynn.keras import backend as K
from pynn.keras import utils

X = constant([[1.0, -2.0], [3.0, 4.0]])


@pytest.mark.parametrize(
    ("fn", "expected", "dtype"),
    [
        (lambda: K.mean(X), 1.5, "float32"),
        (lambda: K.mean(X, axis=0), [2.0, 1.0], "float32"),
        (lambda: K.mean(constant([1, 2])), 1, "int32"),  # integer mean, as TF
        (lambda: K.mean(constant([True, False])), 0.5, "float32"),
        (lambda: K.sum(X, axis=1, keepdims=True), [[-1.0], [7.0]], "float32"),
        (lambda: K.max(X), 4.0, "float32"),
        (lambda: K.min(X, axis=1), [-2.0, 3.0], "float32"),
        (lambda: K.sqrt(X), [[1.0, 0.0], [1.7320508, 2.0]], "float32"),  # negatives clipped to 0
        (lambda: K.clip(X, 0.0, 2.0), [[1.0, 0.0], [2.0, 2.0]], "float32"),
        (lambda: K.pow(X, 2), [[1.0, 4.0], [9.0, 16.0]], "float32"),
        (lambda: K.round(X / 3), [[0.0, -1.0], [1.0, 1.0]], "float32"),
        (lambda: K.cast(X, "int32"), [[1, -2], [3, 4]], "int32"),
        (lambda: K.argmax(X), [0, 1], "int64"),
        (lambda: K.equal(X, 1.0), [[True, False], [False, False]], "bool"),
        (lambda: K.std(X), 2.2912900, "float32"),
        (lambda: K.var(X, axis=0), [1.0, 9.0], "float32"),
        (lambda: K.dot(X, X), [[-5.0, -10.0], [15.0, 10.0]], "float32"),
        (
            lambda: K.binary_crossentropy(constant([1.0, 0.0]), constant([0.9, 0.2])),
            [0.10536052, 0.22314337],
            "float32",
        ),
        (
            lambda: K.categorical_crossentropy(constant([[0.0, 1.0]]), constant([[0.3, 0.7]])),
            [0.35667494],
            "float32",
        ),
        (
            lambda: K.sparse_categorical_crossentropy(constant([1]), constant([[0.3, 0.7]])),
            [0.35667494],
            "float32",
        ),
        (lambda: K.batch_flatten(np.ones((2, 2, 3), "float32")), np.ones((2, 6)), "float32"),
        (lambda: K.softmax(X), [[0.95257413, 0.04742587], [0.26894142, 0.73105858]], "float32"),
        (lambda: K.prod(X), -24.0, "float32"),
    ],
)
def test_backend_math_matches_tf_keras(fn, expected, dtype):
    result = fn()
    assert result.dtype.name == dtype
    np.testing.assert_allclose(result.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_backend_settings_and_shapes():
    assert K.epsilon() == 1e-07 and K.floatx() == "float32"
    assert K.image_data_format() == "channels_last"
    assert K.int_shape(np.ones((2, 3))) == (2, 3) and K.ndim(X) == 2
    assert K.int_shape(keras.Input((5,))) == (None, 5)


def test_get_uid_and_clear_session():
    K.clear_session()
    assert [K.get_uid("input"), K.get_uid("input"), K.get_uid("other")] == [1, 2, 1]
    K.clear_session()
    assert K.get_uid("input") == 1


def test_custom_metric_written_with_the_backend():
    def mean_pred(y_true, y_pred):
        return K.mean(y_pred)

    model = keras.Sequential(
        [
            keras.layers.Dense(
                1, input_shape=(3,), kernel_initializer="zeros", bias_initializer="ones"
            )
        ]
    )
    model.compile(optimizer="sgd", loss="mse", metrics=[mean_pred])
    logs = model.evaluate(np.zeros((4, 3)), np.zeros((4, 1)), verbose=0, return_dict=True)
    assert logs["mean_pred"] == pytest.approx(1.0)


def test_to_categorical():
    np.testing.assert_array_equal(
        utils.to_categorical([0, 2, 1], num_classes=3), [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    )
    one_hot = utils.to_categorical(np.array([[1], [3]]))
    assert one_hot.shape == (2, 4) and one_hot.dtype == np.float32
    assert utils.to_categorical([[0, 1], [1, 0]]).shape == (2, 2, 2)


def test_set_random_seed_makes_initialization_repeatable():
    utils.set_random_seed(7)
    first = keras.layers.Dense(3)
    first(np.ones((1, 4)))
    python_value = random.random()
    utils.set_random_seed(7)
    second = keras.layers.Dense(3)
    second(np.ones((1, 4)))
    np.testing.assert_array_equal(first.kernel.numpy(), second.kernel.numpy())
    assert random.random() == python_value
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer"):
        utils.set_random_seed(1.5)


def test_normalize_and_pad_sequences():
    np.testing.assert_allclose(utils.normalize(np.array([[3.0, 4.0]])), [[0.6, 0.8]])
    np.testing.assert_array_equal(
        utils.pad_sequences([[1, 2], [3]], maxlen=3), [[0, 1, 2], [0, 0, 3]]
    )
    np.testing.assert_array_equal(
        utils.pad_sequences([[1, 2, 3]], maxlen=2, padding="post", truncating="post"), [[1, 2]]
    )


def test_backend_math_on_symbolic_tensors_becomes_tf_op_layers():
    # "Training & evaluation with the built-in methods" calls keras.backend.std on a KerasTensor.
    keras.backend.clear_session()
    K = keras.backend
    x = keras.Input((4,))
    outs = [
        K.mean(x),
        K.std(x),
        K.sum(x),
        K.max(x),
        K.min(x),
        K.var(x),
        K.square(x),
        K.abs(x),
        K.exp(x),
        K.log(x),
        K.prod(x),
    ]
    model = keras.Model(x, outs)
    assert [layer.name for layer in model.layers] == [
        "input_1",
        "tf.math.reduce_mean",
        "tf.math.reduce_std",
        "tf.math.reduce_sum",
        "tf.math.reduce_max",
        "tf.math.reduce_min",
        "tf.math.reduce_variance",
        "tf.math.square",
        "tf.math.abs",
        "tf.math.exp",
        "tf.math.log",
        "tf.math.reduce_prod",
    ]
    values = model(np.array([[1.0, 2.0, 3.0, 4.0]], "float32"))
    np.testing.assert_allclose(values[1].numpy(), np.std([1.0, 2.0, 3.0, 4.0]), rtol=1e-6)
