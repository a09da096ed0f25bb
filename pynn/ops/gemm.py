"""The 2-D float products every op's heavy lifting goes through (matmul, Dense, the
convolutions' im2col products), and the choice of how each is computed:

* numpy with BLAS (CPython): numpy's ``@``, which BLAS runs (transposed views included);
* Pyodide, whose numpy has no BLAS: the playground's WebAssembly SIMD kernel
  (``web/kernels/gemm.c``) once the worker has installed it (``install``), for float32
  products big enough to repay a call (``KERNEL_MIN_MACS``); it reads numpy's memory in
  place through strides, so transposed and sliced operands need no copy;
* in a cross-origin isolated page, the same kernel on several threads (``install_threads``,
  ``web/src/worker/kernel-pool.js``) for products big enough to repay copying the operands into
  the threads' shared memory and the result back (``THREAD_MIN_MACS``,
  ``THREAD_MIN_MACS_PER_COPY``): Pyodide's own memory cannot be shared;
* otherwise (no kernel, float64, kernels switched off) ``np.einsum`` with both operands
  contiguous along the contracted axis, 2-8x faster than numpy's BLAS-less ``@`` (whose
  fallback loop is cache-hostile), and ``@`` for tiny products, where einsum's set-up
  (a few microseconds) costs more than the arithmetic.

    matmul(a, b)      a @ b for (M, K) and (K, N); a.T / b.T views for the transposed products

The same compiled library also holds the optimizer's Adam update in one pass
(``adam_update``, ``web/kernels/adam.c``) and a convolution's col2im (``col2im``,
``web/kernels/col2im.c``), both bit for bit numpy's operations in numpy's order, and the
convolutions computed from the layer's input (``web/kernels/conv.c``, on one thread or on the
threads), which ``pynn.ops.conv_kernels`` checks and uses through ``compiled`` and
``thread_pool``.

The kernel is checked against numpy when it is installed (every transpose, odd sizes, strided
operands); if it disagrees it is not used and a warning says so. ``set_kernels(False)`` (or
``PYNN_KERNELS=0`` in the environment) switches it off, e.g. to compare speeds;
``set_threads(n)`` caps the threads (1: one thread, as in a page that is not isolated);
``kernel_status()`` says what is in use and why, threads included.
"""

import ctypes
import os
import sys
import warnings

import numpy as np

__all__ = [
    "adam_update",
    "col2im",
    "compiled",
    "install",
    "install_threads",
    "kernel_status",
    "kernel_threads",
    "matmul",
    "set_kernels",
    "set_threads",
    "thread_pool",
    "thread_stats",
    "thread_times",
]


def _numpy_has_blas():
    if sys.platform == "emscripten":
        return False
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception:  # noqa: BLE001 - an older numpy without the dict form: assume BLAS
        return True
    return bool(blas.get("found")) and str(blas.get("name", "")).lower() != "none"


#: numpy's ``@`` runs on BLAS: nothing here beats it.
BLAS = _numpy_has_blas()
#: Below this many multiply-adds a product keeps numpy's ``@`` (no BLAS: einsum's set-up costs more).
EINSUM_MIN_MACS = 1 << 14
#: Below this many multiply-adds the kernel's call (through ctypes) costs more than it saves.
KERNEL_MIN_MACS = 1 << 11
#: Below this many weights numpy's dozen operations cost less than the Adam kernel's call.
ADAM_MIN_SIZE = 1 << 10
#: Below this many multiply-adds a product stays on one thread (the threads' wake-up and the
#: copies cost more than they save).
THREAD_MIN_MACS = 1 << 20
#: ... and below this many multiply-adds per float copied (A and B into the threads' memory,
#: C back), as in a (32 x 36864) @ (36864 x 128) Dense product, whose weights cost more to
#: copy than half the product takes.
THREAD_MIN_MACS_PER_COPY = 24
#: The pool measures its speed-up and rests (one thread computes) while the other cores are
#: busy; False makes it use the threads regardless (tests).
THREADS_ADAPTIVE = True


