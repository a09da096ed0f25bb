"""Image preprocessing layers beyond the printed parity (tests/parity/test_preprocessing.py,
which pins Resizing / CenterCrop / the transforms with fixed factors to tf.keras's numbers):
randomness while training, inference pass-through, fit's replayed steps, errors."""

import numpy as np
import pytest

from pynn import keras
from tests.keras.engine.test_step_replay import assert_replay_matches_eager

RNG = np.random.default_rng(0)
IMAGES = RNG.integers(0, 256, (16, 8, 8, 3)).astype("uint8")
LABELS = RNG.integers(0, 2, 16)


def test_random_flip_flips_some_images_only_while_training():
    keras.utils.set_random_seed(1)
    x = IMAGES.astype("float32")
    y = keras.layers.RandomFlip("horizontal")(x).numpy()  # call default: training
    flipped = [np.array_equal(a, b[:, ::-1]) for a, b in zip(y, x, strict=True)]
    kept = [np.array_equal(a, b) for a, b in zip(y, x, strict=True)]
    assert all(f or k for f, k in zip(flipped, kept, strict=True))
    assert any(flipped) and any(kept)
    np.testing.assert_array_equal(keras.layers.RandomFlip()(x, training=False).numpy(), x)


def test_random_layers_draw_new_values_each_call():
    keras.utils.set_random_seed(2)
    for layer in [
        keras.layers.RandomRotation(0.2),
        keras.layers.RandomZoom(0.3),
        keras.layers.RandomTranslation(0.2, 0.2),
        keras.layers.RandomContrast(0.5),
    ]:
        a, b = layer(IMAGES[:2]).numpy(), layer(IMAGES[:2]).numpy()
        assert a.dtype == np.float32 and a.shape == IMAGES[:2].shape
        assert not np.array_equal(a, b), type(layer).__name__


def test_augmentation_in_a_model_is_off_in_predict_and_replays_in_fit():
    def build():
        model = keras.Sequential(
            [
                keras.Input((8, 8, 3)),
                keras.layers.Rescaling(1.0 / 255),
                keras.layers.RandomFlip(),
                keras.layers.RandomRotation(0.1),
                keras.layers.RandomZoom(0.1),
                keras.layers.Conv2D(2, 3, activation="relu"),
                keras.layers.Flatten(),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile("adam", "binary_crossentropy")
        return model

    model = assert_replay_matches_eager(build, IMAGES, LABELS, epochs=2, batch_size=4)
    first = model.predict(IMAGES, verbose=0)
    np.testing.assert_array_equal(first, model.predict(IMAGES, verbose=0))


def test_resizing_and_encodings_in_a_replayed_model():
    def build():
        model = keras.Sequential(
            [
                keras.Input((8, 8, 3)),
                keras.layers.Resizing(4, 4),
                keras.layers.CenterCrop(3, 3),
                keras.layers.Flatten(),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile("sgd", "binary_crossentropy")
        return model

    assert_replay_matches_eager(build, IMAGES, LABELS, epochs=2, batch_size=4)


def test_errors():
    with pytest.raises(ValueError, match="unknown mode"):
        keras.layers.RandomFlip("diagonal")
    with pytest.raises(NotImplementedError, match="Unknown `fill_mode`"):
        keras.layers.RandomRotation(0.1, fill_mode="mirror")
    with pytest.raises(ValueError, match="between \\[-1, 1\\]"):
        keras.layers.RandomZoom(1.5)
    with pytest.raises(ValueError, match="num_tokens must be set"):
        keras.layers.CategoryEncoding()
    with pytest.raises(ValueError, match="Both `num_bins` and `bin_boundaries`"):
        keras.layers.Discretization(bin_boundaries=[0.0], num_bins=2)
