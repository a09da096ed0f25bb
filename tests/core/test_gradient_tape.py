"""GradientTape semantics, as tf.GradientTape in TensorFlow 2.15 (recorded behaviour)."""

import numpy as np
import pytest

from pynn import ops
from pynn.core import autodiff
from pynn.core.autodiff import GradientTape, UnconnectedGradients, stop_gradient
from pynn.core.tensor import Tensor, Variable, constant


def test_watched_constant():
    x = constant(3.0)
    with GradientTape() as tape:
        tape.watch(x)
        y = x * x
    assert repr(tape.gradient(y, x)) == "<tf.Tensor: shape=(), dtype=float32, numpy=6.0>"


def test_trainable_variables_are_watched_automatically():
    w = Variable(2.0)
    c = constant(3.0)
    with GradientTape() as tape:
        y = w * c
    gw, gc = tape.gradient(y, [w, c])
    assert gw.numpy() == 3.0 and gc is None
    assert type(gw).__name__ == "EagerTensor" and isinstance(gw, Tensor)  # as in TF


def test_non_trainable_variable_gets_none():
    w = Variable(2.0, trainable=False)
    with GradientTape() as tape:
        y = w * w
    assert tape.gradient(y, w) is None


def test_non_persistent_tape_is_single_use():
    x = constant(3.0)
    with GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(
        RuntimeError,
        match="A non-persistent GradientTape can only be used to compute one set of gradients",
    ):
        tape.gradient(y, x)


def test_persistent_tape_list_and_nonscalar_targets():
    w = Variable(2.0)
    c = constant(3.0)
    x = constant([1.0, 2.0])
    with GradientTape(persistent=True) as tape:
        tape.watch(c)
        y = w * c
        z = ops.sum(x * w)
        v = x * w
    assert tape.gradient([y, z], w).numpy() == 6.0  # list targets are summed
    assert tape.gradient(v, w).numpy() == 3.0  # non-scalar: sum of outputs
    assert tape.gradient(v, w, output_gradients=constant([1.0, 10.0])).numpy() == 21.0
    grads = tape.gradient(y, {"a": w, "b": [c]})
    assert grads["a"].numpy() == 3.0 and grads["b"][0].numpy() == 2.0
    assert [v.name for v in tape.watched_variables()] == ["Variable:0"]


def test_unconnected_gradients():
    w = Variable(2.0)
    other = Variable(1.0)
    with GradientTape(persistent=True) as tape:
        y = w * w
    assert tape.gradient(y, other) is None
    z = tape.gradient(y, other, unconnected_gradients=UnconnectedGradients.ZERO)
    assert repr(z) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.0>"
    assert tape.gradient(y, other, unconnected_gradients="zero").numpy() == 0.0


def test_watch_accessed_variables_false():
    w = Variable(2.0)
    with GradientTape(watch_accessed_variables=False) as tape:
        y = w * w
    assert tape.gradient(y, w) is None
    with GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(w)
        y = w * w
    assert tape.gradient(y, w).numpy() == 4.0


def test_stop_recording_and_stop_gradient():
    w = Variable(2.0)
    with GradientTape() as tape, tape.stop_recording():
        y = w * w
    assert tape.gradient(y, w) is None
    with GradientTape() as tape:
        y = stop_gradient(w * w) + w
    assert tape.gradient(y, w).numpy() == 1.0


def test_ops_outside_the_tape_are_not_recorded():
    w = Variable(2.0)
    with GradientTape(persistent=True) as tape:
        y = w * 3.0
    z = y * w
    assert tape.gradient(y, w).numpy() == 3.0
    assert z._node is None


def test_integer_paths_carry_no_gradient():
    iv = Variable(3)
    w = Variable(2.0)
    with GradientTape() as tape:
        y = ops.cast(iv, "float32") * 2.0
    assert tape.gradient(y, iv) is None
    with GradientTape() as tape:
        y = ops.argmax(w * constant([1.0, 2.0]))
    assert tape.gradient(y, w) is None


def test_gradients_have_the_source_dtype():
    w = Variable(np.array([1.0, 2.0]))
    with GradientTape() as tape:
        y = ops.sum(ops.cast(w, "float32") * 2.0)
    g = tape.gradient(y, w)
    assert g.dtype == "float64" and g.numpy().tolist() == [2.0, 2.0]


def test_shared_subexpressions_accumulate():
    w = Variable(3.0)
    with GradientTape() as tape:
        a = w * w
        y = a + a * w  # 2w^2... : y = w^2 + w^3 -> 2w + 3w^2
    assert tape.gradient(y, w).numpy() == pytest.approx(2 * 3 + 3 * 9)


