"""The `tensorflow` surface (pynn.tf) gives what TensorFlow 2.15 gives (recorded values)."""

import io

import numpy as np
import pytest

from pynn import tf
from pynn.core import dispatch
from pynn.core.errors import InvalidArgumentError


def test_version_devices_and_eager():
    assert tf.__version__ == "2.15.1"
    assert tf.executing_eagerly()
    assert repr(tf.config.list_physical_devices()) == (
        "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]"
    )
    assert tf.config.list_physical_devices("GPU") == []


def test_dtypes_are_attributes():
    assert tf.float32 == np.float32 and tf.int32.name == "int32" and tf.bool.is_bool
    assert tf.dtypes.float64 is tf.float64 and tf.as_dtype("int64") is tf.int64


def test_creation_functions():
    assert repr(tf.range(5)) == (
        "<tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 1, 2, 3, 4], dtype=int32)>"
    )
    assert repr(tf.range(1.0, 2.0, 0.5)) == (
        "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1. , 1.5], dtype=float32)>"
    )
    assert repr(tf.linspace(0.0, 1.0, 3)) == (
        "<tf.Tensor: shape=(3,), dtype=float32, numpy=array([0. , 0.5, 1. ], dtype=float32)>"
    )
    assert repr(tf.one_hot([0, 2], 3)) == (
        "<tf.Tensor: shape=(2, 3), dtype=float32, numpy=\narray([[1., 0., 0.],\n"
        "       [0., 0., 1.]], dtype=float32)>"
    )
    assert tf.ones((2, 3)).dtype == tf.float32 and tf.zeros([2], tf.int32).dtype == tf.int32
    assert tf.fill([2, 2], 7).numpy().tolist() == [[7, 7], [7, 7]]
    assert tf.eye(2).numpy().tolist() == [[1, 0], [0, 1]]
    assert tf.ones_like(tf.constant([1, 2])).dtype == tf.int32


def test_shape_rank_size():
    x = tf.ones((2, 3))
    assert repr(tf.rank(x)) == "<tf.Tensor: shape=(), dtype=int32, numpy=2>"
    assert repr(tf.size(x)) == "<tf.Tensor: shape=(), dtype=int32, numpy=6>"
    assert repr(tf.shape(x)) == (
        "<tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>"
    )


def test_reductions_and_args():
    assert repr(tf.reduce_mean(tf.constant([1, 2]))) == (
        "<tf.Tensor: shape=(), dtype=int32, numpy=1>"
    )
    m = tf.constant([[1.0, 3.0], [4.0, 2.0]])
    assert repr(tf.argmax(m)) == ("<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 0])>")
    assert tf.math.argmax(m, axis=1).numpy().tolist() == [1, 0]
    assert tf.reduce_sum(m, axis=0).numpy().tolist() == [5.0, 5.0]
    assert tf.reduce_max(m, axis=1, keepdims=True).shape == (2, 1)
    assert tf.math.reduce_std(tf.constant([1.0, 3.0])).numpy() == 1.0
    with pytest.raises(
        InvalidArgumentError,
        match="Invalid reduction dimension \\(2 for input with 2 dimension\\(s\\)",
    ):
        tf.reduce_sum(tf.ones((2, 3)), axis=2)


def test_where_and_top_k():
    assert repr(tf.where(tf.constant([True, False, True]))) == (
        "<tf.Tensor: shape=(2, 1), dtype=int64, numpy=\narray([[0],\n       [2]])>"
    )
    assert repr(tf.math.top_k(tf.constant([1.0, 3.0, 2.0]), 2)) == (
        "TopKV2(values=<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 2.], "
        "dtype=float32)>, indices=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], "
        "dtype=int32)>)"
    )
    assert tf.math.in_top_k([1, 0], tf.constant([[0.1, 0.9], [0.8, 0.2]]), 1).numpy().all()


def test_shape_functions():
    x = tf.reshape(tf.range(6.0), (2, 3))
    assert tf.transpose(x).shape == (3, 2)
    assert tf.concat([x, x], axis=0).shape == (4, 3)
    assert tf.stack([x, x], axis=-1).shape == (2, 3, 2)
    assert [t.shape for t in tf.unstack(x)] == [(3,), (3,)]
    assert [t.shape for t in tf.split(x, [1, 2], axis=1)] == [(2, 1), (2, 2)]
    assert tf.squeeze(tf.expand_dims(x, 0)).shape == (2, 3)
    assert tf.tile(x, [2, 1]).shape == (4, 3)
    assert tf.gather(x, [1, 0]).numpy()[0].tolist() == [3.0, 4.0, 5.0]
    assert tf.pad(x, [[1, 1], [0, 0]]).shape == (4, 3)
    assert tf.boolean_mask(x, [True, False]).shape == (1, 3)
    assert tf.slice(x, [0, 1], [2, -1]).numpy().tolist() == [[1, 2], [4, 5]]
    assert tf.roll(tf.range(4), 1, 0).numpy().tolist() == [3, 0, 1, 2]
    with pytest.raises(
        InvalidArgumentError, match="Can not squeeze dim\\[1\\], expected a dimension of 1, got 3"
    ):
        tf.squeeze(x, axis=1)
    with pytest.raises(
        InvalidArgumentError,
        match="Input to reshape is a tensor with 6 values, but the requested shape has 8",
    ):
        tf.reshape(x, (4, 2))


