import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@pytest.fixture
def h5py():
    """h5py, for a test of HDF5 files (tests/dependencies.py: skipped loudly where it is
    missing, a failure under tests/run.sh)."""
    from tests.dependencies import require_h5py  # noqa: PLC0415 - ROOT is on sys.path only from here on

    return require_h5py()


@pytest.fixture(scope="session")
def native_gemm_library(tmp_path_factory):
    """web/kernels/ (the playground's WebAssembly kernels) compiled for this machine, so their
    C is tested without a browser (tests/browser/test_kernels.py runs the wasm build)."""
    compiler = next((c for c in ("clang-19", "clang", "cc", "gcc") if shutil.which(c)), None)
    if compiler is None:
        pytest.skip("no C compiler to build web/kernels/gemm.c for this machine")
    out = str(tmp_path_factory.mktemp("kernels") / "kernels-native.so")
    sources = [
        os.path.join(ROOT, "web", "kernels", name)
        for name in ("gemm.c", "adam.c", "col2im.c", "conv.c")
    ]
    subprocess.run(
        [
            compiler,
            "-O2",
            "-shared",
            "-fPIC",
            "-ffreestanding",
            "-nostdlib",
            "-fno-builtin",
            "-fno-math-errno",
            "-ffp-contract=off",
            "-Wall",
            "-Werror",
            *sources,
            "-o",
            out,
        ],
        check=True,
    )
    return out


@pytest.fixture
def gemm_kernel(native_gemm_library, monkeypatch):
    """pynn.ops.gemm as in the playground (numpy without BLAS, the compiled kernel installed),
    with every float32 2-D product on the kernel; put back afterwards."""
    from pynn.ops import gemm  # noqa: PLC0415 - late: ROOT is on sys.path only from here on

    for name in ("_kernel", "_kernel_path", "_kernels_on", "_status"):
        monkeypatch.setattr(gemm, name, getattr(gemm, name))
    monkeypatch.setattr(gemm, "BLAS", False)
    monkeypatch.setattr(gemm, "KERNEL_MIN_MACS", 0)
    gemm.install(native_gemm_library)
    return gemm
