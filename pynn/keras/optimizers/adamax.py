"""`keras.optimizers.Adamax`: Adam with the infinity norm."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Adamax(Optimizer):
    """Adamax: a variant of Adam based on the infinity norm.

    `m += (g - m) * (1 - beta_1)`; `u = max(beta_2 * u, |g|)`;
    `w -= lr * m / ((1 - beta_1**t) * (u + epsilon))`.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        beta_1: Defaults to 0.9.
        beta_2: Defaults to 0.999.
        epsilon: Defaults to 1e-7.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("m", "u")

    def __init__(
        self,
        learning_rate=0.001,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-7,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Adamax",
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
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def _coefficients(self, lr, dtype):
        t = dtype.type
        beta_1_power = np.power(t(self.beta_1), self._step_as(dtype))
        return (t(lr), t(1) - beta_1_power, t(1 - self.beta_1), t(self.beta_2), t(self.epsilon))

    def _update(self, g, w, slots, k):
        lr, bias_correction, one_minus_beta_1, beta_2, epsilon = k
        m, u = slots
        m += (g - m) * one_minus_beta_1
        np.maximum(beta_2 * u, np.abs(g), out=u)
        w -= (lr * m) / (bias_correction * (u + epsilon))

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
                "epsilon": self.epsilon,
            }
        )
        return config
