"""pynn.ops.gemm: the products' dispatch (BLAS, compiled kernel, einsum) and the kernel's
C code (web/kernels/gemm.c), compiled here for this machine so its blocking, edges and
strides are checked without a browser. (tests/browser/test_kernels.py runs the WebAssembly
build in Pyodide.)"""

import ctypes

import numpy as np
import pytest

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.keras import optimizers
from pynn.ops import gemm

R = np.random.default_rng(5)

# (m, n, k): odd sizes around the kernel's 4x8 tiles and 256-deep blocks, and wide/deep ones.
SHAPES = [
    (1, 1, 1),
    (1, 9, 2),
    (4, 8, 256),
    (5, 9, 257),
    (3, 600, 20),
    (67, 13, 700),
    (130, 70, 33),
    (9, 1100, 5),
]


def operands(m, n, k, layout, dtype=np.float32):
    """a (m, k) and b (k, n): layout bit 0 transposes a, bit 1 b, bit 2 takes strided slices."""
    a = R.standard_normal((k, m) if layout & 1 else (m, k)).astype(dtype)
    b = R.standard_normal((n, k) if layout & 2 else (k, n)).astype(dtype)
    a, b = (a.T if layout & 1 else a), (b.T if layout & 2 else b)
    if layout & 4:
        a = np.repeat(np.repeat(a, 2, axis=0), 3, axis=1)[::2, ::3]
        b = np.repeat(b, 2, axis=1)[:, ::2]
    return a, b


def assert_close_to_float64(got, a, b, tol=1e-5):
    want = a.astype(np.float64) @ b.astype(np.float64)
    scale = np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64)
    assert got.shape == want.shape
    assert np.all(np.abs(got - want) <= tol * scale + 1e-30), np.max(np.abs(got - want) / scale)


@pytest.fixture(autouse=True)
def restore_gemm(monkeypatch):
    """Every test leaves pynn.ops.gemm as it found it (CPython: BLAS, no kernel)."""
    for name in (
        "BLAS",
        "_kernel",
        "_kernel_path",
        "_kernels_on",
        "_status",
        "KERNEL_MIN_MACS",
        "THREAD_MIN_MACS",
        "_threads",
        "_threads_pool",
        "_threads_wanted",
        "_threads_note",
    ):
        monkeypatch.setattr(gemm, name, getattr(gemm, name))


@pytest.fixture
def einsum_only(monkeypatch):
    """gemm as in Pyodide without a kernel: einsum for every product."""
    monkeypatch.setattr(gemm, "BLAS", False)
    monkeypatch.setattr(gemm, "EINSUM_MIN_MACS", 0)


@pytest.mark.parametrize("layout", range(8))
def test_einsum_path_equals_numpy(einsum_only, layout):
    for m, n, k in SHAPES:
        a, b = operands(m, n, k, layout)
        np.testing.assert_allclose(gemm.matmul(a, b), a @ b, rtol=1e-4, atol=1e-4)


@pytest.fixture
def kernel(gemm_kernel, native_gemm_library):
    return native_gemm_library


def test_installed_kernel_is_checked_when_first_used(kernel):
    assert gemm._kernel is None and gemm._kernel_path == kernel
    a, b = operands(5, 9, 257, 0)
    assert_close_to_float64(gemm.matmul(a, b), a, b)
    assert (
        gemm.kernel_status()
        == "compiled kernel kernels-native.so, 1 thread: no kernel threads here"
    )


@pytest.mark.parametrize("layout", range(8))
def test_kernel_matches_float64_for_every_layout(kernel, layout):
    for m, n, k in SHAPES:
        a, b = operands(m, n, k, layout)
        got = gemm.matmul(a, b)
        assert gemm._kernel is not None
        assert_close_to_float64(got, a, b)


def test_kernel_keeps_nan_inf_and_zero_sizes_as_numpy(kernel):
    a = np.array([[np.inf, 1.0], [np.nan, 0.0], [1.0, 2.0]], np.float32)
    got = gemm.matmul(a, np.ones((2, 3), np.float32))
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(got, a @ np.ones((2, 3), np.float32))
    assert gemm.matmul(np.ones((0, 3), np.float32), np.ones((3, 4), np.float32)).shape == (0, 4)
    np.testing.assert_array_equal(
        gemm.matmul(np.ones((2, 0), np.float32), np.ones((0, 4), np.float32)), np.zeros((2, 4))
    )


def test_float64_and_misaligned_operands_stay_on_numpy(kernel):
    a, b = operands(20, 30, 40, 0, dtype=np.float64)
    np.testing.assert_allclose(gemm.matmul(a, b), a @ b, rtol=1e-12)
    raw = np.zeros(4 * 20 * 40 + 2, np.uint8)[2:].view(np.float32).reshape(20, 40)  # 2-byte aligned
    raw[:] = 1.5
    np.testing.assert_array_equal(
        gemm.matmul(raw, np.ones((40, 3), np.float32)), np.full((20, 3), 60.0, np.float32)
    )


