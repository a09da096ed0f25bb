"""Three steps of every optimizer against tf.keras 2.15 (see record_reference.py)."""

import numpy as np
import pytest

from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.keras import optimizers
from pynn.keras.optimizers import optimizer as base
from tests.keras.optimizers.record_reference import BIAS, CASES, KERNEL, gradients
from tests.keras.optimizers.reference_values import OPTIMIZER_STEPS


def run_case(spec, steps=3):
    optimizer = eval(spec, dict(vars(optimizers)))
    kernel = Variable(KERNEL, name="kernel")
    bias = Variable(BIAS, name="bias")
    history = []
    for step in range(steps):
        gk, gb = gradients(step)
        optimizer.apply_gradients([(gk, kernel), (gb, bias)])
        history.append((kernel.numpy(), bias.numpy()))
    return optimizer, history


@pytest.mark.parametrize("key", sorted(CASES))
def test_three_steps_match_tf_keras(key):
    optimizer, history = run_case(CASES[key])
    expected = OPTIMIZER_STEPS[key]
    for (kernel, bias), (want_kernel, want_bias) in zip(history, expected["steps"], strict=True):
        np.testing.assert_allclose(kernel, want_kernel, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(bias, want_bias, rtol=1e-5, atol=1e-6)
    assert [v.name for v in optimizer.variables] == expected["variable_names"]
    for variable, want in zip(optimizer.variables, expected["variables"], strict=True):
        np.testing.assert_allclose(variable.numpy(), want, rtol=1e-5, atol=1e-6)


def test_updates_are_written_in_place_as_float32():
    optimizer = optimizers.Adam()
    kernel = Variable(KERNEL, name="kernel")
    # building moves the kernel's values into the optimizer's flat buffer, once
    optimizer.apply_gradients([(np.ones((3, 2), np.float32), kernel)])
    array = kernel._value
    optimizer.apply_gradients([(np.ones((3, 2), np.float32), kernel)])
    assert kernel._value is array
    assert array.base is optimizer._flat[3][1]
    assert kernel.dtype.name == "float32"
    assert optimizer.variables[1]._value.dtype == np.float32


def test_defaults_and_config_match_tf_keras():
    adam = optimizers.Adam()
    assert adam.get_config() == {
        "name": "Adam",
        "weight_decay": None,
        "clipnorm": None,
        "global_clipnorm": None,
        "clipvalue": None,
        "use_ema": False,
        "ema_momentum": 0.99,
        "ema_overwrite_frequency": None,
        "jit_compile": False,
        "is_legacy_optimizer": False,
        "learning_rate": np.float32(0.001),
        "beta_1": 0.9,
        "beta_2": 0.999,
        "epsilon": 1e-07,
        "amsgrad": False,
    }
    assert optimizers.SGD().get_config()["learning_rate"] == np.float32(0.01)
    rms = optimizers.RMSprop().get_config()
    assert (
        rms["rho"],
        rms["momentum"],
        rms["epsilon"],
        rms["centered"],
        rms["ema_overwrite_frequency"],
    ) == (0.9, 0.0, 1e-07, False, 100)
    assert optimizers.AdamW().get_config()["weight_decay"] == 0.004
    assert optimizers.Adagrad().get_config()["initial_accumulator_value"] == 0.1
    assert optimizers.Adadelta().get_config()["rho"] == 0.95


def test_serialize_and_deserialize_round_trip():
    config = optimizers.serialize(optimizers.SGD(learning_rate=0.5, momentum=0.9))
    assert config["module"] == "keras.optimizers"
    assert config["class_name"] == "SGD"
    assert config["config"]["learning_rate"] == pytest.approx(0.5)
    clone = optimizers.deserialize(config)
    assert isinstance(clone, optimizers.SGD)
    assert clone.momentum == 0.9
    assert float(clone.learning_rate) == pytest.approx(0.5)


def test_schedule_serializes_inside_the_optimizer_config():
    schedule = optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    config = optimizers.Adam(learning_rate=schedule).get_config()
    assert config["learning_rate"]["class_name"] == "ExponentialDecay"
    clone = optimizers.Adam.from_config(config)
    assert isinstance(clone._learning_rate, optimizers.schedules.ExponentialDecay)
    assert clone._learning_rate.decay_steps == 10


@pytest.mark.parametrize(
    "name, cls",
    [
        ("sgd", optimizers.SGD),
        ("SGD", optimizers.SGD),
        ("adam", optimizers.Adam),
        ("Adam", optimizers.Adam),
        ("rmsprop", optimizers.RMSprop),
        ("RMSprop", optimizers.RMSprop),
        ("adagrad", optimizers.Adagrad),
        ("adadelta", optimizers.Adadelta),
        ("adamax", optimizers.Adamax),
        ("nadam", optimizers.Nadam),
        ("ftrl", optimizers.Ftrl),
    ],
)
def test_get_by_name(name, cls):
    optimizer = optimizers.get(name)
    assert type(optimizer) is cls
    assert optimizer.name == cls.__name__


def test_get_returns_instances_unchanged_and_reads_dicts():
    adam = optimizers.Adam()
    assert optimizers.get(adam) is adam
    sgd = optimizers.get({"class_name": "SGD", "config": {"learning_rate": 0.2}})
    assert float(sgd.learning_rate) == pytest.approx(0.2)


def test_get_unknown_name_raises_like_keras():
    with pytest.raises(ValueError, match=r"Unknown optimizer: 'adamm'\. Please ensure"):
        optimizers.get("adamm")
    # tf.keras 2.15 does not register AdamW under a string name either.
    with pytest.raises(ValueError, match="Unknown optimizer: 'adamw'"):
        optimizers.get("adamw")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: 3"):
        optimizers.get(3)


def test_learning_rate_is_a_settable_variable_with_lr_alias():
    optimizer = optimizers.Adam(learning_rate=0.01)
    assert optimizer.learning_rate.name == "learning_rate:0"
    assert float(optimizer.lr) == pytest.approx(0.01)
    optimizer.learning_rate = 0.5
    assert float(optimizer.learning_rate) == 0.5
    optimizer.lr = 0.25
    assert float(optimizer.learning_rate) == 0.25
    optimizer.learning_rate.assign(0.125)
    kernel = Variable(np.zeros(2, np.float32))
    sgd = optimizers.SGD(learning_rate=1.0)
    sgd.learning_rate.assign(0.125)
    sgd.apply_gradients([(np.ones(2, np.float32), kernel)])
    np.testing.assert_allclose(kernel.numpy(), [-0.125, -0.125])


def test_schedule_learning_rate_is_not_settable():
    schedule = optimizers.schedules.InverseTimeDecay(1.0, decay_steps=1, decay_rate=1.0)
    optimizer = optimizers.SGD(learning_rate=schedule)
    with pytest.raises(TypeError, match="not settable"):
        optimizer.learning_rate = 0.1
    kernel = Variable(np.zeros(1, np.float32))
    for _ in range(3):
        optimizer.apply_gradients([(np.ones(1, np.float32), kernel)])
    # steps use lr = 1/(1+0), 1/(1+1), 1/(1+2)
    np.testing.assert_allclose(kernel.numpy(), [-(1 + 1 / 2 + 1 / 3)], rtol=1e-6)
    assert float(optimizer.learning_rate) == pytest.approx(1 / 3)


def test_lr_keyword_is_ignored_with_a_warning_as_in_tf_keras(caplog):
    optimizer = optimizers.Adam(lr=0.5)
    assert float(optimizer.learning_rate) == pytest.approx(0.001)
    assert "`lr` is deprecated" in caplog.text


def test_legacy_optimizers_take_lr_and_decay():
    with pytest.warns(UserWarning, match="`lr` argument is deprecated"):
        optimizer = optimizers.legacy.SGD(lr=1.0, decay=1.0)
    kernel = Variable(np.zeros(1, np.float32))
    for _ in range(2):
        optimizer.apply_gradients([(np.ones(1, np.float32), kernel)])
    np.testing.assert_allclose(kernel.numpy(), [-1.5])
    assert optimizer.get_config()["decay"] == 1.0


def test_invalid_arguments_raise():
    with pytest.raises(ValueError, match="`momentum` must be between"):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match="At most one of `clipnorm` and `global_clipnorm`"):
        optimizers.SGD(clipnorm=1.0, global_clipnorm=1.0)
    with pytest.raises(ValueError, match="decay is deprecated in the new Keras optimizer"):
        optimizers.SGD(decay=0.1)
    with pytest.raises(TypeError, match="foo is not a valid argument"):
        optimizers.Adam(foo=1)
    with pytest.raises(ValueError, match="Missing value of `weight_decay`"):
        optimizers.AdamW(weight_decay=None)


