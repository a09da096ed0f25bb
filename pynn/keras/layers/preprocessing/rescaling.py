"""`Rescaling`: `inputs * scale + offset` (e.g. pixels from [0, 255] to [0, 1])."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing.image_layer_utils import as_float_tensor


class Rescaling(Layer):
    """Multiplies inputs by `scale` and adds `offset`, in the layer's float dtype.

    Args:
        scale: a float (or broadcastable array), e.g. `1. / 255`.
        offset: added after scaling, e.g. `-1` with `scale=1. / 127.5` for [-1, 1].

    Input: any shape and numeric dtype. Output: same shape, float32.
    """

    def __init__(self, scale, offset=0.0, **kwargs):
        self.scale = scale
        self.offset = offset
        super().__init__(**kwargs)

    def call(self, inputs):
        dtype = self.compute_dtype
        inputs = as_float_tensor(inputs, dtype)
        return ops.add(
            ops.multiply(inputs, ops.cast(self.scale, dtype)), ops.cast(self.offset, dtype)
        )

    def compute_output_shape(self, input_shape):
        return TensorShape(input_shape)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "offset": self.offset}
