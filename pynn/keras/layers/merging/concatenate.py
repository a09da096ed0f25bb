"""`Concatenate` and `concatenate`: joins a list of inputs along one axis."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.layers.merging.base_merge import _Merge, _shapes
from pynn.keras.utils.generic_utils import is_shape_list_of_shapes


class Concatenate(_Merge):
    """Concatenates a list of inputs along `axis`.

    Args:
        axis: the concatenation axis (default -1, the features).

    Input: a list of tensors with equal shapes except along `axis`.
    Output: one tensor whose `axis` size is the sum of the inputs'.

    >>> merged = keras.layers.Concatenate()([x1, x2])   # (None, 3) + (None, 5) -> (None, 8)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        if not is_shape_list_of_shapes(input_shape):
            raise ValueError(
                "A `Concatenate` layer should be called on a list of at least 1 input. "
                f"Received: input_shape={input_shape}"
            )
        shapes = _shapes(input_shape)
        known = [list(s) for s in shapes if s is not None]
        if known:
            error = ValueError(
                "A `Concatenate` layer requires inputs with matching shapes except for "
                f"the concatenation axis. Received: input_shape={shapes}"
            )
            if len({len(s) for s in known}) != 1:
                raise error
            for s in known:
                del s[self.axis]
            for dims in zip(*known, strict=True):
                if len(set(dims) - {None}) > 1:
                    raise error
        self.built = True

    def call(self, inputs):
        return ops.concat(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape):
        if not is_shape_list_of_shapes(input_shape):
            raise ValueError(
                "A `Concatenate` layer should be called on a list of inputs. "
                f"Received: input_shape={input_shape}"
            )
        shapes = _shapes(input_shape)
        output = list(shapes[0])
        for shape in shapes[1:]:
            if output[self.axis] is None or shape[self.axis] is None:
                output[self.axis] = None
                break
            output[self.axis] += shape[self.axis]
        return TensorShape(output)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask, strict=True):
            if m is None:
                m = ops.cast(ops.ones_like(x), "bool")
            elif m.ndim < x.ndim:
                m = ops.expand_dims(m, -1)
            masks.append(m)
        return ops.all(ops.concat(masks, axis=self.axis), axis=-1)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


def concatenate(inputs, axis=-1, **kwargs):
    """Functional interface to `Concatenate`: `concatenate([x1, x2], axis=-1)`."""
    return Concatenate(axis=axis, **kwargs)(inputs)
