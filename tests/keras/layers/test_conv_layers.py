"""Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D: shapes, errors,
configs and gradients (numbers against tf.keras are in test_conv_parity.py)."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers
from tests.gradcheck import check_gradients

R = np.random.default_rng(0)


def rand(*shape, dtype="float32"):
    return R.standard_normal(shape).astype(dtype)


# ------------------------------------------------------------------------ shapes
@pytest.mark.parametrize(
    "layer,input_shape,output_shape",
    [
        (lambda: layers.Conv2D(32, 3), (28, 28, 1), (None, 26, 26, 32)),
        (lambda: layers.Conv2D(8, 3, strides=2, padding="same"), (7, 8, 3), (None, 4, 4, 8)),
        (lambda: layers.Conv2D(8, 5, strides=2), (123, 123, 3), (None, 60, 60, 8)),
        (lambda: layers.Conv2D(4, 3, dilation_rate=2), (9, 9, 2), (None, 5, 5, 4)),
        (lambda: layers.Conv2D(4, 3, data_format="channels_first"), (2, 9, 7), (None, 4, 7, 5)),
        (lambda: layers.Conv1D(4, 3, padding="causal"), (10, 2), (None, 10, 4)),
        (lambda: layers.Conv1D(4, 3, strides=2), (10, 2), (None, 4, 4)),
        (lambda: layers.Conv2DTranspose(4, 3, strides=2), (5, 6, 2), (None, 11, 13, 4)),
        (
            lambda: layers.Conv2DTranspose(4, 3, strides=2, padding="same"),
            (5, 6, 2),
            (None, 10, 12, 4),
        ),
        (lambda: layers.DepthwiseConv2D(3, depth_multiplier=3), (8, 8, 2), (None, 6, 6, 6)),
        (lambda: layers.SeparableConv2D(5, 3, padding="same"), (8, 8, 2), (None, 8, 8, 5)),
    ],
)
def test_output_shapes_in_a_sequential_model(layer, input_shape, output_shape):
    model = keras.Sequential([keras.Input(shape=input_shape), layer()])
    assert model.output_shape == output_shape
    batch = model.predict(rand(2, *input_shape), verbose=0)
    assert batch.shape == (2,) + output_shape[1:]


def test_weights_have_tf_keras_names_shapes_and_order():
    conv = layers.Conv2D(6, (3, 2), groups=2)
    conv(np.zeros((1, 8, 8, 4), "float32"))
    assert [(w.name, tuple(w.shape)) for w in conv.weights] == [
        ("conv2d/kernel:0", (3, 2, 2, 6)),
        ("conv2d/bias:0", (6,)),
    ]
    transpose = layers.Conv2DTranspose(5, 3)
    transpose(np.zeros((1, 8, 8, 4), "float32"))
    assert [tuple(w.shape) for w in transpose.weights] == [(3, 3, 5, 4), (5,)]
    depthwise = layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False)
    depthwise(np.zeros((1, 8, 8, 4), "float32"))
    assert [(w.name, tuple(w.shape)) for w in depthwise.weights] == [
        ("depthwise_conv2d/depthwise_kernel:0", (3, 3, 4, 2))
    ]
    separable = layers.SeparableConv2D(7, 3, depth_multiplier=2)
    separable(np.zeros((1, 8, 8, 4), "float32"))
    assert [(w.name, tuple(w.shape)) for w in separable.weights] == [
        ("separable_conv2d/depthwise_kernel:0", (3, 3, 4, 2)),
        ("separable_conv2d/pointwise_kernel:0", (1, 1, 8, 7)),
        ("separable_conv2d/bias:0", (7,)),
    ]


def test_causal_conv1d_never_looks_ahead():
    conv = layers.Conv1D(2, 3, padding="causal", dilation_rate=2)
    x = rand(1, 10, 3)
    changed = x.copy()
    changed[:, 6:] += 5.0
    a, b = conv(x).numpy(), conv(changed).numpy()
    np.testing.assert_allclose(a[:, :6], b[:, :6], rtol=1e-6)
    assert not np.allclose(a[:, 6:], b[:, 6:])


def test_channels_first_equals_channels_last_on_transposed_data():
    last = layers.Conv2D(4, 3, strides=2, padding="same")
    first = layers.Conv2D(4, 3, strides=2, padding="same", data_format="channels_first")
    x = rand(2, 9, 7, 3)
    last(x)
    first(x.transpose(0, 3, 1, 2))
    first.set_weights(last.get_weights())
    np.testing.assert_allclose(
        first(x.transpose(0, 3, 1, 2)).numpy(), last(x).numpy().transpose(0, 3, 1, 2), atol=1e-5
    )


def test_extra_leading_batch_axes_are_folded():
    conv = layers.Conv2D(3, 2)
    x = rand(2, 3, 5, 5, 1)
    y = conv(x)
    assert tuple(y.shape) == (2, 3, 4, 4, 3)
    np.testing.assert_allclose(y.numpy()[1, 2], conv(x[1, 2][None]).numpy()[0], atol=1e-6)


# ------------------------------------------------------------------------ errors
def test_kernel_larger_than_input_names_the_layer_and_shape():
    with pytest.raises(ValueError) as err:
        keras.Sequential([layers.Conv2D(32, 5, input_shape=(2, 2, 1))])
    assert str(err.value) == (
        "One of the dimensions in the output is <= 0 due to downsampling in conv2d. Consider "
        "increasing the input size. Received input shape [None, 2, 2, 1] which would produce "
        "output shape with a zero or negative value in a dimension."
    )


def test_kernel_larger_than_input_eagerly_and_for_other_layers():
    with pytest.raises(ValueError, match="<= 0 due to downsampling in conv2d"):
        layers.Conv2D(4, 3)(np.zeros((1, 2, 2, 1), "float32"))
    with pytest.raises(ValueError, match="downsampling in depthwise_conv2d"):
        layers.DepthwiseConv2D(5)(np.zeros((1, 4, 4, 1), "float32"))
    with pytest.raises(ValueError, match="downsampling in conv1d"):
        layers.Conv1D(4, 5)(np.zeros((1, 2, 1), "float32"))


def test_wrong_rank_input_is_reported_like_keras():
    with pytest.raises(ValueError) as err:
        keras.Sequential([keras.Input(shape=(10,)), layers.Conv2D(32, 3)])
    assert str(err.value) == (
        'Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, '
        "found ndim=2. Full shape received: (None, 10)"
    )


@pytest.mark.parametrize(
    "make,message",
    [
        (
            lambda: layers.Conv2D(4, 3, padding="full"),
            (
                'The `padding` argument must be a list/tuple or one of "valid", "same" (or "causal", '
                "only for `Conv1D). Received: full"
            ),
        ),
        (lambda: layers.Conv2D(4, 3, padding="causal"), "Causal padding is only supported"),
        (lambda: layers.Conv2D(0, 3), "Received filters=0"),
        (lambda: layers.Conv2D(4, (3, 3, 3)), "The `kernel_size` argument must be a tuple of 2"),
        (lambda: layers.Conv2D(5, 3, groups=2), "evenly divisible by the number of groups"),
        (
            lambda: layers.Conv2D(4, 3, strides=2, dilation_rate=2),
            "`strides > 1` not supported in conjunction with `dilation_rate > 1`",
        ),
        (lambda: layers.Conv2D(4, 3, data_format="NHWC"), "data_format"),
        (
            lambda: layers.Conv2DTranspose(4, 3, strides=2, output_padding=2),
            "Strides must be greater than output padding",
        ),
    ],
)
def test_bad_arguments_raise_value_error(make, message):
    with pytest.raises(ValueError) as err:
        make()
    assert message in str(err.value)


def test_input_channels_must_match_groups():
    with pytest.raises(ValueError, match="input channels must be evenly divisible"):
        layers.Conv2D(4, 3, groups=2)(np.zeros((1, 5, 5, 3), "float32"))


# ------------------------------------------------------------------------ configs
def test_conv2d_config_matches_tf_keras_and_round_trips():
    conv = layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1))
    config = conv.get_config()
    assert list(config) == [
        "name",
        "trainable",
        "dtype",
        "batch_input_shape",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
        "kernel_initializer",
        "bias_initializer",
        "kernel_regularizer",
        "bias_regularizer",
        "activity_regularizer",
        "kernel_constraint",
        "bias_constraint",
    ]
    assert config["kernel_size"] == (3, 3) and config["strides"] == (1, 1)
    assert config["kernel_initializer"]["class_name"] == "GlorotUniform"
    clone = layers.Conv2D.from_config(config)
    assert clone.get_config() == config


def test_depthwise_separable_transpose_config_keys():
    assert list(layers.DepthwiseConv2D(3).get_config())[3:] == [
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
        "bias_initializer",
        "bias_regularizer",
        "activity_regularizer",
        "bias_constraint",
        "depth_multiplier",
        "depthwise_initializer",
        "depthwise_regularizer",
        "depthwise_constraint",
    ]
    assert list(layers.SeparableConv2D(4, 3).get_config())[-7:] == [
        "depth_multiplier",
        "depthwise_initializer",
        "pointwise_initializer",
        "depthwise_regularizer",
        "pointwise_regularizer",
        "depthwise_constraint",
        "pointwise_constraint",
    ]
    assert list(layers.Conv2DTranspose(4, 3).get_config())[-2:] == [
        "bias_constraint",
        "output_padding",
    ]


# ------------------------------------------------------------------------ gradients
LAYERS = [
    (lambda: layers.Conv2D(3, 3, strides=2, padding="same", dtype="float64"), (2, 5, 4, 2)),
    (
        lambda: layers.Conv2D(4, 2, groups=2, dilation_rate=2, activation="tanh", dtype="float64"),
        (1, 5, 5, 4),
    ),
    (lambda: layers.Conv2D(2, 2, data_format="channels_first", dtype="float64"), (1, 3, 4, 4)),
    (lambda: layers.Conv1D(3, 3, padding="causal", dtype="float64"), (2, 6, 2)),
    (
        lambda: layers.Conv2DTranspose(2, 3, strides=2, output_padding=1, dtype="float64"),
        (1, 3, 2, 2),
    ),
    (
        lambda: layers.DepthwiseConv2D(3, strides=2, depth_multiplier=2, dtype="float64"),
        (1, 5, 5, 2),
    ),
    (lambda: layers.SeparableConv2D(3, 2, padding="same", dtype="float64"), (1, 4, 4, 2)),
]


@pytest.mark.parametrize("make,shape", LAYERS)
def test_layer_gradients_match_finite_differences(make, shape):
    layer = make()
    x = R.standard_normal(shape)
    layer(x)
    check_gradients(layer, x, params=layer.trainable_weights)
