"""`GlobalMaxPooling2D`: the maximum over all pixels of each channel."""

from pynn import ops
from pynn.keras.layers.pooling.base_pooling import GlobalPooling


class GlobalMaxPooling2D(GlobalPooling):
    """Maximum over height and width of every channel.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`.
        keepdims: keep the spatial axes with length 1 (default False).

    Input shape: `(batch, rows, cols, channels)`.
    Output shape: `(batch, channels)`, or `(batch, 1, 1, channels)` with `keepdims=True`.
    """

    def call(self, inputs):
        return ops.max(inputs, axis=self._spatial_axes, keepdims=self.keepdims)


GlobalMaxPool2D = GlobalMaxPooling2D