def test_none_gradients_are_skipped_with_a_warning(caplog):
    kernel = Variable(np.zeros(2, np.float32), name="dense/kernel")
    bias = Variable(np.zeros(2, np.float32), name="dense/bias")
    optimizer = optimizers.SGD(learning_rate=1.0)
    optimizer.apply_gradients([(np.ones(2, np.float32), kernel), (None, bias)])
    np.testing.assert_allclose(kernel.numpy(), [-1, -1])
    np.testing.assert_allclose(bias.numpy(), [0, 0])
    assert "Gradients do not exist for variables ['dense/bias:0']" in caplog.text
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        optimizer.apply_gradients([(None, kernel), (None, bias)])


def test_unknown_variable_after_build_raises_key_error():
    optimizer = optimizers.Adam()
    optimizer.apply_gradients([(np.ones(2, np.float32), Variable(np.zeros(2, np.float32)))])
    other = Variable(np.zeros(2, np.float32), name="other")
    with pytest.raises(KeyError, match="cannot recognize variable other:0"):
        optimizer.apply_gradients([(np.ones(2, np.float32), other)])


def test_constraints_apply_after_the_update():
    kernel = Variable(np.array([1.0, -1.0], np.float32), constraint=lambda w: w * 0 + 0.5)
    optimizers.SGD().apply_gradients([(np.ones(2, np.float32), kernel)])
    np.testing.assert_allclose(kernel.numpy(), [0.5, 0.5])


