"""`SpatialDropout1D`: drops whole feature channels of a sequence while training."""

from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.regularization.dropout import Dropout


class SpatialDropout1D(Dropout):
    """Like `Dropout`, but zeroes an entire feature channel at every timestep of a
    sample instead of single entries (neighbouring timesteps are strongly correlated).
    Kept channels are scaled by `1 / (1 - rate)`; inputs pass unchanged at inference.

    Args:
        rate: float in [0, 1], fraction of channels to drop.

    Input shape: `(batch, timesteps, channels)`. Output shape: same as the input.
    """

    def __init__(self, rate, **kwargs):
        super().__init__(rate, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def _concrete_noise_shape(self, inputs):
        shape = tuple(inputs.shape)
        return (shape[0], 1, shape[2])