def test_switching_the_kernel_off_uses_einsum(kernel):
    a, b = operands(30, 40, 50, 1)
    gemm.matmul(a, b)
    gemm.set_kernels(False)
    try:
        assert "switched off" in gemm.kernel_status()
        np.testing.assert_allclose(gemm.matmul(a, b), a @ b, rtol=1e-5, atol=1e-5)
    finally:
        gemm.set_kernels(True)


def test_a_kernel_that_disagrees_is_refused_loudly(native_gemm_library, monkeypatch):
    monkeypatch.setattr(gemm, "BLAS", False)
    monkeypatch.setattr(
        gemm._Kernel, "product", lambda self, a, b: np.zeros((a.shape[0], b.shape[1]), np.float32)
    )
    gemm.install(native_gemm_library)
    a, b = operands(30, 40, 50, 0)
    with pytest.warns(RuntimeWarning, match="disagreed with numpy"):
        got = gemm.matmul(a, b)
    assert gemm._kernel is None and "NOT used" in gemm.kernel_status()
    assert_close_to_float64(got, a, b)


def test_a_kernel_that_cannot_load_is_refused_loudly(monkeypatch, tmp_path):
    monkeypatch.setattr(gemm, "BLAS", False)
    gemm.install(str(tmp_path / "missing.so"))
    with pytest.warns(RuntimeWarning, match="could not be loaded"):
        gemm.matmul(*operands(30, 40, 50, 0))
    assert gemm._kernel is None


@pytest.mark.parametrize("use_kernel", [False, True])
def test_dense_and_conv_gradients_through_the_kernel(native_gemm_library, monkeypatch, use_kernel):
    """The same values and gradients as BLAS (CPython's path) for Dense and conv2d."""
    x = R.standard_normal((6, 9, 9, 3)).astype(np.float32)
    k = R.standard_normal((3, 3, 3, 5)).astype(np.float32)
    w = R.standard_normal((245, 7)).astype(np.float32)

    def run():
        xv, kv, wv = Variable(x), Variable(k), Variable(w)
        with GradientTape() as tape:
            h = ops.conv2d(xv, kv, strides=1, padding="valid")
            out = ops.dense(ops.reshape(h, (6, -1)), wv, np.zeros(7, np.float32), "relu")
            loss = ops.sum(ops.square(out))
        return [t.numpy() for t in [out, *tape.gradient(loss, [xv, kv, wv])]]

    reference = run()  # BLAS
    monkeypatch.setattr(gemm, "BLAS", False)
    if use_kernel:
        monkeypatch.setattr(gemm, "KERNEL_MIN_MACS", 0)
        gemm.install(native_gemm_library)
    got = run()
    assert (gemm._kernel is not None) == use_kernel
    for a, b in zip(reference, got, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-3 * np.abs(a).max())


def test_adam_kernel_is_numpys_update_bit_for_bit(kernel):
    """Adam with the kernel and without: identical weights and slots after a few steps."""

    def train(use_kernel):
        gemm.set_kernels(use_kernel)
        r = np.random.default_rng(8)
        w = Variable(r.standard_normal((40, 50)).astype(np.float32))  # 2,000 weights
        b = Variable(r.standard_normal(7).astype(np.float32))  # too small: numpy
        opt = optimizers.Adam(learning_rate=0.01)
        for _ in range(4):
            opt.apply_gradients(
                [
                    (r.standard_normal((40, 50)).astype(np.float32), w),
                    (r.standard_normal(7).astype(np.float32), b),
                ]
            )
        return [w.numpy(), b.numpy(), *[s.numpy() for s in opt.variables[1:]]]

    calls = []
    adam = gemm._Kernel.adam
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gemm._Kernel, "adam", lambda self, *a: calls.append(1) or adam(self, *a))
        with_kernel = train(True)
    assert calls, "the kernel did not update"
    without = train(False)
    gemm.set_kernels(True)
    for a, b in zip(with_kernel, without, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "strides,dilation,padding",
    [(1, 1, "valid"), (2, 1, "same"), (1, 2, "same"), ((2, 3), 1, "valid")],
)
def test_col2im_kernel_is_numpys_scatter_bit_for_bit(
    kernel, monkeypatch, strides, dilation, padding
):
    """conv2d's input gradient with the compiled col2im and with numpy's taps: identical."""
    x = Variable(R.standard_normal((3, 11, 9, 4)).astype(np.float32))
    k = Variable(R.standard_normal((3, 2, 4, 5)).astype(np.float32))

    def input_grad():
        with GradientTape() as tape:
            out = ops.conv2d(x, k, strides=strides, dilation_rate=dilation, padding=padding)
            loss = ops.sum(ops.square(out))
        return tape.gradient(loss, x).numpy()

    used = []
    col2im = gemm._Kernel.col2im
    monkeypatch.setattr(gemm._Kernel, "col2im", lambda self, *a: used.append(1) or col2im(self, *a))
    with_kernel = input_grad()
    assert used
    monkeypatch.setattr(gemm, "col2im", lambda cols, sizes: None)  # numpy's taps, same products
    np.testing.assert_array_equal(with_kernel, input_grad())