class _Kernel:
    """The compiled kernels (``pynn_sgemm`` in ``web/kernels/gemm.c``, ``pynn_adam`` in
    ``adam.c``) through ctypes."""

    def __init__(self, path):
        self.path = path
        lib = ctypes.CDLL(path)
        self._sgemm = lib.pynn_sgemm
        i, p = ctypes.c_int, ctypes.c_void_p
        self._sgemm.argtypes = [i, i, i, p, i, i, p, i, i, p, i, i, p]
        self._sgemm.restype = None
        lib.pynn_sgemm_work_floats.restype = i
        f = ctypes.c_float
        self._adam = lib.pynn_adam
        self._adam.argtypes = [i, p, p, p, p, f, f, f, f]
        self._adam.restype = None
        self._col2im = lib.pynn_col2im
        self._col2im.argtypes = [i] * 12 + [p, p]
        self._col2im.restype = None
        self._conv_forward = lib.pynn_conv_forward
        self._conv_forward.argtypes = [p, p, p, p, i, i, p, p, p, i]
        self._conv_forward.restype = None
        self._conv_backward = lib.pynn_conv_backward
        self._conv_backward.argtypes = [p, p, p, p, p, p, i, i, i, i, p, p]
        self._conv_backward.restype = None
        self._conv_scratch_floats = lib.pynn_conv_scratch_floats
        self._conv_scratch_floats.argtypes = [i, i]
        self._conv_scratch_floats.restype = i
        self._bias_relu_grad = lib.pynn_bias_relu_grad
        self._bias_relu_grad.argtypes = [i, i, p, p, i, p, p]
        self._bias_relu_grad.restype = None
        lib.pynn_conv_slices.restype = i
        #: how many partial sums of the filter gradient conv.c makes (added in order by the caller)
        self.conv_slices = lib.pynn_conv_slices()
        self._work = np.empty(lib.pynn_sgemm_work_floats(), np.float32)
        self._work_ptr = self._work.__array_interface__["data"][0]

    def product(self, a, b):
        """a @ b (float32, 2-D, any 4-byte-multiple strides) into a new C-contiguous array."""
        return self.product_into(a, b, np.empty((a.shape[0], b.shape[1]), np.float32))

    def product_into(self, a, b, out):
        """a @ b into ``out`` (float32, contiguous rows: a C-contiguous array or a block of
        its rows or columns); returns out."""
        m, k = a.shape
        n = b.shape[1]
        if out.size:
            sa, sb = a.strides, b.strides
            self._sgemm(
                m,
                n,
                k,
                a.__array_interface__["data"][0],
                sa[0] >> 2,
                sa[1] >> 2,
                b.__array_interface__["data"][0],
                sb[0] >> 2,
                sb[1] >> 2,
                out.__array_interface__["data"][0],
                out.strides[0] >> 2,
                0,
                self._work_ptr,
            )
        return out

    def adam(self, w, m, v, g, alpha, one_minus_beta_1, one_minus_beta_2, epsilon):
        """Adam's update of w, m, v in place (float32, C-contiguous, same size)."""
        self._adam(
            w.size,
            w.__array_interface__["data"][0],
            m.__array_interface__["data"][0],
            v.__array_interface__["data"][0],
            g.__array_interface__["data"][0],
            alpha,
            one_minus_beta_1,
            one_minus_beta_2,
            epsilon,
        )

    def col2im(self, cols, sizes):
        """A zeroed (N, Hp, Wp, C) float32 array with the taps of ``cols`` added (see col2im)."""
        out = np.empty((sizes[0], sizes[10], sizes[11], sizes[5]), np.float32)
        self._col2im(
            *sizes, cols.__array_interface__["data"][0], out.__array_interface__["data"][0]
        )
        return out

    def conv_forward(self, g, x, w, y, rows=None, bias=None, relu=False):
        """conv.c's forward pass of y's ``rows`` (a range; all of them by default; all arrays
        C-contiguous, g int32), with the ``bias`` added and ``relu`` applied if given."""
        r0, r1 = (0, y.shape[0]) if rows is None else rows
        k, f = w.shape[0] * w.shape[1] * w.shape[2], w.shape[3]
        scratch = np.empty(self._conv_scratch_floats(k, f), np.float32)
        self._conv_forward(
            _address(g), _address(x), _address(w), _address(y), r0, r1,
            _address(scratch), self._work_ptr, 0 if bias is None else _address(bias), relu,
        )  # fmt: skip

    def bias_relu_grad(self, dy, y, relu):
        """(dy * (y > 0) if ``relu`` else a copy of dy, its sums over the rows): the gradient
        through a Conv2D layer's relu and bias (dy, y: (rows, F) float32 C-contiguous)."""
        out = np.empty_like(dy)
        db = np.empty(dy.shape[1], np.float32)
        self._bias_relu_grad(
            dy.shape[0], dy.shape[1], _address(dy), _address(y), relu, _address(out), _address(db)
        )
        return out, db

    def conv_backward(self, g, x, dy, w, dw, dx, slices=None, images=None):
        """conv.c's backward pass: the filter gradient's ``slices`` (a range; all by default)
        into dw, the gradient of x's ``images`` (a range; all by default) into dx (either
        array may be None: not computed)."""
        s0, s1 = (0, self.conv_slices) if slices is None else slices
        n0, n1 = (0, x.shape[0]) if images is None else images
        k, f = w.shape[0] * w.shape[1] * w.shape[2], w.shape[3]
        scratch = np.empty(self._conv_scratch_floats(k, f), np.float32)
        self._conv_backward(
            _address(g), _address(x), _address(dy), _address(w),
            0 if dw is None else _address(dw), 0 if dx is None else _address(dx),
            s0, s1, n0, n1, _address(scratch), self._work_ptr,
        )  # fmt: skip


