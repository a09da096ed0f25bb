"""`Minimum` and `minimum`: element-wise minimum of a list of inputs."""

from pynn import ops
from pynn.keras.layers.merging.base_merge import _Merge


class Minimum(_Merge):
    """Element-wise minimum of a list of inputs.

    Input: a list of tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape.
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.minimum(output, x)
        return output


def minimum(inputs, **kwargs):
    """Functional interface to `Minimum`: `minimum([x1, x2])`."""
    return Minimum(**kwargs)(inputs)
