"""`MaxPooling2D`: max pooling over 2-D windows."""

from pynn import ops
from pynn.keras.layers.pooling.base_pooling import Pooling


class MaxPooling2D(Pooling):
    """Downsamples images by taking the maximum of each `pool_size` window.

    Args:
        pool_size: int or (rows, cols) window size (default (2, 2)).
        strides: int or pair, the window step; `None` (default) means `pool_size`.
        padding: `"valid"` (windows stay inside the input) or `"same"` (the input is
            padded so that the output has `ceil(input / stride)` steps).
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape: `(batch, rows, cols, channels)`. Output shape: `(batch, pooled_rows, pooled_cols, channels)`.
    """

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(
            ops.max_pool2d, pool_size, strides, padding=padding, data_format=data_format, **kwargs
        )


MaxPool2D = MaxPooling2D