def _address(x):
    return x.__array_interface__["data"][0]


def _span(x):
    """How many elements a 2-D view reaches from its first (strides >= 0)."""
    return (x.shape[0] - 1) * (x.strides[0] >> 2) + (x.shape[1] - 1) * (x.strides[1] >> 2) + 1


class _Threads:
    """The kernel threads of the playground (``web/src/worker/kernel-pool.js``): a call is
    split into parts; the pool copies what the kernel workers read into their shared memory
    and wakes them (``sgemmStart``, ``convStart``), this thread computes part 0 in place with
    the one-thread kernel, then the pool waits for them and copies their parts back
    (``finish``)."""

    def __init__(self, kernel, pool):
        self.kernel = kernel  # the one-thread kernel (Adam, col2im, products too small to split)
        self.pool = pool
        self.count = int(pool.threads)
        self.build = str(pool.build)
        self._start = pool.sgemmStart

    def run(self, a, b, threads, force=False):
        """a @ b on up to ``threads`` threads into a new array, or None if it cannot be split
        (or the pool rests, unless ``force``)."""
        m, k = a.shape
        n = b.shape[1]
        out = np.empty((m, n), np.float32)
        sa, sb = a.strides, b.strides
        try:  # (finish also when interrupted right after the start: the workers are running)
            ours = self._start(
                m,
                n,
                k,
                _address(a),
                sa[0] >> 2,
                sa[1] >> 2,
                _address(b),
                sb[0] >> 2,
                sb[1] >> 2,
                _address(out),
                threads,
                force,
            )
            if not ours:
                return None
            # block 0, ours: C's first rows (or columns, when C is wider than tall)
            if m >= n:
                self.kernel.product_into(a[:ours], b, out[:ours])
            else:
                self.kernel.product_into(a, b[:, :ours], out[:, :ours])
        finally:
            self.pool.finish()
        return out

    def conv(self, g, x, w, dy, y, dw, dx, threads, force=False, bias=None, relu=False):
        """conv.c's forward pass (dy None; with ``bias`` and ``relu`` as conv_forward's) or
        backward pass on up to ``threads`` threads: the
        kernel workers get the last parts (kernel-pool.js ``convStart`` copies what they read
        into their memory), this thread computes the first part in place, then ``finish``
        copies their results back. False: not done (cannot be split, or the pool rests)."""
        addresses = [0 if v is None else _address(v) for v in (dy, y, dw, dx)]
        try:  # (finish also when interrupted right after the start: the workers are running)
            started = int(
                self.pool.convStart(
                    dy is not None,
                    _address(g),
                    _address(x),
                    _address(w),
                    *addresses,
                    0 if bias is None else _address(bias),
                    relu,
                    threads,
                    force,
                )
            )
            if not started:
                return False
            # our part: forward, rows [0, started); backward, part 0 of `started` parts
            if dy is None:
                self.kernel.conv_forward(g, x, w, y, (0, started), bias, relu)
            else:
                slices, images = self.kernel.conv_slices // started, x.shape[0] // started
                self.kernel.conv_backward(g, x, dy, w, dw, dx, (0, slices), (0, images))
        finally:
            self.pool.finish()
        return True

    def product(self, a, b):
        """Every product on all the threads (the check before use), one thread if too small."""
        out = self.run(a, b, self.count, force=True)
        return self.kernel.product(a, b) if out is None else out

    def stats(self):
        return {
            key: int(getattr(self.pool.stats, key)) for key in ("threaded", "declined", "rests")
        }

    def times(self):
        return {
            label: {key: float(value) for key, value in record.items()}
            for label, record in self.pool.times().to_py().items()
        }

    def adam(self, *args):
        self.kernel.adam(*args)

    def col2im(self, cols, sizes):
        return self.kernel.col2im(cols, sizes)