class FakePool:
    """Stands in for the playground's kernel threads (web/src/worker/kernel-pool.js): the same
    ``sgemmStart`` call (addresses, element strides, C-contiguous result), the kernel workers'
    blocks (all but the first half, on the micro-tile) computed here with numpy, and ``finish``;
    records the calls. ``wrong`` makes it disagree, ``fail`` makes it raise. Convolutions are
    never split here (``convStart`` returns 0)."""

    threads = 2
    build = "fake-threads.wasm"

    def __init__(self, wrong=False, fail=False):
        self.calls, self.wrong, self.fail = [], wrong, fail

    @staticmethod
    def _view(address, rows, cols, rs, cs):
        span = (rows - 1) * rs + (cols - 1) * cs + 1
        base = np.ctypeslib.as_array((ctypes.c_float * span).from_address(address))
        return np.lib.stride_tricks.as_strided(base, (rows, cols), (4 * rs, 4 * cs))

    def sgemmStart(self, m, n, k, a, rsa, csa, b, rsb, csb, c, parts, force):
        if self.fail:
            raise RuntimeError("a kernel thread failed in pynn_sgemm")
        extent, unit = (m, 4) if m >= n else (n, 8)
        ours = -(-extent // 2 // unit) * unit if extent > unit else extent
        if ours >= extent:
            return 0
        self.calls.append((m, n, k, parts))
        out = self._view(c, m, n, n, 1)
        with np.errstate(invalid="ignore"):  # the check's inf and nan
            product = self._view(a, m, k, rsa, csa).astype(np.float64) @ self._view(
                b, k, n, rsb, csb
            ).astype(np.float64)
        theirs = (slice(ours, None),) if m >= n else (slice(None), slice(ours, None))
        out[theirs] = product[theirs] + (1.0 if self.wrong else 0.0)
        return ours

    def finish(self):
        pass

    def convStart(self, *args):
        return 0


@pytest.fixture
def threaded(kernel, monkeypatch):
    monkeypatch.setattr(gemm, "THREAD_MIN_MACS", 1 << 16)
    pool = FakePool()
    gemm.install_threads(pool)
    return pool


BIG = (200, 150, 300)  # enough multiply-adds per copied float for the threads


def test_big_products_go_to_the_kernel_threads(threaded):
    for layout in range(4):
        a, b = operands(*BIG, layout)
        assert_close_to_float64(gemm.matmul(a, b), a, b)
        assert threaded.calls[-1] == (*BIG, 2)
    assert gemm.kernel_status() == (
        "compiled kernel kernels-native.so, 2 threads (fake-threads.wasm)"
    )
    assert gemm.kernel_threads() == 2


def test_products_that_do_not_repay_the_copies_stay_on_one_thread(threaded):
    gemm.matmul(*operands(*BIG, 0))  # checked and used
    calls = len(threaded.calls)
    gemm.matmul(*operands(*BIG, 4))  # strided slices: copying what they span costs too much
    gemm.matmul(*operands(8, 9, 30, 0))  # too small to wake threads
    gemm.matmul(*operands(4, 128, 1024, 2))  # Dense-like: B costs more to copy than it saves
    a, b = operands(*BIG, 0)
    assert_close_to_float64(gemm.matmul(a[::-1], b), a[::-1], b)  # a negative stride
    assert len(threaded.calls) == calls


def test_set_threads_caps_them(threaded):
    a, b = operands(*BIG, 0)
    assert gemm.kernel_threads() == 2  # checked now
    calls = len(threaded.calls)
    gemm.set_threads(1)
    try:
        assert_close_to_float64(gemm.matmul(a, b), a, b)
        assert gemm.kernel_threads() == 1
        assert gemm.kernel_status().endswith(", 1 thread (set_threads)")
        assert len(threaded.calls) == calls
    finally:
        gemm.set_threads(None)
    with pytest.raises(ValueError, match="whole number >= 1"):
        gemm.set_threads(0)


def test_threads_that_disagree_are_refused_loudly(kernel):
    gemm.install_threads(FakePool(wrong=True))
    a, b = operands(*BIG, 0)
    with pytest.warns(RuntimeWarning, match="kernel threads are switched off"):
        got = gemm.matmul(a, b)
    assert_close_to_float64(got, a, b)
    assert "the kernel threads are NOT used: they disagreed with numpy" in gemm.kernel_status()
    assert gemm.kernel_threads() == 1


def test_threads_that_fail_later_fall_back_to_one_thread(threaded):
    a, b = operands(*BIG, 0)
    gemm.matmul(a, b)
    threaded.fail = True
    with pytest.warns(RuntimeWarning, match="kernel threads are switched off"):
        got = gemm.matmul(a, b)
    assert_close_to_float64(got, a, b)
    assert "NOT used: they failed (a kernel thread failed" in gemm.kernel_status()


def test_without_a_pool_the_status_says_why(kernel):
    gemm.install_threads(None, "the page is not cross-origin isolated")
    a, b = operands(*BIG, 0)
    assert_close_to_float64(gemm.matmul(a, b), a, b)
    assert gemm.kernel_status() == (
        "compiled kernel kernels-native.so, 1 thread: the page is not cross-origin isolated"
    )
