"""Merge layers and their lowercase functions: values, broadcasting, shapes, errors, gradients."""

import numpy as np
import pytest

from pynn.keras import layers
from pynn.keras.engine.input_layer import Input
from tests.gradcheck import check_gradients

RNG = np.random.default_rng(0)
A = RNG.standard_normal((4, 3)).astype(np.float32)
B = RNG.standard_normal((4, 3)).astype(np.float32)
C = RNG.standard_normal((4, 3)).astype(np.float32)

ELEMENTWISE = [
    (layers.Add, layers.add, lambda xs: xs[0] + xs[1] + xs[2]),
    (layers.Multiply, layers.multiply, lambda xs: xs[0] * xs[1] * xs[2]),
    (layers.Average, layers.average, lambda xs: (xs[0] + xs[1] + xs[2]) / 3),
    (layers.Maximum, layers.maximum, lambda xs: np.maximum(np.maximum(xs[0], xs[1]), xs[2])),
    (layers.Minimum, layers.minimum, lambda xs: np.minimum(np.minimum(xs[0], xs[1]), xs[2])),
]


@pytest.mark.parametrize("cls, function, expected", ELEMENTWISE)
def test_elementwise_merges_of_three_inputs(cls, function, expected):
    np.testing.assert_allclose(np.asarray(cls()([A, B, C])), expected([A, B, C]), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(function([A, B, C])), expected([A, B, C]), rtol=1e-6)
    assert cls()([Input((5, 3)), Input((5, 3))]).shape.as_list() == [None, 5, 3]


def test_names_and_configs():
    assert layers.Add().name == "add"
    assert layers.Concatenate(axis=1).get_config() == {
        "name": "concatenate",
        "trainable": True,
        "dtype": "float32",
        "axis": 1,
    }
    assert layers.Dot(axes=(1, 2), normalize=True).get_config() == {
        "name": "dot",
        "trainable": True,
        "dtype": "float32",
        "axes": (1, 2),
        "normalize": True,
    }
    assert layers.Subtract().get_config() == {
        "name": "subtract",
        "trainable": True,
        "dtype": "float32",
    }


def test_subtract_takes_exactly_two_inputs():
    np.testing.assert_allclose(np.asarray(layers.subtract([A, B])), A - B)
    with pytest.raises(
        ValueError,
        match=r"A `Subtract` layer should be called on exactly 2 inputs. "
        r"Received: input_shape=\[\(None, 3\), \(None, 3\), \(None, 3\)\]",
    ):
        layers.Subtract()([Input((3,)), Input((3,)), Input((3,))])


def test_broadcasting_of_size_one_axes_and_lower_rank_inputs():
    assert layers.Add()([Input((3, 1)), Input((1, 4))]).shape.as_list() == [None, 3, 4]
    x = RNG.standard_normal((2, 5, 3)).astype(np.float32)
    y = RNG.standard_normal((2, 3)).astype(np.float32)
    # the lower-rank input gets its new axes right after the batch axis
    np.testing.assert_allclose(np.asarray(layers.Multiply()([x, y])), x * y[:, None, :], rtol=1e-6)


def test_elementwise_shape_errors():
    with pytest.raises(
        ValueError, match=r"Inputs have incompatible shapes. Received shapes \(3,\) and \(4,\)"
    ):
        layers.Add()([Input((3,)), Input((4,))])
    with pytest.raises(
        ValueError,
        match=r"A merge layer should be called on a list of inputs. "
        r"Received: input_shape=\(None, 3\) \(not a list of shapes\)",
    ):
        layers.Add()(Input((3,)))
    with pytest.raises(ValueError, match="Cannot merge tensors with different batch sizes"):
        layers.Add()([Input((3,), batch_size=4), Input((3,), batch_size=5)])


def test_concatenate_values_and_shapes():
    x = RNG.standard_normal((2, 3, 4)).astype(np.float32)
    y = RNG.standard_normal((2, 5, 4)).astype(np.float32)
    np.testing.assert_array_equal(
        np.asarray(layers.Concatenate(axis=1)([x, y])), np.concatenate([x, y], 1)
    )
    np.testing.assert_array_equal(
        np.asarray(layers.concatenate([A, B])), np.concatenate([A, B], -1)
    )
    assert layers.concatenate([Input((3,)), Input((5,))]).shape.as_list() == [None, 8]
    assert layers.Concatenate(axis=1)([Input((3, 2)), Input((4, 2))]).shape.as_list() == [
        None,
        7,
        2,
    ]
    assert layers.Concatenate(axis=1)([Input((None, 2)), Input((4, 2))]).shape.as_list() == [
        None,
        None,
        2,
    ]


