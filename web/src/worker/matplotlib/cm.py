"""Colormaps by name, as `matplotlib.cm` / `plt.cm.NAME` / `matplotlib.colormaps[NAME]`.

Each is drawn from anchor colours sampled evenly from matplotlib's own table (linear
interpolation between them is within a few 1/255 of the original); `_r` reverses one.
"""

import numpy as np

from ._unsupported import unsupported_getattr
from .colors import CYCLE, Colormap, LinearSegmentedColormap, ListedColormap, Normalize

_ANCHORS = {
    "viridis": [
        "#440154",
        "#470d60",
        "#48186a",
        "#482374",
        "#472d7b",
        "#453781",
        "#424086",
        "#3e4989",
        "#3b528b",
        "#375b8d",
        "#33638d",
        "#2f6b8e",
        "#2c728e",
        "#297a8e",
        "#26828e",
        "#23898e",
        "#21918c",
        "#1f988b",
        "#1fa088",
        "#22a785",
        "#28ae80",
        "#32b67a",
        "#3fbc73",
        "#4ec36b",
        "#5ec962",
        "#70cf57",
        "#84d44b",
        "#98d83e",
        "#addc30",
        "#c2df23",
        "#d8e219",
        "#ece51b",
        "#fde725",
    ],
    "plasma": [
        "#0d0887",
        "#310597",
        "#4c02a1",
        "#6600a7",
        "#7e03a8",
        "#9511a1",
        "#aa2395",
        "#bc3587",
        "#cc4778",
        "#da5a6a",
        "#e66c5c",
        "#f0804e",
        "#f89540",
        "#fdac33",
        "#fdc527",
        "#f8df25",
        "#f0f921",
    ],
    "magma": [
        "#000004",
        "#0a0822",
        "#1d1147",
        "#36106b",
        "#51127c",
        "#6a1c81",
        "#832681",
        "#9c2e7f",
        "#b73779",
        "#d0416f",
        "#e75263",
        "#f56b5c",
        "#fc8961",
        "#fea772",
        "#fec488",
        "#fde2a3",
        "#fcfdbf",
    ],
    "inferno": [
        "#000004",
        "#0b0724",
        "#210c4a",
        "#3d0965",
        "#57106e",
        "#71196e",
        "#8a226a",
        "#a32c61",
        "#bc3754",
        "#d24644",
        "#e45a31",
        "#f1731d",
        "#f98e09",
        "#fcac11",
        "#f9cb35",
        "#f2ea69",
        "#fcffa4",
    ],
    "cividis": [
        "#00224e",
        "#002e6a",
        "#1a386f",
        "#32436d",
        "#434e6c",
        "#535a6d",
        "#61656f",
        "#6f7073",
        "#7d7c78",
        "#8c8878",
        "#9b9476",
        "#aba072",
        "#bcae6c",
        "#cdbb63",
        "#dec958",
        "#f0d846",
        "#fee838",
    ],
    "Spectral": [
        "#9e0142",
        "#d43d4f",
        "#f46d43",
        "#fdad60",
        "#fee08b",
        "#ffffbe",
        "#e6f598",
        "#aadca4",
        "#66c2a5",
        "#3387bc",
        "#5e4fa2",
    ],
    "RdBu": [
        "#67001f",
        "#b1182b",
        "#d6604d",
        "#f3a481",
        "#fddbc7",
        "#f6f7f7",
        "#d1e5f0",
        "#90c4dd",
        "#4393c3",
        "#2065ab",
        "#053061",
    ],
    "RdYlBu": [
        "#a50026",
        "#d62f27",
        "#f46d43",
        "#fdad60",
        "#fee090",
        "#feffc0",
        "#e0f3f8",
        "#aad8e9",
        "#74add1",
        "#4574b3",
        "#313695",
    ],
    "PiYG": [
        "#8e0152",
        "#c41a7c",
        "#de77ae",
        "#f1b5d9",
        "#fde0ef",
        "#f7f7f6",
        "#e6f5d0",
        "#b7e085",
        "#7fbc41",
        "#4c9121",
        "#276419",
    ],
    "coolwarm": [
        "#3b4cc0",
        "#4e68d8",
        "#6282ea",
        "#779af7",
        "#8db0fe",
        "#a3c2fe",
        "#b9d0f9",
        "#ccd9ed",
        "#dddcdc",
        "#ecd3c5",
        "#f5c4ac",
        "#f7b093",
        "#f4987a",
        "#eb7d62",
        "#dd5f4b",
        "#ca3b37",
        "#b40426",
    ],
    "bwr": [
        "#0000ff",
        "#fffefe",
        "#ff0000",
    ],
    "seismic": [
        "#00004c",
        "#0101ff",
        "#fffdfd",
        "#fe0000",
        "#800000",
    ],
    "Blues": [
        "#f7fbff",
        "#deebf7",
        "#c6dbef",
        "#9dcae1",
        "#6aaed6",
        "#4191c6",
        "#2070b4",
        "#08509b",
        "#08306b",
    ],
    "Reds": [
        "#fff5f0",
        "#fee0d2",
        "#fcbba1",
        "#fc9272",
        "#fb694a",
        "#ee3a2c",
        "#ca181d",
        "#a30f15",
        "#67000d",
    ],
    "Greens": [
        "#f7fcf5",
        "#e5f5e0",
        "#c7e9c0",
        "#a0d99b",
        "#73c476",
        "#40aa5d",
        "#228a44",
        "#006c2c",
        "#00441b",
    ],
    "Oranges": [
        "#fff5eb",
        "#fee6ce",
        "#fdd0a2",
        "#fdae6a",
        "#fd8c3b",
        "#f16813",
        "#d84801",
        "#a53603",
        "#7f2704",
    ],
    "Purples": [
        "#fcfbfd",
        "#efedf5",
        "#dadaeb",
        "#bcbddc",
        "#9e9ac8",
        "#807cba",
        "#6950a3",
        "#53268f",
        "#3f007d",
    ],
    "Greys": [
        "#ffffff",
        "#f0f0f0",
        "#d9d9d9",
        "#bdbdbd",
        "#959595",
        "#727272",
        "#515151",
        "#242424",
        "#000000",
    ],
    "jet": [
        "#000080",
        "#0000ff",
        "#0080ff",
        "#16ffe1",
        "#7dff7a",
        "#e4ff13",
        "#ff9400",
        "#ff1e00",
        "#800000",
    ],
    "hot": [
        "#0b0000",
        "#5f0000",
        "#b30000",
        "#ff0800",
        "#ff5c00",
        "#ffb000",
        "#ffff07",
        "#ffff85",
        "#ffffff",
    ],
    "autumn": [
        "#ff0000",
        "#ffff00",
    ],
    "winter": [
        "#0000ff",
        "#00ff80",
    ],
    "summer": [
        "#008066",
        "#ffff66",
    ],
    "spring": [
        "#ff00ff",
        "#ffff00",
    ],
    "cool": [
        "#00ffff",
        "#ff00ff",
    ],
    "gray": ["#000000", "#ffffff"],
    "binary": ["#ffffff", "#000000"],
}
_QUALITATIVE = {
    "tab10": CYCLE,
    "Set1": [
        "#e41a1c",
        "#377eb8",
        "#4daf4a",
        "#984ea3",
        "#ff7f00",
        "#ffff33",
        "#a65628",
        "#f781bf",
        "#999999",
    ],
    "Paired": [
        "#a6cee3",
        "#1f78b4",
        "#b2df8a",
        "#33a02c",
        "#fb9a99",
        "#e31a1c",
        "#fdbf6f",
        "#ff7f00",
        "#cab2d6",
        "#6a3d9a",
        "#ffff99",
        "#b15928",
    ],
}


