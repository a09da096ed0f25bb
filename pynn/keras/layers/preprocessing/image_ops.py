"""numpy image kernels the image layers, `tf.image` and `ImageDataGenerator` share, written to
give TensorFlow's numbers: `resize` (bilinear / nearest with half-pixel centers, as
`tf.image.resize`), `transform` (TensorFlow's ImageProjectiveTransformV3: an inverse map per
output pixel, `fill_mode` reflect / wrap / constant / nearest, bilinear or nearest sampling)
and the rotation / zoom / translation matrices of the random layers. Images are
`(batch, height, width, channels)`.
"""

import numpy as np

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")


def check_fill_mode_and_interpolation(fill_mode, interpolation):
    if fill_mode not in FILL_MODES:
        raise NotImplementedError(
            f"Unknown `fill_mode` {fill_mode}. Only `reflect`, `wrap`, "
            "`constant` and `nearest` are supported."
        )
    if interpolation not in INTERPOLATIONS:
        raise NotImplementedError(
            f"Unknown `interpolation` {interpolation}. Only `nearest` and `bilinear` are supported."
        )


# --------------------------------------------------------------------------- resize
def _bilinear_weights(out_size, in_size):
    scale = in_size / out_size
    coord = (np.arange(out_size, dtype=np.float32) + 0.5) * np.float32(scale) - 0.5
    floor = np.floor(coord)
    lower = np.maximum(floor, 0).astype(np.int64)
    upper = np.minimum(np.ceil(coord), in_size - 1).astype(np.int64)
    return lower, upper, (coord - floor).astype(np.float32)


def _nearest_index(out_size, in_size):
    scale = np.float32(in_size / out_size)
    index = np.floor((np.arange(out_size, dtype=np.float32) + 0.5) * scale).astype(np.int64)
    return np.clip(index, 0, in_size - 1)


def resize(images, height, width, method="bilinear"):
    """`tf.image.resize(images, (height, width), method)` for bilinear and nearest
    (float32 out for bilinear, the input dtype for nearest)."""
    if method in ("nearest", "nearest_neighbor"):
        rows = _nearest_index(height, images.shape[1])
        cols = _nearest_index(width, images.shape[2])
        return images[:, rows][:, :, cols]
    if method != "bilinear":
        raise NotImplementedError(
            f"pynn resizes with 'bilinear' or 'nearest' interpolation, not {method!r}."
        )
    x = images.astype(np.float32, copy=False)
    top, bottom, y_lerp = _bilinear_weights(height, x.shape[1])
    left, right, x_lerp = _bilinear_weights(width, x.shape[2])
    y_lerp = y_lerp[None, :, None, None]
    x_lerp = x_lerp[None, None, :, None]
    top_rows, bottom_rows = x[:, top], x[:, bottom]
    top_val = top_rows[:, :, left] + (top_rows[:, :, right] - top_rows[:, :, left]) * x_lerp
    bottom_val = (
        bottom_rows[:, :, left] + (bottom_rows[:, :, right] - bottom_rows[:, :, left]) * x_lerp
    )
    return (top_val + (bottom_val - top_val) * y_lerp).astype(np.float32)


def smart_resize(images, height, width, method="bilinear"):
    """Crops the largest centered window of the target aspect ratio, then resizes
    (`keras.preprocessing.image.smart_resize`)."""
    h, w = images.shape[1], images.shape[2]
    crop_h = int(min(h, w * height / width))
    crop_w = int(min(w, h * width / height))
    top = (h - crop_h) // 2
    left = (w - crop_w) // 2
    return resize(images[:, top : top + crop_h, left : left + crop_w], height, width, method)


# --------------------------------------------------------------------------- transform
def _map_coord(coord, size, mode):
    if mode == "reflect":
        if size <= 1:
            return np.zeros_like(coord)
        sz2 = 2.0 * size
        c = coord.copy()
        neg, pos = c < 0, c > size - 1  # if / else if, as TensorFlow
        cn = c[neg]
        cn = np.where(cn < sz2, sz2 * np.trunc(-cn / sz2) + cn, cn)
        c[neg] = np.where(cn < -size, cn + sz2, -cn - 1)
        cp = c[pos]
        cp = cp - sz2 * np.trunc(cp / sz2)
        c[pos] = np.where(cp >= size, sz2 - cp - 1, cp)
        return np.clip(c, 0, size - 1)
    if mode == "wrap":
        if size <= 1:
            return np.zeros_like(coord)
        sz = float(size - 1)
        c = coord.copy()
        neg, pos = c < 0, c > size - 1
        c[neg] = c[neg] + size * (np.trunc(-c[neg] / sz) + 1)
        c[pos] = c[pos] - size * np.trunc(c[pos] / sz)
        return np.clip(c, 0, size - 1)
    if mode == "nearest":
        return np.clip(coord, 0, size - 1)
    return coord  # constant: out of range reads fill


