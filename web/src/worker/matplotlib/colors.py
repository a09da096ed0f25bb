"""Colours for the playground's matplotlib: names, hex strings, RGB(A) tuples, 'C0'..'C9',
grey levels as strings, colormaps and their normalisation, as in `matplotlib.colors`."""

import numpy as np

from ._unsupported import unsupported_getattr

# The default colour cycle ('tab10'), the single-letter colours and the usual CSS names.
TABLEAU_COLORS = {
    "tab:blue": "#1f77b4",
    "tab:orange": "#ff7f0e",
    "tab:green": "#2ca02c",
    "tab:red": "#d62728",
    "tab:purple": "#9467bd",
    "tab:brown": "#8c564b",
    "tab:pink": "#e377c2",
    "tab:gray": "#7f7f7f",
    "tab:olive": "#bcbd22",
    "tab:cyan": "#17becf",
}
CYCLE = list(TABLEAU_COLORS.values())
BASE_COLORS = {
    "b": "#0000ff",
    "g": "#008000",
    "r": "#ff0000",
    "c": "#00bfbf",
    "m": "#bf00bf",
    "y": "#bfbf00",
    "k": "#000000",
    "w": "#ffffff",
}
CSS4_COLORS = {
    "black": "#000000",
    "white": "#ffffff",
    "red": "#ff0000",
    "green": "#008000",
    "blue": "#0000ff",
    "yellow": "#ffff00",
    "cyan": "#00ffff",
    "magenta": "#ff00ff",
    "orange": "#ffa500",
    "purple": "#800080",
    "brown": "#a52a2a",
    "pink": "#ffc0cb",
    "gray": "#808080",
    "grey": "#808080",
    "darkgray": "#a9a9a9",
    "darkgrey": "#a9a9a9",
    "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3",
    "silver": "#c0c0c0",
    "navy": "#000080",
    "teal": "#008080",
    "olive": "#808000",
    "maroon": "#800000",
    "lime": "#00ff00",
    "gold": "#ffd700",
    "violet": "#ee82ee",
    "indigo": "#4b0082",
    "salmon": "#fa8072",
    "tomato": "#ff6347",
    "crimson": "#dc143c",
    "coral": "#ff7f50",
    "orchid": "#da70d6",
    "darkblue": "#00008b",
    "darkred": "#8b0000",
    "darkgreen": "#006400",
    "darkorange": "#ff8c00",
    "lightblue": "#add8e6",
    "lightgreen": "#90ee90",
    "skyblue": "#87ceeb",
    "steelblue": "#4682b4",
    "royalblue": "#4169e1",
    "dodgerblue": "#1e90ff",
    "firebrick": "#b22222",
    "forestgreen": "#228b22",
    "seagreen": "#2e8b57",
    "limegreen": "#32cd32",
    "turquoise": "#40e0d0",
    "slategray": "#708090",
    "dimgray": "#696969",
    "whitesmoke": "#f5f5f5",
    "beige": "#f5f5dc",
    "khaki": "#f0e68c",
    "tan": "#d2b48c",
    "chocolate": "#d2691e",
    "hotpink": "#ff69b4",
    "deeppink": "#ff1493",
    "plum": "#dda0dd",
    "lavender": "#e6e6fa",
    "aqua": "#00ffff",
    "fuchsia": "#ff00ff",
    "darkviolet": "#9400d3",
    "mediumseagreen": "#3cb371",
    "cornflowerblue": "#6495ed",
    "goldenrod": "#daa520",
}


def _hex_to_rgba(text):
    digits = text[1:]
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    if len(digits) not in (6, 8) or any(d not in "0123456789abcdefABCDEF" for d in digits):
        raise ValueError(f"{text!r} is not a valid color value.")
    values = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    return tuple(values) if len(values) == 4 else (*values, 1.0)


def is_color_like(c):
    try:
        to_rgba(c)
    except ValueError:
        return False
    return True


def to_rgba(c, alpha=None):
    """Any matplotlib colour -> (r, g, b, a) floats in [0, 1]."""
    rgba = _to_rgba(c)
    if alpha is not None:
        rgba = (*rgba[:3], float(alpha))
    return rgba