def _make(name):
    reverse = name.endswith("_r")
    base = name[:-2] if reverse else name
    base = "gray" if base == "grey" else base
    if base in _QUALITATIVE:
        colours = _QUALITATIVE[base]
        return ListedColormap(colours[::-1] if reverse else colours, name=name)
    if base in _ANCHORS:
        colours = _ANCHORS[base]
        return LinearSegmentedColormap.from_list(name, colours[::-1] if reverse else colours)
    return None


class _Registry(dict):
    """matplotlib.colormaps: NAME -> Colormap (made on first use)."""

    def __missing__(self, name):
        cmap = _make(name) if isinstance(name, str) else None
        if cmap is None:
            known = sorted(_ANCHORS) + sorted(_QUALITATIVE)
            raise ValueError(
                f"{name!r} is not a valid value for cmap; supported values are "
                + ", ".join(repr(k) for k in known)
                + " (and each with '_r')"
            )
        self[name] = cmap
        return cmap

    def __contains__(self, name):
        return dict.__contains__(self, name) or _make(name) is not None

    def __iter__(self):
        return iter(sorted(list(_ANCHORS) + list(_QUALITATIVE)))

    def __call__(self, name):  # pragma: no cover - convenience
        return self[name]


colormaps = _Registry()


def get_cmap(name=None, lut=None):
    """The colormap called `name` (a Colormap passes through); default 'viridis'."""
    if name is None:
        name = "viridis"
    cmap = name if isinstance(name, Colormap) else colormaps[name]
    return cmap.resampled(lut) if lut is not None else cmap


class ScalarMappable:
    """Something coloured by a colormap and a Normalize (what colorbar() reads)."""

    def __init__(self, norm=None, cmap=None):
        self.norm = norm if norm is not None else Normalize()
        self.cmap = get_cmap(cmap)
        self._A = None

    def set_array(self, A):
        self._A = None if A is None else np.asarray(A)

    def get_array(self):
        return self._A

    def set_clim(self, vmin=None, vmax=None):
        if vmin is not None and vmax is None and np.ndim(vmin) == 1:
            vmin, vmax = vmin
        self.norm.vmin = None if vmin is None else float(vmin)
        self.norm.vmax = None if vmax is None else float(vmax)

    def get_clim(self):
        return self.norm.vmin, self.norm.vmax

    def set_cmap(self, cmap):
        self.cmap = get_cmap(cmap)

    def get_cmap(self):
        return self.cmap

    def to_rgba(self, x, alpha=None):
        return self.cmap(self.norm(x), alpha=alpha)


def __getattr__(name):
    # plt.cm.viridis, plt.cm.binary, plt.cm.Spectral, ...
    if not name.startswith("_") and name in colormaps:
        return colormaps[name]
    return _unsupported(name)


_unsupported = unsupported_getattr(__name__)
