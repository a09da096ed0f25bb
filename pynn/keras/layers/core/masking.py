"""`Masking`: marks timesteps to skip in downstream layers."""

from pynn import ops
from pynn.keras.engine.base_layer import Layer


class Masking(Layer):
    """Masks timesteps whose features all equal `mask_value`.

    For an input `(batch, timesteps, features)`, a timestep is masked (skipped
    by mask-consuming layers such as LSTM) when every feature equals
    `mask_value`; masked timesteps are also zeroed in the output.

    Args:
        mask_value: the value marking padding (default 0.0).

    Input shape: any, at least 2-D. Output shape: same as the input.
    Output mask: `(batch, timesteps)` booleans, True where the timestep is kept.
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = inputs * ops.cast(keep, inputs.dtype)
        outputs._keras_mask = ops.squeeze(keep, axis=-1)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config
