"""`GlobalAveragePooling1D`: the mean over all steps of each feature (mask aware)."""

from pynn import ops
from pynn.keras.layers.pooling.base_pooling import GlobalPooling1D


class GlobalAveragePooling1D(GlobalPooling1D):
    """Mean over the steps of every feature. With a mask (e.g. from
    `Embedding(mask_zero=True)`), only the unmasked steps are averaged.

    Args:
        data_format: `"channels_last"` (default, `(batch, steps, features)`) or
            `"channels_first"`.
        keepdims: keep the steps axis with length 1 (default False).

    Input shape: `(batch, steps, features)`.
    Output shape: `(batch, features)`, or `(batch, 1, features)` with `keepdims=True`.
    """

    def __init__(self, data_format="channels_last", **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        axis = self._spatial_axes
        if mask is None:
            return ops.mean(inputs, axis=axis, keepdims=self.keepdims)
        weights = ops.expand_dims(
            ops.cast(mask, inputs.dtype), 2 if self.data_format == "channels_last" else 1
        )
        total = ops.sum(ops.multiply(inputs, weights), axis=axis, keepdims=self.keepdims)
        return ops.divide(total, ops.sum(weights, axis=axis, keepdims=self.keepdims))

    def compute_mask(self, inputs, mask=None):
        return None


GlobalAvgPool1D = GlobalAveragePooling1D
