"""Tick positions and labels: the 'nice numbers' of matplotlib's AutoLocator (steps 1, 2, 2.5,
5, 10; at most as many ticks as fit the axis length) and its plain number formatting."""

import math

import numpy as np

from ._unsupported import unsupported_getattr

STEPS = (1, 2, 2.5, 5, 10)


def nice_ticks(vmin, vmax, nbins):
    """Tick values covering [vmin, vmax] with at most nbins intervals, like MaxNLocator."""
    if vmax < vmin:
        vmin, vmax = vmax, vmin
    if not (math.isfinite(vmin) and math.isfinite(vmax)):
        return []
    if vmax - vmin < 1e-12 * max(1.0, abs(vmin)):
        vmin, vmax = vmin - 0.5, vmax + 0.5
    nbins = max(1, int(nbins))
    raw = (vmax - vmin) / nbins
    scale = 10 ** math.floor(math.log10(raw))
    for step in STEPS:
        step *= scale
        if step < raw * (1 - 1e-9):
            continue
        low = math.floor(vmin / step + 1e-9) * step
        high = math.ceil(vmax / step - 1e-9) * step
        if round((high - low) / step) <= nbins:
            break
    count = round((high - low) / step)
    ticks = low + step * np.arange(count + 1)
    tolerance = step * 1e-9
    ticks = ticks[(ticks >= vmin - tolerance) & (ticks <= vmax + tolerance)]
    return [0.0 if abs(t) < tolerance else float(t) for t in ticks]


def format_ticks(values):
    """Labels for tick values: as few decimals as tell them apart, a real minus sign."""
    values = list(values)
    if not values:
        return []
    decimals = 0
    for value in values:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        if "." in text:
            decimals = max(decimals, len(text.split(".")[1]))
    decimals = min(decimals, 6)
    big = max(abs(v) for v in values)
    if big >= 1e6 or (0 < big < 1e-4):
        return [f"{v:.2g}".replace("-", "\u2212") for v in values]
    return [f"{v:.{decimals}f}".replace("-", "\u2212") for v in values]


class MaxNLocator:
    def __init__(self, nbins=10, **kwargs):
        self.nbins = nbins

    def tick_values(self, vmin, vmax):
        return np.array(nice_ticks(vmin, vmax, self.nbins))


__getattr__ = unsupported_getattr(__name__)
