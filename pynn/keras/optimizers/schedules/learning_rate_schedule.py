"""Learning-rate schedules (`keras.optimizers.schedules`).

A schedule is called with the optimizer's step (a Python int, a numpy value or an
int64 Variable) and returns the learning rate as a float32 scalar Tensor. The
arithmetic follows tf.keras 2.15 step by step in the dtype of
`initial_learning_rate` (float32 for Python floats).
"""

import math

import numpy as np

from pynn.core.tensor import Tensor


def _value(x):
    value = getattr(x, "_value", None)
    return np.asarray(x) if value is None else value


def _float(x):
    """A Python number as TF converts it (float -> float32, int -> int32)."""
    value = _value(x)
    if value.dtype == np.float64 and not isinstance(x, np.ndarray):
        return value.astype(np.float32)
    if value.dtype == np.int64 and not isinstance(x, np.ndarray):
        return value.astype(np.int32)
    return value


def _result(value):
    return Tensor(np.asarray(value))


class LearningRateSchedule:
    """Base class: subclasses implement `__call__(step)` and `get_config()`."""

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`."
        )

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` "
            "in order to be serializable."
        )

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _initial(schedule):
    initial = _float(schedule.initial_learning_rate)
    if initial.dtype.kind != "f":
        initial = initial.astype(np.float32)
    return initial, initial.dtype.type


class _StepDecay(LearningRateSchedule):
    """What ExponentialDecay and InverseTimeDecay share: their arguments, their config and
    the progress `step / decay_steps` (floored with `staircase=True`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def _progress(self, step):
        """(initial learning rate, its float type, step / decay_steps)."""
        initial, t = _initial(self)
        p = np.asarray(_value(step)).astype(t) / t(self.decay_steps)
        if self.staircase:
            p = np.floor(p)
        return initial, t, p

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class ExponentialDecay(_StepDecay):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)` (floored with
    `staircase=True`)."""

    def __call__(self, step):
        initial, t, p = self._progress(step)
        return _result(initial * np.power(t(self.decay_rate), p))


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[0]` up to `boundaries[0]` (inclusive), `values[1]` up to
    `boundaries[1]`, ..., `values[-1]` after the last boundary."""

    def __init__(self, boundaries, values, name=None):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. "
                f"Received: boundaries={boundaries} of length {len(boundaries)}, and "
                f"values={values} of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        x = _value(step)
        index = np.searchsorted(np.asarray(self.boundaries), x, side="left")
        values = [_float(v) for v in self.values]
        return _result(values[int(index)] if np.ndim(index) == 0 else np.stack(values)[index])

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """From `initial_learning_rate` to `end_learning_rate` in `decay_steps` steps
    along `(1 - step / decay_steps) ** power` (restarting with `cycle=True`)."""

    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        end_learning_rate=0.0001,
        power=1.0,
        cycle=False,
        name=None,
    ):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        initial, t = _initial(self)
        end = t(self.end_learning_rate)
        power = t(self.power)
        global_step = np.asarray(_value(step)).astype(t)
        decay_steps = t(self.decay_steps)
        if self.cycle:
            multiplier = np.where(
                global_step == 0, t(1.0), np.ceil(global_step / decay_steps)
            ).astype(t)
            decay_steps = decay_steps * multiplier
        else:
            global_step = np.minimum(global_step, decay_steps)
        p = global_step / decay_steps
        return _result((initial - end) * np.power(t(1) - p, power) + end)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }


class InverseTimeDecay(_StepDecay):
    """`initial_learning_rate / (1 + decay_rate * step / decay_steps)` (floored with
    `staircase=True`)."""

    def __call__(self, step):
        initial, t, p = self._progress(step)
        return _result(initial / (t(1) + t(self.decay_rate) * p))


class CosineDecay(LearningRateSchedule):
    """Cosine decay from `initial_learning_rate` (or, after a linear warmup of
    `warmup_steps`, from `warmup_target`) down to `alpha` times it over
    `decay_steps`."""

    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        alpha=0.0,
        name=None,
        warmup_target=None,
        warmup_steps=0,
    ):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target

    def _decay(self, step, decay_steps, decay_from, t):
        completed_fraction = step / decay_steps
        cosine_decayed = t(0.5) * (t(1) + np.cos(t(math.pi) * completed_fraction))
        decayed = t(1 - self.alpha) * cosine_decayed + t(self.alpha)
        return decay_from * decayed

    def __call__(self, step):
        initial, t = _initial(self)
        decay_steps = t(self.decay_steps)
        global_step = np.asarray(_value(step)).astype(t)
        if self.warmup_target is None:
            global_step = np.minimum(global_step, decay_steps)
            return _result(self._decay(global_step, decay_steps, initial, t))
        target = t(self.warmup_target)
        warmup_steps = t(self.warmup_steps)
        global_step = np.minimum(global_step, decay_steps + warmup_steps)
        with np.errstate(divide="ignore", invalid="ignore"):
            warmup = (target - initial) * (global_step / warmup_steps) + initial
        decay = self._decay(global_step - warmup_steps, decay_steps, target, t)
        return _result(np.where(global_step < warmup_steps, warmup, decay).astype(t))

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): periods grow by `t_mul`, restart
    peaks shrink by `m_mul`."""

    def __init__(
        self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name=None
    ):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        initial, t = _initial(self)
        first_decay_steps = t(self.first_decay_steps)
        alpha = t(self.alpha)
        t_mul = t(self._t_mul)
        m_mul = t(self._m_mul)
        completed_fraction = np.asarray(_value(step)).astype(t) / first_decay_steps
        if t_mul == 1.0:
            i_restart = np.floor(completed_fraction)
            completed_fraction = completed_fraction - i_restart
        else:
            i_restart = np.floor(np.log(t(1) - completed_fraction * (t(1) - t_mul)) / np.log(t_mul))
            sum_r = (t(1) - t_mul**i_restart) / (t(1) - t_mul)
            completed_fraction = (completed_fraction - sum_r) / t_mul**i_restart
        m_fac = m_mul**i_restart
        cosine_decayed = t(0.5) * m_fac * (t(1) + np.cos(t(math.pi) * completed_fraction))
        decayed = (t(1) - alpha) * cosine_decayed + alpha
        return _result(initial * decayed)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self._t_mul,
            "m_mul": self._m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }


_SCHEDULES = {
    cls.__name__: cls
    for cls in (
        LearningRateSchedule,
        ExponentialDecay,
        PiecewiseConstantDecay,
        PolynomialDecay,
        InverseTimeDecay,
        CosineDecay,
        CosineDecayRestarts,
    )
}


def serialize(learning_rate_schedule, use_legacy_format=False):
    """`{'module': ..., 'class_name': ..., 'config': ...}` of a schedule."""
    config = {
        "class_name": type(learning_rate_schedule).__name__,
        "config": learning_rate_schedule.get_config(),
    }
    if use_legacy_format:
        return config
    return {"module": "keras.optimizers.schedules", **config, "registered_name": None}


def deserialize(config, custom_objects=None, use_legacy_format=False):
    """The schedule described by `serialize`'s output."""
    class_name = config["class_name"]
    cls = (custom_objects or {}).get(class_name) or _SCHEDULES.get(class_name)
    if cls is None:
        raise ValueError(
            f"Unknown decay: '{class_name}'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included in the "
            "scope. See https://www.tensorflow.org/guide/keras/save_and_serialize"
            "#registering_the_custom_object for details."
        )
    return cls.from_config(config["config"])
