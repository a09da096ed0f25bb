"""`keras.optimizers.RMSprop`."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop: divide the gradient by a running root-mean-square of its history.

    `v = rho * v + (1 - rho) * g**2`; `w -= lr * g / sqrt(v + epsilon)`
    (centered: `v - mean_g**2 + epsilon` under the root; momentum: the increments
    are accumulated with decay `momentum`).

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        rho: discounting factor for the history. Defaults to 0.9.
        momentum: Defaults to 0.0.
        epsilon: Defaults to 1e-7.
        centered: normalize by the estimated variance. Defaults to False.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    def __init__(
        self,
        learning_rate=0.001,
        rho=0.9,
        momentum=0.0,
        epsilon=1e-7,
        centered=False,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=100,
        jit_compile=True,
        name="RMSprop",
        **kwargs,
    ):
        super().__init__(
            name=name,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            jit_compile=jit_compile,
            **kwargs,
        )
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def _build_slots(self, var_list):
        # tf.keras creates all velocities, then all momentums, then all averages.
        velocities = [self.add_variable_from_reference(v, "velocity") for v in var_list]
        momentums = (
            [self.add_variable_from_reference(v, "momentum") for v in var_list]
            if self.momentum > 0
            else [None] * len(var_list)
        )
        averages = (
            [self.add_variable_from_reference(v, "average_gradient") for v in var_list]
            if self.centered
            else [None] * len(var_list)
        )
        return [
            tuple(s for s in group if s is not None)
            for group in zip(velocities, momentums, averages, strict=True)
        ]

    def _coefficients(self, lr, dtype):
        t = dtype.type
        return t(lr), t(self.rho), t(1 - self.rho), t(self.momentum), t(self.epsilon)

    def _update(self, g, w, slots, k):
        lr, rho, one_minus_rho, momentum, epsilon = k
        velocity = slots[0]
        velocity[...] = rho * velocity + one_minus_rho * (g * g)
        if self.centered:
            average = slots[-1]
            average[...] = rho * average + one_minus_rho * g
            denominator = velocity - average * average + epsilon
        else:
            denominator = velocity + epsilon
        increment = lr * g * (1 / np.sqrt(denominator))
        if self.momentum > 0:
            m = slots[1]
            m[...] = momentum * m + increment
            w -= m
        else:
            w -= increment

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "rho": self.rho,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "centered": self.centered,
            }
        )
        return config
