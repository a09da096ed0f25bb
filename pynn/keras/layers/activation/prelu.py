"""`PReLU`: parametric rectified linear unit activation layer."""

from pynn import ops
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


class PReLU(Layer):
    """Parametric ReLU: `f(x) = alpha * x` for `x < 0`, `f(x) = x` for `x >= 0`,
    where `alpha` is a learned array with the shape of one sample.

    Args:
        alpha_initializer: initializer of `alpha` (default `"zeros"`).
        alpha_regularizer: regularizer of `alpha`.
        alpha_constraint: constraint of `alpha`.
        shared_axes: axes along which `alpha` is shared (size 1); e.g. for
            `(batch, height, width, channels)` inputs, `shared_axes=[1, 2]`
            learns one slope per channel.

    Input shape: any. Output shape: same as the input.

    Weights: `alpha` of shape `input_shape[1:]`, with the shared axes set to 1.
    """

    def __init__(
        self,
        alpha_initializer="zeros",
        alpha_regularizer=None,
        alpha_constraint=None,
        shared_axes=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        param_shape = shape_list(input_shape)[1:]
        for axis in self.shared_axes or ():
            param_shape[axis - 1] = 1
        if None in param_shape:
            raise ValueError(
                f"The input shape of PReLU layer {self.name!r} must be fully defined "
                f"outside `shared_axes`. Received: input_shape={tuple(shape_list(input_shape))}"
            )
        self.alpha = self.add_weight(
            name="alpha",
            shape=tuple(param_shape),
            initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer,
            constraint=self.alpha_constraint,
        )
        dims = shape_list(input_shape)
        shared = set(self.shared_axes or ())
        self.input_spec = InputSpec(
            ndim=len(dims), axes={i: dims[i] for i in range(1, len(dims)) if i not in shared}
        )
        self.built = True

    def call(self, inputs):
        return ops.relu(inputs) - self.alpha * ops.relu(-inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "alpha_initializer": initializers.serialize(self.alpha_initializer),
                "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
                "alpha_constraint": constraints.serialize(self.alpha_constraint),
                "shared_axes": self.shared_axes,
            }
        )
        return config