def _usable(x):
    """A float32 operand the kernel can read in place (element-aligned strides)."""
    return (
        x.dtype == np.float32
        and x.__array_interface__["data"][0] % 4 == 0
        and x.strides[0] % 4 == 0
        and x.strides[1] % 4 == 0
    )


_kernel = None  # the loaded kernel, once it passed its check
_kernel_path = None  # installed, not loaded yet: the first product that wants it loads it
_kernels_on = os.environ.get("PYNN_KERNELS", "1") != "0"
_status = "numpy's BLAS" if BLAS else "np.einsum (no compiled kernel installed)"
_threads = None  # the kernel threads (_Threads), once they passed their check
_threads_pool = None  # installed, not checked yet
_threads_wanted = None  # set_threads(n); None: as many as the pool has
_threads_note = "no kernel threads here"  # why one thread, for kernel_status()


def matmul(a, b):
    """``a @ b`` for 2-D float arrays (M, K) and (K, N); transposed or strided views cost no
    copy on the kernel's path (pass ``g, w.T`` for ``g @ w.T``)."""
    macs = a.shape[0] * a.shape[1] * b.shape[1]
    if (
        (_kernel is not None or _kernel_path is not None)
        and _kernels_on
        and macs >= KERNEL_MIN_MACS
        and _usable(a)
        and _usable(b)
        and (_kernel is not None or _load() is not None)
    ):
        if (_threads is not None or _threads_pool is not None) and macs >= THREAD_MIN_MACS:
            out = _threaded_product(a, b, macs)
            if out is not None:
                return out
        return _kernel.product(a, b)
    if BLAS or macs < EINSUM_MIN_MACS:
        return a @ b
    if a.strides[0] < a.strides[1]:  # a transposed view: contract along a.T's contiguous rows
        return np.einsum("km,kn->nm", a.T, np.ascontiguousarray(b)).T
    return np.einsum("mk,nk->mn", np.ascontiguousarray(a), np.ascontiguousarray(b.T))


def _threaded_product(a, b, macs):
    """a @ b on the kernel threads when that pays, else None."""
    if _threads is None and _load_threads() is None:
        return None
    count = _threads.count if _threads_wanted is None else min(_threads_wanted, _threads.count)
    if count < 2 or min(a.strides + b.strides) < 0:
        return None
    if macs < THREAD_MIN_MACS_PER_COPY * (_span(a) + _span(b) + a.shape[0] * b.shape[1]):
        return None
    try:
        return _threads.run(a, b, count, force=not THREADS_ADAPTIVE)
    except Exception as err:  # noqa: BLE001 - a JavaScript error from the pool: one thread from now on
        _drop_threads(f"they failed ({err})")
        return None


def adam_update(w, m, v, g, alpha, one_minus_beta_1, one_minus_beta_2, epsilon):
    """Adam's update (see ``Adam._update``) by the compiled kernel, in place; returns False
    (nothing done) when the kernel is not there or the arrays do not suit it."""
    if (_kernel is None and _kernel_path is None) or not _kernels_on or w.size < ADAM_MIN_SIZE:
        return False
    arrays = (w, m, v, g)
    if not all(
        x.dtype == np.float32 and x.flags.c_contiguous and x.size == w.size for x in arrays
    ) or not (w.flags.writeable and m.flags.writeable and v.flags.writeable):
        return False
    if _kernel is None and _load() is None:
        return False
    _kernel.adam(w, m, v, g, alpha, one_minus_beta_1, one_minus_beta_2, epsilon)
    return True


def col2im(cols, sizes):
    """The input gradient of an im2col convolution by the compiled kernel: ``cols``
    (N*OH*OW, KH*KW*C) float32 C-contiguous, ``sizes`` = (N, OH, OW, KH, KW, C, SH, SW, DH, DW,
    HP, WP); returns the padded (N, HP, WP, C) gradient, or None without the kernel."""
    if (_kernel is None and _kernel_path is None) or not _kernels_on:
        return None
    if cols.dtype != np.float32 or not cols.flags.c_contiguous or cols.size < KERNEL_MIN_MACS:
        return None
    if _kernel is None and _load() is None:
        return None
    return _kernel.col2im(cols, sizes)


