"""`keras.optimizers.Adam`."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer
from pynn.ops import gemm


class Adam(Optimizer):
    """Adam: adaptive estimates of the first and second moments of the gradient.

    `m += (g - m) * (1 - beta_1)`, `v += (g**2 - v) * (1 - beta_2)`,
    `w -= m * alpha / (sqrt(v) + epsilon)` with
    `alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)` ("epsilon hat" placement).

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        beta_1: decay of the first moment. Defaults to 0.9.
        beta_2: decay of the second moment. Defaults to 0.999.
        epsilon: Defaults to 1e-7.
        amsgrad: use the maximum of past second moments (AMSGrad). Defaults to False.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    def __init__(
        self,
        learning_rate=0.001,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-7,
        amsgrad=False,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Adam",
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
        self.amsgrad = amsgrad

    def _build_slots(self, var_list):
        # m and v interleaved per variable, then (amsgrad) every vhat.
        pairs = [
            (self.add_variable_from_reference(v, "m"), self.add_variable_from_reference(v, "v"))
            for v in var_list
        ]
        if not self.amsgrad:
            return pairs
        hats = [self.add_variable_from_reference(v, "vhat") for v in var_list]
        return [pair + (hat,) for pair, hat in zip(pairs, hats, strict=True)]

    def _coefficients(self, lr, dtype):
        t = dtype.type
        step = self._step_as(dtype)
        beta_1_power = np.power(t(self.beta_1), step)
        beta_2_power = np.power(t(self.beta_2), step)
        alpha = t(lr) * np.sqrt(t(1) - beta_2_power) / (t(1) - beta_1_power)
        return alpha, t(1 - self.beta_1), t(1 - self.beta_2), t(self.epsilon)

    def _update(self, g, w, slots, k):
        # In-place form of: m += (g - m) * (1 - b1); v += (g**2 - v) * (1 - b2);
        # w -= (m * alpha) / (sqrt(v) + eps) -- the same float32 operations, fewer arrays.
        alpha, one_minus_beta_1, one_minus_beta_2, epsilon = k
        m, v = slots[0], slots[1]
        # the browser's compiled kernel does the same operations in one pass (bit for bit)
        if not self.amsgrad and gemm.adam_update(w, m, v, g, *k):
            return
        scratch = np.subtract(g, m, out=self._scratch(g))
        scratch *= one_minus_beta_1
        m += scratch
        np.multiply(g, g, out=scratch)
        scratch -= v
        scratch *= one_minus_beta_2
        v += scratch
        if self.amsgrad:
            v_hat = slots[2]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        np.sqrt(v, out=scratch)
        scratch += epsilon
        step = np.multiply(m, alpha, out=self._scratch(g, 1))
        step /= scratch
        w -= step

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
                "epsilon": self.epsilon,
                "amsgrad": self.amsgrad,
            }
        )
        return config