def test_exclude_from_weight_decay():
    # tf.keras doc example: only var1 decays.
    optimizer = optimizers.SGD(1, weight_decay=0.004)
    var1, var2 = Variable(2.0), Variable(2.0)
    optimizer.exclude_from_weight_decay(var_list=[var2])
    zero = np.zeros((), np.float32)
    optimizer.apply_gradients([(zero, var1), (zero, var2)])
    assert (var1.numpy(), var2.numpy()) == (pytest.approx(1.992), 2.0)


def test_clipvalue_doc_example():
    optimizer = optimizers.SGD(learning_rate=1, clipvalue=1)
    var1, var2 = Variable(2.0), Variable(2.0)
    two = np.float32(2.0)
    optimizer.apply_gradients([(two, var1), (two, var2)])
    assert [var1.numpy(), var2.numpy()] == [1.0, 1.0]


def test_variables_is_a_callable_list():
    optimizer = optimizers.SGD(momentum=0.9)
    optimizer.build([Variable(np.zeros(3, np.float32), name="w")])
    assert optimizer.variables() == optimizer.variables
    assert [v.name for v in optimizer.variables] == ["iteration:0", "SGD/m/w:0"]
    weights = optimizer.get_weights()
    optimizer.set_weights([np.int64(5), np.ones(3, np.float32)])
    assert int(optimizer.iterations) == 5
    assert len(weights) == 2


def test_finalize_variable_values_overwrites_with_the_average():
    optimizer = optimizers.SGD(learning_rate=1.0, use_ema=True, ema_momentum=0.5)
    var = Variable(2.0)
    one = np.float32(1.0)
    optimizer.apply_gradients([(one, var)])
    optimizer.apply_gradients([(one, var)])
    assert var.numpy() == 0.0
    optimizer.finalize_variable_values([var])
    # average: 2 -> 0.5*2 + 0.5*1 = 1.5 -> 0.5*1.5 + 0.5*0 = 0.75
    assert var.numpy() == 0.75


