"""What an Axes holds: lines, bars, scatter points, images, meshes, filled contours, text and
the legend. Each keeps its data and style; backend_svg.py draws them."""

import numpy as np

from . import colors as mcolors
from ._unsupported import reject_unknown, unsupported_method
from .cm import ScalarMappable
from .ticker import nice_ticks

LINESTYLES = {
    "-": "-",
    "--": "--",
    ":": ":",
    "-.": "-.",
    "solid": "-",
    "dashed": "--",
    "dotted": ":",
    "dashdot": "-.",
    "None": "None",
    "none": "None",
    " ": "None",
    "": "None",
}
MARKERS = set(".,ov^<>sp*hH+xXdD|_1234") | {"None"}


class Artist:
    zorder = 1

    def __init__(self, label=None):
        self._label = "" if label is None else str(label)
        self._visible = True
        self._alpha = None
        self.axes = None
        self.figure = None

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return unsupported_method(type(self).__name__, name)

    def get_label(self):
        return self._label

    def set_label(self, label):
        self._label = "" if label is None else str(label)

    def get_visible(self):
        return self._visible

    def set_visible(self, visible):
        self._visible = bool(visible)

    def get_alpha(self):
        return self._alpha

    def set_alpha(self, alpha):
        self._alpha = None if alpha is None else float(alpha)

    def get_zorder(self):
        return self.zorder

    def set_zorder(self, level):
        self.zorder = level

    def set(self, **kwargs):
        for key, value in kwargs.items():
            setter = getattr(type(self), f"set_{key}", None)
            if setter is None:
                raise AttributeError(
                    f"{type(self).__name__}.set() got an unexpected keyword argument {key!r}"
                )
            setter(self, value)
        return self

    def remove(self):
        if self.axes is not None:
            self.axes._remove_artist(self)
            self.axes = None

    def _data_limits(self):
        """(xmin, xmax, ymin, ymax) of the data, or None; and sticky edges (xs, ys)."""
        return

    def _sticky(self):
        return [], []


def _finite_range(values):
    values = np.asarray(values, dtype=float).ravel()
    values = values[np.isfinite(values)]
    return (float(values.min()), float(values.max())) if values.size else None


class Line2D(Artist):
    zorder = 2

    def __init__(
        self,
        xdata,
        ydata,
        color=None,
        linestyle="-",
        linewidth=1.5,
        marker="None",
        markersize=6.0,
        label=None,
        markerfacecolor=None,
        alpha=None,
    ):
        super().__init__(label)
        self.set_data(xdata, ydata)
        self._color = mcolors.to_rgba(color) if color is not None else (0, 0, 0, 1)
        self.set_linestyle(linestyle)
        self._linewidth = float(linewidth)
        self.set_marker(marker)
        self._markersize = float(markersize)
        self._markerfacecolor = markerfacecolor
        self._alpha = alpha

    def get_xdata(self, orig=True):
        return self._x

    def get_ydata(self, orig=True):
        return self._y

    def get_data(self, orig=True):
        return self._x, self._y

    def get_xydata(self):
        return np.column_stack([self._x, self._y])

    def set_data(self, *args):
        x, y = args if len(args) == 2 else args[0]
        self.set_xdata(x)
        self.set_ydata(y)

    def set_xdata(self, x):
        self._x = np.asarray(x, dtype=float).ravel()

    def set_ydata(self, y):
        self._y = np.asarray(y, dtype=float).ravel()

    def get_color(self):
        return mcolors.to_hex(self._color) if self._color[3] == 1 else self._color

    def set_color(self, color):
        self._color = mcolors.to_rgba(color)

    def get_linestyle(self):
        return self._linestyle

    def set_linestyle(self, linestyle):
        if linestyle not in LINESTYLES:
            raise ValueError(
                f"{linestyle!r} is not a valid value for linestyle; supported "
                "values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', "
                "'dashed', 'dashdot', 'dotted'"
            )
        self._linestyle = LINESTYLES[linestyle]

    def get_linewidth(self):
        return self._linewidth

    def set_linewidth(self, width):
        self._linewidth = float(width)

    def get_marker(self):
        return self._marker

    def set_marker(self, marker):
        marker = "None" if marker in (None, "", " ", "none") else marker
        if marker not in MARKERS:
            raise ValueError(f"Unrecognized marker style {marker!r}")
        self._marker = marker

    def get_markersize(self):
        return self._markersize

    def set_markersize(self, size):
        self._markersize = float(size)

    def _data_limits(self):
        xs, ys = _finite_range(self._x), _finite_range(self._y)
        if xs is None or ys is None:
            return None
        return (*xs, *ys)


