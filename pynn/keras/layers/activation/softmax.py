"""`Softmax`: softmax activation layer."""

from pynn import ops
from pynn.keras import activations
from pynn.keras.engine.base_layer import Layer

# Added to masked-out logits so they get (numerically) zero probability.
_LARGE_NEGATIVE = -1e9


class Softmax(Layer):
    """Softmax along `axis`: `exp(x) / sum(exp(x), axis)`.

    Args:
        axis: integer, or tuple of integers, the axis (axes) to normalize over.

    Call arguments:
        inputs: the logits.
        mask: optional boolean tensor broadcastable to `inputs`; `False`
            positions get probability 0.

    Input shape: any (at least 2-D). Output shape: same as the input.
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.axis = axis

    def call(self, inputs, mask=None):
        if mask is not None:
            inputs = inputs + (1.0 - ops.cast(mask, inputs.dtype)) * _LARGE_NEGATIVE
        axis = self.axis
        if isinstance(axis, (tuple, list)) and len(axis) == 1:
            axis = axis[0]
        return activations.softmax(inputs, axis=axis)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