def _numpy_col2im(cols, sizes):
    """What ``pynn.ops.conv._conv_input_grad`` does in numpy, for the kernel's check."""
    n, oh, ow, kh, kw, c, sh, sw, dh, dw, hp, wp = sizes
    taps = cols.reshape(n, oh, ow, kh, kw, c)
    out = np.zeros((n, hp, wp, c), cols.dtype)
    for i in range(kh):
        for j in range(kw):
            out[
                :,
                i * dh : i * dh + sh * (oh - 1) + 1 : sh,
                j * dw : j * dw + sw * (ow - 1) + 1 : sw,
            ] += taps[:, :, :, i, j]
    return out


def _numpy_adam(w, m, v, g, alpha, one_minus_beta_1, one_minus_beta_2, epsilon):
    """The operations of ``Adam._update`` in numpy, for the kernel's check."""
    m += (g - m) * one_minus_beta_1
    v += (g * g - v) * one_minus_beta_2
    w -= (m * alpha) / (np.sqrt(v) + epsilon)


def _self_test(kernel):
    """Compares the kernel with float64 numpy on every layout it will see; returns the first
    disagreement (a sentence), or None."""
    rng = np.random.default_rng(1234)
    shapes = [
        (1, 1, 1),
        (3, 5, 7),
        (4, 8, 1),
        (13, 17, 300),
        (33, 9, 513),
        (70, 130, 64),
        (5, 1000, 3),
        (257, 3, 40),
    ]
    for m, n, k in shapes:
        for layout in range(4):
            a = rng.standard_normal((k, m) if layout & 1 else (m, k)).astype(np.float32)
            b = rng.standard_normal((n, k) if layout & 2 else (k, n)).astype(np.float32)
            a = a.T if layout & 1 else a
            b = b.T if layout & 2 else b
            if layout == 0 and m > 2:  # strided rows: every other row of a bigger array
                a = np.repeat(a, 2, axis=0)[::2]
            got = kernel.product(a, b)
            want = a.astype(np.float64) @ b.astype(np.float64)
            scale = np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64)
            if got.shape != want.shape or not np.all(np.abs(got - want) <= 1e-5 * scale + 1e-30):
                return (
                    f"({m}x{k}) @ ({k}x{n}), layout {layout}: off by up to "
                    f"{float(np.max(np.abs(got - want))):.3g}"
                )
    state = [rng.standard_normal(1001).astype(np.float32) for _ in range(4)]
    state[2] = np.abs(state[2])
    coefficients = [np.float32(x) for x in (1.3e-3, 0.1, 1e-3, 1e-7)]
    expected = [x.copy() for x in state[:3]]
    _numpy_adam(*expected, state[3], *coefficients)
    kernel.adam(*state, *coefficients)
    if not all(np.array_equal(a, b) for a, b in zip(state[:3], expected, strict=True)):
        return "the Adam update differs from numpy's"
    for sizes in [(2, 3, 4, 3, 2, 5, 1, 1, 1, 1, 5, 5), (1, 4, 3, 3, 3, 2, 2, 3, 1, 2, 10, 12)]:
        n, oh, ow, kh, kw, c = sizes[:6]
        cols = rng.standard_normal((n * oh * ow, kh * kw * c)).astype(np.float32)
        if not np.array_equal(kernel.col2im(cols, sizes), _numpy_col2im(cols, sizes)):
            return f"col2im {sizes} differs from numpy's"
    special = np.array([[np.inf, 1.0], [np.nan, 0.0]], np.float32)
    got = kernel.product(special, np.ones((2, 3), np.float32))
    if not (np.isinf(got[0]).all() and np.isnan(got[1]).all()):
        return "inf and nan do not propagate as in numpy"
    return None


def install(path):
    """Uses the compiled kernel library at ``path`` for float32 products (the playground's
    worker calls this). It is loaded and checked against numpy when first needed."""
    global _kernel, _kernel_path, _status
    _kernel, _kernel_path = None, path
    _status = f"compiled kernel {os.path.basename(path)} (not loaded yet)"


