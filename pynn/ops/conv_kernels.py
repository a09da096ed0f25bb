"""Dense 2-D convolutions by the playground's compiled kernel (``web/kernels/conv.c``), from the
layer's input instead of an im2col matrix.

``pynn.ops.conv`` asks here first (``forward``, ``backward``) and keeps its numpy im2col path
when the answer is None: no compiled kernel (CPython, whose BLAS is faster), kernels switched
off, not float32, or too small to repay a call. The kernel gathers a block of output rows'
patches at a time and multiplies them with the GEMM kernel, so it never builds the whole im2col
matrix (KH*KW times the input: 21 MB a batch for the tutorial CNN's second layer) and the input
gradient needs no separate col2im pass. In a cross-origin isolated page the work is split over
the kernel threads (``gemm.thread_pool``): only the input, the kernel and the output gradient
are copied into their shared memory, and each thread gathers its own rows, filter-gradient
slices and images. The split does not change the arithmetic, so 1 thread and N threads give
the same bits; the results are not bit for bit the im2col path's (the filter gradient is
summed in ``conv_slices`` partial sums, the input gradient image by image), and agree with it
within float32 rounding.

Before first use the kernel (and, separately, the threads) is checked against numpy in float64
on strides 1 and 2, 'valid' and 'same', dilation, a batch of one and odd channel counts; if it
disagrees, a warning says so and the numpy path computes from then on.
"""

from __future__ import annotations

import warnings

import numpy as np

from pynn.ops import gemm

__all__ = ["backward", "bias_relu_grad", "forward"]

#: Below this many multiply-adds numpy's im2col path costs less than the kernel's call.
CONV_MIN_MACS = 1 << 14

_UNCHECKED = "unchecked"


def geometry(n, h, w, c, kh, kw, sh, sw, dh, dw, top, left, oh, ow, f):
    """conv.c's geometry: an int32 array of the 15 numbers (padding before rows / columns)."""
    return np.array([n, h, w, c, kh, kw, sh, sw, dh, dw, top, left, oh, ow, f], np.int32)


def _macs(g):
    return int(g[0]) * int(g[12]) * int(g[13]) * int(g[4]) * int(g[5]) * int(g[3]) * int(g[14])


def _kernel_for(g, *arrays):
    """The checked compiled kernel if it should compute this convolution, else None."""
    if any(a.dtype != np.float32 for a in arrays) or _macs(g) < CONV_MIN_MACS:
        return None
    if max(a.size for a in arrays) >= 1 << 29 or int(g[4]) * int(g[5]) * int(g[3]) >= 1 << 24:
        return None  # conv.c indexes with 32-bit ints in places
    kernel = gemm.compiled()
    if kernel is None or _problem(kernel, _check_kernel):
        return None
    return kernel


def _threads_for(g, copied):
    """(threads, count) if the kernel threads should try this convolution, else None."""
    macs = _macs(g)
    if macs < gemm.THREAD_MIN_MACS or macs < gemm.THREAD_MIN_MACS_PER_COPY * copied:
        return None
    pool = gemm.thread_pool()
    if pool is None or _problem(pool[0], _check_threads):
        return None
    return pool


def forward(
    x: np.ndarray,
    kernel: np.ndarray,
    g: np.ndarray,
    bias: np.ndarray | None = None,
    relu: bool = False,
) -> np.ndarray | None:
    """conv2d of ``x`` (N, H, W, C) with ``kernel`` (KH, KW, C, F) as the (N*OH*OW, F) float32
    rows, ``bias`` (F,) added and ``relu`` applied if given (a Conv2D layer's), or None (the
    caller's numpy path computes)."""
    lib = _kernel_for(g, x, kernel, *(() if bias is None else (bias,)))
    if lib is None:
        return None
    return _forward(lib, True, x, kernel, g, bias, relu)


def _forward(lib, threaded, x, kernel, g, bias=None, relu=False):
    x, kernel = np.ascontiguousarray(x), np.ascontiguousarray(kernel)
    bias = None if bias is None else np.ascontiguousarray(bias)
    y = np.empty((int(g[0]) * int(g[12]) * int(g[13]), int(g[14])), np.float32)
    pool = _threads_for(g, x.size + kernel.size + y.size) if threaded else None
    if pool is not None and _threaded(pool, g, x, kernel, None, y, bias=bias, relu=relu):
        return y
    lib.conv_forward(g, x, kernel, y, None, bias, relu)
    return y


