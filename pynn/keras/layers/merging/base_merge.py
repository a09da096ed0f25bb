"""`_Merge`: shared base of the element-wise merge layers (Add, Multiply, ...)."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import is_shape_list_of_shapes, shape_list


def _shapes(input_shape):
    return [None if s is None else tuple(shape_list(s)) for s in input_shape]


class _Merge(Layer):
    """Merges a list of tensors element-wise with `_merge_function`.

    Inputs must have the same shape, up to broadcasting of size-1 axes; an
    input of lower rank gets size-1 axes inserted after the batch axis.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _merge_function(self, inputs):
        raise NotImplementedError

    @staticmethod
    def _elementwise_output_shape(shape1, shape2):
        """Broadcast shape of two sample shapes (no batch axis), as Keras checks it."""
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            shape1, shape2 = shape2, shape1
        if not shape2:
            return shape1
        output = list(shape1[: len(shape1) - len(shape2)])
        for i, j in zip(shape1[len(shape1) - len(shape2) :], shape2, strict=True):
            if i is None or j is None:
                output.append(None)
            elif i == 1:
                output.append(j)
            elif j == 1 or i == j:
                output.append(i)
            else:
                raise ValueError(
                    f"Inputs have incompatible shapes. Received shapes {shape1} and {shape2}"
                )
        return tuple(output)

    def _check_input_list(self, input_shape):
        if not is_shape_list_of_shapes(input_shape):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: input_shape={input_shape} (not a list of shapes)"
            )

    def _sample_output_shape(self, shapes):
        output = None if shapes[0] is None else shapes[0][1:]
        for shape in shapes[1:]:
            output = self._elementwise_output_shape(output, None if shape is None else shape[1:])
        return output

    def build(self, input_shape):
        self._check_input_list(input_shape)
        shapes = _shapes(input_shape)
        batch_sizes = {s[0] for s in shapes if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError(
                f"Cannot merge tensors with different batch sizes. Got tensors with shapes {shapes}"
            )
        self._sample_output_shape(shapes)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: inputs={inputs} (not a list of tensors)"
            )
        max_ndim = max(x.ndim for x in inputs)
        expanded = []
        for x in inputs:
            for _ in range(max_ndim - x.ndim):
                x = ops.expand_dims(x, 1)
            expanded.append(x)
        return self._merge_function(expanded)

    def compute_output_shape(self, input_shape):
        self._check_input_list(input_shape)
        shapes = _shapes(input_shape)
        output = self._sample_output_shape(shapes)
        batch_sizes = {s[0] for s in shapes if s is not None} - {None}
        batch = batch_sizes.pop() if len(batch_sizes) == 1 else None
        return TensorShape((batch,) + tuple(output))

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)):
            raise ValueError(f"`mask` should be a list. Received: mask={mask}")
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
        if len(mask) != len(inputs):
            raise ValueError(
                "The lists `inputs` and `mask` should have the same length. "
                f"Received: inputs={inputs} of length {len(inputs)}, and "
                f"mask={mask} of length {len(mask)}"
            )
        masks = [m for m in mask if m is not None]
        if not masks:
            return None
        result = masks[0]
        for m in masks[1:]:
            result = ops.logical_and(result, m)
        return result
