"""`keras.optimizers.Adagrad`."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad: per-parameter learning rates from the sum of squared gradients.

    `acc += g**2`; `w -= lr * g / sqrt(acc + epsilon)`.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        initial_accumulator_value: starting value of the accumulators. Defaults to 0.1.
        epsilon: Defaults to 1e-7.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    def __init__(
        self,
        learning_rate=0.001,
        initial_accumulator_value=0.1,
        epsilon=1e-7,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Adagrad",
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
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def _build_slots(self, var_list):
        slots = []
        for v in var_list:
            shape = np.shape(v._value)
            initial = np.full(shape, self.initial_accumulator_value, dtype=v._value.dtype)
            slots.append(
                (self.add_variable_from_reference(v, "accumulator", initial_value=initial),)
            )
        return slots

    def _coefficients(self, lr, dtype):
        return dtype.type(lr), dtype.type(self.epsilon)

    def _update(self, g, w, slots, k):
        lr, epsilon = k
        (accumulator,) = slots
        accumulator += g * g
        w -= lr * g / np.sqrt(accumulator + epsilon)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon,
            }
        )
        return config
