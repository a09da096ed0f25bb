"""The WebAssembly kernels (web/kernels/) in the playground: the worker installs them, pynn
uses them for float32 products, and they agree with numpy on every layout the ops use (odd
sizes, transposed and strided operands), through Dense and conv2d gradients too; the Adam
kernel updates bit for bit as numpy does."""

import re

import pytest

pytestmark = pytest.mark.browser

# Python for the page: every layout of every (m, n, k) (a, b transposed or not, bit 2: strided
# slices) through gemm.matmul, compared with float64 numpy; `extra(got, a, b)` may check more.
CHECK_PRODUCTS = r"""
import numpy as np
from pynn.ops import gemm

def check_products(shapes, rng, extra=lambda got, a, b: True):
    checked, bad, failed_extra = 0, [], []
    for m, n, k in shapes:
        for layout in range(8):
            a = rng.standard_normal((k, m) if layout & 1 else (m, k)).astype(np.float32)
            b = rng.standard_normal((n, k) if layout & 2 else (k, n)).astype(np.float32)
            a, b = (a.T if layout & 1 else a), (b.T if layout & 2 else b)
            if layout & 4:
                a = np.repeat(np.repeat(a, 2, axis=0), 3, axis=1)[::2, ::3]
                b = np.repeat(b, 2, axis=1)[:, ::2]
            got = gemm.matmul(a, b)
            want = a.astype(np.float64) @ b.astype(np.float64)
            scale = np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64)
            checked += 1
            if got.shape != want.shape or not np.all(np.abs(got - want) <= 1e-5 * scale + 1e-30):
                bad.append((m, n, k, layout))
            if not extra(got, a, b):
                failed_extra.append((m, n, k, layout))
    return checked, bad, failed_extra
"""

CHECK = (
    CHECK_PRODUCTS
    + r"""
import numpy as np
from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.ops import gemm

print("status:", gemm.kernel_status())
gemm.KERNEL_MIN_MACS = 0  # every product below goes to the kernel
rng = np.random.default_rng(3)
checked, bad, _ = check_products(
    [(1, 1, 1), (1, 9, 2), (4, 8, 256), (5, 9, 257), (3, 600, 20), (67, 13, 700), (130, 70, 33),
     (9, 1100, 5), (256, 300, 520)], rng)
print("products checked:", checked, "bad:", bad)

# Gradients through the kernel (float32) against the same ops in float64 (numpy's einsum).
def grads(dtype):
    r = np.random.default_rng(4)
    x = Variable(r.standard_normal((6, 11, 10, 3)).astype(dtype))
    k1 = Variable(r.standard_normal((3, 3, 3, 8)).astype(dtype))
    k2 = Variable(r.standard_normal((2, 2, 8, 5)).astype(dtype))
    w = Variable(r.standard_normal((5 * 4 * 5, 7)).astype(dtype))
    with GradientTape() as tape:
        h = ops.relu(ops.conv2d(x, k1, strides=2, padding="same"))  # (6, 6, 5, 8)
        h = ops.conv2d(h, k2)                                        # (6, 5, 4, 5)
        out = ops.dense(ops.reshape(h, (6, -1)), w, np.zeros(7, dtype), "tanh")
        loss = ops.sum(ops.square(out))
    return [t.numpy() for t in [out, *tape.gradient(loss, [x, k1, k2, w])]]


def worst(xs, ys):
    return max(float(np.max(np.abs(x - y)) / np.max(np.abs(y))) for x, y in zip(xs, ys))

exact = grads(np.float64)
with_kernel = grads(np.float32)
gemm.set_kernels(False)
with_numpy = grads(np.float32)
gemm.set_kernels(True)
def adam_steps(use_kernel):
    from pynn.keras import optimizers
    gemm.set_kernels(use_kernel)
    r = np.random.default_rng(8)
    w = Variable(r.standard_normal((300, 70)).astype(np.float32))
    opt = optimizers.Adam(learning_rate=0.01)
    for _ in range(5):
        opt.apply_gradients([(r.standard_normal((300, 70)).astype(np.float32), w)])
    gemm.set_kernels(True)
    return [w.numpy(), *[s.numpy() for s in opt.variables[1:]]]

print("adam bit for bit:", all(np.array_equal(a, b) for a, b in zip(adam_steps(True), adam_steps(False))))
print(f"gradient error: kernel {worst(with_kernel, exact):.2e} numpy {worst(with_numpy, exact):.2e} "
      f"apart {worst(with_kernel, with_numpy):.2e}")
"""
)


def test_kernels_are_used_and_agree_with_numpy(warm):
    warm.set_code(CHECK)
    warm.run_and_wait()
    text = warm.output_text()
    assert re.search(r"status: compiled kernel kernels-(relaxed|simd128)\.so", text), text
    assert "products checked: 72 bad: []" in text, text
    assert "adam bit for bit: True" in text, text
    kernel, numpy, apart = map(
        float, re.search(r"gradient error: kernel (\S+) numpy (\S+) apart (\S+)", text).groups()
    )
    assert kernel <= 2 * numpy and apart < 1e-3, text  # float32 both: as close as numpy's
