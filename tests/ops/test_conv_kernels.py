"""pynn.ops.conv_kernels: convolutions computed by the compiled kernel from the layer's input
(web/kernels/conv.c), compiled here for this machine (tests/conftest.py) so its gathering,
padding, strides, slices and scatter are checked without a browser.
(tests/browser/test_kernel_threads.py runs the WebAssembly build on the kernel threads.)"""

import numpy as np
import pytest

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.ops import conv_kernels, gemm

# (input shape, kernel shape, strides, padding, dilation): the tutorials' shapes and odd ones.
CASES = [
    ((2, 28, 28, 1), (3, 3, 1, 8), 1, "valid", 1),
    ((3, 12, 12, 8), (3, 3, 8, 16), 1, "valid", 1),
    ((1, 9, 7, 3), (3, 3, 3, 5), 2, "same", 1),
    ((2, 10, 11, 4), (5, 5, 4, 3), (2, 1), "same", 1),
    ((2, 8, 9, 2), (2, 3, 2, 6), 2, "valid", 1),
    ((1, 13, 12, 3), (3, 3, 3, 4), 1, "same", 2),
    ((4, 17, 5, 1), (1, 1, 1, 9), 1, "valid", 1),
    ((1, 40, 40, 3), (3, 3, 3, 7), 1, "same", 1),  # > 256 rows per image: several chunks
]


@pytest.fixture
def unchecked(gemm_kernel, monkeypatch):
    """The native kernel installed as in the playground, not checked yet."""
    monkeypatch.setattr(conv_kernels, "CONV_MIN_MACS", 0)
    return gemm_kernel


@pytest.fixture
def kernel(unchecked):
    """... and past its check against float64 numpy (so that the tests count only theirs)."""
    assert conv_kernels._problem(gemm.compiled(), conv_kernels._check_kernel) is None
    return unchecked


def conv_and_grads(x, k, strides, padding, dilation, dtype=np.float32, layout=None):
    xv, kv = Variable(x.astype(dtype)), Variable(k.astype(dtype))
    with GradientTape() as tape:
        xin = xv if layout is None else layout(xv)
        y = ops.conv2d(xin, kv, strides=strides, padding=padding, dilation_rate=dilation)
        loss = ops.sum(ops.square(y) * 0.5 + y)
    return [t.numpy().astype(np.float64) for t in (y, *tape.gradient(loss, [xv, kv]))]


def counting(monkeypatch):
    """Counts the kernel's forward and backward calls."""
    calls = {"forward": 0, "backward": 0}
    for name in calls:
        original = getattr(gemm._Kernel, f"conv_{name}")

        def wrapped(self, *args, _name=name, _original=original):
            calls[_name] += 1
            return _original(self, *args)

        monkeypatch.setattr(gemm._Kernel, f"conv_{name}", wrapped)
    return calls


@pytest.mark.parametrize("case", CASES, ids=[str(c[:2]) for c in CASES])
def test_kernel_convolution_and_gradients_match_float64(kernel, monkeypatch, case):
    shape, kshape, strides, padding, dilation = case
    calls = counting(monkeypatch)
    r = np.random.default_rng(11)
    x, k = r.standard_normal(shape), r.standard_normal(kshape)
    got = conv_and_grads(x, k, strides, padding, dilation)
    assert calls == {"forward": 1, "backward": 1}
    want = conv_and_grads(x, k, strides, padding, dilation, dtype=np.float64)  # numpy's path
    for a, b in zip(got, want, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=2e-5 * np.abs(b).max())


def test_non_contiguous_input_and_conv1d(kernel, monkeypatch):
    calls = counting(monkeypatch)
    r = np.random.default_rng(12)
    x, k = r.standard_normal((3, 9, 10, 4)), r.standard_normal((3, 3, 4, 6))
    transposed = lambda v: ops.transpose(v, (0, 2, 1, 3))  # noqa: E731 - a strided view
    got = conv_and_grads(x, k, 1, "same", 1, layout=transposed)
    want = conv_and_grads(x, k, 1, "same", 1, dtype=np.float64, layout=transposed)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=2e-5 * np.abs(b).max())
    xs, ks = r.standard_normal((2, 30, 3)), r.standard_normal((5, 3, 4))
    for dtype in (np.float32, np.float64):
        xv, kv = Variable(xs.astype(dtype)), Variable(ks.astype(dtype))
        with GradientTape() as tape:
            loss = ops.sum(ops.square(ops.conv1d(xv, kv, strides=2, padding="same")))
        grads = [g.numpy() for g in tape.gradient(loss, [xv, kv])]
        if dtype == np.float32:
            first = grads
    for a, b in zip(first, grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4 * np.abs(b).max())
    assert calls == {"forward": 2, "backward": 2}