class Rectangle(Artist):
    """One bar of bar() or hist()."""

    def __init__(
        self,
        xy,
        width,
        height,
        facecolor="C0",
        edgecolor=None,
        linewidth=None,
        label=None,
        alpha=None,
    ):
        super().__init__(label)
        self._x, self._y = float(xy[0]), float(xy[1])
        self._width, self._height = float(width), float(height)
        self._facecolor = mcolors.to_rgba(facecolor)
        self._edgecolor = mcolors.to_rgba(edgecolor) if edgecolor is not None else None
        self._linewidth = 0.0 if linewidth is None else float(linewidth)
        self._alpha = alpha

    def get_x(self):
        return self._x

    def get_y(self):
        return self._y

    def get_xy(self):
        return self._x, self._y

    def get_width(self):
        return self._width

    def get_height(self):
        return self._height

    def set_height(self, height):
        self._height = float(height)

    def set_width(self, width):
        self._width = float(width)

    def set_x(self, x):
        self._x = float(x)

    def set_y(self, y):
        self._y = float(y)

    def get_facecolor(self):
        return self._facecolor

    def set_facecolor(self, color):
        self._facecolor = mcolors.to_rgba(color)

    def get_edgecolor(self):
        return self._edgecolor or (0.0, 0.0, 0.0, 0.0)

    def set_edgecolor(self, color):
        self._edgecolor = None if color is None else mcolors.to_rgba(color)

    def set_color(self, color):
        self.set_facecolor(color)
        self.set_edgecolor(color)

    def _data_limits(self):
        x0, x1 = sorted((self._x, self._x + self._width))
        y0, y1 = sorted((self._y, self._y + self._height))
        return x0, x1, y0, y1


class BarContainer(tuple):
    """What bar() and hist() return: the bars (Rectangles), indexable and iterable."""

    def __new__(cls, patches, datavalues=None, orientation="vertical", label=""):
        return super().__new__(cls, patches)

    def __init__(self, patches, datavalues=None, orientation="vertical", label=""):
        self.patches = list(patches)
        self.datavalues = datavalues
        self.orientation = orientation
        self._label = label

    def get_label(self):
        return self._label

    def remove(self):
        for patch in self.patches:
            patch.remove()


class Collection(Artist, ScalarMappable):
    """Shared base of scatter points, meshes and filled contours (all in ax.collections)."""

    def __init__(self, label=None, cmap=None, norm=None):
        Artist.__init__(self, label)
        ScalarMappable.__init__(self, norm=norm, cmap=cmap)


class PathCollection(Collection):
    """scatter(): points at offsets, one size and colour each (or a colormap over `c`)."""

    def __init__(
        self,
        offsets,
        sizes,
        facecolors=None,
        array=None,
        cmap=None,
        norm=None,
        marker="o",
        edgecolors=None,
        linewidths=None,
        label=None,
        alpha=None,
    ):
        super().__init__(label, cmap=cmap, norm=norm)
        self._offsets = np.asarray(offsets, dtype=float).reshape(-1, 2)
        self._sizes = np.broadcast_to(np.asarray(sizes, dtype=float), (len(self._offsets),))
        self._facecolors = facecolors  # (n, 4) array or None when coloured by `array`
        self._edgecolors = edgecolors
        self._linewidths = linewidths
        self.set_array(array)
        self._marker = marker
        self._alpha = alpha
        if array is not None:
            self.norm.autoscale_None(self._A)

    def get_offsets(self):
        return self._offsets

    def set_offsets(self, offsets):
        self._offsets = np.asarray(offsets, dtype=float).reshape(-1, 2)
        self._sizes = np.resize(self._sizes, len(self._offsets))

    def get_sizes(self):
        return self._sizes

    def get_facecolors(self):
        return self._colors()

    get_facecolor = get_facecolors

    def set_facecolor(self, color):
        self._facecolors = np.array([mcolors.to_rgba(color)])
        self._A = None

    set_color = set_facecolor

    def _colors(self):
        n = len(self._offsets)
        if self._A is not None:
            return self.cmap(self.norm(np.resize(self._A.ravel(), n)))
        return np.resize(self._facecolors, (n, 4)) if n else np.zeros((0, 4))

    def _data_limits(self):
        if not len(self._offsets):
            return None
        xs, ys = _finite_range(self._offsets[:, 0]), _finite_range(self._offsets[:, 1])
        if xs is None or ys is None:
            return None
        return (*xs, *ys)


