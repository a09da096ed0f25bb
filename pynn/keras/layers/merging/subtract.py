"""`Subtract` and `subtract`: difference of exactly two inputs."""

from pynn.keras.layers.merging.base_merge import _Merge, _shapes


class Subtract(_Merge):
    """Subtracts two inputs: `inputs[0] - inputs[1]`.

    Input: a list of exactly two tensors of the same shape (size-1 axes broadcast).
    Output: one tensor of that shape.
    """

    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError(
                "A `Subtract` layer should be called on exactly 2 inputs. "
                f"Received: input_shape={_shapes(input_shape)}"
            )

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                f"A `Subtract` layer should be called on exactly 2 inputs. Received: inputs={inputs}"
            )
        return inputs[0] - inputs[1]


def subtract(inputs, **kwargs):
    """Functional interface to `Subtract`: `subtract([x1, x2])`."""
    return Subtract(**kwargs)(inputs)
