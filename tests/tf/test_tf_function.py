"""`tf.function` traces its body once per input signature and replays it (pynn/tf/function.py).

What TF prints while tracing is checked against tf.keras 2.15 in the `tf_function_tracing`
script fixture (tests/parity/test_scripts.py); here: replays compute what the Python body
computes, side effects happen once per trace (tf.print at every call), and bodies that read
tensor values run eagerly with a reason instead of replaying a recorded branch.
"""

import io

import numpy as np
import pytest

from pynn import keras, tf


def test_side_effects_once_per_trace_tf_print_every_call():
    calls = []
    out = io.StringIO()

    @tf.function
    def f(x):
        calls.append(1)
        tf.print("x =", x, output_stream=out)
        return x * 2.0

    assert type(f).__name__ == "Function"
    results = [f(tf.constant(float(i))).numpy() for i in range(4)]
    assert results == [0.0, 2.0, 4.0, 6.0]
    assert len(calls) == 1 and f.experimental_get_tracing_count() == 1
    assert out.getvalue() == "x = 0\nx = 1\nx = 2\nx = 3\n"
    f(tf.constant([1.0, 2.0]))  # a new shape retraces
    f(np.float32(1.0) * np.ones(2, np.float32))  # numpy: a tensor of the same signature
    assert len(calls) == 2 and f.experimental_get_tracing_count() == 2


def test_print_during_the_trace_is_symbolic(capsys):
    @tf.function
    def f(x, scale):
        print(x, x * scale, scale)
        return x * scale

    f(tf.constant([1.0, 2.0]), 3)
    f(tf.constant([5.0, 6.0]), 3)
    assert capsys.readouterr().out == (
        'Tensor("x:0", shape=(2,), dtype=float32) Tensor("mul:0", shape=(2,), dtype=float32) 3\n'
    )
    assert f(tf.constant([5.0, 6.0]), 4).numpy().tolist() == [20.0, 24.0]  # retraced
    assert f.experimental_get_tracing_count() == 2


@pytest.mark.parametrize("x, expected", [([1.0, 2.0], [2.0, 4.0]), ([-1.0, -2.0], [1.0, 2.0])])
def test_branch_on_a_tensor_value_is_right_for_every_call(x, expected):
    @tf.function
    def f(x):
        if tf.reduce_sum(x) > 0:
            return x * 2.0
        return x * -1.0

    f(tf.constant([3.0, 4.0]))  # traced on the positive branch
    assert f(tf.constant(x)).numpy().tolist() == expected
    reason = next(iter(f.reasons.values()))
    assert "bool()" in reason and "test_tf_function.py" in reason


def test_numpy_on_a_tensor_inside_runs_eagerly():
    @tf.function
    def f(x):
        return x * float(np.asarray(x).mean())

    assert f(tf.constant([1.0, 3.0])).numpy().tolist() == [2.0, 6.0]
    assert f(tf.constant([2.0, 4.0])).numpy().tolist() == [6.0, 12.0]
    assert "numpy conversion" in next(iter(f.reasons.values()))


def _custom_loop(decorate, steps=12):
    keras.utils.set_random_seed(3)
    model = keras.Sequential(
        [
            keras.layers.Dense(8, activation="relu", input_shape=(5,)),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(3),
        ]
    )
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.Adam(0.01)
    accuracy = keras.metrics.SparseCategoricalAccuracy()
    traces = []

    def train_step(x, y):
        traces.append(1)
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = (
                loss_fn(y, logits) + tf.add_n(model.losses) if model.losses else loss_fn(y, logits)
            )
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights, strict=True))
        accuracy.update_state(y, logits)
        return {"loss": loss, "accuracy": accuracy.result()}

    step = tf.function(train_step) if decorate else train_step
    rng = np.random.default_rng(0)
    x = rng.normal(size=(steps * 8, 5)).astype(np.float32)
    y = rng.integers(0, 3, steps * 8)
    history = []
    for i in range(steps):
        logs = step(x[i * 8 : (i + 1) * 8], y[i * 8 : (i + 1) * 8])
        history.append((float(logs["loss"]), float(logs["accuracy"])))
    return model, history, traces, step


