"""Helpers shared by the applications: input-shape rules, padding, weight arguments."""

import os
import warnings

import numpy as np

from pynn import ops
from pynn.core.tensor import Tensor
from pynn.keras import activations, backend

NO_DOWNLOAD = (
    "{model}(weights='imagenet'): the pretrained ImageNet weights cannot be downloaded here "
    "(pynn runs offline), so this model has the right architecture but RANDOM weights: its "
    "predictions mean nothing. Pass `weights=None` to build it without this warning, or "
    "`weights='path/to/the_weights.h5'` to load a weights file you have (tf.keras's ImageNet "
    "files, e.g. mobilenet_1_0_224_tf.h5, load as they are)."
)


def check_weights_argument(weights, model, include_top, classes):
    """Validates `weights` like tf.keras; `"imagenet"` builds with a loud warning instead of
    downloading (the caller must then not load weights: see `weights_file`)."""
    if not (
        weights in {"imagenet", None} or (isinstance(weights, str) and os.path.exists(weights))
    ):
        raise ValueError(
            "The `weights` argument should be either `None` (random initialization), "
            "`imagenet` (pre-training on ImageNet), or the path to the weights file to be "
            f"loaded.  Received weights={weights}"
        )
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError(
            'If using `weights` as `"imagenet"` with `include_top` as true, '
            f"`classes` should be 1000.  Received classes={classes}"
        )
    if weights == "imagenet":
        warnings.warn(NO_DOWNLOAD.format(model=model), UserWarning, stacklevel=3)


def weights_file(weights):
    """The file to load into the built model: a path, or None (random / unavailable ImageNet)."""
    return None if weights in (None, "imagenet") else weights


def imagenet_rows(rows, cols, sizes):
    """tf.keras's rule: ImageNet weights exist for square inputs of `sizes`; others get the
    224 weights (and the model name says 224), with tf.keras's warning."""
    if rows != cols or rows not in sizes:
        warnings.warn(
            "`input_shape` is undefined or non-square, or `rows` is not in "
            f"[{', '.join(str(s) for s in sizes)}]. Weights for input shape (224, 224) will be "
            "loaded as the default.",
            stacklevel=3,
        )
        return 224
    return rows


def obtain_input_shape(
    input_shape, default_size, min_size, data_format, require_flatten, weights=None
):
    """The model's input shape from the user's `input_shape` (tf.keras's rules)."""
    first = data_format == "channels_first"
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if first else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn(
                "This model usually expects 1 or 3 input channels. However, it was "
                f"passed an input_shape with {channels} input channels.",
                stacklevel=3,
            )
        default_shape = (
            (channels, default_size, default_size)
            if first
            else (default_size, default_size, channels)
        )
    else:
        default_shape = (
            (3, default_size, default_size) if first else (default_size, default_size, 3)
        )
    if input_shape:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        rows, cols = (input_shape[1], input_shape[2]) if first else (input_shape[0], input_shape[1])
        if (rows is not None and rows < min_size) or (cols is not None and cols < min_size):
            raise ValueError(
                f"Input size must be at least {min_size}x{min_size}; Received: "
                f"input_shape={input_shape}"
            )
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError(
            "If `include_top` is True, you should specify a static "
            f"`input_shape`. Received: input_shape={input_shape}"
        )
    return tuple(input_shape)


def default_size(input_shape, sizes, data_format):
    """The square size a user's input shape asks for, or 224."""
    if input_shape is None:
        return 224
    rows, cols = (
        (input_shape[1], input_shape[2])
        if data_format == "channels_first"
        else (input_shape[0], input_shape[1])
    )
    return rows if rows == cols and rows in sizes else 224


def correct_pad(inputs, kernel_size):
    """((top, bottom), (left, right)) zero padding that makes a stride-2 "valid"
    convolution behave like TF's "same" one."""
    axis = 2 if backend.image_data_format() == "channels_first" else 1
    size = tuple(inputs.shape)[axis : axis + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if size[0] is None else (1 - size[0] % 2, 1 - size[1] % 2)
    correct = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((correct[0] - adjust[0], correct[0]), (correct[1] - adjust[1], correct[1]))


def validate_activation(classifier_activation, weights):
    if weights is None:
        return
    if activations.get(classifier_activation) not in {
        activations.get("softmax"),
        activations.get(None),
    }:
        raise ValueError(
            "Only `None` and `softmax` activations are allowed for the "
            "`classifier_activation` argument when using pretrained weights, with "
            f"`include_top=True`; Received: classifier_activation={classifier_activation}"
        )


def preprocess_input_tf(x):
    """Scales pixels from [0, 255] to [-1, 1] (the "tf" mode of the MobileNets)."""

    if isinstance(x, Tensor):
        return ops.subtract(ops.divide(x, 127.5), 1.0)
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(backend.floatx())
    return x / 127.5 - 1.0


def decode_predictions(preds, top=5):
    raise ValueError(
        "decode_predictions needs the ImageNet class index, which cannot be "
        "downloaded here (pynn has no network access)."
    )
