"""`Average` and `average`: element-wise mean of a list of inputs."""

from pynn.keras.layers.merging.base_merge import _Merge


class Average(_Merge):
    """Averages a list of inputs element-wise.

    Input: a list of tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape, `(inputs[0] + ... + inputs[n-1]) / n`.
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output / len(inputs)


def average(inputs, **kwargs):
    """Functional interface to `Average`: `average([x1, x2])`."""
    return Average(**kwargs)(inputs)
