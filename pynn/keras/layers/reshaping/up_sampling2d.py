"""`UpSampling2D`: enlarges images by an integer factor."""

import numpy as np

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_data_format, normalize_tuple
from pynn.keras.layers.reshaping.zero_padding2d import spatial_axes
from pynn.keras.utils.generic_utils import shape_list

INTERPOLATIONS = ("nearest", "bilinear")


def _bilinear_matrix(length, factor):
    """(length * factor, length) weights of TF's half-pixel-centred linear resize."""
    out = np.arange(length * factor)
    source = np.clip((out + 0.5) / factor - 0.5, 0, length - 1)
    low = np.floor(source).astype(int)
    high = np.minimum(low + 1, length - 1)
    frac = (source - low).astype(np.float32)
    weights = np.zeros((length * factor, length), np.float32)
    np.add.at(weights, (out, low), 1 - frac)
    np.add.at(weights, (out, high), frac)
    return weights


class UpSampling2D(Layer):
    """Repeats the rows and columns of images `size` times (`"nearest"`), or resizes them
    by linear interpolation (`"bilinear"`).

    Args:
        size: int or `(rows_factor, cols_factor)`, default `(2, 2)`.
        data_format: `"channels_last"` (default) or `"channels_first"`.
        interpolation: `"nearest"` (default) or `"bilinear"`.

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, rows * rows_factor, cols * cols_factor, channels)`.
    """

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.size = normalize_tuple(size, 2, "size")
        if interpolation not in INTERPOLATIONS:
            raise ValueError(
                f"Value not recognized for `interpolation`: {interpolation}. "
                f"Supported values are: {set(INTERPOLATIONS)}"
            )
        self.interpolation = interpolation
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        x = inputs
        for axis, factor in zip(spatial_axes(self.data_format), self.size, strict=True):
            if factor == 1:
                continue
            if self.interpolation == "nearest":
                dims = tuple(x.shape)
                x = ops.reshape(x, dims[: axis + 1] + (1,) + dims[axis + 1 :])
                x = ops.broadcast_to(x, dims[: axis + 1] + (factor,) + dims[axis + 1 :])
                x = ops.reshape(x, dims[:axis] + (dims[axis] * factor,) + dims[axis + 1 :])
            else:
                weights = _bilinear_matrix(x.shape[axis], factor)
                moved = ops.matmul(ops.transpose(x, _last(axis)), weights.T)
                x = ops.transpose(moved, _last(axis))
        return x

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        for axis, factor in zip(spatial_axes(self.data_format), self.size, strict=True):
            if dims[axis] is not None:
                dims[axis] *= factor
        return TensorShape(dims)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "size": self.size,
                "data_format": self.data_format,
                "interpolation": self.interpolation,
            }
        )
        return config


def _last(axis):
    """The permutation of 4 axes swapping `axis` and the last one (its own inverse)."""
    perm = [0, 1, 2, 3]
    perm[axis], perm[3] = 3, axis
    return perm
