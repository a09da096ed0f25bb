"""`SpatialDropout2D`: drops whole feature maps while training."""

from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.convolutional.base_conv import normalize_data_format
from pynn.keras.layers.regularization.dropout import Dropout


class SpatialDropout2D(Dropout):
    """Like `Dropout`, but zeroes entire channels (feature maps) instead of single
    pixels: neighbouring pixels of a feature map are strongly correlated, so dropping
    them one by one barely regularizes a convolutional network. The kept channels are
    scaled by `1 / (1 - rate)`. Inputs pass through unchanged at inference.

    Args:
        rate: float in [0, 1], fraction of channels to drop.
        data_format: `"channels_last"` (default) or `"channels_first"`.

    Call arguments:
        training: drop only when True.

    Input shape: `(batch, rows, cols, channels)`. Output shape: same as the input.
    """

    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        if data_format is not None and str(data_format).lower() not in (
            "channels_last",
            "channels_first",
        ):
            raise ValueError(
                "`data_format` must be 'channels_last' or 'channels_first'. "
                f"Received: data_format={data_format}."
            )
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def _concrete_noise_shape(self, inputs):
        shape = tuple(inputs.shape)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1)
        return (shape[0], 1, 1, shape[3])
