"""`keras.optimizers.Adafactor`: factored second moments (Shazeer & Stern, 2018)."""

import numpy as np

from pynn.core.tensor import Variable
from pynn.keras.optimizers.optimizer import Optimizer
from pynn.keras.optimizers.schedules import learning_rate_schedule


def _rms(x):
    return np.sqrt(np.mean(np.square(x)))


class Adafactor(Optimizer):
    """Adafactor: second moments of matrices kept as row and column averages.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        beta_2_decay: decay exponent of the second moment. Defaults to -0.8.
        epsilon_1: added to squared gradients. Defaults to 1e-30.
        epsilon_2: floor of the weights' RMS in the step size. Defaults to 1e-3.
        clip_threshold: cap of the update's RMS. Defaults to 1.0.
        relative_step: cap the learning rate at `1 / sqrt(step)`. Defaults to True.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _elementwise = False

    def __init__(
        self,
        learning_rate=0.001,
        beta_2_decay=-0.8,
        epsilon_1=1e-30,
        epsilon_2=1e-3,
        clip_threshold=1.0,
        relative_step=True,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Adafactor",
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
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def _build_slots(self, var_list):
        slots = []
        for v in var_list:
            shape = np.shape(v._value)
            name = v.name.removesuffix(":0")
            if len(shape) < 2:  # (unused placeholders, outside `variables` as in tf.keras)
                r = Variable(0, name=f"r/{name}")
                c = Variable(0, name=f"r/{name}")
            else:
                dtype = v._value.dtype.name
                r = self.add_variable(shape[:-1], dtype=dtype, name=f"{self.name}/r/{name}")
                c = self.add_variable(
                    shape[:-2] + shape[-1:], dtype=dtype, name=f"{self.name}/c/{name}"
                )
            slots.append((r, c, self.add_variable_from_reference(v, "v")))
        return slots

    def _coefficients(self, lr, dtype):
        t = dtype.type
        lr = t(lr)
        step = self._step_as(dtype)
        inverse_sqrt_step = t(1) / np.sqrt(step)
        if self.relative_step and not isinstance(
            self._learning_rate, learning_rate_schedule.LearningRateSchedule
        ):
            lr = np.minimum(lr, inverse_sqrt_step)
        rho = np.minimum(lr, inverse_sqrt_step)
        beta_2 = t(1) - np.power(step, t(self.beta_2_decay))
        return (
            rho,
            beta_2,
            t(1) - beta_2,
            t(self.epsilon_1),
            t(self.epsilon_2),
            t(self.clip_threshold),
        )

    def _update(self, g, w, slots, k):
        rho, beta_2, one_minus_beta_2, epsilon_1, epsilon_2, clip_threshold = k
        r, c, v = slots
        alpha = np.maximum(epsilon_2, _rms(w)) * rho
        regulated = g * g + epsilon_1
        if w.ndim >= 2:
            r[...] = beta_2 * r + one_minus_beta_2 * np.mean(regulated, axis=-1)
            c[...] = beta_2 * c + one_minus_beta_2 * np.mean(regulated, axis=-2)
            v[...] = (r / np.mean(r, axis=-1, keepdims=True))[..., None] * c[..., None, :]
        else:
            v[...] = beta_2 * v + one_minus_beta_2 * regulated
        u = g * (1 / np.sqrt(v))
        u_hat = u / np.maximum(np.float32(1), _rms(u) / clip_threshold)
        w += -alpha * u_hat

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "beta_2_decay": self.beta_2_decay,
                "epsilon_1": self.epsilon_1,
                "epsilon_2": self.epsilon_2,
                "clip_threshold": self.clip_threshold,
                "relative_step": self.relative_step,
            }
        )
        return config
