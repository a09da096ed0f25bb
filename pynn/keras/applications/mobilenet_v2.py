"""`MobileNetV2`: inverted residual blocks with linear bottlenecks, tf.keras 2.15 layer for
layer."""

from pynn.keras import backend_config, layers
from pynn.keras.applications import imagenet_utils
from pynn.keras.applications.imagenet_utils import decode_predictions  # noqa: F401
from pynn.keras.engine.training import Model
from pynn.keras.utils import layer_utils

# (filters, stride, expansion) of blocks 0..16
_BLOCKS = [
    (16, 1, 1),
    (24, 2, 6),
    (24, 1, 6),
    (32, 2, 6),
    (32, 1, 6),
    (32, 1, 6),
    (64, 2, 6),
    (64, 1, 6),
    (64, 1, 6),
    (64, 1, 6),
    (96, 1, 6),
    (96, 1, 6),
    (96, 1, 6),
    (160, 2, 6),
    (160, 1, 6),
    (160, 1, 6),
    (320, 1, 6),
]


def MobileNetV2(
    input_shape=None,
    alpha=1.0,
    include_top=True,
    weights="imagenet",
    input_tensor=None,
    pooling=None,
    classes=1000,
    classifier_activation="softmax",
    **kwargs,
):
    """MobileNetV2 (Sandler et al., 2018) as a Functional model named
    `mobilenetv2_<alpha>_<rows>`.

    Args:
        input_shape: `(rows, cols, channels)`; default `(224, 224, 3)` with the top, or
            `(None, None, 3)` without. At least 32x32.
        alpha: width multiplier (filters rounded to multiples of 8).
        include_top: add the classifier (global average pooling + Dense).
        weights: `None` (random initialization), a weights file path, or `"imagenet"`:
            pynn cannot download those, so the model keeps random weights, with a warning.
        input_tensor: a Keras tensor to use as input.
        pooling: without the top, `None`, `"avg"` or `"max"` global pooling.
        classes: classifier size. classifier_activation: of the top layer.
    """
    if kwargs:
        raise ValueError(f"Unknown argument(s): {kwargs}")
    imagenet_utils.check_weights_argument(weights, "MobileNetV2", include_top, classes)
    data_format = backend_config.image_data_format()
    if input_shape is None and input_tensor is not None:
        shape = tuple(input_tensor.shape)[1:]
        size = imagenet_utils.default_size(shape, (96, 128, 160, 192, 224), data_format)
    else:
        size = imagenet_utils.default_size(input_shape, (96, 128, 160, 192, 224), data_format)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape,
        size,
        min_size=32,
        data_format=data_format,
        require_flatten=include_top,
        weights=weights,
    )
    rows, cols = input_shape[1:3] if data_format == "channels_first" else input_shape[:2]
    if weights == "imagenet":
        if alpha not in [0.35, 0.50, 0.75, 1.0, 1.3, 1.4]:
            raise ValueError(
                "If imagenet weights are being loaded, alpha must be one of "
                "`0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received "
                f"`alpha={alpha}`"
            )
        rows = imagenet_utils.imagenet_rows(rows, cols, [96, 128, 160, 192, 224])
    img_input = layers.Input(shape=input_shape) if input_tensor is None else input_tensor
    channel_axis = 1 if data_format == "channels_first" else -1

    x = layers.Conv2D(
        _make_divisible(32 * alpha, 8),
        kernel_size=3,
        strides=(2, 2),
        padding="same",
        use_bias=False,
        name="Conv1",
    )(img_input)
    x = layers.BatchNormalization(axis=channel_axis, epsilon=1e-3, momentum=0.999, name="bn_Conv1")(
        x
    )
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_res_block(
            x, filters=filters, alpha=alpha, stride=stride, expansion=expansion, block_id=block_id
        )
    last = _make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = layers.BatchNormalization(
        axis=channel_axis, epsilon=1e-3, momentum=0.999, name="Conv_1_bn"
    )(x)
    x = layers.ReLU(6.0, name="out_relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    if input_tensor is None:
        inputs = img_input
    else:
        inputs = layer_utils.get_source_inputs(input_tensor)
    model = Model(inputs, x, name=f"mobilenetv2_{alpha:0.2f}_{rows}")
    if imagenet_utils.weights_file(weights) is not None:
        model.load_weights(weights)
    return model


def _make_divisible(value, divisor, min_value=None):
    """`value` rounded to the nearest multiple of `divisor`, never more than 10% below."""
    min_value = divisor if min_value is None else min_value
    rounded = max(min_value, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def _inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    channel_axis = 1 if backend_config.image_data_format() == "channels_first" else -1
    in_channels = tuple(inputs.shape)[channel_axis]
    pointwise_filters = _make_divisible(int(filters * alpha), 8)
    x = inputs
    prefix = f"block_{block_id}_"
    if block_id:
        x = layers.Conv2D(
            expansion * in_channels,
            kernel_size=1,
            padding="same",
            use_bias=False,
            activation=None,
            name=prefix + "expand",
        )(x)
        x = layers.BatchNormalization(
            axis=channel_axis, epsilon=1e-3, momentum=0.999, name=prefix + "expand_BN"
        )(x)
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name=prefix + "pad")(x)
    x = layers.DepthwiseConv2D(
        kernel_size=3,
        strides=stride,
        activation=None,
        use_bias=False,
        padding="same" if stride == 1 else "valid",
        name=prefix + "depthwise",
    )(x)
    x = layers.BatchNormalization(
        axis=channel_axis, epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_BN"
    )(x)
    x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)
    x = layers.Conv2D(
        pointwise_filters,
        kernel_size=1,
        padding="same",
        use_bias=False,
        activation=None,
        name=prefix + "project",
    )(x)
    x = layers.BatchNormalization(
        axis=channel_axis, epsilon=1e-3, momentum=0.999, name=prefix + "project_BN"
    )(x)
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=prefix + "add")([inputs, x])
    return x


def preprocess_input(x, data_format=None):
    """Scales pixels from [0, 255] to [-1, 1], as MobileNetV2 expects."""
    return imagenet_utils.preprocess_input_tf(x)