def bias_relu_grad(
    dy: np.ndarray, y: np.ndarray, relu: bool
) -> tuple[np.ndarray, np.ndarray] | None:
    """The gradient through a Conv2D layer's relu (if ``relu``) and bias for its output
    gradient ``dy`` and output ``y`` (N, OH, OW, F): (dy * (y > 0), its sums over all but the
    channels), or None (the caller's numpy path computes)."""
    if dy.dtype != np.float32 or y.dtype != np.float32 or dy.shape != y.shape:
        return None
    lib = gemm.compiled()
    if lib is None or dy.size < CONV_MIN_MACS or _problem(lib, _check_kernel):
        return None
    f = dy.shape[-1]
    rows = np.ascontiguousarray(dy).reshape(-1, f)
    masked, db = lib.bias_relu_grad(rows, np.ascontiguousarray(y).reshape(-1, f), relu)
    return masked.reshape(dy.shape), db


def backward(
    x: np.ndarray,
    kernel: np.ndarray,
    dy: np.ndarray,
    g: np.ndarray,
    need_x: bool,
    need_kernel: bool,
) -> tuple[np.ndarray | None, np.ndarray | None] | None:
    """The gradients of ``forward`` for the output gradient ``dy`` (N, OH, OW, F): (x's,
    kernel's), each None when not needed, or None (the caller's numpy path computes)."""
    lib = _kernel_for(g, x, kernel, dy)
    if lib is None:
        return None
    return _backward(lib, True, x, kernel, dy, g, need_x, need_kernel)


def _backward(lib, threaded, x, kernel, dy, g, need_x, need_kernel):
    x, kernel = np.ascontiguousarray(x), np.ascontiguousarray(kernel)
    dy = np.ascontiguousarray(dy).reshape(-1, kernel.shape[3])
    dw = np.empty((lib.conv_slices,) + kernel.shape, np.float32) if need_kernel else None
    dx = np.empty(x.shape, np.float32) if need_x else None
    copied = sum(a.size for a in (x, kernel, dy, dw, dx) if a is not None)
    pool = _threads_for(g, copied) if threaded else None
    if pool is None or not _threaded(pool, g, x, kernel, dy, None, dw, dx):
        lib.conv_backward(g, x, dy, kernel, dw, dx)
    dk = None
    if dw is not None:
        dk = dw[0]  # the slices added in order, as on any number of threads
        for part in dw[1:]:
            dk += part
    return dx, dk


def _threaded(pool, g, x, kernel, dy, y, dw=None, dx=None, bias=None, relu=False):
    threads, count = pool
    try:
        force = not gemm.THREADS_ADAPTIVE
        return threads.conv(g, x, kernel, dy, y, dw, dx, count, force, bias, relu)
    except Exception as err:  # noqa: BLE001 - a JavaScript error from the pool: one thread from now on
        threads.conv_problem = f"they failed ({err})"
        _warn(f"the kernel threads' convolutions failed ({err})")
        return False


# ----------------------------------------------------------------------------- the check


def _problem(obj, check):
    """The check's verdict on ``obj`` (a kernel or the threads: kept as its ``conv_problem``),
    made once."""
    if getattr(obj, "conv_problem", _UNCHECKED) is _UNCHECKED:
        try:
            obj.conv_problem = check(obj)
        except Exception as err:  # noqa: BLE001 - a ctypes or JavaScript failure is a verdict too
            obj.conv_problem = f"it failed ({err})"
        if obj.conv_problem is not None:
            _warn(obj.conv_problem)
    return obj.conv_problem


def _warn(problem):
    warnings.warn(
        "pynn: the compiled convolution kernel disagreed with numpy and is switched off; "
        f"numpy computes instead (slower, same results). {problem}",
        RuntimeWarning,
        stacklevel=5,
    )


# (N, H, W, C, KH, KW, F, stride, dilation, padding)
_CASES = [
    (2, 7, 6, 3, 3, 3, 5, (1, 1), (1, 1), "valid"),
    (1, 9, 8, 1, 3, 2, 9, (2, 2), (1, 1), "same"),
    (3, 10, 11, 4, 5, 5, 3, (2, 1), (1, 1), "same"),
    (2, 12, 9, 2, 3, 3, 7, (1, 2), (2, 1), "valid"),
    (1, 23, 21, 5, 3, 3, 11, (1, 1), (1, 1), "same"),
]


