"""`keras.optimizers.Nadam`: Adam with Nesterov momentum."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Nadam(Optimizer):
    """Nadam: Adam with Nesterov momentum and the 0.96 momentum-decay schedule.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        beta_1: Defaults to 0.9.
        beta_2: Defaults to 0.999.
        epsilon: Defaults to 1e-7.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("m", "v")

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
        name="Nadam",
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

    def _build_slots(self, var_list):
        # Running product of the momentum schedule, advanced once per step.
        self._u_product = np.float32(1.0)
        self._u_product_step = -1
        return super()._build_slots(var_list)

    def _coefficients(self, lr, dtype):
        t = dtype.type
        step, next_step = self._step_as(dtype), self._step_as(dtype, 2)
        decay = t(0.96)
        beta_1, beta_2 = t(self.beta_1), t(self.beta_2)
        u_t = beta_1 * (t(1) - t(0.5) * np.power(decay, step))
        u_t_1 = beta_1 * (t(1) - t(0.5) * np.power(decay, next_step))
        iteration = int(self._iterations._value)
        if self._u_product_step != iteration:
            self._u_product = np.float32(self._u_product * u_t)
            self._u_product_step = iteration
        u_product_t = t(self._u_product)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = np.power(beta_2, step)
        return (
            t(lr),
            u_t_1,
            t(1) - u_product_t_1,
            t(1) - u_t,
            t(1) - u_product_t,
            t(1) - beta_2_power,
            t(1) - beta_1,
            t(1) - beta_2,
            t(self.epsilon),
        )

    def _update(self, g, w, slots, k):
        (
            lr,
            u_t_1,
            one_minus_u_product_t_1,
            one_minus_u_t,
            one_minus_u_product_t,
            one_minus_beta_2_power,
            one_minus_beta_1,
            one_minus_beta_2,
            epsilon,
        ) = k
        m, v = slots
        m += (g - m) * one_minus_beta_1
        v += (g * g - v) * one_minus_beta_2
        m_hat = u_t_1 * m / one_minus_u_product_t_1 + one_minus_u_t * g / one_minus_u_product_t
        v_hat = v / one_minus_beta_2_power
        w -= (m_hat * lr) / (np.sqrt(v_hat) + epsilon)

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
