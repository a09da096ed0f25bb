"""Flatten, Reshape, Permute, RepeatVector: shapes, element order, configs, errors, gradients."""

import numpy as np
import pytest

from pynn.core.errors import InvalidArgumentError
from pynn.keras.engine.input_layer import Input
from pynn.keras.layers import (
    Cropping1D,
    Flatten,
    Permute,
    RepeatVector,
    Reshape,
    UpSampling1D,
    ZeroPadding1D,
)
from tests.gradcheck import check_gradients

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


def test_flatten_keeps_the_batch_axis():
    np.testing.assert_array_equal(np.asarray(Flatten()(X)), X.reshape(2, 12))
    np.testing.assert_array_equal(np.asarray(Flatten()(np.ones((3,), np.float32))), np.ones((3, 1)))
    assert Flatten()(Input((28, 28))).shape.as_list() == [None, 784]
    assert Flatten()(Input((None, 3))).shape.as_list() == [None, None]
    assert Flatten()(np.zeros((0, 2, 2), np.float32)).shape.as_list() == [0, 4]


def test_flatten_channels_first_moves_channels_last_first():
    x = np.arange(12, dtype=np.float32).reshape(1, 3, 2, 2)  # (batch, channels, h, w)
    out = np.asarray(Flatten(data_format="channels_first")(x))
    np.testing.assert_array_equal(out, x.transpose(0, 2, 3, 1).reshape(1, 12))


def test_flatten_config_and_errors():
    assert Flatten().get_config() == {
        "name": "flatten",
        "trainable": True,
        "dtype": "float32",
        "data_format": "channels_last",
    }
    with pytest.raises(ValueError, match="expected min_ndim=1, found ndim=0"):
        Flatten()(np.float32(1.0))
    with pytest.raises(
        ValueError, match='The `data_format` argument must be one of "channels_first"'
    ):
        Flatten(data_format="nhwc")


def test_reshape_with_inferred_dimension():
    np.testing.assert_array_equal(np.asarray(Reshape((4, 3))(X)), X.reshape(2, 4, 3))
    np.testing.assert_array_equal(np.asarray(Reshape((-1, 2))(X)), X.reshape(2, 6, 2))
    assert Reshape((-1, 2))(Input((3, 4))).shape.as_list() == [None, 6, 2]
    assert Reshape((2, -1))(Input((None, 4))).shape.as_list() == [None, 2, None]
    assert Reshape((6, 2)).get_config()["target_shape"] == (6, 2)


def test_reshape_errors_name_both_shapes():
    with pytest.raises(
        ValueError,
        match=r"total size of new array must be unchanged, "
        r"input_shape = \[3, 2\], output_shape = \[4, 2\]",
    ):
        Reshape((4, 2))(Input((3, 2)))
    with pytest.raises(
        ValueError, match="There must be at most one unknown dimension in output_shape"
    ):
        Reshape((-1, -1))(Input((3, 2)))
    with pytest.raises(
        InvalidArgumentError,
        match="Input to reshape is a tensor with 12 values, but the requested shape has 16",
    ):
        Reshape((4, 2))(np.ones((2, 3, 2), np.float32))


def test_permute_reorders_sample_axes():
    np.testing.assert_array_equal(np.asarray(Permute((2, 1))(X)), X.transpose(0, 2, 1))
    assert Permute((2, 1))(Input((10, 64))).shape.as_list() == [None, 64, 10]
    assert Permute((3, 1, 2)).get_config()["dims"] == (3, 1, 2)


def test_permute_errors():
    with pytest.raises(
        ValueError,
        match='Input 0 of layer "permute" is incompatible with the layer: '
        "expected ndim=3, found ndim=4",
    ):
        Permute((2, 1))(Input((3, 4, 5)))
    with pytest.raises(
        ValueError, match=r"must be consecutive and start from 1. Received dims=\(1, 3\)"
    ):
        Permute((1, 3))


def test_repeat_vector():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    out = np.asarray(RepeatVector(3)(x))
    assert out.shape == (2, 3, 2)
    np.testing.assert_array_equal(out[:, 1], x)
    assert RepeatVector(3)(Input((32,))).shape.as_list() == [None, 3, 32]
    assert RepeatVector(3).get_config()["n"] == 3


def test_repeat_vector_errors():
    with pytest.raises(TypeError, match="Expected an integer value for `n`"):
        RepeatVector(2.0)
    with pytest.raises(ValueError, match="expected ndim=2, found ndim=3"):
        RepeatVector(2)(Input((3, 4)))


@pytest.mark.parametrize(
    "layer",
    [
        Flatten(dtype="float64"),
        Flatten(data_format="channels_first", dtype="float64"),
        Reshape((-1, 2), dtype="float64"),
        Permute((2, 1), dtype="float64"),
    ],
)
def test_gradients_3d(layer):
    check_gradients(lambda t: layer(t), np.random.default_rng(0).standard_normal((2, 3, 4)))


def test_repeat_vector_gradient_sums_the_copies():
    layer = RepeatVector(3, dtype="float64")
    (grad,) = check_gradients(lambda t: layer(t), np.array([[0.5, -1.0]]))
    assert np.asarray(grad).shape == (1, 2)


def test_zero_padding_1d():
    out = np.asarray(ZeroPadding1D((1, 2))(X))
    assert out.shape == (2, 6, 4)
    np.testing.assert_array_equal(out[:, 1:4], X)
    assert not out[:, 0].any() and not out[:, 4:].any()
    assert ZeroPadding1D(2)(Input((None, 3))).shape.as_list() == [None, None, 3]
    assert ZeroPadding1D(2).get_config()["padding"] == (2, 2)


def test_cropping_1d():
    np.testing.assert_array_equal(np.asarray(Cropping1D((1, 0))(X)), X[:, 1:])
    np.testing.assert_array_equal(
        np.asarray(Cropping1D(1)(np.ones((1, 5, 2), np.float32))), np.ones((1, 3, 2))
    )
    assert Cropping1D((2, 1))(Input((10, 3))).shape.as_list() == [None, 7, 3]
    with pytest.raises(ValueError, match="cropping parameter of Cropping layer"):
        Cropping1D((2, 1))(X)


def test_up_sampling_1d_repeats_each_step():
    out = np.asarray(UpSampling1D(2)(X))
    np.testing.assert_array_equal(out, np.repeat(X, 2, axis=1))
    assert UpSampling1D(3)(Input((4, 2))).shape.as_list() == [None, 12, 2]
    assert UpSampling1D(3).get_config()["size"] == 3


@pytest.mark.parametrize(
    "layer",
    [
        ZeroPadding1D((2, 1), dtype="float64"),
        Cropping1D((1, 1), dtype="float64"),
        UpSampling1D(3, dtype="float64"),
    ],
)
def test_1d_reshaping_gradients(layer):
    check_gradients(lambda t: layer(t), np.random.default_rng(0).standard_normal((2, 4, 3)))
