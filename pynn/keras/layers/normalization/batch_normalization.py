"""`BatchNormalization`: normalize with batch statistics while training, moving ones after."""

import numpy as np

from pynn import ops
from pynn.core.autodiff import stop_gradient
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.utils.generic_utils import shape_list


def normalize_axes(axis, rank, layer):
    """int or list of ints (negative allowed) -> sorted list of non-negative axes."""
    axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(
                f"Invalid value for `axis` argument. Expected 0 <= axis < "
                f"inputs.rank (with inputs.rank={rank}). Received: "
                f"layer.axis={axis}"
            )
        out.append(a % rank)
    if len(set(out)) != len(out):
        raise ValueError(f"Duplicate axis: {axis} (layer {layer.name}).")
    return sorted(out)


class BatchNormalization(Layer):
    """Normalizes each feature to mean 0 and variance 1, then scales by `gamma` and
    shifts by `beta`:

        output = (x - mean) / sqrt(var + epsilon) * gamma + beta

    While training (`fit`, or `training=True`), `mean` and `var` are those of the current
    batch (over every axis except `axis`), and the moving statistics are updated:
    `moving = moving * momentum + batch * (1 - momentum)`. At inference (`predict`,
    `evaluate`, `training=False`) the moving statistics are used instead. A layer with
    `trainable = False` always runs in inference mode (as in TF 2).

    Args:
        axis: the feature axis (or list of axes) that keeps its own statistics
            (default -1, the channels of `channels_last` images).
        momentum: of the moving averages (default 0.99).
        epsilon: added to the variance (default 1e-3).
        center: learn `beta` (default True). scale: learn `gamma` (default True).
        beta_initializer (`"zeros"`), gamma_initializer (`"ones"`),
        moving_mean_initializer (`"zeros"`), moving_variance_initializer (`"ones"`),
        beta/gamma regularizers and constraints.

    Input shape: any. Output shape: same as the input.

    Weights, in this order: `gamma`, `beta` (trainable), `moving_mean`, `moving_variance`
    (non-trainable), each of the size of the feature axis.
    """

    def __init__(
        self,
        axis=-1,
        momentum=0.99,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        moving_mean_initializer="zeros",
        moving_variance_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        renorm=False,
        renorm_clipping=None,
        renorm_momentum=0.99,
        fused=None,
        trainable=True,
        virtual_batch_size=None,
        adjustment=None,
        name=None,
        synchronized=False,
        **kwargs,
    ):
        super().__init__(name=name, trainable=trainable, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                "Expected an int or a list/tuple of ints for the argument 'axis', "
                f"but received: {axis!r}"
            )
        if renorm or virtual_batch_size is not None or adjustment is not None:
            raise ValueError(
                "pynn's BatchNormalization does not implement `renorm`, "
                "`virtual_batch_size` or `adjustment`; leave them at their "
                "defaults."
            )
        if synchronized and fused:
            raise ValueError("`fused=True` is not supported when `synchronized=True`.")
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.synchronized = synchronized
        self.fused = False if synchronized else fused
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        dims = shape_list(input_shape)
        rank = len(dims)
        self.axis = normalize_axes(self.axis, rank, self)
        for a in self.axis:
            if dims[a] is None:
                raise ValueError(
                    "Input has undefined `axis` dimension. Received input with "
                    f"shape {tuple(dims)} and axis={tuple(self.axis)}"
                )
        self.input_spec = InputSpec(ndim=rank, axes={a: dims[a] for a in self.axis})
        if len(self.axis) == 1:
            param_shape = (dims[self.axis[0]],)
        else:
            param_shape = tuple(dims[i] if i in self.axis else 1 for i in range(rank))
        # TF's fused kernel (4-D/5-D input, channel axis first or last) feeds the moving
        # variance with the unbiased (n - 1) batch variance; the general path does not.
        self._unbiased_update = self.fused is not False and (
            (rank == 4 and self.axis in ([1], [3])) or (rank == 5 and self.axis in ([1], [4]))
        )
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
        self.moving_mean = self.add_weight(
            name="moving_mean",
            shape=param_shape,
            initializer=self.moving_mean_initializer,
            trainable=False,
        )
        self.moving_variance = self.add_weight(
            name="moving_variance",
            shape=param_shape,
            initializer=self.moving_variance_initializer,
            trainable=False,
        )
        self.built = True

    def _broadcast(self, param, rank):
        """A parameter reshaped to broadcast against the input."""
        if param is None or (len(self.axis) == 1 and self.axis[0] == rank - 1):
            return param
        if len(self.axis) > 1:
            return param
        shape = [1] * rank
        shape[self.axis[0]] = -1
        return ops.reshape(param, shape)

    def _moments(self, inputs, reduction, mask):
        if mask is None:
            mean = ops.mean(inputs, axis=reduction, keepdims=True)
            variance = ops.mean(
                ops.square(ops.subtract(inputs, mean)), axis=reduction, keepdims=True
            )
            return mean, variance
        weights = ops.cast(mask, inputs.dtype)
        while weights.ndim < inputs.ndim:
            weights = ops.expand_dims(weights, -1)
        weights = ops.multiply(weights, ops.ones_like(inputs))
        total = ops.sum(weights, axis=reduction, keepdims=True)
        mean = ops.divide(
            ops.sum(ops.multiply(inputs, weights), axis=reduction, keepdims=True), total
        )
        variance = ops.divide(
            ops.sum(
                ops.multiply(weights, ops.square(ops.subtract(inputs, mean))),
                axis=reduction,
                keepdims=True,
            ),
            total,
        )
        return mean, variance

    def _update_moving(self, mean, variance, count):
        # with ops (not numpy) so that a replayed train step updates them too
        keep = tuple(self.moving_mean._value.shape)
        batch_mean = ops.reshape(stop_gradient(mean), keep)
        batch_var = ops.reshape(stop_gradient(variance), keep)
        if self._unbiased_update and count > 1:
            batch_var = ops.multiply(batch_var, count / (count - 1.0))
        momentum = np.float32(self.momentum)
        self.moving_mean.assign(
            ops.add(
                ops.multiply(self.moving_mean, momentum), ops.multiply(batch_mean, 1 - momentum)
            )
        )
        self.moving_variance.assign(
            ops.add(
                ops.multiply(self.moving_variance, momentum), ops.multiply(batch_var, 1 - momentum)
            )
        )

    def call(self, inputs, training=None, mask=None):
        rank = inputs.ndim
        if training and self.trainable:
            reduction = [i for i in range(rank) if i not in self.axis]
            mean, variance = self._moments(inputs, reduction, mask)
            count = int(np.prod([inputs.shape[i] for i in reduction]))
            self._update_moving(mean, variance, count)
        else:
            mean = self._broadcast(self.moving_mean, rank)
            variance = self._broadcast(self.moving_variance, rank)
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
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "center": self.center,
                "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
                "moving_variance_initializer": initializers.serialize(
                    self.moving_variance_initializer
                ),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint),
            }
        )
        if self.synchronized:
            config["synchronized"] = True
        return config
