"""Dropout: only when training, scaling, noise_shape, seeds, config, errors, gradients."""

import numpy as np
import pytest

from pynn.core import random as prandom
from pynn.keras import backend
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import AlphaDropout, Dropout, GaussianDropout, SpatialDropout1D
from tests.gradcheck import check_gradients

X = np.ones((200, 50), dtype=np.float32)


def test_inference_passes_inputs_through():
    layer = Dropout(0.5)
    np.testing.assert_array_equal(np.asarray(layer(X)), X)
    np.testing.assert_array_equal(np.asarray(layer(X, training=False)), X)


def test_training_drops_about_rate_and_scales_the_rest():
    out = np.asarray(Dropout(0.3)(X, training=True))
    kept = out != 0
    assert kept.mean() == pytest.approx(0.7, abs=0.02)
    np.testing.assert_allclose(out[kept], 1 / 0.7, rtol=1e-6)
    assert out.mean() == pytest.approx(1.0, abs=0.05)


def test_learning_phase_decides_when_training_is_not_given():
    backend.set_learning_phase(1)
    try:
        assert (np.asarray(Dropout(0.5)(X)) == 0).any()
    finally:
        backend.clear_session()


def test_rate_zero_is_the_identity():
    np.testing.assert_array_equal(np.asarray(Dropout(0.0)(X, training=True)), X)


def test_noise_shape_broadcasts_the_mask():
    x = np.ones((4, 6, 5), dtype=np.float32)
    out = np.asarray(Dropout(0.5, noise_shape=(None, 1, 5))(x, training=True))
    # the same features are dropped at every timestep
    assert (out == out[:, :1, :]).all()


def test_seeded_dropout_is_reproducible_under_the_global_seed():
    prandom.set_seed(1)
    first = np.asarray(Dropout(0.5, seed=3)(X, training=True))
    prandom.set_seed(1)
    np.testing.assert_array_equal(np.asarray(Dropout(0.5, seed=3)(X, training=True)), first)


def test_config_and_symbolic_shape():
    layer = Dropout(0.25, noise_shape=(None, 1), seed=7)
    assert layer.get_config() == {
        "name": "dropout",
        "trainable": True,
        "dtype": "float32",
        "rate": 0.25,
        "noise_shape": (None, 1),
        "seed": 7,
    }
    assert layer(Input((3,))).shape.as_list() == [None, 3]


def test_invalid_rate():
    with pytest.raises(
        ValueError, match="Invalid value 1.5 received for `rate`, expected a value between 0 and 1."
    ):
        Dropout(1.5)


def test_gradient_flows_through_the_kept_units():
    layer = Dropout(0.5, dtype="float64")
    prandom.set_seed(0)
    x = np.linspace(-1, 1, 12).reshape(3, 4)

    # one fixed mask: re-seed before every evaluation of the layer
    def fn(t):
        prandom.set_seed(0)
        return layer(t, training=True)

    (grad,) = check_gradients(fn, x)
    assert set(np.unique(np.asarray(grad) == 0)) == {True, False}


def test_spatial_dropout_1d_drops_whole_channels():
    x = np.ones((8, 6, 10), dtype=np.float32)
    out = np.asarray(SpatialDropout1D(0.5)(x, training=True))
    assert (out == out[:, :1, :]).all()
    assert set(np.unique(out)) == {0.0, 2.0}
    np.testing.assert_array_equal(np.asarray(SpatialDropout1D(0.5)(x)), x)
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=2"):
        SpatialDropout1D(0.5)(np.ones((2, 3), np.float32), training=True)


def test_gaussian_dropout_multiplies_by_unit_mean_noise():
    out = np.asarray(GaussianDropout(0.2)(X, training=True))
    assert out.mean() == pytest.approx(1.0, abs=0.02)
    assert out.std() == pytest.approx(np.sqrt(0.2 / 0.8), rel=0.05)
    np.testing.assert_array_equal(np.asarray(GaussianDropout(0.2)(X)), X)
    assert GaussianDropout(0.2, seed=1).get_config()["rate"] == 0.2


def test_alpha_dropout_keeps_mean_and_variance_of_standardized_inputs():
    x = np.random.default_rng(0).standard_normal((400, 100)).astype(np.float32)
    out = np.asarray(AlphaDropout(0.2)(x, training=True))
    assert out.mean() == pytest.approx(0.0, abs=0.03)
    assert out.std() == pytest.approx(1.0, abs=0.03)
    np.testing.assert_array_equal(np.asarray(AlphaDropout(0.2)(x)), x)
    assert AlphaDropout(0.2, seed=3).get_config() == {
        "name": "alpha_dropout_2",
        "trainable": True,
        "dtype": "float32",
        "rate": 0.2,
        "seed": 3,
    }


@pytest.mark.parametrize(
    "make",
    [
        lambda: GaussianDropout(0.3, seed=4, dtype="float64"),
        lambda: AlphaDropout(0.3, seed=4, dtype="float64"),
        lambda: SpatialDropout1D(0.5, seed=4, dtype="float64"),
    ],
)
def test_noise_layers_gradients_with_a_fixed_draw(make):
    layer = make()

    def fn(t):
        prandom.set_seed(0)
        return layer(t, training=True)

    check_gradients(fn, np.linspace(-1, 1, 24).reshape(2, 3, 4))
