"""The im2col products have two numpy implementations (pynn.ops.gemm): BLAS matmul (CPython)
and np.einsum (numpy without BLAS, as in Pyodide). Both must give the same values and
gradients. (The browser's WebAssembly kernel is checked in tests/browser/test_kernels.py.)"""

import numpy as np
import pytest

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.ops import gemm

R = np.random.default_rng(11)

CASES = [
    (lambda x, k: ops.conv2d(x, k, strides=2, padding="same"), (2, 7, 6, 3), (3, 3, 3, 4)),
    (lambda x, k: ops.conv2d(x, k, groups=2), (2, 5, 5, 4), (2, 2, 2, 6)),
    (lambda x, k: ops.conv1d(x, k, padding="same"), (2, 9, 3), (3, 3, 5)),
    (
        lambda x, k: ops.conv2d_transpose(
            x, k, output_shape=(2, 8, 10, 2), strides=2, padding="same"
        ),
        (2, 4, 5, 3),
        (3, 3, 2, 3),
    ),
]


def run(fn, x, k):
    xv, kv = Variable(x), Variable(k)
    with GradientTape() as tape:
        out = fn(xv, kv)
        loss = ops.sum(ops.square(out))
    gx, gk = tape.gradient(loss, [xv, kv])
    return out.numpy(), gx.numpy(), gk.numpy()


@pytest.mark.parametrize("fn,x_shape,k_shape", CASES)
def test_einsum_products_equal_matmul_products(fn, x_shape, k_shape, monkeypatch):
    x = R.standard_normal(x_shape).astype("float32")
    k = R.standard_normal(k_shape).astype("float32")
    monkeypatch.setattr(gemm, "BLAS", True)
    with_matmul = run(fn, x, k)
    monkeypatch.setattr(gemm, "BLAS", False)
    monkeypatch.setattr(gemm, "EINSUM_MIN_MACS", 0)  # the test's products are small
    with_einsum = run(fn, x, k)
    for a, b in zip(with_matmul, with_einsum, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)