class _Raster(Collection):
    """An image-like artist over a rectangle of data space (imshow, pcolormesh, contourf)."""

    def _extent(self):
        raise NotImplementedError

    def _data_limits(self):
        x0, x1, y0, y1 = self._extent()
        return min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)

    def _sticky(self):
        x0, x1, y0, y1 = self._data_limits()
        return [x0, x1], [y0, y1]


class AxesImage(_Raster):
    """imshow(): a 2-D array through a colormap, or an RGB(A) image, on a pixel grid."""

    zorder = 0

    def __init__(
        self,
        data,
        cmap=None,
        norm=None,
        vmin=None,
        vmax=None,
        extent=None,
        origin="upper",
        alpha=None,
        label=None,
    ):
        super().__init__(label, cmap=cmap, norm=norm)
        self.origin = origin
        self._given_extent = extent
        self._alpha = alpha
        self.set_data(data)
        self.set_clim(vmin, vmax) if (vmin is not None or vmax is not None) else None
        if self._A.ndim == 2:
            self.norm.autoscale_None(self._A)

    def set_data(self, data):
        array = np.asarray(data)
        if array.dtype == object or not (
            np.issubdtype(array.dtype, np.number) or array.dtype == bool
        ):
            raise TypeError(f"Image data of dtype {array.dtype} cannot be converted to float")
        if array.ndim == 3 and array.shape[-1] == 1:
            array = array[..., 0]
        if not (array.ndim == 2 or (array.ndim == 3 and array.shape[-1] in (3, 4))):
            raise TypeError(f"Invalid shape {array.shape} for image data")
        self._A = array

    def get_extent(self):
        return list(self._extent())

    def _extent(self):
        if self._given_extent is not None:
            return tuple(float(v) for v in self._given_extent)
        rows, cols = self._A.shape[:2]
        if self.origin == "upper":
            return -0.5, cols - 0.5, rows - 0.5, -0.5
        return -0.5, cols - 0.5, -0.5, rows - 0.5

    def _rgba(self):
        """uint8 (rows, cols, 4) with row 0 at the top of the picture."""
        array = self._A
        if array.ndim == 2:
            rgba = self.cmap(self.norm(array.astype(float)), bytes=True)
            rgba[~np.isfinite(array.astype(float))] = 0
        else:
            values = array.astype(float)
            if np.issubdtype(array.dtype, np.integer):
                values = values / 255.0
            values = np.clip(values, 0, 1)
            if values.shape[-1] == 3:
                values = np.concatenate([values, np.ones(values.shape[:2] + (1,))], axis=-1)
            rgba = (values * 255).round().astype(np.uint8)
        if self.origin == "lower":
            rgba = rgba[::-1]
        return rgba


def _edges(values, count):
    """Cell edges along one axis from centres (count values) or edges (count + 1 values)."""
    values = np.asarray(values, dtype=float)
    if len(values) == count + 1:
        return values
    if len(values) == 1:
        return np.array([values[0] - 0.5, values[0] + 0.5])
    middle = (values[:-1] + values[1:]) / 2
    return np.concatenate([[2 * values[0] - middle[0]], middle, [2 * values[-1] - middle[-1]]])


def _grid_axes(X, Y, Z):
    """1-D x and y coordinates of a regular grid given as vectors or meshgrid arrays."""
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    x = X[0, :] if X.ndim == 2 else X
    y = Y[:, 0] if Y.ndim == 2 else Y
    return x, y


class QuadMesh(_Raster):
    """pcolormesh(): one colour per cell of a rectangular grid."""

    def __init__(self, X, Y, C, cmap=None, norm=None, vmin=None, vmax=None, alpha=None, label=None):
        super().__init__(label, cmap=cmap, norm=norm)
        C = (
            np.ma.filled(np.asarray(C, dtype=float), np.nan)
            if np.ma.isMaskedArray(C)
            else np.asarray(C, dtype=float)
        )
        x, y = _grid_axes(X, Y, C)
        self._xedges = _edges(x, C.shape[1])
        self._yedges = _edges(y, C.shape[0])
        self.set_array(C)
        self._alpha = alpha
        if vmin is not None or vmax is not None:
            self.set_clim(vmin, vmax)
        self.norm.autoscale_None(C)

    def _extent(self):
        return (
            float(self._xedges[0]),
            float(self._xedges[-1]),
            float(self._yedges[0]),
            float(self._yedges[-1]),
        )

    def _rgba(self):
        rgba = self.cmap(self.norm(self._A), bytes=True)
        rgba[~np.isfinite(self._A)] = 0
        return _resample_cells(rgba, self._xedges, self._yedges)


