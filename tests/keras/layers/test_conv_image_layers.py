"""ZeroPadding2D, Cropping2D, UpSampling2D, GaussianNoise, SpatialDropout2D."""

import numpy as np
import pytest

from pynn import keras
from pynn.core import random as prandom
from pynn.keras import layers
from tests.gradcheck import check_gradients

R = np.random.default_rng(3)


def test_zero_padding_forms():
    x = np.ones((1, 2, 3, 1), "float32")
    assert tuple(layers.ZeroPadding2D()(x).shape) == (1, 4, 5, 1)
    y = layers.ZeroPadding2D(((1, 0), (0, 2)))(x).numpy()[0, :, :, 0]
    np.testing.assert_array_equal(y, [[0, 0, 0, 0, 0], [1, 1, 1, 0, 0], [1, 1, 1, 0, 0]])
    assert layers.ZeroPadding2D(2).padding == ((2, 2), (2, 2))
    with pytest.raises(ValueError, match="`padding` should have two elements"):
        layers.ZeroPadding2D((1, 2, 3))


def test_cropping_forms_and_errors():
    x = np.arange(30, dtype="float32").reshape(1, 5, 6, 1)
    y = layers.Cropping2D(((1, 2), (2, 1)))(x).numpy()[0, :, :, 0]
    np.testing.assert_array_equal(y, x[0, 1:3, 2:5, 0])
    assert layers.Cropping2D(1).compute_output_shape((None, 5, 6, 1)) == (None, 3, 4, 1)
    with pytest.raises(ValueError, match="Argument `cropping` must be greater than"):
        layers.Cropping2D(3)(x)


def test_upsampling_nearest_repeats_pixels():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32").reshape(1, 2, 2, 1)
    y = layers.UpSampling2D((2, 3))(x).numpy()[0, :, :, 0]
    np.testing.assert_array_equal(y, np.repeat(np.repeat(x[0, :, :, 0], 2, 0), 3, 1))
    with pytest.raises(ValueError, match="Value not recognized for `interpolation`"):
        layers.UpSampling2D(interpolation="cubic-ish")


def test_gaussian_noise_only_while_training():
    prandom.set_seed(0)
    noise = layers.GaussianNoise(0.5)
    x = np.zeros((2000, 5), "float32")
    np.testing.assert_array_equal(noise(x).numpy(), x)
    assert noise(x, training=True).numpy().std() == pytest.approx(0.5, rel=0.05)


def test_spatial_dropout_drops_whole_channels():
    prandom.set_seed(0)
    drop = layers.SpatialDropout2D(0.5)
    x = np.ones((4, 3, 3, 8), "float32")
    y = drop(x, training=True).numpy()
    # each (sample, channel) feature map is all zeros or all 2s
    per_map = y.reshape(4, 9, 8)
    assert np.all(per_map.min(axis=1) == per_map.max(axis=1))
    assert set(np.unique(y)) <= {0.0, 2.0}
    np.testing.assert_array_equal(drop(x).numpy(), x)
    first = layers.SpatialDropout2D(0.5, data_format="channels_first")
    per_map = first(x, training=True).numpy().reshape(4, 3, 24)
    assert np.all(per_map.min(axis=2) == per_map.max(axis=2))
    with pytest.raises(ValueError, match="`data_format` must be"):
        layers.SpatialDropout2D(0.5, data_format="NHWC")


def test_image_layers_in_a_cnn_train():
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.ZeroPadding2D(),
            layers.Conv2D(4, 3, strides=2),
            layers.UpSampling2D(),
            layers.Cropping2D(1),
            layers.SpatialDropout2D(0.2),
            layers.GaussianNoise(0.1),
            layers.Flatten(),
            layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    history = model.fit(
        R.random((16, 8, 8, 1)).astype("float32"), R.integers(0, 2, 16), epochs=2, verbose=0
    )
    assert len(history.history["loss"]) == 2


@pytest.mark.parametrize(
    "make,shape",
    [
        (lambda: layers.ZeroPadding2D(((1, 0), (2, 1)), dtype="float64"), (1, 2, 3, 2)),
        (lambda: layers.Cropping2D(((1, 0), (0, 1)), dtype="float64"), (1, 3, 3, 2)),
        (lambda: layers.UpSampling2D((2, 3), dtype="float64"), (1, 2, 2, 2)),
        (lambda: layers.UpSampling2D(2, interpolation="bilinear", dtype="float64"), (1, 3, 2, 1)),
    ],
)
def test_image_layer_gradients(make, shape):
    check_gradients(make(), R.standard_normal(shape))
