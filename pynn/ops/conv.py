"""Convolution primitives with their vector-Jacobian products.

Layouts follow TensorFlow: inputs are channels-last (``NWC`` / ``NHWC``), kernels are
``(kh, kw, in_channels / groups, filters)``; depthwise kernels are
``(kh, kw, in_channels, depth_multiplier)``; transposed-convolution kernels are
``(kh, kw, filters, in_channels)``. ``padding="same"`` pads like TensorFlow: the total
padding ``max((out - 1) * stride + dilated_kernel - size, 0)`` is split with the extra
pixel at the bottom/right.

Kernel choices (``bench/conv_kernels.py`` times them; numbers in its docstring):

* dense float32 convolutions go first to ``pynn.ops.conv_kernels``: in the playground the
  compiled kernel computes them from the input (no im2col matrix; on the kernel threads in a
  cross-origin isolated page); where it declines (CPython, float64, groups, too small), the
  numpy path below. ``_conv_forward`` and ``_conv_backward`` are the one place that chooses.
* dense and grouped convolution use im2col: one strided view of the padded input is
  copied into a ``(groups, N*OH*OW, kh*kw*Cg)`` column matrix and multiplied by the
  kernel in ONE product; the kernel gradient is one more product with the same columns
  (kept from the forward pass); the input gradient is one product followed by ``kh*kw``
  strided additions (col2im). Never a loop over samples.
* the products go through ``pynn.ops.gemm``: BLAS ``matmul`` when numpy has BLAS; in
  Pyodide (numpy without BLAS) the playground's WebAssembly SIMD kernel, else ``np.einsum``
  with both operands contiguous along the contracted axis (2-6x faster than BLAS-less
  ``matmul``). Grouped convolutions run one product per group.
* depthwise convolution has no reduction over channels, so a matmul would waste work:
  it is ``kh*kw`` broadcast multiply-adds of strided slices (also for its gradients).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.lib.stride_tricks import as_strided

from pynn.core.autodiff import primitive
from pynn.ops import conv_kernels, gemm

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pynn.core.tensor import Tensor
    from pynn.core.type_aliases import ShapeLike, TensorLike

__all__ = ["conv1d", "conv2d", "conv2d_bias_activation", "conv2d_transpose", "depthwise_conv2d"]


# --------------------------------------------------------------------------- geometry


def _pair(value, name):
    """An int, a pair, or TF's 4-list ``[1, h, w, 1]`` -> ``(h, w)``."""
    if isinstance(value, (int, np.integer)):
        return (int(value), int(value))
    value = tuple(int(v) for v in value)
    if len(value) == 1:
        return (value[0], value[0])
    if len(value) == 2:
        return value
    if len(value) == 4:
        return value[1:3]
    raise ValueError(f"`{name}` must be an int or a tuple of 2 ints. Received: {value}")


def normalize_padding(padding):
    """``'valid'`` / ``'same'`` (any case), or explicit ``((top, bottom), (left, right))``."""
    if isinstance(padding, str):
        lowered = padding.lower()
        if lowered not in ("valid", "same"):
            raise ValueError(
                f'The `padding` argument must be one of "valid", "same". Received: {padding}'
            )
        return lowered
    pads = tuple(tuple(int(p) for p in pair) for pair in padding)
    if len(pads) == 4:  # TF's explicit NHWC form [[0, 0], [t, b], [l, r], [0, 0]]
        pads = pads[1:3]
    if len(pads) != 2 or any(len(p) != 2 or min(p) < 0 for p in pads):
        raise ValueError(
            "Explicit `padding` must be ((top, bottom), (left, right)) of non-negative "
            f"ints. Received: {padding}"
        )
    return pads