def test_concatenate_errors():
    with pytest.raises(
        ValueError,
        match=r"A `Concatenate` layer requires inputs with matching shapes "
        r"except for the concatenation axis. Received: input_shape="
        r"\[\(None, 3, 2\), \(None, 4, 3\)\]",
    ):
        layers.Concatenate()([Input((3, 2)), Input((4, 3))])
    with pytest.raises(
        ValueError, match="A `Concatenate` layer should be called on a list of at least 1 input"
    ):
        layers.Concatenate()(Input((3,)))


@pytest.mark.parametrize(
    "shape_a, shape_b, axes, expected_shape",
    [
        ((3,), (3,), 1, (None, 1)),
        ((3, 4), (4, 5), (2, 1), (None, 3, 5)),
        ((3, 4), (3, 5), (1, 1), (None, 4, 5)),
        ((3, 4), (5, 4), 2, (None, 3, 5)),
        ((3, 4), (3,), 1, (None, 4)),
        ((3, 4), (5, 4), -1, (None, 3, 5)),
    ],
)
def test_dot_shapes_and_values(shape_a, shape_b, axes, expected_shape):
    assert (
        tuple(layers.Dot(axes)([Input(shape_a), Input(shape_b)]).shape.as_list()) == expected_shape
    )
    a = RNG.standard_normal((2,) + shape_a).astype(np.float32)
    b = RNG.standard_normal((2,) + shape_b).astype(np.float32)
    ax = (axes, axes) if isinstance(axes, int) else axes
    ax = (ax[0] % a.ndim, ax[1] % b.ndim)
    expected = np.stack([np.tensordot(a[i], b[i], axes=(ax[0] - 1, ax[1] - 1)) for i in range(2)])
    if expected.ndim == 1:
        expected = expected[:, None]
    out = np.asarray(layers.dot([a, b], axes=axes))
    assert out.shape == (2,) + expected_shape[1:]
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


def test_dot_normalize_gives_cosine_similarity():
    out = np.asarray(layers.Dot(axes=1, normalize=True)([A, B]))
    cosine = (A * B).sum(1) / np.linalg.norm(A, axis=1) / np.linalg.norm(B, axis=1)
    np.testing.assert_allclose(out[:, 0], cosine, rtol=1e-5)


def test_dot_errors():
    with pytest.raises(
        ValueError,
        match=r"Incompatible input shapes: axis values 3 \(at axis 1\) != 4 "
        r"\(at axis 1\). Full input shapes: \(None, 3\), \(None, 4\)",
    ):
        layers.Dot(axes=1)([Input((3,)), Input((4,))])
    with pytest.raises(ValueError, match=r"it should contain two elements. Received: axes=\[1\]"):
        layers.Dot(axes=[1])
    with pytest.raises(
        TypeError, match="Invalid type for argument `axes`: it should be a list or an int"
    ):
        layers.Dot(axes="a")
    with pytest.raises(ValueError, match="A `Dot` layer should be called on a list of 2 inputs"):
        layers.Dot(axes=1)([Input((3,)), Input((3,)), Input((3,))])


@pytest.mark.parametrize(
    "make",
    [
        lambda: layers.Add(dtype="float64"),
        lambda: layers.Subtract(dtype="float64"),
        lambda: layers.Multiply(dtype="float64"),
        lambda: layers.Average(dtype="float64"),
        lambda: layers.Maximum(dtype="float64"),
        lambda: layers.Minimum(dtype="float64"),
        lambda: layers.Concatenate(axis=1, dtype="float64"),
        lambda: layers.Dot(axes=(2, 2), dtype="float64"),
        lambda: layers.Dot(axes=1, normalize=True, dtype="float64"),
    ],
)
def test_gradients_wrt_every_input(make):
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 3, 4))
    layer = make()
    check_gradients(lambda x, y: layer([x, y]), a, b)


def test_gradient_through_rank_expansion():
    layer = layers.Add(dtype="float64")
    check_gradients(
        lambda x, y: layer([x, y]), RNG.standard_normal((2, 3, 4)), RNG.standard_normal((2, 4))
    )
