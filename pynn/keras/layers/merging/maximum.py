"""`Maximum` and `maximum`: element-wise maximum of a list of inputs."""

from pynn import ops
from pynn.keras.layers.merging.base_merge import _Merge


class Maximum(_Merge):
    """Element-wise maximum of a list of inputs.

    Input: a list of tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape.
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.maximum(output, x)
        return output


def maximum(inputs, **kwargs):
    """Functional interface to `Maximum`: `maximum([x1, x2])`."""
    return Maximum(**kwargs)(inputs)
