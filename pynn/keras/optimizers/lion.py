"""`keras.optimizers.Lion`: sign-of-momentum updates (Chen et al., 2023)."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Lion(Optimizer):
    """Lion: `w -= lr * sign(beta_1 * m + (1 - beta_1) * g)`, then
    `m = beta_2 * m + (1 - beta_2) * g`.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.0001.
        beta_1: in ]0, 1]. Defaults to 0.9.
        beta_2: Defaults to 0.99.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("m",)

    def __init__(
        self,
        learning_rate=0.0001,
        beta_1=0.9,
        beta_2=0.99,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Lion",
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
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                f"`beta_1`={beta_1} must be between ]0, 1]. Otherwise, the "
                "optimizer degenerates to SignSGD."
            )

    def _coefficients(self, lr, dtype):
        t = dtype.type
        beta_1, beta_2 = t(self.beta_1), t(self.beta_2)
        return t(lr), beta_1, t(1) - beta_1, beta_2, t(1) - beta_2

    def _update(self, g, w, slots, k):
        lr, beta_1, one_minus_beta_1, beta_2, one_minus_beta_2 = k
        (m,) = slots
        w -= lr * np.sign(m * beta_1 + g * one_minus_beta_1)
        m[...] = m * beta_2 + g * one_minus_beta_2

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
            }
        )
        return config