def _to_rgba(c):
    if isinstance(c, str):
        name = c.strip().lower()
        if name == "none":
            return (0.0, 0.0, 0.0, 0.0)
        if name.startswith("#"):
            return _hex_to_rgba(name)
        if len(name) == 2 and name[0] == "c" and name[1].isdigit():
            return _hex_to_rgba(CYCLE[int(name[1])])
        for table in (BASE_COLORS, TABLEAU_COLORS, CSS4_COLORS):
            if name in table:
                return _hex_to_rgba(table[name])
        try:
            level = float(name)
        except ValueError:
            raise ValueError(f"{c!r} is not a valid color value.") from None
        if not 0 <= level <= 1:
            raise ValueError(f"{c!r} is not a valid color value: a grey level is between 0 and 1.")
        return (level, level, level, 1.0)
    try:
        values = [float(v) for v in c]
    except (TypeError, ValueError):
        raise ValueError(f"{c!r} is not a valid color value.") from None
    if len(values) not in (3, 4) or any(not 0 <= v <= 1 for v in values):
        raise ValueError(f"RGBA values should be within 0-1 range, got {c!r}")
    return tuple(values) if len(values) == 4 else (*values, 1.0)


def to_rgb(c):
    return to_rgba(c)[:3]


def to_hex(c, keep_alpha=False):
    rgba = to_rgba(c)
    parts = rgba if keep_alpha else rgba[:3]
    return "#" + "".join(f"{round(v * 255):02x}" for v in parts)


class Normalize:
    """Maps [vmin, vmax] linearly onto [0, 1]; limits default to the data's."""

    def __init__(self, vmin=None, vmax=None, clip=False):
        self.vmin = None if vmin is None else float(vmin)
        self.vmax = None if vmax is None else float(vmax)
        self.clip = clip

    def autoscale_None(self, values):
        finite = np.asarray(values, dtype=float)
        finite = finite[np.isfinite(finite)]
        if finite.size:
            if self.vmin is None:
                self.vmin = float(finite.min())
            if self.vmax is None:
                self.vmax = float(finite.max())

    def __call__(self, values):
        values = np.asarray(values, dtype=float)
        self.autoscale_None(values)
        vmin, vmax = self.vmin, self.vmax
        if vmin is None or vmax is None or vmax == vmin:
            return np.zeros_like(values)
        scaled = (values - vmin) / (vmax - vmin)
        return np.clip(scaled, 0, 1) if self.clip else scaled


class Colormap:
    """A colormap: called with values in [0, 1] (floats) or indices (ints) -> RGBA."""

    def __init__(self, name, N=256):
        self.name = name
        self.N = N
        self._lut = None

    def _table(self):
        raise NotImplementedError

    def __call__(self, X, alpha=None, bytes=False):
        if self._lut is None:
            self._lut = self._table()
        scalar = np.ndim(X) == 0
        values = np.asarray(X)
        if np.issubdtype(values.dtype, np.integer):
            index = np.clip(values, 0, self.N - 1)
        else:
            with np.errstate(invalid="ignore"):
                index = np.clip((values * self.N).astype(float), -1, self.N)
            index = np.where(np.isfinite(index), index, 0).astype(int)
            index = np.clip(index, 0, self.N - 1)
        rgba = self._lut[index].copy()
        if alpha is not None:
            rgba[..., 3] = alpha
        if bytes:
            rgba = (rgba * 255).round().astype(np.uint8)
        return tuple(rgba.tolist()) if scalar else rgba

    def resampled(self, lutsize):
        copy = ListedColormap(self(np.linspace(0, 1, lutsize)), name=self.name)
        return copy


class ListedColormap(Colormap):
    def __init__(self, colors, name="from_list", N=None):
        table = np.array([to_rgba(c) for c in colors], dtype=float)
        super().__init__(name, len(table) if N is None else N)
        self.colors = colors
        self._given = table

    def _table(self):
        if len(self._given) == self.N:
            return self._given
        return self._given[np.arange(self.N) % len(self._given)]


class LinearSegmentedColormap(Colormap):
    """Interpolates linearly between evenly spaced (or given) anchor colours."""

    def __init__(self, name, anchors, N=256):
        super().__init__(name, N)
        self._anchors = anchors  # [(position, rgba), ...]

    @staticmethod
    def from_list(name, colors, N=256):
        colors = list(colors)
        if (
            colors
            and isinstance(colors[0], tuple)
            and len(colors[0]) == 2
            and not isinstance(colors[0][0], str)
            and np.ndim(colors[0][1]) != 0
            or colors
            and isinstance(colors[0], tuple)
            and len(colors[0]) == 2
            and isinstance(colors[0][1], str)
        ):
            anchors = [(float(pos), to_rgba(c)) for pos, c in colors]
        else:
            positions = np.linspace(0, 1, len(colors))
            anchors = [(float(p), to_rgba(c)) for p, c in zip(positions, colors, strict=True)]
        return LinearSegmentedColormap(name, anchors, N)

    def _table(self):
        positions = np.array([p for p, _ in self._anchors])
        values = np.array([c for _, c in self._anchors])
        x = np.linspace(0, 1, self.N)
        return np.stack([np.interp(x, positions, values[:, k]) for k in range(4)], axis=-1)


__getattr__ = unsupported_getattr(__name__)