def test_gradient_through_broadcasting_and_indexing():
    w = Variable(np.ones((1, 3), np.float32))
    x = constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    with GradientTape() as tape:
        y = ops.sum((x * w)[:, 1:])
    assert tape.gradient(y, w).numpy().tolist() == [[0.0, 5.0, 7.0]]


def test_nested_tapes_both_see_first_order_gradients():
    w = Variable(2.0)
    with GradientTape() as outer:
        with GradientTape() as inner:
            y = w * w * w
        g_inner = inner.gradient(y, w)
    assert g_inner.numpy() == 12.0
    assert outer.gradient(y, w).numpy() == 12.0


def test_reset_forgets_watched_tensors_and_earlier_ops():
    x = constant(2.0)
    with GradientTape() as tape:
        tape.watch(x)
        tape.reset()
        y = x * x
    assert tape.gradient(y, x) is None
    w = Variable(3.0)
    with GradientTape() as tape:
        a = w * w
        tape.reset()
        b = a * w
    assert tape.gradient(b, w).numpy() == 9.0  # only b = a * w was recorded after reset


def test_a_tape_does_not_see_ops_recorded_before_it_started():
    w = Variable(2.0)
    with GradientTape() as first:
        y = w * w
    with GradientTape() as second:
        second.watch(y)
        z = y * 3.0
    gw, gy = second.gradient(z, [w, y])
    assert gw is None and gy.numpy() == 3.0  # as TF: y is a leaf for `second`
    assert first.gradient(y, w).numpy() == 4.0


def test_gradient_of_source_itself_is_ones():
    x = constant([1.0, 2.0])
    with GradientTape() as tape:
        tape.watch(x)
    assert tape.gradient(x, x).numpy().tolist() == [1.0, 1.0]


def test_jacobian_and_batch_jacobian():
    x = constant([[1.0, 2.0], [3.0, 4.0]])
    with GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    jac = tape.jacobian(y, x)
    assert jac.shape == (2, 2, 2, 2)
    assert jac.numpy()[1, 0, 1, 0] == 6.0 and jac.numpy()[1, 0, 0, 1] == 0.0
    bj = tape.batch_jacobian(y, x)
    assert bj.shape == (2, 2, 2)
    assert bj.numpy()[1].tolist() == [[6.0, 0.0], [0.0, 8.0]]


def test_watch_rejects_non_tensors():
    with GradientTape() as tape, pytest.raises(ValueError, match="not tf.Tensor"):
        tape.watch(3.0)


def test_inference_records_nothing():
    w = Variable([1.0, 2.0])
    y = w * 2.0
    assert y._node is None
    assert not autodiff._recording
    with GradientTape() as tape:
        z = constant([1.0]) * 2.0  # no tracked input: not recorded either
    assert z._node is None
    del tape


def test_deep_chains_do_not_hit_the_recursion_limit():
    w = Variable(1.0)
    with GradientTape() as tape:
        y = w
        for _ in range(3000):
            y = y * 1.0
    assert tape.gradient(y, w).numpy() == 1.0


def test_slices_and_gathers_accumulate_into_one_gradient():
    x = Variable(np.arange(12, dtype=np.float32).reshape(3, 4))
    with GradientTape() as tape:
        rows = ops.unstack(x, axis=1)  # 4 slices of one input
        picked = ops.gather(x, [0, 0, 2])  # repeated rows add up
        loss = ops.add_n(rows) * 2.0
        loss = ops.sum(loss) + ops.sum(picked) + ops.sum(x[1:, 1])
    g = tape.gradient(loss, x).numpy()
    expected = np.full((3, 4), 2.0)
    expected[0] += 2
    expected[2] += 1
    expected[1:, 1] += 1
    np.testing.assert_array_equal(g, expected)


def test_watched_variables_lists_what_the_tape_watched_as_tf():
    # tf.keras 2.15: read trainable variables and explicitly watched ones, in order,
    # still listed after a non-persistent tape's gradient
    v, w, x = Variable(2.0, name="v"), Variable(3.0, trainable=False, name="w"), constant(1.0)
    with GradientTape() as tape:
        tape.watch(x)
        y = v * v + w * x
    assert [a.name for a in tape.watched_variables()] == ["v:0"]
    tape.gradient(y, v)
    assert [a.name for a in tape.watched_variables()] == ["v:0"]
    with GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(w)
        v * w
    assert [a.name for a in tape.watched_variables()] == ["w:0"]
    with GradientTape() as tape:
        pass
    assert tape.watched_variables() == ()
