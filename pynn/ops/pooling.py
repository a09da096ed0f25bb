"""Pooling primitives (channels-last) with their vector-Jacobian products.

Both poolings sweep the ``ph*pw`` window taps as strided slices of the padded input
(elementwise work only, no copy into windows and no loop over samples).
``padding="same"`` pads like TensorFlow; max pooling pads with ``-inf`` and average
pooling divides by the number of real (non-padding) inputs under each window, as TF does.
The max-pool gradient goes to the first maximum of each window in row-major order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pynn.core.autodiff import primitive
from pynn.ops.conv import _Geometry, _pair

if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = ["avg_pool1d", "avg_pool2d", "max_pool1d", "max_pool2d"]


def _geometry(x, pool_size, strides, padding, op):
    if x.ndim != 4:
        raise ValueError(
            f"{op} expects a 4-D input (batch, height, width, channels). "
            f"Received input shape {x.shape}."
        )
    pool = _pair(pool_size, "pool_size")
    strides = pool if strides is None else _pair(strides, "strides")
    return _Geometry(x.shape, pool, strides, (1, 1), padding, op)


def _max_pool(x, geo):
    xp = geo.pad(x, value=-np.inf)
    out = None
    for i, j in geo.taps():
        tap = xp[geo.window(i, j)]
        out = tap.copy() if out is None else np.maximum(out, tap, out=out)

    def vjp(g):
        dxp = np.zeros(xp.shape, dtype=x.dtype)
        unrouted = None  # windows whose maximum has not received the gradient yet
        for i, j in geo.taps():
            win = geo.window(i, j)
            hit = xp[win] == out
            if unrouted is None:
                unrouted = ~hit
            else:
                hit &= unrouted
                unrouted &= ~hit
            dxp[win] += g * hit
        return geo.unpad(dxp)

    return out, vjp


def _avg_pool(x, geo):
    xp = geo.pad(x)
    total = None
    for i, j in geo.taps():
        tap = xp[geo.window(i, j)]
        total = tap.copy() if total is None else np.add(total, tap, out=total)
    if geo.padded:
        ones = geo.pad(np.ones((1, geo.h, geo.w, 1), dtype=x.dtype))
        count = sum(ones[geo.window(i, j)] for i, j in geo.taps())
    else:
        count = np.asarray(geo.kh * geo.kw, dtype=x.dtype)
    out = total / count

    def vjp(g):
        share = g / count
        dxp = np.zeros(xp.shape, dtype=x.dtype)
        for i, j in geo.taps():
            dxp[geo.window(i, j)] += share
        return geo.unpad(dxp)

    return out, vjp


def _as_2d(x, pool_size, strides, padding, op):
    """A (N, L, C) input seen as (N, 1, L, C) with a (1, p) window."""
    if x.ndim != 3:
        raise ValueError(
            f"{op} expects a 3-D input (batch, steps, channels). Received input shape {x.shape}."
        )
    pool = _pair(pool_size, "pool_size")[-1]
    stride = pool if strides is None else _pair(strides, "strides")[-1]
    x4 = x[:, None]
    return x4, _Geometry(x4.shape, (1, pool), (1, stride), (1, 1), padding, op)


def _squeezed(pool_fn, x4, geo):
    out, vjp = pool_fn(x4, geo)
    return out[:, 0], lambda g: vjp(g[:, None])[:, 0]


@primitive
def max_pool2d(
    x: np.ndarray,
    *,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
):
    """Max over ``pool_size`` windows of ``x`` (N, H, W, C); strides default to the pool."""
    return _max_pool(x, _geometry(x, pool_size, strides, padding, "max_pool2d"))


@primitive
def avg_pool2d(
    x: np.ndarray,
    *,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
):
    """Mean over ``pool_size`` windows of ``x`` (N, H, W, C); strides default to the pool."""
    return _avg_pool(x, _geometry(x, pool_size, strides, padding, "avg_pool2d"))


@primitive
def max_pool1d(
    x: np.ndarray,
    *,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
):
    """Max over windows of ``x`` (N, L, C)."""
    return _squeezed(_max_pool, *_as_2d(x, pool_size, strides, padding, "max_pool1d"))


@primitive
def avg_pool1d(
    x: np.ndarray,
    *,
    pool_size: int | Sequence[int] = 2,
    strides: int | Sequence[int] | None = None,
    padding: str = "valid",
):
    """Mean over windows of ``x`` (N, L, C)."""
    return _squeezed(_avg_pool, *_as_2d(x, pool_size, strides, padding, "avg_pool1d"))
