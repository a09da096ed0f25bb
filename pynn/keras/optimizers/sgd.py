"""`keras.optimizers.SGD`: gradient descent with optional (Nesterov) momentum."""

import numpy as np

from pynn.keras.optimizers.optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent (with momentum) optimizer.

    `velocity = momentum * velocity - learning_rate * g`, then `w = w + velocity`
    (Nesterov: `w = w + momentum * velocity - learning_rate * g`). With momentum 0
    this is `w = w - learning_rate * g`.

    Args:
        learning_rate: a float or a `LearningRateSchedule`. Defaults to 0.01.
        momentum: float in [0, 1]. Defaults to 0.
        nesterov: whether to apply Nesterov momentum. Defaults to False.
        (plus the common optimizer arguments, see `Optimizer`)
    """

    _slot_names = ("m",)

    def __init__(
        self,
        learning_rate=0.01,
        momentum=0.0,
        nesterov=False,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        name="SGD",
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
        self.momentum = momentum
        self.nesterov = nesterov
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")

    def _coefficients(self, lr, dtype):
        return dtype.type(lr), dtype.type(self.momentum)

    def _update(self, g, w, slots, k):
        lr, momentum = k
        (m,) = slots
        if not momentum:
            # m = -g*lr + m*0 is g*(-lr); w += m is w -= g*lr (the same floats).
            np.multiply(g, -lr, out=m)
            w += m
            return
        step = np.multiply(g, lr, out=self._scratch(g))
        m *= momentum
        m -= step
        if self.nesterov:
            w += m * momentum - step
        else:
            w += m

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "momentum": self.momentum,
                "nesterov": self.nesterov,
            }
        )
        return config