def conv_output_length(size, kernel, stride, dilation, padding):
    """Output length and the (low, high) padding of one spatial axis.

    ``padding`` is ``'valid'``, ``'same'`` or an explicit ``(low, high)`` pair.
    The length may be <= 0 for a kernel larger than the input; callers report that.
    """
    dilated = (kernel - 1) * dilation + 1
    if padding == "same":
        out = -(-size // stride)
        total = max((out - 1) * stride + dilated - size, 0)
        return out, total // 2, total - total // 2
    low, high = (0, 0) if padding == "valid" else padding
    return (size + low + high - dilated) // stride + 1, low, high


class _Geometry:
    """Everything about one 2-D window sweep: sizes, strides, dilation, padding."""

    __slots__ = ("dh", "dw", "h", "kh", "kw", "n", "oh", "ow", "pads", "sh", "sw", "w")

    def __init__(self, input_shape, kernel_hw, strides, dilation, padding, op):
        self.n, self.h, self.w = input_shape[0], input_shape[1], input_shape[2]
        self.kh, self.kw = kernel_hw
        self.sh, self.sw = strides
        self.dh, self.dw = dilation
        padding = normalize_padding(padding)
        per_axis = (padding, padding) if isinstance(padding, str) else padding
        self.oh, top, bottom = conv_output_length(self.h, self.kh, self.sh, self.dh, per_axis[0])
        self.ow, left, right = conv_output_length(self.w, self.kw, self.sw, self.dw, per_axis[1])
        if self.oh <= 0 or self.ow <= 0:
            raise ValueError(
                f"One of the dimensions in the output is <= 0 due to downsampling in "
                f"{op}. Consider increasing the input size. Received input shape "
                f"{list(input_shape)} which would produce output shape with a zero or "
                "negative value in a dimension."
            )
        self.pads = ((top, bottom), (left, right))

    @property
    def padded(self):
        (top, bottom), (left, right) = self.pads
        return top or bottom or left or right

    def pad(self, x, value=0.0):
        if not self.padded:
            return x
        widths = ((0, 0),) + self.pads + ((0, 0),) * (x.ndim - 3)
        return np.pad(x, widths, constant_values=value)

    def unpad(self, xp):
        if not self.padded:
            return xp
        (top, _), (left, _) = self.pads
        return xp[:, top : top + self.h, left : left + self.w]

    def padded_shape(self, channels_shape):
        (top, bottom), (left, right) = self.pads
        return (self.n, self.h + top + bottom, self.w + left + right) + channels_shape

    def window(self, i, j):
        """Index selecting, for kernel tap (i, j), the input pixel of every output."""
        y0, x0 = i * self.dh, j * self.dw
        return (
            slice(None),
            slice(y0, y0 + self.sh * (self.oh - 1) + 1, self.sh),
            slice(x0, x0 + self.sw * (self.ow - 1) + 1, self.sw),
        )

    def taps(self):
        return ((i, j) for i in range(self.kh) for j in range(self.kw))

    def patches(self, xp):
        """Read-only view ``(N, OH, OW, kh, kw, *channels)`` of the padded input."""
        s = xp.strides
        shape = (self.n, self.oh, self.ow, self.kh, self.kw) + xp.shape[3:]
        strides = (s[0], s[1] * self.sh, s[2] * self.sw, s[1] * self.dh, s[2] * self.dw) + s[3:]
        return as_strided(xp, shape, strides, writeable=False)


# ------------------------------------------------------------ dense / grouped kernels


def _columns(x, geo, groups):
    """im2col: ``(groups, N*OH*OW, kh*kw*Cg)`` (a copy, made once per forward)."""
    c = x.shape[-1]
    xp = geo.pad(x).reshape(geo.padded_shape((groups, c // groups)))
    view = geo.patches(xp)  # (N, OH, OW, kh, kw, G, Cg)
    if groups > 1:
        view = view.transpose(5, 0, 1, 2, 3, 4, 6)
    rows = geo.n * geo.oh * geo.ow
    return np.ascontiguousarray(view).reshape(groups, rows, geo.kh * geo.kw * (c // groups))


def _kernel_matrix(kernel, groups):
    """``(kh, kw, Cg, F)`` -> ``(groups, kh*kw*Cg, F/groups)``."""
    kh, kw, cg, f = kernel.shape
    if groups == 1:
        return kernel.reshape(1, kh * kw * cg, f)
    k = kernel.reshape(kh, kw, cg, groups, f // groups).transpose(3, 0, 1, 2, 4)
    return k.reshape(groups, kh * kw * cg, f // groups)


def _split_groups(y, groups):
    """``(..., F)`` -> ``(groups, rows, F/groups)``."""
    f = y.shape[-1]
    y = y.reshape(-1, groups, f // groups)
    return y.transpose(1, 0, 2) if groups > 1 else y.reshape(1, -1, f)


def _merge_groups(y, geo):
    """``(groups, N*OH*OW, Fg)`` -> ``(N, OH, OW, F)``."""
    groups, _rows, fg = y.shape
    if groups > 1:
        y = y.transpose(1, 0, 2)
    return y.reshape(geo.n, geo.oh, geo.ow, groups * fg)


def _times_kernel(a, kmat):
    """``a @ kmat`` for ``a`` (G, M, K) and ``kmat`` (G, K, F)."""
    if a.shape[0] == 1:
        return gemm.matmul(a[0], kmat[0])[None]
    return np.stack([gemm.matmul(x, k) for x, k in zip(a, kmat, strict=True)])


def _times_kernel_t(g, kmat):
    """``g @ kmat^T`` for ``g`` (G, M, F) and ``kmat`` (G, K, F)."""
    if g.shape[0] == 1:
        return gemm.matmul(g[0], kmat[0].T)[None]
    return np.stack([gemm.matmul(x, k.T) for x, k in zip(g, kmat, strict=True)])


def _columns_t_times(cols, g):
    """``cols^T @ g`` for ``cols`` (G, M, K) and ``g`` (G, M, F) -> (G, K, F)."""
    if cols.shape[0] == 1:
        return gemm.matmul(cols[0].T, g[0])[None]
    return np.stack([gemm.matmul(c.T, x) for c, x in zip(cols, g, strict=True)])


def _kernel_geometry(geo, kernel):
    """conv_kernels' geometry of a dense (groups=1) convolution."""
    (top, _), (left, _) = geo.pads
    kh, kw, c, f = kernel.shape
    return conv_kernels.geometry(
        geo.n, geo.h, geo.w, c, kh, kw, geo.sh, geo.sw, geo.dh, geo.dw, top, left, geo.oh, geo.ow, f
    )


def _conv_forward(x, kernel, geo, groups, bias=None, relu=False):
    """The output (``bias`` added and ``relu`` applied if given: a Conv2D layer's) and the
    im2col columns the backward pass reuses (None: the compiled kernel computed it, and
    computes the backward pass from x)."""
    if groups == 1:
        out = conv_kernels.forward(x, kernel, _kernel_geometry(geo, kernel), bias, relu)
        if out is not None:
            return out.reshape(geo.n, geo.oh, geo.ow, kernel.shape[3]), None
    cols = _columns(x, geo, groups)
    out = _merge_groups(_times_kernel(cols, _kernel_matrix(kernel, groups)), geo)
    if bias is not None:
        out = out + bias  # (as BiasAdd)
    if relu:
        out = np.maximum(out, 0)  # (as Relu)
    return out, cols


def _conv_backward(x, cols, g, kernel, geo, groups, needs):
    """(x's gradient, the kernel's gradient) for the output gradient g; None where not needed."""
    if cols is None:
        got = conv_kernels.backward(x, kernel, g, _kernel_geometry(geo, kernel), *needs[:2])
        if got is not None:
            return got
        cols = _columns(x, geo, groups) if needs[1] else None  # g is not float32: numpy
    return (
        _conv_input_grad(g, kernel, geo, groups, x.dtype) if needs[0] else None,
        _conv_kernel_grad(cols, g, kernel.shape, groups) if needs[1] else None,
    )


def _conv_kernel_grad(cols, g, kernel_shape, groups):
    kh, kw, cg, f = kernel_shape
    dk = _columns_t_times(cols, _split_groups(g, groups))  # (G, K, Fg)
    if groups == 1:
        return dk.reshape(kernel_shape)
    dk = dk.reshape(groups, kh, kw, cg, f // groups).transpose(1, 2, 3, 0, 4)
    return dk.reshape(kernel_shape)


def _conv_input_grad(g, kernel, geo, groups, dtype):
    """col2im of ``g @ kernel^T``: the gradient of the input of the forward conv."""
    kh, kw, cg, _ = kernel.shape
    dcols = _times_kernel_t(_split_groups(g, groups), _kernel_matrix(kernel, groups))
    if groups == 1 and dtype == np.float32:  # the browser's compiled col2im, if it is there
        _, hp, wp = geo.padded_shape(())
        dxp = gemm.col2im(
            dcols[0], (geo.n, geo.oh, geo.ow, kh, kw, cg, geo.sh, geo.sw, geo.dh, geo.dw, hp, wp)
        )
        if dxp is not None:
            return geo.unpad(dxp).reshape(geo.n, geo.h, geo.w, cg)
    dcols = dcols.reshape(groups, geo.n, geo.oh, geo.ow, kh, kw, cg)
    if groups > 1:
        dcols = dcols.transpose(1, 2, 3, 4, 5, 0, 6)  # (N, OH, OW, kh, kw, G, Cg)
    else:
        dcols = dcols[0, ..., None, :]
    dxp = np.zeros(geo.padded_shape((groups, cg)), dtype=dtype)
    for i, j in geo.taps():
        dxp[geo.window(i, j)] += dcols[:, :, :, i, j]
    return geo.unpad(dxp).reshape(geo.n, geo.h, geo.w, groups * cg)


def _check_channels(x, kernel, groups, op):
    if x.ndim != 4:
        raise ValueError(
            f"{op} expects a 4-D input (batch, height, width, channels). "
            f"Received input shape {x.shape}."
        )
    if kernel.ndim != 4:
        raise ValueError(
            f"{op} expects a 4-D kernel (height, width, in, out). "
            f"Received kernel shape {kernel.shape}."
        )
    if x.shape[-1] != kernel.shape[2] * groups:
        raise ValueError(
            f"{op}: the input has {x.shape[-1]} channels but the kernel of shape "
            f"{kernel.shape} with groups={groups} expects {kernel.shape[2] * groups}."
        )
    if kernel.shape[3] % groups:
        raise ValueError(
            f"{op}: filters ({kernel.shape[3]}) must be divisible by groups ({groups})."
        )


def _conv2d_geometry(x, kernel, strides, padding, dilation_rate):
    return _Geometry(
        x.shape,
        kernel.shape[:2],
        _pair(strides, "strides"),
        _pair(dilation_rate, "dilation_rate"),
        padding,
        "conv2d",
    )


@primitive(needs=True)
def conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    *,
    strides: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation_rate: int | Sequence[int] = 1,
    groups: int = 1,
):
    """2-D cross-correlation of ``x`` (N, H, W, C) with ``kernel`` (kh, kw, C/groups, F)."""
    _check_channels(x, kernel, groups, "conv2d")
    geo = _conv2d_geometry(x, kernel, strides, padding, dilation_rate)
    out, cols = _conv_forward(x, kernel, geo, groups)

    def vjp(g, needs):
        return _conv_backward(x, cols, g, kernel, geo, groups, needs)

    return out, vjp


@primitive(name="Conv2d", needs=True)  # (the name conv2d's errors give)
def _conv2d_bias_activation(x, kernel, bias, *, strides, padding, dilation_rate, activation):
    _check_channels(x, kernel, 1, "conv2d")
    geo = _conv2d_geometry(x, kernel, strides, padding, dilation_rate)
    if bias.ndim != 1 or bias.shape[0] != kernel.shape[3]:
        raise ValueError(
            f"conv2d_bias_activation: the bias must have shape ({kernel.shape[3]},), one per "
            f"filter. Received bias shape {bias.shape}."
        )
    relu = activation == "relu"
    out, cols = _conv_forward(x, kernel, geo, 1, bias, relu)

    def vjp(g, needs):
        fused = conv_kernels.bias_relu_grad(g, out, relu) if cols is None else None
        if fused is not None:  # the compiled kernel's: one pass
            g, db = fused
        else:  # as Relu's and BiasAdd's gradients
            if relu:
                g = g * (out > 0)
            db = g.sum(axis=(0, 1, 2))
        dx, dk = _conv_backward(x, cols, g, kernel, geo, 1, needs)
        return dx, dk, db if needs[2] else None

    return out, vjp


def conv2d_bias_activation(
    x: TensorLike,
    kernel: TensorLike,
    bias: TensorLike,
    strides: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation_rate: int | Sequence[int] = 1,
    activation: str = "linear",
) -> Tensor:
    """``activation(conv2d(x, kernel) + bias)`` as one op, for ``activation`` linear or relu
    (what a Conv2D layer computes, channels-last, groups 1): the same float32 operations as
    the three ops, one recorded node; the compiled kernel applies the bias and relu while
    each block of output rows is in the cache."""
    if activation not in ("linear", "relu"):
        raise ValueError(f"conv2d_bias_activation fuses only linear and relu; got {activation!r}")
    return _conv2d_bias_activation(
        x,
        kernel,
        bias,
        strides=strides,
        padding=padding,
        dilation_rate=dilation_rate,
        activation=activation,
    )


@primitive(needs=True)
def conv1d(
    x: np.ndarray,
    kernel: np.ndarray,
    *,
    strides: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation_rate: int | Sequence[int] = 1,
    groups: int = 1,
):
    """1-D cross-correlation of ``x`` (N, L, C) with ``kernel`` (k, C/groups, F).

    Runs the 2-D kernels on a height-1 view; padding may be ``'valid'``, ``'same'``
    or an explicit ``(left, right)`` pair.
    """
    if x.ndim != 3 or kernel.ndim != 3:
        raise ValueError(
            "conv1d expects a 3-D input (batch, steps, channels) and a 3-D "
            f"kernel. Received shapes {x.shape} and {kernel.shape}."
        )
    stride = _pair(strides, "strides")[-1]
    dilation = _pair(dilation_rate, "dilation_rate")[-1]
    if not isinstance(padding, str):
        padding = ((0, 0), tuple(padding))
    x4, k4 = x[:, None], kernel[None]
    _check_channels(x4, k4, groups, "conv1d")
    geo = _Geometry(x4.shape, k4.shape[:2], (1, stride), (1, dilation), padding, "conv1d")
    out, cols = _conv_forward(x4, k4, geo, groups)

    def vjp(g, needs):
        dx, dk = _conv_backward(x4, cols, g[:, None], k4, geo, groups, needs)
        return (None if dx is None else dx[:, 0]), (None if dk is None else dk[0])

    return out[:, 0], vjp


def _transpose_geometry(x_shape, kernel_shape, output_shape, strides, padding, dilation):
    """Geometry of the forward conv whose input gradient the transposed conv computes."""
    n, h, w, _ = x_shape
    if output_shape is None:
        raise ValueError("conv2d_transpose needs `output_shape` (N, H, W, filters).")
    out_h, out_w = int(output_shape[-3]), int(output_shape[-2])
    geo = _Geometry(
        (n, out_h, out_w), kernel_shape[:2], strides, dilation, padding, "conv2d_transpose"
    )
    if (geo.oh, geo.ow) != (h, w):
        raise ValueError(
            f"conv2d_transpose: output_shape {tuple(output_shape)} is inconsistent with "
            f"the input shape {tuple(x_shape)}: a conv2d of that output would give "
            f"({geo.oh}, {geo.ow}) spatially, not ({h}, {w})."
        )
    return geo


@primitive(needs=True)
def conv2d_transpose(
    x: np.ndarray,
    kernel: np.ndarray,
    *,
    output_shape: ShapeLike | None = None,
    strides: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation_rate: int | Sequence[int] = 1,
):
    """Transposed 2-D convolution (the gradient of ``conv2d`` with respect to its input).

    ``x`` is (N, H, W, C), ``kernel`` is (kh, kw, filters, C), ``output_shape`` is
    (N, OH, OW, filters) or just (OH, OW, filters).
    """
    if x.ndim != 4 or kernel.ndim != 4 or x.shape[-1] != kernel.shape[3]:
        raise ValueError(
            "conv2d_transpose expects x (N, H, W, C) and kernel (kh, kw, filters, C). "
            f"Received shapes {x.shape} and {kernel.shape}."
        )
    geo = _transpose_geometry(
        x.shape,
        kernel.shape,
        output_shape,
        _pair(strides, "strides"),
        padding,
        _pair(dilation_rate, "dilation_rate"),
    )
    # The forward conv maps (N, OH, OW, filters) to x's shape with `kernel` viewed as
    # (kh, kw, filters, C); our output is its input gradient for incoming gradient x.
    out = _conv_input_grad(x, kernel, geo, 1, x.dtype)

    def vjp(g, needs):
        cols = _columns(g, geo, 1)
        dx = (
            _merge_groups(_times_kernel(cols, _kernel_matrix(kernel, 1)), geo) if needs[0] else None
        )
        return dx, _conv_kernel_grad(cols, x, kernel.shape, 1) if needs[1] else None

    return out, vjp


# ------------------------------------------------------------------------- depthwise


@primitive(needs=True)
def depthwise_conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    *,
    strides: int | Sequence[int] = 1,
    padding: str = "valid",
    dilation_rate: int | Sequence[int] = 1,
):
    """Per-channel 2-D convolution: ``x`` (N, H, W, C), ``kernel`` (kh, kw, C, M).

    Output channel ``c * M + m`` is input channel ``c`` filtered by ``kernel[..., c, m]``.
    """
    if x.ndim != 4 or kernel.ndim != 4 or x.shape[-1] != kernel.shape[2]:
        raise ValueError(
            "depthwise_conv2d expects x (N, H, W, C) and kernel (kh, kw, C, multiplier). "
            f"Received shapes {x.shape} and {kernel.shape}."
        )
    geo = _Geometry(
        x.shape,
        kernel.shape[:2],
        _pair(strides, "strides"),
        _pair(dilation_rate, "dilation_rate"),
        padding,
        "depthwise_conv2d",
    )
    c, m = kernel.shape[2], kernel.shape[3]
    xp = geo.pad(x)[..., None]  # (N, Hp, Wp, C, 1)
    out = None
    for i, j in geo.taps():
        term = xp[geo.window(i, j)] * kernel[i, j]
        if out is None:
            out = term
        else:
            out += term

    def vjp(g, needs):
        g5 = g.reshape(geo.n, geo.oh, geo.ow, c, m)
        dk = np.empty_like(kernel) if needs[1] else None
        dxp = np.zeros(geo.padded_shape((c,)), dtype=x.dtype) if needs[0] else None
        for i, j in geo.taps():
            win = geo.window(i, j)
            if dk is not None:
                dk[i, j] = (xp[win] * g5).reshape(-1, c, m).sum(axis=0)
            if dxp is None:
                continue
            if m == 1:
                dxp[win] += g5[..., 0] * kernel[i, j, :, 0]
            else:
                dxp[win] += (g5 * kernel[i, j]).sum(axis=-1)
        return (geo.unpad(dxp) if dxp is not None else None), dk

    assert out is not None  # a kernel has at least one tap
    return out.reshape(geo.n, geo.oh, geo.ow, c * m), vjp
