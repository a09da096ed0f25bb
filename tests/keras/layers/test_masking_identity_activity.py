"""Masking, Identity, ActivityRegularization, ThresholdedReLU."""

import numpy as np
import pytest

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import constant
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import ActivityRegularization, Identity, Masking, ThresholdedReLU
from tests.gradcheck import check_gradients

X = np.array([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]], dtype=np.float32)  # (1, 3 steps, 2)


def test_masking_marks_all_padding_timesteps():
    out = Masking()(X)
    np.testing.assert_array_equal(np.asarray(out), X)
    np.testing.assert_array_equal(np.asarray(out._keras_mask), [[True, False, True]])
    other = Masking(mask_value=1.0)(np.ones((1, 2, 2), np.float32))
    np.testing.assert_array_equal(np.asarray(other), np.zeros((1, 2, 2)))
    assert Masking(mask_value=-1.0).get_config()["mask_value"] == -1.0
    assert Masking()(Input((5, 2))).shape.as_list() == [None, 5, 2]


def test_masking_gradients():
    layer = Masking(dtype="float64")
    check_gradients(lambda t: layer(t), np.array([[[0.5, -1.0], [0.0, 2.0]]]))
    # masked steps sit on a discontinuity; the tape gives them zero gradient
    x = constant(np.array([[[0.5, -1.0], [0.0, 0.0]]]))
    with GradientTape() as tape:
        tape.watch(x)
        y = ops.sum(layer(x))
    np.testing.assert_array_equal(np.asarray(tape.gradient(y, x)), [[[1.0, 1.0], [0.0, 0.0]]])


def test_identity_returns_its_input():
    np.testing.assert_array_equal(np.asarray(Identity()(X)), X)
    assert Identity()(Input((4,))).shape.as_list() == [None, 4]


def test_activity_regularization_adds_a_batch_averaged_loss():
    layer = ActivityRegularization(l1=0.1, l2=0.5)
    x = np.array([[1.0, -2.0], [3.0, 0.0]], dtype=np.float32)
    np.testing.assert_array_equal(np.asarray(layer(x)), x)
    (loss,) = layer.losses
    expected = (0.1 * np.abs(x).sum() + 0.5 * (x**2).sum()) / 2
    assert float(np.asarray(loss)) == pytest.approx(expected, rel=1e-6)
    assert layer.get_config()["l1"] == 0.1 and layer.get_config()["l2"] == 0.5


def test_thresholded_relu():
    x = np.array([[-1.0, 0.5, 1.0, 1.5]], dtype=np.float32)
    np.testing.assert_array_equal(np.asarray(ThresholdedReLU()(x)), [[0.0, 0.0, 0.0, 1.5]])
    assert ThresholdedReLU(theta=0.4).get_config()["theta"] == pytest.approx(0.4)
    with pytest.raises(ValueError, match="should be >=0. Received: -1"):
        ThresholdedReLU(theta=-1)
    layer = ThresholdedReLU(theta=0.2, dtype="float64")
    check_gradients(lambda t: layer(t), np.array([[-0.7, 0.1, 0.9]]))
