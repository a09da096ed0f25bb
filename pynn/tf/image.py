"""`tf.image` basics: `resize`, `flip_left_right` / `flip_up_down`, `rgb_to_grayscale`,
`grayscale_to_rgb`, `convert_image_dtype`, `adjust_contrast`, `central_crop`, on
`(batch, height, width, channels)` or `(height, width, channels)` images, with TensorFlow's
numbers (the kernels live in keras/layers/preprocessing/image_ops.py)."""

import numpy as np

from pynn import ops
from pynn.core import dtypes as _dt
from pynn.core.tensor import _wrap, convert_to_tensor
from pynn.core.tracing import traced_call
from pynn.keras.layers.preprocessing import image_ops

__all__ = [
    "adjust_contrast",
    "central_crop",
    "convert_image_dtype",
    "flip_left_right",
    "flip_up_down",
    "grayscale_to_rgb",
    "resize",
    "rgb_to_grayscale",
]


class ResizeMethod:
    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


def _image(images):
    t = convert_to_tensor(images)
    if t.ndim not in (3, 4):
        raise ValueError(f"'images' must have either 3 or 4 dimensions. Received shape {t.shape}")
    return t


def _resize(images, *, height, width, method):
    if images.ndim == 3:
        return image_ops.resize(images[None], height, width, method)[0]
    return image_ops.resize(images, height, width, method)


def resize(
    images,
    size,
    method=ResizeMethod.BILINEAR,
    preserve_aspect_ratio=False,
    antialias=False,
    name=None,
):
    """Images resized to `size = (height, width)`: float32 for bilinear, the input dtype for
    nearest (`preserve_aspect_ratio` fits inside `size`)."""
    t = _image(images)
    height, width = (int(s) for s in (size.numpy() if hasattr(size, "numpy") else size))
    if preserve_aspect_ratio:
        h, w = t.shape[-3], t.shape[-2]
        scale = min(height / h, width / w)
        height, width = round(h * scale), round(w * scale)
    if antialias:
        raise NotImplementedError("pynn's tf.image.resize has no antialias filter.")
    method = "nearest" if method in ("nearest", "nearest_neighbor") else method
    value = t._value if method == "nearest" else t._value.astype(np.float32, copy=False)
    return _wrap(traced_call(_resize, value, height=height, width=width, method=method))


def flip_left_right(image):
    """Mirrors the width axis."""
    t = _image(image)
    return ops.reverse(t, axis=[t.ndim - 2])


def flip_up_down(image):
    """Mirrors the height axis."""
    t = _image(image)
    return ops.reverse(t, axis=[t.ndim - 3])


def rgb_to_grayscale(images, name=None):
    """Luma (0.2989 R + 0.587 G + 0.114 B), keeping a channel axis of 1 and the dtype."""
    t = convert_to_tensor(images)
    weights = np.array([0.2989, 0.5870, 0.1140], np.float32)
    flt = convert_image_dtype(t, "float32")
    gray = ops.expand_dims(ops.matmul(flt, ops.cast(weights.reshape(3, 1), "float32"))[..., 0], -1)
    return convert_image_dtype(gray, t.dtype)


def grayscale_to_rgb(images, name=None):
    """The one channel repeated three times."""
    t = convert_to_tensor(images)
    return ops.concat([t, t, t], axis=-1)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Casts and rescales: integers span [0, MAX], floats [0, 1] (`tf.image`'s rules)."""
    t = convert_to_tensor(image)
    target = _dt.as_dtype(dtype)
    if not (target.is_floating or target.is_integer):
        raise AttributeError("dtype must be either floating point or integer")
    if not (t.dtype.is_floating or t.dtype.is_integer):
        raise AttributeError("image dtype must be either floating point or integer")
    if target == t.dtype:
        return t
    if t.dtype.is_integer and target.is_integer:
        scale_in, scale_out = t.dtype.max, target.max
        if scale_in > scale_out:
            return ops.cast(ops.floordiv(t, (scale_in + 1) // (scale_out + 1)), target)
        return ops.multiply(ops.cast(t, target), (scale_out + 1) // (scale_in + 1))
    if t.dtype.is_floating and target.is_floating:
        return ops.cast(t, target)
    if t.dtype.is_integer:
        return ops.multiply(ops.cast(t, target), 1.0 / t.dtype.max)
    scaled = ops.multiply(t, target.max + 0.5)
    if saturate:
        scaled = ops.minimum(ops.maximum(scaled, float(target.min)), float(target.max))
    return ops.cast(scaled, target)


def adjust_contrast(images, contrast_factor):
    """`(x - mean) * contrast_factor + mean`, the mean per image and channel."""
    t = convert_to_tensor(images)
    value = convert_image_dtype(t, "float32")._value
    out = traced_call(_contrast, value, factor=float(contrast_factor))
    return convert_image_dtype(_wrap(out), t.dtype, saturate=True)


def _contrast(images, *, factor):
    return image_ops.adjust_contrast(images, factor)


def central_crop(image, central_fraction):
    """The central `central_fraction` of the height and width."""
    t = _image(image)
    if central_fraction <= 0.0 or central_fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if central_fraction == 1.0:
        return t
    h, w = t.shape[-3], t.shape[-2]
    top = int((h - h * central_fraction) / 2)
    left = int((w - w * central_fraction) / 2)
    rows, cols = h - 2 * top, w - 2 * left
    return t[..., top : top + rows, left : left + cols, :]
