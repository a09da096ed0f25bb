"""`keras.optimizers.Ftrl`: Follow The Regularized Leader."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class Ftrl(Optimizer):
    """FTRL-Proximal (McMahan et al., 2013), with L1, L2 and L2-shrinkage terms.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.001.
        learning_rate_power: <= 0; -0.5 gives Adagrad-like steps. Defaults to -0.5.
        initial_accumulator_value: >= 0. Defaults to 0.1.
        l1_regularization_strength, l2_regularization_strength,
        l2_shrinkage_regularization_strength: >= 0. Default to 0.
        beta: Defaults to 0.0.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("accumulator", "linear")

    def __init__(
        self,
        learning_rate=0.001,
        learning_rate_power=-0.5,
        initial_accumulator_value=0.1,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        l2_shrinkage_regularization_strength=0.0,
        beta=0.0,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="Ftrl",
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
        checks = (
            (
                initial_accumulator_value < 0.0,
                "initial_accumulator_value",
                initial_accumulator_value,
                "positive or zero",
            ),
            (
                learning_rate_power > 0.0,
                "learning_rate_power",
                learning_rate_power,
                "negative or zero",
            ),
            (
                l1_regularization_strength < 0.0,
                "l1_regularization_strength",
                l1_regularization_strength,
                "positive or zero",
            ),
            (
                l2_regularization_strength < 0.0,
                "l2_regularization_strength",
                l2_regularization_strength,
                "positive or zero",
            ),
            (
                l2_shrinkage_regularization_strength < 0.0,
                "l2_shrinkage_regularization_strength",
                l2_shrinkage_regularization_strength,
                "positive or zero",
            ),
        )
        for failed, argument, value, expected in checks:
            if failed:
                raise ValueError(
                    f"`{argument}` needs to be {expected}. Received: {argument}={value}."
                )
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def _build_slots(self, var_list):
        slots = []
        for v in var_list:
            initial = np.full(
                np.shape(v._value), self.initial_accumulator_value, dtype=v._value.dtype
            )
            slots.append(
                (
                    self.add_variable_from_reference(v, "accumulator", initial_value=initial),
                    self.add_variable_from_reference(v, "linear"),
                )
            )
        return slots

    def _coefficients(self, lr, dtype):
        t = dtype.type
        lr = t(lr)
        l2_reg = t(self.l2_regularization_strength) + t(self.beta) / (t(2.0) * lr)
        return (
            lr,
            t(-self.learning_rate_power),
            t(2 * self.l2_shrinkage_regularization_strength),
            t(2) * l2_reg,
            t(self.l1_regularization_strength),
        )

    def _update(self, g, w, slots, k):
        lr, power, shrinkage, twice_l2, l1 = k
        accumulator, linear = slots
        grad_to_use = g + shrinkage * w
        new_accumulator = accumulator + g * g
        new_power = np.power(new_accumulator, power)
        linear += grad_to_use - (new_power - np.power(accumulator, power)) / lr * w
        quadratic = new_power / lr + twice_l2
        w[...] = (np.clip(linear, -l1, l1) - linear) / quadratic
        accumulator[...] = new_accumulator

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "learning_rate_power": self.learning_rate_power,
                "initial_accumulator_value": self.initial_accumulator_value,
                "l1_regularization_strength": self.l1_regularization_strength,
                "l2_regularization_strength": self.l2_regularization_strength,
                "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
                "beta": self.beta,
            }
        )
        return config
