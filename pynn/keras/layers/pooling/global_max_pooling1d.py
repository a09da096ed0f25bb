"""`GlobalMaxPooling1D`: the maximum over all steps of each feature."""

from pynn import ops
from pynn.keras.layers.pooling.base_pooling import GlobalPooling1D


class GlobalMaxPooling1D(GlobalPooling1D):
    """Maximum over the steps of every feature.

    Args:
        data_format: `"channels_last"` (default, `(batch, steps, features)`) or
            `"channels_first"`.
        keepdims: keep the steps axis with length 1 (default False).

    Input shape: `(batch, steps, features)`.
    Output shape: `(batch, features)`, or `(batch, 1, features)` with `keepdims=True`.
    """

    def call(self, inputs):
        return ops.max(inputs, axis=self._spatial_axes, keepdims=self.keepdims)


GlobalMaxPool1D = GlobalMaxPooling1D
