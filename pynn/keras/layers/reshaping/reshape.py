"""`Reshape`: reshapes every sample to a target shape."""

import math

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import shape_list


class Reshape(Layer):
    """Reshapes each sample to `target_shape` (the batch axis is kept).

    Args:
        target_shape: tuple of integers, the shape of one output sample; one
            entry may be -1 and is then inferred from the input size.

    Input shape: `(batch_size, ...)`.
    Output shape: `(batch_size,) + target_shape`.
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def _fix_unknown_dimension(self, input_shape, output_shape):
        output_shape = list(output_shape)
        message = (
            "total size of new array must be unchanged, "
            f"input_shape = {list(input_shape)}, output_shape = {output_shape}"
        )
        known, unknown = 1, None
        for index, dim in enumerate(output_shape):
            if dim < 0:
                if unknown is not None:
                    raise ValueError(
                        "There must be at most one unknown dimension in output_shape. "
                        f"Received: output_shape={output_shape}."
                    )
                unknown = index
            else:
                known *= dim
        original = math.prod(input_shape)
        if unknown is not None:
            if known == 0 or original % known != 0:
                raise ValueError(message)
            output_shape[unknown] = original // known
        elif original != known:
            raise ValueError(message)
        return output_shape

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        if None in dims[1:]:
            return TensorShape([dims[0]] + [None if d == -1 else d for d in self.target_shape])
        return TensorShape([dims[0]] + self._fix_unknown_dimension(dims[1:], self.target_shape))

    def call(self, inputs):
        return ops.reshape(inputs, (inputs.shape[0],) + self.target_shape)

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = self.target_shape
        return config