def test_a_decorated_gradient_tape_loop_trains_exactly_as_the_eager_one():
    eager_model, eager_history, eager_traces, _ = _custom_loop(False)
    model, history, traces, step = _custom_loop(True)
    assert len(eager_traces) == 12 and len(traces) == 1
    assert not step.reasons
    assert history == eager_history
    for a, b in zip(model.get_weights(), eager_model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)  # BatchNorm statistics included


def test_random_draws_are_fresh_at_every_replay():
    @tf.function
    def noise():
        return tf.random.normal([3])

    first, second = noise().numpy(), noise().numpy()
    assert not np.array_equal(first, second)
    assert noise.experimental_get_tracing_count() == 1


def test_iterating_a_dataset_inside_runs_eagerly():
    @tf.function
    def total(ds):
        s = tf.constant(0.0)
        for batch in ds:
            s += tf.reduce_sum(batch)
        return s

    assert float(total(tf.data.Dataset.from_tensor_slices([1.0, 2.0]).batch(1))) == 3.0
    ds = tf.data.Dataset.from_tensor_slices([5.0, 6.0]).batch(1)
    assert float(total(ds)) == 11.0
    assert float(total(ds)) == 11.0
    assert "tf.data.Dataset" in next(iter(total.reasons.values()))


def test_methods_trace_per_instance_and_variables_are_read_fresh():
    class Counter(tf.Module):
        def __init__(self, start):
            super().__init__()
            self.v = tf.Variable(start)

        @tf.function
        def add(self, x):
            self.v.assign_add(x)
            return self.v

    a, b = Counter(1.0), Counter(10.0)
    first = a.add(tf.constant(1.0))
    assert float(a.add(tf.constant(1.0))) == 3.0
    assert float(first) == 2.0  # a returned variable is a snapshot
    assert float(b.add(tf.constant(1.0))) == 11.0
    assert a.add.experimental_get_tracing_count() == 1


def test_run_functions_eagerly_and_nested_functions():
    calls = []

    @tf.function
    def inner(x):
        calls.append("inner")
        return x + 1.0

    @tf.function
    def outer(x):
        calls.append("outer")
        assert not tf.executing_eagerly()
        return inner(x) * 2.0

    assert float(outer(tf.constant(1.0))) == 4.0
    assert float(outer(tf.constant(2.0))) == 6.0
    assert calls == ["outer", "inner"]
    tf.config.run_functions_eagerly(True)
    try:
        calls.clear()
        inner(tf.constant(1.0))
        inner(tf.constant(1.0))
        assert calls == ["inner", "inner"]
    finally:
        tf.config.run_functions_eagerly(False)


def test_input_signature_and_concrete_functions():
    @tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
    def double(x):
        return x * 2.0

    concrete = double.get_concrete_function()
    assert concrete(tf.constant([1.0, 2.0, 3.0])).numpy().tolist() == [2.0, 4.0, 6.0]
    assert double(tf.constant([4.0])).numpy().tolist() == [8.0]
    assert double.experimental_get_tracing_count() == 1
    assert "x (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(None,)" in str(concrete)
    with pytest.raises(TypeError, match="Binding inputs to tf.function failed"):
        double(tf.constant([1, 2]))


def test_gradients_and_unconnected_sources_replay():
    w = tf.Variable([1.0, 2.0])
    unused = tf.Variable(5.0)

    @tf.function
    def grads(x):
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = tf.reduce_sum(w * x * x)
        gw, gx, gu = tape.gradient(y, [w, x, unused])
        gz = tape.gradient(y, unused, unconnected_gradients="zero")
        return gw, gx, gu, gz

    for value in ([1.0, 1.0], [2.0, -3.0]):
        x = tf.constant(value)
        gw, gx, gu, gz = grads(x)
        assert gw.numpy().tolist() == [v * v for v in value]
        assert gx.numpy().tolist() == [2 * a * b for a, b in zip([1.0, 2.0], value, strict=True)]
        assert gu is None and float(gz) == 0.0
    assert grads.experimental_get_tracing_count() == 1 and not grads.reasons


def test_a_decorated_function_on_keras_inputs_builds_layers():
    @tf.function
    def twice_relu(x):
        return tf.nn.relu(x) * 2.0

    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2)(twice_relu(inputs)))
    assert model.output_shape == (None, 2)
    assert twice_relu(tf.constant([-1.0, 2.0])).numpy().tolist() == [0.0, 4.0]
    assert twice_relu.experimental_get_tracing_count() == 1
