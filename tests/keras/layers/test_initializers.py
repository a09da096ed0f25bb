"""keras.initializers: statistics, fans, seeds, names, errors."""

import math

import numpy as np
import pytest

from pynn.core import random as prandom
from pynn.keras import initializers

SHAPE = (400, 300)


def draw(init, shape=SHAPE, dtype=None):
    values = np.asarray(init(shape, dtype=dtype))
    assert values.shape == tuple(shape)
    return values


@pytest.mark.parametrize(
    "name, distribution, scale, fan",
    [
        ("glorot_uniform", "uniform", 1.0, (400 + 300) / 2),
        ("glorot_normal", "normal", 1.0, (400 + 300) / 2),
        ("he_uniform", "uniform", 2.0, 400),
        ("he_normal", "normal", 2.0, 400),
        ("lecun_uniform", "uniform", 1.0, 400),
        ("lecun_normal", "normal", 1.0, 400),
    ],
)
def test_variance_scaling_family_statistics(name, distribution, scale, fan):
    values = draw(initializers.get(name))
    assert values.dtype == np.float32
    expected_std = math.sqrt(scale / fan)
    assert abs(values.mean()) < 0.05 * expected_std * 3
    assert values.std() == pytest.approx(expected_std, rel=0.03)
    if distribution == "uniform":
        limit = math.sqrt(3 * scale / fan)
        assert values.max() <= limit and values.min() >= -limit
        assert values.max() > 0.99 * limit
    else:  # truncated at two (pre-correction) standard deviations
        assert np.abs(values).max() <= 2 * expected_std / 0.87962566103423978 + 1e-6


def test_conv_kernel_fans_use_the_receptive_field():
    assert initializers.compute_fans((3, 3, 16, 32)) == (3 * 3 * 16, 3 * 3 * 32)
    assert initializers.compute_fans((5,)) == (5, 5)
    assert initializers.compute_fans(()) == (1, 1)
    values = draw(initializers.HeUniform(), (3, 3, 64, 128))
    limit = math.sqrt(6 / (3 * 3 * 64))
    assert values.max() <= limit and values.max() > 0.99 * limit


def test_random_normal_uniform_truncated():
    normal = draw(initializers.RandomNormal(mean=1.0, stddev=2.0))
    assert normal.mean() == pytest.approx(1.0, abs=0.05)
    assert normal.std() == pytest.approx(2.0, rel=0.02)
    uniform = draw(initializers.RandomUniform(minval=-1.0, maxval=3.0))
    assert uniform.min() >= -1.0 and uniform.max() < 3.0
    assert uniform.mean() == pytest.approx(1.0, abs=0.03)
    truncated = draw(initializers.TruncatedNormal(mean=0.0, stddev=1.0))
    assert np.abs(truncated).max() <= 2.0
    assert truncated.std() == pytest.approx(0.8796, rel=0.03)


def test_default_random_normal_and_uniform_arguments():
    assert initializers.RandomNormal().get_config() == {"mean": 0.0, "stddev": 0.05, "seed": None}
    assert initializers.RandomUniform().get_config() == {
        "minval": -0.05,
        "maxval": 0.05,
        "seed": None,
    }


def test_constant_zeros_ones_identity():
    np.testing.assert_array_equal(draw(initializers.Zeros(), (2, 3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(draw(initializers.get("ones"), (2,)), [1.0, 1.0])
    np.testing.assert_array_equal(draw(initializers.Constant(3.0), (2, 2)), np.full((2, 2), 3.0))
    np.testing.assert_array_equal(
        draw(initializers.Identity(gain=2.0), (2, 3)), [[2, 0, 0], [0, 2, 0]]
    )
    assert draw(initializers.Zeros(), (2,), dtype="int32").dtype == np.int32


def test_orthogonal_columns_are_orthonormal():
    q = draw(initializers.Orthogonal(), (6, 4)).astype(np.float64)
    np.testing.assert_allclose(q.T @ q, np.eye(4), atol=1e-5)
    wide = draw(initializers.Orthogonal(gain=3.0), (3, 5)).astype(np.float64)
    np.testing.assert_allclose(wide @ wide.T, 9 * np.eye(3), atol=1e-4)
    assert draw(initializers.Orthogonal(), (2, 3, 4)).shape == (2, 3, 4)


def test_shape_errors():
    with pytest.raises(
        ValueError, match=r"at least two-dimensional. Received: shape=\(3,\) of rank 1."
    ):
        initializers.Orthogonal()((3,))
    with pytest.raises(
        ValueError, match="Identity matrix initializer can only be used for 2D matrices"
    ):
        initializers.Identity()((2, 2, 2))


def test_seeded_initializer_repeats_and_unseeded_follows_global_seed():
    seeded = initializers.GlorotUniform(seed=3)
    np.testing.assert_array_equal(draw(seeded, (4, 4)), draw(seeded, (4, 4)))
    np.testing.assert_array_equal(
        draw(seeded, (4, 4)), draw(initializers.GlorotUniform(seed=3), (4, 4))
    )
    prandom.set_seed(7)
    first = draw(initializers.RandomNormal(), (3,))
    prandom.set_seed(7)
    np.testing.assert_array_equal(first, draw(initializers.RandomNormal(), (3,)))
    assert not np.array_equal(draw(initializers.RandomNormal(), (3,)), first)


def test_names_aliases_and_classes():
    assert isinstance(initializers.get("one"), initializers.Ones)
    assert isinstance(initializers.get("zero"), initializers.Zeros)
    assert isinstance(initializers.get("normal"), initializers.RandomNormal)
    assert isinstance(initializers.get("uniform"), initializers.RandomUniform)
    assert isinstance(initializers.get("GlorotUniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("variance_scaling"), initializers.VarianceScaling)
    assert isinstance(initializers.get(initializers.HeNormal), initializers.HeNormal)
    assert initializers.glorot_uniform is initializers.GlorotUniform
    assert initializers.get(None) is None


def test_serialize_round_trip():
    config = initializers.serialize(initializers.VarianceScaling(scale=2.0, mode="fan_out"))
    assert config == {
        "module": "keras.initializers",
        "class_name": "VarianceScaling",
        "config": {
            "scale": 2.0,
            "mode": "fan_out",
            "distribution": "truncated_normal",
            "seed": None,
        },
        "registered_name": None,
    }
    restored = initializers.get(config)
    assert isinstance(restored, initializers.VarianceScaling) and restored.mode == "fan_out"
    assert initializers.serialize(initializers.GlorotUniform())["config"] == {"seed": None}


def test_unknown_initializer_errors():
    with pytest.raises(
        ValueError,
        match=r"Unknown initializer: 'foo'. Please ensure you are using a `keras.utils.custom_object_scope`",
    ):
        initializers.get("foo")
    with pytest.raises(ValueError, match="Could not interpret initializer identifier: 3"):
        initializers.get(3)


def test_variance_scaling_argument_errors():
    with pytest.raises(ValueError, match="`scale` must be positive float. Received: scale=0"):
        initializers.VarianceScaling(scale=0)
    with pytest.raises(ValueError, match="Invalid `mode` argument: fan"):
        initializers.VarianceScaling(mode="fan")
    with pytest.raises(ValueError, match="Invalid `distribution` argument: gamma"):
        initializers.VarianceScaling(distribution="gamma")


def test_random_initializers_reject_integer_dtypes():
    with pytest.raises(ValueError, match="Expected floating point type, got int32."):
        initializers.GlorotUniform()((2, 2), dtype="int32")
