"""`LayerNormalization`: normalize each sample over its feature axes."""

from pynn import ops
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.normalization.batch_normalization import normalize_axes
from pynn.keras.utils.generic_utils import shape_list


class LayerNormalization(Layer):
    """Normalizes every sample on its own: over the `axis` axes, subtract the mean and
    divide by the standard deviation, then scale by `gamma` and shift by `beta`:

        output = (x - mean(x)) / sqrt(var(x) + epsilon) * gamma + beta

    Unlike `BatchNormalization` it behaves the same in training and inference.

    Args:
        axis: int or list of ints, the axes to normalize over (default -1).
        epsilon: added to the variance (default 1e-3).
        center: learn `beta` (default True). scale: learn `gamma` (default True).
        beta_initializer (`"zeros"`), gamma_initializer (`"ones"`), beta/gamma
            regularizers and constraints.

    Input shape: any. Output shape: same as the input.

    Weights: `gamma`, `beta`, of the shape of the normalized axes.
    """

    def __init__(
        self,
        axis=-1,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                "Expected an int or a list/tuple of ints for the argument 'axis', "
                f"but received: {axis!r}"
            )
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        dims = shape_list(input_shape)
        self.axis = normalize_axes(self.axis, len(dims), self)
        param_shape = tuple(dims[a] for a in self.axis)
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(
                name="gamma",
                shape=param_shape,
                initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer,
                constraint=self.gamma_constraint,
                trainable=True,
            )
        if self.center:
            self.beta = self.add_weight(
                name="beta",
                shape=param_shape,
                initializer=self.beta_initializer,
                regularizer=self.beta_regularizer,
                constraint=self.beta_constraint,
                trainable=True,
            )
        self.built = True

    def _broadcast(self, param, rank):
        if param is None or self.axis == list(range(rank - len(self.axis), rank)):
            return param
        return ops.reshape(
            param, [param.shape[self.axis.index(i)] if i in self.axis else 1 for i in range(rank)]
        )

    def call(self, inputs):
        rank = inputs.ndim
        mean = ops.mean(inputs, axis=self.axis, keepdims=True)
        variance = ops.mean(ops.square(ops.subtract(inputs, mean)), axis=self.axis, keepdims=True)
        return ops.batch_normalization(
            inputs,
            mean,
            variance,
            self._broadcast(self.beta, rank),
            self._broadcast(self.gamma, rank),
            self.epsilon,
        )

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "axis": self.axis,
                "epsilon": self.epsilon,
                "center": self.center,
                "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint),
            }
        )
        return config