def test_float64_groups_and_small_convolutions_stay_on_numpy(kernel, monkeypatch):
    calls = counting(monkeypatch)
    r = np.random.default_rng(13)
    ops.conv2d(r.standard_normal((1, 6, 6, 2)), r.standard_normal((3, 3, 2, 2)))  # float64
    x = r.standard_normal((1, 6, 6, 4)).astype(np.float32)
    ops.conv2d(x, r.standard_normal((3, 3, 2, 4)).astype(np.float32), groups=2)
    monkeypatch.setattr(conv_kernels, "CONV_MIN_MACS", 1 << 14)
    ops.conv2d(x, r.standard_normal((3, 3, 4, 4)).astype(np.float32))  # 2,304 multiply-adds
    assert calls == {"forward": 0, "backward": 0}


def test_slices_sum_the_filter_gradient_whatever_the_batch(kernel):
    """A batch of one, rows fewer than the slices: the kernel gradient is still complete."""
    r = np.random.default_rng(14)
    for shape in [(1, 3, 3, 2), (1, 4, 4, 3), (5, 3, 3, 1)]:
        x, k = r.standard_normal(shape), r.standard_normal((2, 2, shape[3], 3))
        got = conv_and_grads(x, k, 1, "valid", 1)
        want = conv_and_grads(x, k, 1, "valid", 1, dtype=np.float64)
        for a, b in zip(got, want, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=2e-5 * np.abs(b).max())


def test_a_convolution_kernel_that_disagrees_is_refused_loudly(unchecked, monkeypatch):
    def wrong(self, g, x, w, y, *rest):
        y[:] = 0.0

    monkeypatch.setattr(gemm._Kernel, "conv_forward", wrong)
    r = np.random.default_rng(15)
    x, k = r.standard_normal((2, 8, 8, 3)), r.standard_normal((3, 3, 3, 4))
    with pytest.warns(RuntimeWarning, match="convolution kernel disagreed with numpy"):
        got = conv_and_grads(x, k, 1, "valid", 1)
    assert gemm._kernel.conv_problem.startswith("conv ")
    want = conv_and_grads(x, k, 1, "valid", 1, dtype=np.float64)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4 * np.abs(b).max())


def layer_step(x, activation, fused):
    """A Conv2D layer's output and gradients, through the fused op or the three ops."""
    from pynn import keras  # noqa: PLC0415 - late: only these tests build layers

    layer = keras.layers.Conv2D(6, 3, padding="same", activation=activation)
    layer.build(x.shape)
    r = np.random.default_rng(16)
    layer.kernel.assign(r.standard_normal((3, 3, 4, 6)).astype(np.float32))
    layer.bias.assign(r.standard_normal(6).astype(np.float32))
    if not fused:  # the three ops, as before the fused op
        layer.call = lambda inputs: keras.layers.Conv2D.__mro__[1].call(layer, inputs)
    xv = Variable(x)
    with GradientTape() as tape:
        y = layer(xv)
        loss = ops.sum(ops.square(y) * 0.5 + y)
    grads = tape.gradient(loss, [xv, layer.kernel, layer.bias])
    return [t.numpy() for t in (y, *grads)]


@pytest.mark.parametrize("activation", ["relu", None])
def test_conv2d_layer_fused_equals_the_three_ops_bit_for_bit_on_numpy(activation):
    """CPython (BLAS): conv2d_bias_activation is conv2d, BiasAdd and Relu, bit for bit."""
    x = np.random.default_rng(17).standard_normal((3, 9, 8, 4)).astype(np.float32)
    fused, separate = layer_step(x, activation, True), layer_step(x, activation, False)
    for a, b in zip(fused, separate, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("activation", ["relu", None])
def test_conv2d_layer_fused_in_the_kernel_matches_float64(kernel, monkeypatch, activation):
    calls = counting(monkeypatch)
    x = np.random.default_rng(18).standard_normal((3, 9, 8, 4)).astype(np.float32)
    fused = layer_step(x, activation, True)
    assert calls == {"forward": 1, "backward": 1}
    gemm.set_kernels(False)
    try:
        separate = layer_step(x, activation, False)
    finally:
        gemm.set_kernels(True)
    for a, b in zip(fused, separate, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=2e-5 * np.abs(b).max())


def test_fused_op_second_order_input_gradient():
    """A gradient penalty through the fused op: the input gradient is differentiable again."""
    r = np.random.default_rng(19)
    x = Variable(r.standard_normal((2, 6, 6, 2)))
    k = Variable(r.standard_normal((3, 3, 2, 3)))
    b = Variable(r.standard_normal(3))

    def penalty(op):
        with GradientTape() as outer:
            with GradientTape() as inner:
                y = op()
                loss = ops.sum(ops.square(y))
            gx = inner.gradient(loss, x)
            total = ops.sum(ops.square(gx))
        return outer.gradient(total, [x, b])

    fused = penalty(lambda: ops.conv2d_bias_activation(x, k, b, activation="relu"))
    separate = penalty(lambda: ops.relu(ops.bias_add(ops.conv2d(x, k), b)))
    for a, c in zip(fused, separate, strict=True):
        np.testing.assert_allclose(a.numpy(), c.numpy(), rtol=1e-12)
