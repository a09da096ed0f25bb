"""`AveragePooling1D`: average pooling over 1-D windows."""

from pynn import ops
from pynn.keras.layers.pooling.base_pooling import Pooling1D


class AveragePooling1D(Pooling1D):
    """Downsamples sequences by averaging each `pool_size`-step window.

    Args:
        pool_size: int window length (default 2).
        strides: int, the window step; `None` (default) means `pool_size`.
        padding: `"valid"` (windows stay inside the input) or `"same"` (the input is
            padded so that the output has `ceil(input / stride)` steps).
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Input shape: `(batch, steps, features)`. Output shape: `(batch, pooled_steps, features)`.
    """

    def __init__(
        self, pool_size=2, strides=None, padding="valid", data_format="channels_last", **kwargs
    ):
        super().__init__(
            ops.avg_pool1d, pool_size, strides, padding=padding, data_format=data_format, **kwargs
        )


AvgPool1D = AveragePooling1D
