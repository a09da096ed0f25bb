"""`Add` and `add`: element-wise sum of a list of inputs."""

from pynn.keras.layers.merging.base_merge import _Merge


class Add(_Merge):
    """Adds a list of inputs element-wise.

    Input: a list of tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape, `inputs[0] + inputs[1] + ...`.

    >>> added = keras.layers.Add()([x1, x2])
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output


def add(inputs, **kwargs):
    """Functional interface to `Add`: `add([x1, x2])`."""
    return Add(**kwargs)(inputs)
