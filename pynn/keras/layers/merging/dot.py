"""`Dot` and `dot`: dot product of two inputs along given axes, per sample."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.layers.merging.base_merge import _Merge, _shapes


def batch_dot(x, y, axes):
    """Per-sample dot product contracting `x`'s axis `axes[0]` with `y`'s `axes[1]`.

    Result shape: `x`'s shape without that axis, followed by `y`'s shape without
    the batch axis and that axis; a result with only the batch axis gets a
    trailing axis of size 1, as in Keras.
    """
    ax, ay = axes
    x = ops.transpose(x, [d for d in range(x.ndim) if d != ax] + [ax])  # (batch, ..., n)
    y = ops.transpose(y, [0, ay] + [d for d in range(1, y.ndim) if d != ay])  # (batch, n, ...)
    x_rest, y_rest = tuple(x.shape)[1:-1], tuple(y.shape)[2:]
    batch, n = x.shape[0], x.shape[-1]
    x2 = ops.reshape(x, (batch, -1, n)) if x.ndim != 3 else x
    y2 = ops.reshape(y, (batch, n, -1)) if y.ndim != 3 else y
    output = ops.reshape(ops.matmul(x2, y2), (batch,) + x_rest + y_rest)
    if output.ndim == 1:
        output = ops.expand_dims(output, 1)
    return output


class Dot(_Merge):
    """Dot product between samples of two tensors.

    With inputs `a` of shape `(batch, n)` and `b` of shape `(batch, n)` and
    `axes=1`, the output has shape `(batch, 1)` and holds `sum(a[i] * b[i])`.

    Args:
        axes: integer, or tuple of two integers, the axis of each input to
            contract (the two sizes must match).
        normalize: whether to L2-normalize the samples along the dot-product axis
            first, giving the cosine similarity.

    Input: a list of two tensors.
    Output: `a`'s shape without its axis, then `b`'s shape without batch and axis.
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(
                    "Invalid type for argument `axes`: it should be a list or an int. "
                    f"Received: axes={axes}"
                )
            if len(axes) != 2:
                raise ValueError(
                    "Invalid format for argument `axes`: it should contain two elements. "
                    f"Received: axes={axes}"
                )
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError(
                    "Invalid format for argument `axes`: list elements should be integers. "
                    f"Received: axes={axes}"
                )
        self.axes = axes
        self.normalize = normalize

    def _resolved_axes(self, rank1, rank2):
        axes = [self.axes, self.axes] if isinstance(self.axes, int) else list(self.axes)
        return [axes[0] % rank1, axes[1] % rank2]

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                f"A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={input_shape}"
            )
        shape1, shape2 = _shapes(input_shape)
        if shape1 is not None and shape2 is not None:
            a1, a2 = self._resolved_axes(len(shape1), len(shape2))
            if shape1[a1] != shape2[a2]:
                raise ValueError(
                    f"Incompatible input shapes: axis values {shape1[a1]} (at axis {a1}) != "
                    f"{shape2[a2]} (at axis {a2}). Full input shapes: {shape1}, {shape2}"
                )
        self.built = True

    def call(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                f"A `Dot` layer should be called on exactly 2 inputs. Received: inputs={inputs}"
            )
        x1, x2 = inputs
        axes = self._resolved_axes(x1.ndim, x2.ndim)
        if self.normalize:
            x1 = ops.l2_normalize(x1, axis=axes[0])
            x2 = ops.l2_normalize(x2, axis=axes[1])
        return batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                f"A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={input_shape}"
            )
        shape1, shape2 = (list(s) for s in _shapes(input_shape))
        a1, a2 = self._resolved_axes(len(shape1), len(shape2))
        shape1.pop(a1)
        shape2.pop(a2)
        output = shape1 + shape2[1:]
        if len(output) == 1:
            output.append(1)
        return TensorShape(output)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": self.axes, "normalize": self.normalize})
        return config


def dot(inputs, axes, normalize=False, **kwargs):
    """Functional interface to `Dot`: `dot([x1, x2], axes=1)`."""
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
