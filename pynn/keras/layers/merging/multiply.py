"""`Multiply` and `multiply`: element-wise product of a list of inputs."""

from pynn.keras.layers.merging.base_merge import _Merge


class Multiply(_Merge):
    """Multiplies a list of inputs element-wise.

    Input: a list of tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape, `inputs[0] * inputs[1] * ...`.
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output * x
        return output


def multiply(inputs, **kwargs):
    """Functional interface to `Multiply`: `multiply([x1, x2])`."""
    return Multiply(**kwargs)(inputs)