def _read(image, y, x, fill_value):
    """Pixels at integer (y, x) of one image (h, w, c); fill_value outside."""
    h, w = image.shape[:2]
    inside = (y >= 0) & (y < h) & (x >= 0) & (x < w)
    out = image[np.clip(y, 0, h - 1), np.clip(x, 0, w - 1)]
    return np.where(inside[..., None], out, np.float32(fill_value))


def transform(images, matrices, fill_mode="reflect", interpolation="bilinear", fill_value=0.0):
    """Each output pixel (x, y) samples the input at the point the image's 8-number projective
    matrix `[a0, a1, a2, b0, b1, b2, c0, c1]` maps it to: x' = (a0 x + a1 y + a2) / k,
    y' = (b0 x + b1 y + b2) / k, k = c0 x + c1 y + 1."""
    batch, h, w, _ = images.shape
    x = images.astype(np.float32, copy=False)
    ys, xs = np.meshgrid(
        np.arange(h, dtype=np.float32), np.arange(w, dtype=np.float32), indexing="ij"
    )
    out = np.empty(x.shape, dtype=np.float32)
    for i in range(batch):
        a0, a1, a2, b0, b1, b2, c0, c1 = (np.float32(v) for v in matrices[i])
        k = c0 * xs + c1 * ys + np.float32(1)
        in_x = _map_coord((a0 * xs + a1 * ys + a2) / k, w, fill_mode)
        in_y = _map_coord((b0 * xs + b1 * ys + b2) / k, h, fill_mode)
        if interpolation == "nearest":
            # std::round: halves away from zero
            ry = (np.sign(in_y) * np.floor(np.abs(in_y) + 0.5)).astype(np.int64)
            rx = (np.sign(in_x) * np.floor(np.abs(in_x) + 0.5)).astype(np.int64)
            out[i] = _read(x[i], ry, rx, fill_value)
            continue
        y0, x0 = np.floor(in_y), np.floor(in_x)
        y1, x1 = y0 + 1, x0 + 1
        iy0, ix0, iy1, ix1 = (v.astype(np.int64) for v in (y0, x0, y1, x1))
        top = (x1 - in_x)[..., None] * _read(x[i], iy0, ix0, fill_value) + (in_x - x0)[
            ..., None
        ] * _read(x[i], iy0, ix1, fill_value)
        bottom = (x1 - in_x)[..., None] * _read(x[i], iy1, ix0, fill_value) + (in_x - x0)[
            ..., None
        ] * _read(x[i], iy1, ix1, fill_value)
        out[i] = (y1 - in_y)[..., None] * top + (in_y - y0)[..., None] * bottom
    return out


def rotation_matrices(angles, height, width):
    cos, sin = np.cos(angles), np.sin(angles)
    x_offset = ((width - 1) - (cos * (width - 1) - sin * (height - 1))) / 2.0
    y_offset = ((height - 1) - (sin * (width - 1) + cos * (height - 1))) / 2.0
    zeros = np.zeros_like(angles)
    return np.stack([cos, -sin, x_offset, sin, cos, y_offset, zeros, zeros], axis=1)


def zoom_matrices(width_zoom, height_zoom, height, width):
    x_offset = ((width - 1.0) / 2.0) * (1.0 - width_zoom)
    y_offset = ((height - 1.0) / 2.0) * (1.0 - height_zoom)
    zeros = np.zeros_like(width_zoom)
    return np.stack(
        [width_zoom, zeros, x_offset, zeros, height_zoom, y_offset, zeros, zeros], axis=1
    )


def translation_matrices(dx, dy):
    ones, zeros = np.ones_like(dx), np.zeros_like(dx)
    return np.stack([ones, zeros, -dx, zeros, ones, -dy, zeros, zeros], axis=1)


def adjust_contrast(images, factor):
    """(x - mean) * factor + mean, the mean per image and channel (`tf.image.adjust_contrast`)."""
    x = images.astype(np.float32, copy=False)
    mean = x.mean(axis=(-3, -2), keepdims=True, dtype=np.float32)
    return ((x - mean) * np.float32(factor) + mean).astype(np.float32)