def _resample_cells(rgba, xedges, yedges, limit=400):
    """Cells of uneven widths drawn as an image of even pixels (nearest cell per pixel)."""
    widths, heights = np.diff(xedges), np.diff(yedges)
    even = np.allclose(widths, widths[0]) and np.allclose(heights, heights[0])
    if even:
        return rgba[::-1] if yedges[-1] > yedges[0] else rgba
    xs = np.linspace(xedges[0], xedges[-1], min(limit, 4 * len(widths)))
    ys = np.linspace(yedges[-1], yedges[0], min(limit, 4 * len(heights)))
    col = np.clip(np.searchsorted(xedges, xs, side="right") - 1, 0, len(widths) - 1)
    row = np.clip(np.searchsorted(yedges, ys, side="right") - 1, 0, len(heights) - 1)
    return rgba[row][:, col]


class ContourSet(_Raster):
    """contourf(): the grid's values bucketed into levels, each band in one colour."""

    def __init__(
        self,
        X,
        Y,
        Z,
        levels=None,
        cmap=None,
        norm=None,
        vmin=None,
        vmax=None,
        colors=None,
        alpha=None,
        filled=True,
        label=None,
    ):
        super().__init__(label, cmap=cmap, norm=norm)
        Z = np.asarray(Z, dtype=float)
        if Z.ndim != 2 or min(Z.shape) < 2:
            raise TypeError(
                f"Input z must be at least a (2, 2) shaped array, but has shape {Z.shape}"
            )
        self._x, self._y = _grid_axes(X, Y, Z)
        if len(self._x) != Z.shape[1] or len(self._y) != Z.shape[0]:
            raise TypeError(
                f"Length of x ({len(self._x)}) must match number of columns in z "
                f"({Z.shape[1]}) and length of y ({len(self._y)}) must match "
                f"number of rows in z ({Z.shape[0]})"
            )
        self._Z = Z
        finite = Z[np.isfinite(Z)]
        # all NaN: nothing is drawn, and the levels are chosen around 0 (matplotlib's are too)
        zmin, zmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
        if levels is None or np.ndim(levels) == 0:
            count = 7 if levels is None else int(levels)
            ticks = nice_ticks(zmin, zmax, count + 1)
            step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
            if ticks[0] > zmin:
                ticks.insert(0, ticks[0] - step)
            if ticks[-1] < zmax:
                ticks.append(ticks[-1] + step)
            levels = ticks
        self.levels = np.asarray(levels, dtype=float)
        if filled and len(self.levels) < 2:
            raise ValueError("Filled contours require at least 2 levels.")
        if np.any(np.diff(self.levels) <= 0):
            raise ValueError("Contour levels must be increasing")
        self.filled = filled
        self.layers = (self.levels[:-1] + self.levels[1:]) / 2
        self._colors = colors
        self._alpha = alpha
        self.set_array(self.layers)
        if vmin is not None or vmax is not None:
            self.set_clim(vmin, vmax)
        self.norm.autoscale_None(self.layers)

    def _extent(self):
        return (
            float(self._x.min()),
            float(self._x.max()),
            float(self._y.min()),
            float(self._y.max()),
        )

    def _layer_colors(self):
        if self._colors is not None:
            given = [self._colors] if isinstance(self._colors, str) else list(self._colors)
            return np.array(
                [mcolors.to_rgba(given[i % len(given)]) for i in range(len(self.layers))]
            )
        return self.cmap(self.norm(self.layers))

    def _rgba(self, size=(320, 240)):
        """The bands rasterised smoothly: Z interpolated bilinearly onto a finer grid."""
        x, y, Z = self._x, self._y, self._Z
        if x[0] > x[-1]:
            x, Z = x[::-1], Z[:, ::-1]
        if y[0] > y[-1]:
            y, Z = y[::-1], Z[::-1]
        width = max(len(x), min(size[0], 4 * len(x)))
        height = max(len(y), min(size[1], 4 * len(y)))
        xs = np.linspace(x[0], x[-1], width)
        ys = np.linspace(y[-1], y[0], height)  # top row first
        fine = _bilinear(x, y, Z, xs, ys)
        # colour table: 0 below the lowest level, 1..n the bands, n + 1 above the highest
        # (and NaN); the top level includes its upper bound, as matplotlib's does
        levels = self.levels
        table = np.zeros((len(levels) + 1, 4), np.uint8)
        table[1:-1] = (self._layer_colors() * 255).round()
        step = (levels[-1] - levels[0]) / (len(levels) - 1)
        if step > 0 and np.allclose(np.diff(levels), step, rtol=1e-9, atol=0):
            # evenly spaced levels (the usual case): arithmetic, much faster than a search
            index = (fine - levels[0]) * (1 / step)
            np.floor(index, out=index)
            index += 1
            np.fmax(index, 0, out=index)  # fmax/fmin also turn NaN into 0 (no colour)
            np.fmin(index, len(levels), out=index)
            band = index.astype(np.intp)
        else:
            band = np.searchsorted(levels, fine, side="right")
        band[fine == levels[-1]] = len(levels) - 1
        return np.take(table, band, axis=0)