def test_minimize_doc_examples():
    opt = optimizers.SGD(learning_rate=0.1)
    var = Variable(1.0)
    opt.minimize(lambda: (var**2) / 2.0, [var])
    assert var.numpy() == pytest.approx(0.9)

    opt = optimizers.SGD(0.1, momentum=0.9)
    var = Variable(1.0)
    opt.minimize(lambda: (var**2) / 2.0, [var])
    first = 1.0 - var.numpy()
    before = var.numpy()
    opt.minimize(lambda: (var**2) / 2.0, [var])
    assert (first, before - var.numpy()) == (pytest.approx(0.1), pytest.approx(0.18))

    opt = optimizers.RMSprop(learning_rate=0.1)
    var1 = Variable(10.0)
    opt.minimize(lambda: (var1**2) / 2.0, [var1])
    assert var1.numpy() == pytest.approx(9.683772)


def test_minimize_with_a_tensor_loss_needs_its_tape():
    var = Variable(np.array([1.0, 2.0], np.float32))
    opt = optimizers.SGD(learning_rate=0.5)
    with GradientTape() as tape:
        loss = var * var
    with pytest.raises(ValueError, match="`tape` is required when a `Tensor` loss is passed"):
        opt.minimize(loss, [var])
    opt.minimize(loss, [var], tape=tape)
    np.testing.assert_allclose(var.numpy(), [0.0, 0.0])


@pytest.mark.parametrize("key", ["adam", "sgd_momentum", "rmsprop_centered", "nadam"])
def test_flat_and_per_variable_updates_agree(key, monkeypatch):
    _, flat = run_case(CASES[key])
    monkeypatch.setattr(base, "_FLAT_LIMIT", 0)
    optimizer, per_variable = run_case(CASES[key])
    assert optimizer._flat is None
    for (k1, b1), (k2, b2) in zip(flat, per_variable, strict=True):
        np.testing.assert_array_equal(k1, k2)
        np.testing.assert_array_equal(b1, b2)


def test_slot_variables_stay_live_views_of_the_flat_buffers():
    optimizer, _ = run_case(CASES["adam"])
    assert optimizer._flat is not None
    m_kernel = optimizer.variables[1]
    m_kernel.assign(np.zeros((3, 2), np.float32))
    assert not optimizer._flat[1][0][:6].any()


def test_custom_optimizer_written_the_keras_way():
    class MomentumSGD(optimizers.Optimizer):
        def __init__(self, learning_rate=0.1, momentum=0.5, name="MomentumSGD", **kwargs):
            super().__init__(name=name, **kwargs)
            self._learning_rate = self._build_learning_rate(learning_rate)
            self.momentum = momentum

        def build(self, var_list):
            super().build(var_list)
            if hasattr(self, "_built") and self._built:
                return
            self.velocities = [self.add_variable_from_reference(v, "velocity") for v in var_list]
            self._built = True

        def update_step(self, gradient, variable):
            velocity = self.velocities[self._index_dict[self._var_key(variable)]]
            velocity.assign(velocity * self.momentum - gradient * self.learning_rate)
            variable.assign_add(velocity)

    optimizer = MomentumSGD()
    var = Variable(np.array([1.0, -2.0], np.float32), name="w")
    for _ in range(2):
        optimizer.apply_gradients([(np.array([1.0, 1.0], np.float32), var)])
    # v1 = -0.1, v2 = 0.5 * -0.1 - 0.1 = -0.15
    np.testing.assert_allclose(var.numpy(), [0.75, -2.25], rtol=1e-6)
    assert [v.name for v in optimizer.variables] == ["iteration:0", "MomentumSGD/velocity/w:0"]
    assert int(optimizer.iterations) == 2


def test_legacy_optimizers_serialize_as_legacy():
    config = optimizers.serialize(optimizers.legacy.Adam(learning_rate=0.5, decay=0.1))
    assert config["module"] == "keras.optimizers.legacy"
    clone = optimizers.deserialize(config)
    assert isinstance(clone, optimizers.legacy.Adam)
    assert clone.decay == 0.1
    assert type(optimizers.deserialize(optimizers.serialize(optimizers.Adam()))) is optimizers.Adam