def test_matmul_and_math():
    a = tf.constant([[1.0, 2.0]])
    assert tf.matmul(a, a, transpose_b=True).numpy().tolist() == [[5.0]]
    with pytest.raises(
        InvalidArgumentError,
        match=r"Matrix size-incompatible: In\[0\]: \[2,3\], "
        r"In\[1\]: \[2,3\]",
    ):
        tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))
    assert tf.math.log(tf.constant(1.0)).numpy() == 0.0
    assert tf.math.sigmoid(tf.constant(0.0)).numpy() == 0.5
    assert tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), -1.0, 1.0).numpy().tolist() == [
        -1.0,
        0.5,
        1.0,
    ]
    assert tf.math.divide_no_nan(
        tf.constant([1.0, 2.0]), tf.constant([0.0, 4.0])
    ).numpy().tolist() == [0.0, 0.5]
    assert tf.cast(tf.constant([1.7, -1.7]), tf.int32).numpy().tolist() == [1, -1]
    assert tf.math.pow(tf.constant(2.0), 3.0).numpy() == 8.0
    assert tf.norm(tf.constant([3.0, 4.0])).numpy() == 5.0


def test_nn_functions():
    logits = tf.constant([[2.0, 1.0, 0.1]])
    np.testing.assert_allclose(tf.nn.softmax(logits).numpy().sum(), 1.0, rtol=1e-6)
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0], logits=logits)
    np.testing.assert_allclose(loss.numpy(), [0.41702995], rtol=1e-5)
    dense = tf.nn.softmax_cross_entropy_with_logits(labels=[[1.0, 0.0, 0.0]], logits=logits)
    np.testing.assert_allclose(dense.numpy(), loss.numpy(), rtol=1e-6)
    bce = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.constant([1.0]), logits=tf.constant([0.0])
    )
    np.testing.assert_allclose(bce.numpy(), [np.log(2.0)], rtol=1e-6)
    with pytest.raises(InvalidArgumentError) as err:
        tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.constant([3, 10]), logits=tf.zeros((2, 10))
        )
    assert str(err.value) == (
        "Received a label value of 10 which is outside the valid range of [0, 10).  Label "
        "values: 3 10 [Op:SparseSoftmaxCrossEntropyWithLogits] name: "
    )
    mean, var = tf.nn.moments(tf.constant([[1.0, 3.0], [3.0, 5.0]]), axes=[0])
    assert mean.numpy().tolist() == [2.0, 4.0] and var.numpy().tolist() == [1.0, 1.0]
    assert tf.nn.relu(tf.constant([-1.0, 2.0])).numpy().tolist() == [0.0, 2.0]
    assert tf.nn.l2_loss(tf.constant([3.0, 4.0])).numpy() == 12.5


def test_dropout_scales_and_is_seeded():
    x = tf.ones((1000,))
    tf.random.set_seed(5)
    a = tf.nn.dropout(x, rate=0.5).numpy()
    tf.random.set_seed(5)
    b = tf.nn.dropout(x, rate=0.5).numpy()
    assert np.array_equal(a, b)
    assert set(np.unique(a).tolist()) == {0.0, 2.0}
    assert 350 < (a == 0).sum() < 650


def test_random_functions():
    tf.random.set_seed(1)
    n = tf.random.normal([2, 3])
    assert n.shape == (2, 3) and n.dtype == tf.float32
    u = tf.random.uniform([1000], minval=2.0, maxval=3.0).numpy()
    assert u.min() >= 2.0 and u.max() < 3.0
    i = tf.random.uniform([50], maxval=10, dtype=tf.int32)
    assert i.dtype == tf.int32 and i.numpy().max() < 10
    t = tf.random.truncated_normal([1000], stddev=2.0).numpy()
    assert np.abs(t).max() <= 4.0
    s = tf.random.shuffle(tf.range(10)).numpy()
    assert sorted(s.tolist()) == list(range(10))
    with pytest.raises(ValueError, match="Must specify maxval for integer dtype int32"):
        tf.random.uniform([2], dtype=tf.int32)


def test_function_decorator_and_context_managers():
    @tf.function
    def f(x):
        return x * 2

    @tf.function(jit_compile=True, reduce_retracing=True)
    def g(x):
        return x + 1

    assert f(tf.constant(2.0)).numpy() == 4.0 and g(1) == 2
    with tf.name_scope("block"), tf.device("/CPU:0"):
        assert tf.identity(tf.constant(1.0)).numpy() == 1.0