def _case_geometry(n, h, w, c, kh, kw, f, stride, dilation, padding):
    sizes = []
    for size, k, s, d in ((h, kh, stride[0], dilation[0]), (w, kw, stride[1], dilation[1])):
        reach = (k - 1) * d + 1
        out = -(-size // s) if padding == "same" else (size - reach) // s + 1
        total = max((out - 1) * s + reach - size, 0) if padding == "same" else 0
        sizes.append((out, total // 2, total))
    (oh, top, _), (ow, left, _) = sizes
    return geometry(n, h, w, c, kh, kw, *stride, *dilation, top, left, oh, ow, f), sizes


def _reference_columns(x, g, sizes):
    """im2col in float64 numpy: (N*OH*OW, KH*KW*C), and the padded input's shape."""
    n, h, w, c, kh, kw, sh, sw, dh, dw, top, left, oh, ow, _ = (int(v) for v in g)
    (_, _, total_h), (_, _, total_w) = sizes
    xp = np.pad(x, ((0, 0), (top, total_h - top), (left, total_w - left), (0, 0)))
    cols = np.empty((n, oh, ow, kh, kw, c))
    for i in range(kh):
        for j in range(kw):
            cols[:, :, :, i, j] = xp[
                :,
                i * dh : i * dh + sh * (oh - 1) + 1 : sh,
                j * dw : j * dw + sw * (ow - 1) + 1 : sw,
            ]
    return cols.reshape(n * oh * ow, kh * kw * c), xp.shape


def _reference_input_grad(dcols, g, padded):
    """col2im in float64 numpy (gemm's reference for its own col2im kernel), unpadded."""
    n, h, w, c, kh, kw, sh, sw, dh, dw, top, left, oh, ow, _ = (int(v) for v in g)
    sizes = (n, oh, ow, kh, kw, c, sh, sw, dh, dw, padded[1], padded[2])
    return gemm._numpy_col2im(dcols, sizes)[:, top : top + h, left : left + w]


def _case_arrays(case, rng):
    """A check case's geometry (and padding sizes) and random float32 x, kernel, dy, bias."""
    g, sizes = _case_geometry(*case)
    n, h, w, c, kh, kw, f = case[:7]
    x = rng.standard_normal((n, h, w, c)).astype(np.float32)
    k = rng.standard_normal((kh, kw, c, f)).astype(np.float32)
    dy = rng.standard_normal((n * int(g[12]) * int(g[13]), f)).astype(np.float32)
    return g, sizes, x, k, dy, rng.standard_normal(f).astype(np.float32)


def _close(got, want, scale):
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= 1e-5 * scale + 1e-30))


def _check_kernel(lib):
    """Compares the kernel with float64 numpy; returns the first disagreement, or None."""
    rng = np.random.default_rng(99)
    for case in _CASES:
        g, sizes, x, k, dy, bias = _case_arrays(case, rng)
        f = k.shape[3]
        cols, padded = _reference_columns(x.astype(np.float64), g, sizes)
        abs_cols, _ = _reference_columns(np.abs(x).astype(np.float64), g, sizes)
        km = k.reshape(-1, f).astype(np.float64)
        y = _forward(lib, False, x, k, g)
        yb = _forward(lib, False, x, k, g, bias, True)
        dx, dk = _backward(lib, False, x, k, dy, g, True, True)
        dyd = dy.astype(np.float64)
        masked, db = lib.bias_relu_grad(dy, yb, True)
        if not (
            np.array_equal(yb, np.maximum(y + bias, 0))
            and np.array_equal(masked, dy * (yb > 0))
            and np.allclose(db, masked.astype(np.float64).sum(0), rtol=1e-5, atol=1e-5)
        ):
            return f"conv {case}: the bias and relu differ from numpy's"
        checks = [
            ("forward", y, cols @ km, abs_cols @ np.abs(km)),
            ("kernel gradient", dk.reshape(-1, f), cols.T @ dyd, abs_cols.T @ np.abs(dyd)),
            (
                "input gradient",
                dx,
                _reference_input_grad(dyd @ km.T, g, padded),
                _reference_input_grad(np.abs(dyd) @ np.abs(km).T, g, padded),
            ),
        ]
        for name, got, want, scale in checks:
            if not _close(got, want, scale):
                return f"conv {case}: the {name} is off by up to {float(np.max(np.abs(got - want))):.3g}"
    return None


def _check_threads(threads):
    """The threads' convolutions against the one-thread kernel's, bit for bit; the first
    difference (a sentence), or None."""
    lib = threads.kernel
    count = threads.count
    rng = np.random.default_rng(98)
    for case in _CASES:
        g, _, x, k, dy, bias = _case_arrays(case, rng)
        y = np.empty_like(dy)
        dw = np.empty((lib.conv_slices,) + k.shape, np.float32)
        dx = np.empty_like(x)
        forced = threads.conv(g, x, k, None, y, None, None, count, True, bias, True)
        forced = threads.conv(g, x, k, dy, None, dw, dx, count, force=True) and forced
        one = _forward(lib, False, x, k, g, bias, True)
        one_dx, one_dk = _backward(lib, False, x, k, dy, g, True, True)
        dk = dw[0]
        for part in dw[1:]:
            dk += part
        if forced and not (
            np.array_equal(y, one) and np.array_equal(dx, one_dx) and np.array_equal(dk, one_dk)
        ):
            return f"conv {case}: the threads' results differ from one thread's"
    return None
