"""Learning-rate schedules against tf.keras 2.15 (see record_schedules.py)."""

import numpy as np
import pytest

from pynn.core.tensor import Variable
from pynn.keras import optimizers
from pynn.keras.optimizers import schedules
from tests.keras.optimizers.record_schedules import SCHEDULES, STEPS
from tests.keras.optimizers.schedule_values import SCHEDULE_VALUES


@pytest.mark.parametrize("key", list(SCHEDULES))
def test_schedule_matches_tf_keras(key):
    schedule = eval(SCHEDULES[key], dict(vars(schedules)))
    got = [float(schedule(step)) for step in STEPS]
    np.testing.assert_allclose(got, SCHEDULE_VALUES[key], rtol=1e-5, atol=1e-7)


def test_schedule_accepts_the_optimizer_step_variable():
    schedule = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    value = schedule(Variable(10, dtype="int64"))
    assert value.dtype.name == "float32"
    assert float(value) == pytest.approx(0.05)


def test_config_round_trip_and_serialize():
    schedule = schedules.CosineDecayRestarts(0.1, 10, t_mul=1.5)
    clone = schedules.CosineDecayRestarts.from_config(schedule.get_config())
    assert float(clone(13)) == pytest.approx(float(schedule(13)))
    config = schedules.serialize(schedule)
    assert config["class_name"] == "CosineDecayRestarts"
    assert config["config"]["t_mul"] == 1.5
    assert isinstance(schedules.deserialize(config), schedules.CosineDecayRestarts)


def test_piecewise_constant_validates_lengths():
    with pytest.raises(ValueError, match="length of boundaries should be 1 less"):
        schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2])


def test_custom_schedule_subclass():
    class Halving(schedules.LearningRateSchedule):
        def __call__(self, step):
            return 1.0 / (2.0 ** float(step))

        def get_config(self):
            return {}

    opt = optimizers.SGD(learning_rate=Halving())
    var = Variable(np.zeros(1, np.float32))
    for _ in range(3):
        opt.apply_gradients([(np.ones(1, np.float32), var)])
    np.testing.assert_allclose(var.numpy(), [-1.75])
