"""`keras.optimizers.Adadelta`."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta: step sizes from running averages of squared gradients and updates.

    `acc_g = rho * acc_g + (1 - rho) * g**2`;
    `delta = -sqrt(acc_dx + eps) * g / sqrt(acc_g + eps)`;
    `acc_dx = rho * acc_dx + (1 - rho) * delta**2`; `w += lr * delta`.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        rho: decay rate. Defaults to 0.95.
        epsilon: Defaults to 1e-7.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("accumulated_grad", "accumulated_delta_var")

    def __init__(
        self,
        learning_rate=0.001,
        rho=0.95,
        epsilon=1e-7,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Adadelta",
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
        self.epsilon = epsilon

    def _coefficients(self, lr, dtype):
        t = dtype.type
        return t(lr), t(self.rho), t(1 - self.rho), t(self.epsilon)

    def _update(self, g, w, slots, k):
        lr, rho, one_minus_rho, epsilon = k
        accumulated_grad, accumulated_delta = slots
        accumulated_grad[...] = rho * accumulated_grad + one_minus_rho * g * g
        delta = -np.sqrt(accumulated_delta + epsilon) * g / np.sqrt(accumulated_grad + epsilon)
        accumulated_delta[...] = rho * accumulated_delta + one_minus_rho * delta * delta
        w += lr * delta

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "rho": self.rho,
                "epsilon": self.epsilon,
            }
        )
        return config
