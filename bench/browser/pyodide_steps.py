"""The pynn side of the browser benchmark, run inside Pyodide by bench/browser/run.py.

Each function returns a JSON string: a list of seconds (or a profile). The workloads are the
ones in bench/xor.py, bench/mlp.py and bench/cnn.py, imported from those files unchanged.
`kernels=False` switches the compiled WebAssembly kernel off (pynn.ops.gemm.set_kernels): numpy's
einsum computes the products, as before the kernel existed.
"""

import cProfile
import io
import json
import pstats
import time


def _kernels(on):
    from pynn.ops import gemm

    gemm.set_kernels(on)


def _times(fn, repeat):
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def xor(epochs=1500, repeat=1, kernels=True):
    import xor as bench

    _kernels(kernels)
    return json.dumps(_times(bench.pynn_run(epochs), repeat))


def xor_numpy(epochs=1500, repeat=1):
    import xor as bench

    return json.dumps(_times(lambda: bench.numpy_run(epochs), repeat))


def mlp(repeat=2, kernels=True):
    import mlp as bench
    from common import mnist_like

    _kernels(kernels)
    x, y = mnist_like(bench.N)
    return json.dumps(_times(bench.pynn_epoch(x, y), repeat))


def mlp_numpy(repeat=1):
    import mlp as bench
    from common import mnist_like

    x, y = mnist_like(bench.N)
    return json.dumps(_times(lambda: bench.numpy_epoch(x, y), repeat))


def cnn(repeat=1, kernels=True):
    import cnn as bench
    from common import mnist_like

    _kernels(kernels)
    x, y = mnist_like(bench.N, flat=False)
    return json.dumps(_times(bench.pynn_epoch(x, y), repeat))


def gemm(n=512, repeat=7):
    """A float32 (n x n) @ (n x n) product: np.einsum as pynn computed it before the kernel
    (both operands contiguous along the contracted axis), and pynn.ops.gemm's kernel, taking
    turns; the best of `repeat` each, with the kernel's largest relative error."""
    import numpy as np

    from pynn.ops import gemm as products

    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n)).astype(np.float32)
    b = rng.standard_normal((n, n)).astype(np.float32)
    bt = np.ascontiguousarray(b.T)
    products.set_kernels(True)
    einsum, kernel = [], []
    for _ in range(repeat):
        einsum += _times(lambda: np.einsum("mk,nk->mn", a, bt), 1)
        kernel += _times(lambda: products.matmul(a, b), 1)
    exact = a.astype(np.float64) @ b.astype(np.float64)
    error = float(np.max(np.abs(products.matmul(a, b) - exact)) / np.max(np.abs(exact)))
    return json.dumps(
        {"einsum": einsum, "kernel": kernel, "status": products.kernel_status(), "error": error}
    )


def profile(workload="mlp", limit=25):
    """cProfile of one pynn run of `workload` (mlp, cnn: one epoch; xor: 100 epochs), top by
    cumulative and by own time."""
    from common import mnist_like

    if workload == "xor":
        import xor as bench

        run, steps = bench.pynn_run(100), 400
    else:
        bench = __import__(workload)  # mlp or cnn
        x, y = mnist_like(bench.N, flat=workload == "mlp")
        run, steps = bench.pynn_epoch(x, y), -(-bench.N // bench.BATCH)
        run()  # warm: the first epoch builds the model
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(run)
    seconds = time.perf_counter() - start
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return json.dumps({"seconds": seconds, "steps": steps, "profile": text.getvalue()})
