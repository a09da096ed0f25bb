"""`Dropout`: randomly zeroes inputs during training."""

import numbers

from pynn import ops
from pynn.keras import session
from pynn.keras.engine.base_layer import Layer


class Dropout(Layer):
    """Sets each input unit to 0 with probability `rate` during training and scales
    the others by `1 / (1 - rate)`, so the expected sum is unchanged. At inference
    (`training=False`, `predict`, `evaluate`) the inputs pass through untouched.

    Args:
        rate: float in [0, 1], the fraction of units to drop.
        noise_shape: shape of the binary mask, broadcast against the input;
            `None` entries take the input's size, e.g. `(batch, 1, features)`
            drops the same features at every timestep.
        seed: integer, makes the masks reproducible.

    Call arguments:
        training: whether to drop; `None` follows `keras.session.learning_phase()`
            (0, inference, unless set). `fit` passes True, `predict`/`evaluate` False.

    Input shape: any. Output shape: same as the input.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(rate, (int, float)) and not 0 <= rate <= 1:
            raise ValueError(
                f"Invalid value {rate} received for `rate`, expected a value between 0 and 1."
            )
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def _concrete_noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        return tuple(
            inputs.shape[i] if dim is None else dim for i, dim in enumerate(self.noise_shape)
        )

    def call(self, inputs, training=None):
        if training is None:
            training = session.learning_phase()
        if not training or (isinstance(self.rate, numbers.Real) and self.rate == 0):
            return inputs
        return ops.dropout(
            inputs, self.rate, noise_shape=self._concrete_noise_shape(inputs), seed=self.seed
        )

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed})
        return config
