"""`MobileNet` (v1): depthwise-separable convolutions, tf.keras 2.15 layer for layer."""

from pynn.keras import backend_config, layers
from pynn.keras.applications import imagenet_utils
from pynn.keras.applications.imagenet_utils import decode_predictions  # noqa: F401
from pynn.keras.engine.training import Model
from pynn.keras.utils import layer_utils


def MobileNet(
    input_shape=None,
    alpha=1.0,
    depth_multiplier=1,
    dropout=1e-3,
    include_top=True,
    weights="imagenet",
    input_tensor=None,
    pooling=None,
    classes=1000,
    classifier_activation="softmax",
    **kwargs,
):
    """MobileNet (Howard et al., 2017) as a Functional model named
    `mobilenet_<alpha>_<rows>`.

    Args:
        input_shape: `(rows, cols, channels)`; default `(224, 224, 3)` with the top, or
            `(None, None, 3)` without. At least 32x32.
        alpha: width multiplier of every layer's filters (1.0 = the paper's network).
        depth_multiplier: of the depthwise convolutions.
        dropout: rate before the classifier.
        include_top: add the classifier (global pooling, dropout, 1x1 conv, softmax).
        weights: `None` (random initialization), a weights file path, or `"imagenet"`:
            pynn cannot download those, so the model keeps random weights, with a warning.
        input_tensor: a Keras tensor to use as input.
        pooling: without the top, `None`, `"avg"` or `"max"` global pooling.
        classes: classifier size. classifier_activation: of the top layer.
    """
    if kwargs:
        raise ValueError(f"Unknown argument(s): {(kwargs,)}")
    imagenet_utils.check_weights_argument(weights, "MobileNet", include_top, classes)
    data_format = backend_config.image_data_format()
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape,
        imagenet_utils.default_size(input_shape, (128, 160, 192, 224), data_format),
        min_size=32,
        data_format=data_format,
        require_flatten=include_top,
        weights=weights,
    )
    rows, cols = input_shape[1:3] if data_format == "channels_first" else input_shape[:2]
    if weights == "imagenet":
        if depth_multiplier != 1:
            raise ValueError(
                "If imagenet weights are being loaded, depth multiplier must be 1.  "
                f"Received depth_multiplier={depth_multiplier}"
            )
        if alpha not in [0.25, 0.50, 0.75, 1.0]:
            raise ValueError(
                "If imagenet weights are being loaded, alpha can be one of`0.25`, "
                f"`0.50`, `0.75` or `1.0` only.  Received alpha={alpha}"
            )
        rows = imagenet_utils.imagenet_rows(rows, cols, [128, 160, 192, 224])
    img_input = layers.Input(shape=input_shape) if input_tensor is None else input_tensor

    x = _conv_block(img_input, 32, alpha, strides=(2, 2))
    blocks = [
        (64, 1),
        (128, 2),
        (128, 1),
        (256, 2),
        (256, 1),
        (512, 2),
        (512, 1),
        (512, 1),
        (512, 1),
        (512, 1),
        (512, 1),
        (1024, 2),
        (1024, 1),
    ]
    for block_id, (filters, stride) in enumerate(blocks, 1):
        x = _depthwise_conv_block(
            x, filters, alpha, depth_multiplier, strides=(stride, stride), block_id=block_id
        )
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(classes, (1, 1), padding="same", name="conv_preds")(x)
        x = layers.Reshape((classes,), name="reshape_2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    inputs = img_input if input_tensor is None else _source_inputs(input_tensor)
    model = Model(inputs, x, name=f"mobilenet_{alpha:0.2f}_{rows}")
    if imagenet_utils.weights_file(weights) is not None:
        model.load_weights(weights)
    return model


def _source_inputs(tensor):

    return layer_utils.get_source_inputs(tensor)


def _conv_block(inputs, filters, alpha, kernel=(3, 3), strides=(1, 1)):
    channel_axis = 1 if backend_config.image_data_format() == "channels_first" else -1
    x = layers.Conv2D(
        int(filters * alpha), kernel, padding="same", use_bias=False, strides=strides, name="conv1"
    )(inputs)
    x = layers.BatchNormalization(axis=channel_axis, name="conv1_bn")(x)
    return layers.ReLU(6.0, name="conv1_relu")(x)


def _depthwise_conv_block(
    inputs, pointwise_filters, alpha, depth_multiplier=1, strides=(1, 1), block_id=1
):
    channel_axis = 1 if backend_config.image_data_format() == "channels_first" else -1
    x = inputs
    if strides != (1, 1):
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(x)
    x = layers.DepthwiseConv2D(
        (3, 3),
        padding="same" if strides == (1, 1) else "valid",
        depth_multiplier=depth_multiplier,
        strides=strides,
        use_bias=False,
        name=f"conv_dw_{block_id}",
    )(x)
    x = layers.BatchNormalization(axis=channel_axis, name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(
        int(pointwise_filters * alpha),
        (1, 1),
        padding="same",
        use_bias=False,
        strides=(1, 1),
        name=f"conv_pw_{block_id}",
    )(x)
    x = layers.BatchNormalization(axis=channel_axis, name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)


def preprocess_input(x, data_format=None):
    """Scales pixels from [0, 255] to [-1, 1], as MobileNet expects."""
    return imagenet_utils.preprocess_input_tf(x)
