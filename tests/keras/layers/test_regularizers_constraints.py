"""keras.regularizers and keras.constraints: penalties, projections, names, configs."""

import numpy as np
import pytest

from pynn.core.tensor import constant
from pynn.keras import constraints, regularizers

W = np.array([[1.0, -2.0], [3.0, -4.0]], dtype=np.float32)


def value(t):
    return float(np.asarray(t))


def test_l1_l2_penalties():
    assert value(regularizers.L1(0.1)(constant(W))) == pytest.approx(1.0)
    assert value(regularizers.L2(0.1)(constant(W))) == pytest.approx(3.0)
    assert value(regularizers.L1L2(l1=0.1, l2=0.1)(constant(W))) == pytest.approx(4.0)
    assert value(regularizers.L1L2()(constant(W))) == 0.0


def test_string_names_use_default_factor():
    assert regularizers.get("l2").get_config() == {"l2": 0.009999999776482582}
    assert regularizers.get("l1").get_config() == {"l1": 0.009999999776482582}
    assert regularizers.get("l1_l2").get_config() == {
        "l1": 0.009999999776482582,
        "l2": 0.009999999776482582,
    }
    assert regularizers.l1_l2().get_config() == regularizers.get("l1_l2").get_config()
    assert regularizers.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert isinstance(regularizers.get("L2"), regularizers.L2)
    assert regularizers.l2 is regularizers.L2


def test_serialize_round_trip():
    config = regularizers.serialize(regularizers.l2(0.5))
    assert config == {
        "module": "keras.regularizers",
        "class_name": "L2",
        "config": {"l2": 0.5},
        "registered_name": None,
    }
    assert regularizers.get(config).l2 == 0.5


def test_regularizer_errors():
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier: 3"):
        regularizers.get(3)
    with pytest.raises(ValueError, match="Unknown regularizer: 'foo'"):
        regularizers.get("foo")
    with pytest.raises(ValueError, match="is not a valid regularization penalty number"):
        regularizers.L2("big")
    with pytest.raises(ValueError, match="an infinite number or NaN are not valid values"):
        regularizers.L1(float("nan"))


def test_orthogonal_regularizer():
    orthogonal = regularizers.OrthogonalRegularizer(factor=1.0)
    assert value(orthogonal(constant(np.eye(3, dtype=np.float32)))) == pytest.approx(0.0, abs=1e-7)
    rows = np.array([[1.0, 0.0], [1.0, 1.0]], dtype=np.float32)
    # one pair, cosine 1/sqrt(2), counted twice off the diagonal, times 0.5
    assert value(orthogonal(constant(rows))) == pytest.approx(1 / np.sqrt(2), rel=1e-5)


def test_max_norm_rescales_only_large_columns():
    w = np.array([[3.0, 0.3], [4.0, 0.4]], dtype=np.float32)  # column norms 5 and 0.5
    out = np.asarray(constraints.MaxNorm(2.0)(constant(w)))
    np.testing.assert_allclose(out[:, 0], [1.2, 1.6], rtol=1e-5)
    np.testing.assert_allclose(out[:, 1], [0.3, 0.4], rtol=1e-5)


def test_non_neg_unit_norm_min_max_norm():
    np.testing.assert_array_equal(np.asarray(constraints.NonNeg()(constant(W))), [[1, 0], [3, 0]])
    unit = np.asarray(constraints.UnitNorm()(constant(W)))
    np.testing.assert_allclose(np.linalg.norm(unit, axis=0), [1.0, 1.0], rtol=1e-5)
    w = np.array([[3.0, 0.3], [4.0, 0.4]], dtype=np.float32)
    out = np.asarray(constraints.MinMaxNorm(min_value=1.0, max_value=2.0)(constant(w)))
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [2.0, 1.0], rtol=1e-5)


def test_radial_constraint_rings_share_one_value():
    kernel = np.arange(16, dtype=np.float32).reshape(4, 4, 1, 1)
    out = np.asarray(constraints.RadialConstraint()(constant(kernel)))[:, :, 0, 0]
    # tf.keras 2.15: inner 2x2 from diagonal entry 1, outer ring from entry 3.
    expected = np.full((4, 4), 15.0)
    expected[1:3, 1:3] = 5.0
    np.testing.assert_array_equal(out, expected)
    odd = np.arange(25, dtype=np.float32).reshape(5, 5, 1, 1)
    out = np.asarray(constraints.RadialConstraint()(constant(odd)))[:, :, 0, 0]
    expected = np.full((5, 5), 18.0)  # entries 6, 12, 18 of the diagonal, inside out
    expected[1:4, 1:4] = 12.0
    expected[2, 2] = 6.0
    np.testing.assert_array_equal(out, expected)
    with pytest.raises(ValueError, match="The weight tensor must have rank 4"):
        constraints.RadialConstraint()(constant(W))


def test_constraint_names_and_configs():
    assert isinstance(constraints.get("max_norm"), constraints.MaxNorm)
    assert isinstance(constraints.get("NonNeg"), constraints.NonNeg)
    assert isinstance(constraints.get("unit_norm"), constraints.UnitNorm)
    assert constraints.serialize(constraints.MaxNorm()) == {
        "module": "keras.constraints",
        "class_name": "MaxNorm",
        "config": {"max_value": 2, "axis": 0},
        "registered_name": None,
    }
    assert constraints.MinMaxNorm().get_config() == {
        "min_value": 0.0,
        "max_value": 1.0,
        "rate": 1.0,
        "axis": 0,
    }
    restored = constraints.get(constraints.serialize(constraints.UnitNorm(axis=1)))
    assert restored.axis == 1
    with pytest.raises(ValueError, match="Unknown constraint: 'foo'"):
        constraints.get("foo")
    with pytest.raises(ValueError, match="Could not interpret constraint function identifier: 3"):
        constraints.get(3)
