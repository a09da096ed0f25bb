"""Pooling layers: shapes, aliases, masks, errors, configs and gradients."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers
from tests.gradcheck import check_gradients

R = np.random.default_rng(1)


def test_aliases_are_the_same_classes():
    assert layers.MaxPool2D is layers.MaxPooling2D
    assert layers.MaxPool1D is layers.MaxPooling1D
    assert layers.AvgPool2D is layers.AveragePooling2D
    assert layers.AvgPool1D is layers.AveragePooling1D
    assert layers.GlobalMaxPool2D is layers.GlobalMaxPooling2D
    assert layers.GlobalAvgPool1D is layers.GlobalAveragePooling1D


def test_tutorial_stack_shapes():
    # the "Conv2D and MaxPooling2D added step by step" tutorial
    model = keras.Sequential(
        [
            keras.Input(shape=(250, 250, 3)),
            layers.Conv2D(32, 5, strides=2, activation="relu"),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(3),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(3),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.GlobalMaxPooling2D(),
        ]
    )
    assert [layer.output_shape for layer in model.layers] == [
        (None, 123, 123, 32),
        (None, 121, 121, 32),
        (None, 40, 40, 32),
        (None, 38, 38, 32),
        (None, 36, 36, 32),
        (None, 12, 12, 32),
        (None, 10, 10, 32),
        (None, 8, 8, 32),
        (None, 4, 4, 32),
        (None, 32),
    ]


def test_max_pooling_picks_the_window_maximum():
    x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    y = layers.MaxPooling2D()(x).numpy()
    np.testing.assert_array_equal(y[0, :, :, 0], [[5, 7], [13, 15]])
    y = layers.AveragePooling2D(pool_size=(2, 2), strides=(1, 1), padding="same")(x).numpy()
    # the last column only averages the two real inputs under its window
    assert y[0, 0, 3, 0] == pytest.approx((3 + 7) / 2)


def test_global_average_pooling1d_ignores_masked_steps():
    x = np.array([[[1.0], [3.0], [100.0]]], "float32")
    mask = np.array([[True, True, False]])
    assert layers.GlobalAveragePooling1D()(x, mask=mask).numpy()[0, 0] == pytest.approx(2.0)
    embedded = layers.Embedding(5, 2, mask_zero=True)
    model = keras.Sequential([embedded, layers.GlobalAveragePooling1D()])
    tokens = np.array([[1, 2, 0, 0]])
    out = model(tokens).numpy()
    vectors = embedded.embeddings.numpy()
    np.testing.assert_allclose(out[0], vectors[[1, 2]].mean(axis=0), rtol=1e-6)


def test_pool_larger_than_input_and_bad_padding():
    with pytest.raises(ValueError, match="<= 0 due to downsampling in max_pooling2d"):
        keras.Sequential([keras.Input(shape=(2, 2, 1)), layers.MaxPooling2D(3)])
    with pytest.raises(ValueError, match='must be a list/tuple or one of "valid", "same"'):
        layers.MaxPooling2D(2, padding="full")
    with pytest.raises(ValueError, match="expected ndim=4, found ndim=3"):
        layers.MaxPooling2D()(np.zeros((1, 4, 4), "float32"))


def test_pooling_configs_match_tf_keras():
    assert layers.MaxPooling2D().get_config() == {
        "name": "max_pooling2d",
        "trainable": True,
        "dtype": "float32",
        "pool_size": (2, 2),
        "padding": "valid",
        "strides": (2, 2),
        "data_format": "channels_last",
    }
    assert list(layers.MaxPooling1D().get_config())[3:] == [
        "strides",
        "pool_size",
        "padding",
        "data_format",
    ]
    assert layers.GlobalAveragePooling2D(keepdims=True).get_config()["keepdims"] is True


@pytest.mark.parametrize(
    "make,shape",
    [
        (lambda: layers.MaxPooling2D(3, 2, padding="same", dtype="float64"), (1, 5, 6, 2)),
        (lambda: layers.AveragePooling2D(2, 1, dtype="float64"), (2, 3, 4, 2)),
        (lambda: layers.MaxPooling1D(2, dtype="float64"), (2, 6, 3)),
        (lambda: layers.AveragePooling1D(3, 2, padding="same", dtype="float64"), (2, 5, 2)),
        (lambda: layers.GlobalMaxPooling2D(dtype="float64"), (2, 3, 3, 2)),
        (lambda: layers.GlobalAveragePooling2D(dtype="float64"), (2, 3, 3, 2)),
        (lambda: layers.GlobalMaxPooling1D(dtype="float64"), (2, 4, 3)),
        (lambda: layers.GlobalAveragePooling1D(dtype="float64"), (2, 4, 3)),
    ],
)
def test_pooling_gradients(make, shape):
    layer = make()
    # distinct values keep every maximum unique under finite differences
    x = R.permutation(np.arange(np.prod(shape)) * 0.1).reshape(shape)
    check_gradients(layer, x)