def test_tf_print_formats_like_tensorflow():
    out = io.StringIO()
    tf.print(tf.constant([1.0, 2.5]), output_stream=out)
    tf.print("loss:", tf.constant(0.25), 3, output_stream=out)
    tf.print(tf.range(10), output_stream=out)
    tf.print(tf.constant([True, False]), output_stream=out)
    tf.print(tf.constant([0.1, 1e-5, 123456.7]), output_stream=out)
    tf.print(tf.constant(["a", "b"]), output_stream=out)
    tf.print([1, tf.constant(2.0)], {"a": tf.constant(1)}, output_stream=out)
    tf.print(tf.constant(1 / 3, tf.float64), output_stream=out)
    tf.print(tf.constant([[1, 2], [3, 4]]), output_stream=out)
    assert out.getvalue() == (
        "[1 2.5]\nloss: 0.25 3\n[0 1 2 ... 7 8 9]\n[1 0]\n[0.1 1e-05 123456.703]\n"
        '["a" "b"]\n[1, 2] {\'a\': 1}\n0.33333333333333331\n[[1 2]\n [3 4]]\n'
    )


def test_tf_print_defaults_to_stderr(capsys):
    tf.print(tf.constant(1.5))
    captured = capsys.readouterr()
    assert captured.err == "1.5\n" and captured.out == ""


def test_gradient_tape_from_tf():
    w = tf.Variable([[1.0], [2.0]])
    x = tf.constant([[3.0, 4.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
    g = tape.gradient(loss, w)
    assert g.numpy().tolist() == [[66.0], [88.0]]


class _Symbolic:
    _pynn_symbolic = True


def test_symbolic_arguments_go_to_the_registered_handler():
    calls = []

    def handler(api_name, fn, args, kwargs):
        calls.append((api_name, fn.__name__, len(args), sorted(kwargs)))
        return "layer output"

    previous = dispatch.set_symbolic_handler(handler)
    try:
        s = _Symbolic()
        assert tf.concat([s, s], axis=1) == "layer output"
        assert tf.math.reduce_mean(s, axis=0) == "layer output"
        assert tf.nn.relu(s) == "layer output"
        assert tf.matmul(s, tf.ones((2, 2))) == "layer output"
        assert tf.reduce_sum(tf.ones(2)).numpy() == 2.0  # eager calls don't dispatch
    finally:
        dispatch.set_symbolic_handler(previous)
    assert [c[0] for c in calls] == [
        "tf.concat",
        "tf.math.reduce_mean",
        "tf.nn.relu",
        "tf.linalg.matmul",
    ]
    assert calls[0][3] == ["axis"]


def test_symbolic_without_handler_is_a_clear_error():
    previous = dispatch.set_symbolic_handler(None)
    try:
        with pytest.raises(TypeError, match="tf.nn.relu was called on a Keras symbolic tensor"):
            tf.nn.relu(_Symbolic())
    finally:
        dispatch.set_symbolic_handler(previous)


def test_custom_gradient():
    @tf.custom_gradient
    def clip_gradient(x):
        def grad(upstream):
            return tf.clip_by_value(upstream, -0.5, 0.5)

        return tf.identity(x), grad

    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(clip_gradient(w) * 3.0)
    assert tape.gradient(loss, w).numpy().tolist() == [0.5, 0.5]
    assert clip_gradient(tf.constant(2.0)).numpy() == 2.0


def test_module_finds_variables_through_attributes():
    class Inner(tf.Module):
        def __init__(self):
            super().__init__(name="inner")
            self.v = tf.Variable(3.0, name="v")

    class Model(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(1.0, name="w")
            self.frozen = [tf.Variable(2.0, name="b", trainable=False)]
            self.sub = Inner()

        def __call__(self, x):
            return x * self.w + self.sub.v

    m = Model()
    assert m.name == "model"
    assert [v.name for v in m.variables] == ["b:0", "v:0", "w:0"]
    assert [v.name for v in m.trainable_variables] == ["v:0", "w:0"]
    assert [v.name for v in m.non_trainable_variables] == ["b:0"]
    assert [s.name for s in m.submodules] == ["inner"]
    with tf.GradientTape() as tape:
        y = m(tf.constant(2.0))
    grads = tape.gradient(y, m.trainable_variables)
    assert [g.numpy() for g in grads] == [1.0, 2.0]


def test_tf_version_module_as_the_tutorials_print_it():
    # "Save and load models" starts with `print(tf.version.VERSION)`
    import pynn.tf as tf_module  # noqa: PLC0415 - the import statement is what the test checks

    assert tf_module.version.VERSION == tf_module.__version__ == "2.15.1"
    assert tf_module.version.GIT_VERSION.startswith("v2.15")


def test_tf_optimizers_losses_metrics_initializers_alias_tf_keras():
    # "Basic regression" compiles with `optimizer=tf.optimizers.Adam(learning_rate=0.1)`
    assert tf.optimizers.Adam is tf.keras.optimizers.Adam
    assert tf.losses.MeanSquaredError is tf.keras.losses.MeanSquaredError
    assert tf.metrics.Mean is tf.keras.metrics.Mean
    assert tf.initializers.GlorotUniform is tf.keras.initializers.GlorotUniform