def _load():
    """Loads and checks the installed kernel; on any problem warns and keeps numpy."""
    global _kernel, _kernel_path, _status
    path, _kernel_path = _kernel_path, None
    try:
        kernel = _Kernel(path)
        problem = _self_test(kernel)
    except (OSError, AttributeError) as err:
        problem = f"it could not be loaded ({err})"
    if problem is not None:
        _status = f"np.einsum: the compiled kernel {path} is NOT used: {problem}"
        warnings.warn(
            "pynn: the fast matrix kernel disagreed with numpy and is switched off; "
            f"numpy computes instead (slower, same results). {problem}",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    _kernel = kernel
    _status = f"compiled kernel {os.path.basename(path)}"
    return kernel


def install_threads(pool, reason=None):
    """Uses the playground's kernel threads (``pool``: kernel-pool.js's pool, from the worker)
    for big float32 products, after checking them against numpy when first needed; without a
    pool, ``reason`` says why there is only one thread (``kernel_status()`` repeats it)."""
    global _threads, _threads_pool, _threads_note
    _threads, _threads_pool = None, pool
    _threads_note = reason or "no kernel threads here"


def _load_threads():
    """Checks the installed threads against numpy; on any problem warns and keeps one thread."""
    global _threads, _threads_pool
    pool, _threads_pool = _threads_pool, None
    if pool is None or (_kernel is None and _load() is None):
        return None
    try:
        threads = _Threads(_kernel, pool)
        problem = _self_test(threads)
        problem = problem and f"they disagreed with numpy: {problem}"
    except Exception as err:  # noqa: BLE001 - a JavaScript error from the pool
        problem = f"they failed ({err})"
    if problem is not None:
        _drop_threads(problem)
        return None
    _threads = threads
    return threads


def _drop_threads(problem):
    global _threads, _threads_pool, _threads_note
    _threads = _threads_pool = None
    _threads_note = f"the kernel threads are NOT used: {problem}"
    warnings.warn(
        "pynn: the kernel threads are switched off; one thread computes instead (slower, same "
        f"results): {problem}",
        RuntimeWarning,
        stacklevel=4,
    )


def set_threads(n=None):
    """Caps the kernel threads at ``n`` (1: one thread; None: all the pool has)."""
    global _threads_wanted
    if n is not None and (int(n) != n or n < 1):
        raise ValueError(f"set_threads needs a whole number >= 1 or None, got {n!r}")
    _threads_wanted = None if n is None else int(n)


def kernel_threads():
    """How many threads compute the big float32 products now (1 without the pool)."""
    if _threads_pool is not None:
        _load_threads()
    if _threads is None or not _kernels_on or _kernel is None:
        return 1
    return _threads.count if _threads_wanted is None else min(_threads_wanted, _threads.count)


def thread_stats():
    """How the kernel threads were used: products computed on them (``threaded``), declined
    while they rested (``declined``), and rests (``rests``: a kind of product's speed-up
    over one thread fell below 1.1x, its copies costing too much or the other cores being busy);
    None without threads."""
    return None if _threads is None else _threads.stats()


def thread_times():
    """Where the threaded calls' time went, per call shape (e.g. ``"product 32x128 @ 128x36864
    (T)"``, ``"conv 3x3x32x64 backward"``): ``calls`` and, in milliseconds summed over them,
    ``copyInMs`` (operands into the threads' memory), ``oursMs`` (this thread's part),
    ``waitMs`` (waiting for the kernel workers after it), ``copyBackMs`` (their results back)
    and ``workersMs`` (the slowest kernel worker's computing); totals since the threads started,
    None without threads."""
    return None if _threads is None else _threads.times()


def compiled():
    """The compiled kernel library (loaded and checked) when it is installed and switched on,
    else None."""
    if not _kernels_on or (_kernel is None and (_kernel_path is None or _load() is None)):
        return None
    return _kernel


def thread_pool():
    """(the kernel threads, how many to use) when there are more than one, else None."""
    count = kernel_threads()
    return (_threads, count) if count > 1 else None


def set_kernels(on):
    """Switches the compiled kernel on or off (off: numpy's paths, as without it)."""
    global _kernels_on
    _kernels_on = bool(on)


def kernel_status():
    """What computes the float32 products here, as a sentence (loads an installed kernel)."""
    if _kernel_path is not None:
        _load()
    if _kernel is not None and not _kernels_on:
        return f"np.einsum (the compiled kernel {os.path.basename(_kernel.path)} is switched off)"
    if _kernel is None:
        return _status
    threads = kernel_threads()
    if threads > 1:
        return f"{_status}, {threads} threads ({_threads.build})"
    if _threads is not None:
        return f"{_status}, 1 thread (set_threads)"
    return f"{_status}, 1 thread: {_threads_note}"
