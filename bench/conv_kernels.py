"""Convolution kernel layouts, timed against each other on this numpy.

    python3 bench/conv_kernels.py

Prints milliseconds per forward+backward of the tutorial CNN's two convolutions
(batch 32, MNIST size) and of a MobileNet depthwise block, for each layout:

* ``im2col``   - pynn's choice: one column matrix, one matmul per product.
* ``per-tap``  - kh*kw matmuls of strided input slices, accumulated.
* ``einsum``   - ``np.einsum`` on the strided window view (optimize=True).
* ``im2col_einsum`` - pynn's choice without BLAS: the im2col column matrix, with the three
  products as 2-D ``np.einsum`` calls whose operands are contiguous along the contracted
  axis (see pynn/ops/conv.py).

Run it with a numpy built without BLAS as well (as in Pyodide) to see the ranking
there; it needs only numpy, so it also runs inside Pyodide (e.g. under node).

Measured on the 2-core dev machine (busy, so only the ratios matter), ms:

    26x26x32 -> 64        im2col  im2col_einsum  per_tap  einsum
    OpenBLAS, 1 thread        94            --      141     152
    numpy without BLAS      6541           523     6148   11059

    depthwise 56x56x64      taps 98-140 ms, einsum 668-837 ms (without BLAS / with)
    Pyodide 314 (28x28x1 -> 32): im2col 366, im2col_einsum 463, per_tap 568, einsum 434

So pynn uses im2col + BLAS matmul when numpy has BLAS, im2col + 2-D einsum when it
has not (12x faster there than numpy's fallback matmul), and the per-tap loop for
depthwise convolutions.
"""

import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(x, kh, kw):
    """(N, OH, OW, kh, kw, C) view for stride 1, valid padding."""
    return sliding_window_view(x, (kh, kw), axis=(1, 2)).transpose(0, 1, 2, 4, 5, 3)


def im2col(x, k, g):
    kh, kw, c, f = k.shape
    n, oh, ow, _ = g.shape
    cols = np.ascontiguousarray(_windows(x, kh, kw)).reshape(-1, kh * kw * c)
    kmat = k.reshape(-1, f)
    out = (cols @ kmat).reshape(n, oh, ow, f)
    g2 = g.reshape(-1, f)
    dk = (cols.T @ g2).reshape(k.shape)
    dcols = (g2 @ kmat.T).reshape(n, oh, ow, kh, kw, c)
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            dx[:, i : i + oh, j : j + ow] += dcols[:, :, :, i, j]
    return out, dx, dk


def im2col_einsum(x, k, g):
    kh, kw, c, f = k.shape
    n, oh, ow, _ = g.shape
    cols = np.ascontiguousarray(_windows(x, kh, kw)).reshape(-1, kh * kw * c)
    kt = np.ascontiguousarray(k.reshape(-1, f).T)
    out = np.einsum("mk,fk->mf", cols, kt).reshape(n, oh, ow, f)
    g2 = g.reshape(-1, f)
    dk = np.einsum("mf,mk->fk", g2, cols).T.reshape(k.shape)
    dcols = np.einsum("mf,fk->mk", g2, kt).reshape(n, oh, ow, kh, kw, c)
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            dx[:, i : i + oh, j : j + ow] += dcols[:, :, :, i, j]
    return out, dx, dk


def per_tap(x, k, g):
    kh, kw, c, f = k.shape
    n, oh, ow, _ = g.shape
    g2 = g.reshape(-1, f)
    out = np.zeros((n * oh * ow, f), x.dtype)
    dk = np.empty_like(k)
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            tap = np.ascontiguousarray(x[:, i : i + oh, j : j + ow]).reshape(-1, c)
            out += tap @ k[i, j]
            dk[i, j] = tap.T @ g2
            dx[:, i : i + oh, j : j + ow] += (g2 @ k[i, j].T).reshape(n, oh, ow, c)
    return out.reshape(n, oh, ow, f), dx, dk


def einsum(x, k, g):
    kh, kw, _, _ = k.shape
    _n, oh, ow, _ = g.shape
    win = _windows(x, kh, kw)
    out = np.einsum("nhwijc,ijcf->nhwf", win, k, optimize=True)
    dk = np.einsum("nhwijc,nhwf->ijcf", win, g, optimize=True)
    dwin = np.einsum("nhwf,ijcf->nhwijc", g, k, optimize=True)
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            dx[:, i : i + oh, j : j + ow] += dwin[:, :, :, i, j]
    return out, dx, dk


def depthwise_taps(x, k, g):
    kh, kw, c, _ = k.shape
    n, oh, ow, _ = g.shape
    out = np.zeros((n, oh, ow, c), x.dtype)
    dk = np.empty_like(k)
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            tap = x[:, i : i + oh, j : j + ow]
            out += tap * k[i, j, :, 0]
            dk[i, j, :, 0] = (tap * g).reshape(-1, c).sum(axis=0)
            dx[:, i : i + oh, j : j + ow] += g * k[i, j, :, 0]
    return out, dx, dk


def depthwise_einsum(x, k, g):
    kh, kw, _, _ = k.shape
    _n, oh, ow, _ = g.shape
    win = _windows(x, kh, kw)
    out = np.einsum("nhwijc,ijc->nhwc", win, k[..., 0], optimize=True)
    dk = np.einsum("nhwijc,nhwc->ijc", win, g, optimize=True)[..., None]
    dx = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            dx[:, i : i + oh, j : j + ow] += g * k[i, j, :, 0]
    return out, dx, dk


def _time(fn, *args, repeat=3):
    fn(*args)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main():
    rng = np.random.default_rng(0)
    blas = "with BLAS" if _has_blas() else "WITHOUT BLAS"
    print(f"numpy {np.__version__} {blas}; ms per forward+backward (best of 3)")
    cases = [
        (
            "conv 28x28x1 -> 32, 3x3",
            (32, 28, 28, 1),
            (3, 3, 1, 32),
            [im2col, im2col_einsum, per_tap, einsum],
        ),
        (
            "conv 26x26x32 -> 64, 3x3",
            (32, 26, 26, 32),
            (3, 3, 32, 64),
            [im2col, im2col_einsum, per_tap, einsum],
        ),
        (
            "depthwise 56x56x64, 3x3",
            (8, 58, 58, 64),
            (3, 3, 64, 1),
            [depthwise_taps, depthwise_einsum],
        ),
    ]
    for label, xs, ks, fns in cases:
        x = rng.standard_normal(xs).astype(np.float32)
        k = rng.standard_normal(ks).astype(np.float32)
        oh, ow = xs[1] - ks[0] + 1, xs[2] - ks[1] + 1
        g = rng.standard_normal((xs[0], oh, ow, ks[3] if ks[3] > 1 else ks[2])).astype(np.float32)
        reference = fns[0](x, k, g)
        timings = []
        for fn in fns:
            result = fn(x, k, g)
            for a, b in zip(result, reference, strict=True):
                np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-2)
            timings.append(f"{fn.__name__} {_time(fn, x, k, g):7.1f}")
        print(f"{label:26s} " + "  ".join(timings))


def _has_blas():
    if sys.platform == "emscripten":
        return False
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception:  # noqa: BLE001 - older numpy: assume the usual BLAS build
        return True
    return bool(blas.get("found")) and str(blas.get("name", "")).lower() != "none"


if __name__ == "__main__":
    main()
