"""`Permute`: permutes the non-batch axes."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


class Permute(Layer):
    """Permutes the axes of each sample according to `dims` (the batch axis stays first).

    Args:
        dims: tuple of integers, a permutation of `1 .. rank - 1` (1-based:
            axis 0 is the batch). `Permute((2, 1))` swaps the two axes of a
            `(batch, steps, features)` input.

    Input shape: `(batch_size,) + sample shape` with `len(dims)` sample axes.
    Output shape: the sample axes reordered by `dims`.
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(
                "Invalid permutation argument `dims` for Permute Layer. The set of "
                "indices in `dims` must be consecutive and start from 1. "
                f"Received dims={dims}"
            )
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        return TensorShape([dims[0]] + [dims[d] for d in self.dims])

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config