def _bilinear(x, y, Z, xs, ys):
    """Z (on the grid x, y) at the points xs x ys, interpolated along x and then along y."""
    ix = np.clip(np.searchsorted(x, xs, side="right") - 1, 0, len(x) - 2)
    iy = np.clip(np.searchsorted(y, ys, side="right") - 1, 0, len(y) - 2)
    tx = (xs - x[ix]) / np.where(x[ix + 1] > x[ix], x[ix + 1] - x[ix], 1)
    ty = ((ys - y[iy]) / np.where(y[iy + 1] > y[iy], y[iy + 1] - y[iy], 1))[:, None]
    rows = Z[:, ix] * (1 - tx) + Z[:, ix + 1] * tx
    return rows[iy] * (1 - ty) + rows[iy + 1] * ty


class Text(Artist):
    zorder = 3

    def __init__(
        self,
        x=0,
        y=0,
        text="",
        fontsize=10.0,
        color="black",
        rotation=0,
        ha="left",
        va="baseline",
        weight="normal",
        transform=None,
    ):
        super().__init__()
        self._x, self._y = x, y
        self.set_text(text)
        self._fontsize = _fontsize(fontsize)
        self._color = mcolors.to_rgba(color)
        self._rotation = _rotation(rotation)
        self._ha, self._va = ha, va
        self._weight = weight
        self._transform = transform  # 'data' or 'axes'

    def get_text(self):
        return self._text

    def set_text(self, text):
        self._text = "" if text is None else str(text)

    def get_fontsize(self):
        return self._fontsize

    def set_fontsize(self, size):
        self._fontsize = _fontsize(size)

    def get_color(self):
        return self._color

    def set_color(self, color):
        self._color = mcolors.to_rgba(color)

    def get_rotation(self):
        return self._rotation

    def set_rotation(self, rotation):
        self._rotation = _rotation(rotation)

    def get_position(self):
        return self._x, self._y

    def set_position(self, xy):
        self._x, self._y = xy

    def _apply(self, kwargs):
        """fontsize / color / rotation / weight keywords of title(), xlabel(), text()."""
        for key in ("fontsize", "size"):
            if key in kwargs:
                self.set_fontsize(kwargs.pop(key))
        for key in ("color", "c"):
            if key in kwargs:
                self.set_color(kwargs.pop(key))
        if "rotation" in kwargs:
            self.set_rotation(kwargs.pop("rotation"))
        for key in ("fontweight", "weight"):
            if key in kwargs:
                self._weight = kwargs.pop(key)
        for key in ("ha", "horizontalalignment"):
            if key in kwargs:
                self._ha = kwargs.pop(key)
        for key in ("va", "verticalalignment"):
            if key in kwargs:
                self._va = kwargs.pop(key)
        kwargs.pop("pad", None)
        kwargs.pop("labelpad", None)
        kwargs.pop("loc", None)
        reject_unknown(kwargs, "Text.set()")


FONT_SIZES = {
    "xx-small": 5.79,
    "x-small": 6.94,
    "small": 8.33,
    "medium": 10.0,
    "large": 12.0,
    "x-large": 14.4,
    "xx-large": 17.28,
    "larger": 12.0,
    "smaller": 8.33,
}


def _fontsize(size):
    if isinstance(size, str):
        if size not in FONT_SIZES:
            raise ValueError(
                f"{size!r} is not a valid font size; supported values are "
                + ", ".join(repr(k) for k in FONT_SIZES)
            )
        return FONT_SIZES[size]
    return float(size)


def _rotation(rotation):
    if rotation in (None, "horizontal"):
        return 0.0
    if rotation == "vertical":
        return 90.0
    return float(rotation)


class Legend(Artist):
    zorder = 5

    def __init__(self, axes, handles, labels, loc="best", title=None, fontsize=10.0, frameon=True):
        super().__init__()
        self.axes = axes
        self.legend_handles = list(handles)
        self.legendHandles = self.legend_handles
        self.texts = [Text(text=label, fontsize=fontsize) for label in labels]
        self._loc = loc
        self._title = Text(text=title or "", fontsize=fontsize)
        self._frameon = frameon

    def get_texts(self):
        return list(self.texts)

    def get_title(self):
        return self._title

    def get_lines(self):
        return [h for h in self.legend_handles if isinstance(h, Line2D)]
