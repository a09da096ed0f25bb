"""`keras.optimizers.legacy`: the pre-2.11 optimizer names.

They run the current optimizers' update rules and accept the old arguments:
`lr` (an alias of `learning_rate`) and `decay` (time-based decay,
`lr / (1 + decay * iterations)`).
"""

import warnings

import numpy as np

from pynn.keras.optimizers import adadelta, adagrad, adam, adamax, ftrl, nadam, rmsprop, sgd
from pynn.keras.optimizers.optimizer import Optimizer as _Optimizer


class _Legacy:
    def __init__(self, *args, **kwargs):
        if "lr" in kwargs:
            warnings.warn(
                "The `lr` argument is deprecated, use `learning_rate` instead.",
                UserWarning,
                stacklevel=2,
            )
            kwargs["learning_rate"] = kwargs.pop("lr")
        decay = kwargs.pop("decay", 0.0)
        if decay < 0.0:
            raise ValueError(f"decay cannot be less than 0. Received: decay={decay}.")
        super().__init__(*args, **kwargs)
        self.decay = decay

    def _step_learning_rate(self):
        lr = super()._step_learning_rate()
        if self.decay > 0.0:
            lr = lr / (
                np.float32(1) + np.float32(self.decay) * np.float32(int(self._iterations._value))
            )
        return np.float32(lr)

    def get_config(self):
        config = super().get_config()
        for key in (
            "weight_decay",
            "use_ema",
            "ema_momentum",
            "ema_overwrite_frequency",
            "jit_compile",
            "is_legacy_optimizer",
            "clipnorm",
            "global_clipnorm",
            "clipvalue",
        ):
            config.pop(key, None)
        config["decay"] = self.decay
        config["is_legacy_optimizer"] = True
        return config


Optimizer = _Optimizer


class SGD(_Legacy, sgd.SGD):
    pass


class RMSprop(_Legacy, rmsprop.RMSprop):
    pass


class Adam(_Legacy, adam.Adam):
    pass


class Adagrad(_Legacy, adagrad.Adagrad):
    pass


class Adadelta(_Legacy, adadelta.Adadelta):
    pass


class Adamax(_Legacy, adamax.Adamax):
    pass


class Nadam(_Legacy, nadam.Nadam):
    pass


class Ftrl(_Legacy, ftrl.Ftrl):
    pass
