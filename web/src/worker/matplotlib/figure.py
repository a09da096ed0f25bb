"""Figure: the whole picture (size, axes, suptitle, colorbars), its canvas and savefig."""

import itertools
import os

import numpy as np

from . import rcParams
from ._unsupported import reject_unknown, unsupported_method
from .artist import Text
from .axes import Axes
from .backend_svg import render_svg

SUBPLOT_PARAMS = {
    "left": 0.125,
    "right": 0.9,
    "bottom": 0.11,
    "top": 0.88,
    "wspace": 0.2,
    "hspace": 0.2,
}
_uids = itertools.count(1)


def grid_rect(nrows, ncols, index, params):
    """[left, bottom, width, height] of cell `index` (1-based, row-major) of a grid."""
    row, col = divmod(index - 1, ncols)
    width = (params["right"] - params["left"]) / (ncols + params["wspace"] * (ncols - 1))
    height = (params["top"] - params["bottom"]) / (nrows + params["hspace"] * (nrows - 1))
    left = params["left"] + col * width * (1 + params["wspace"])
    top = params["top"] - row * height * (1 + params["hspace"])
    return [left, top - height, width, height]


class FigureCanvas:
    """fig.canvas: draw() / draw_idle() show the figure's current state in place."""

    def __init__(self, figure):
        self.figure = figure

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return unsupported_method("FigureCanvas", name)

    def draw(self):
        from . import pyplot  # noqa: PLC0415 - pyplot imports this module

        pyplot._redraw(self.figure)

    draw_idle = draw

    def flush_events(self):
        """Nothing to do: the page draws on its own."""


class Colorbar:
    """What colorbar() returns: the bar's own Axes (cbar.ax) and its label."""

    def __init__(self, ax, mappable):
        self.ax = ax
        self.mappable = mappable
        ax._colorbar = self

    def set_label(self, label, **kwargs):
        self.ax.set_ylabel(label, **kwargs)

    def set_ticks(self, ticks, labels=None, **kwargs):
        self.ax.set_yticks(ticks, labels, **kwargs)

    def set_ticklabels(self, labels, **kwargs):
        self.ax.set_yticklabels(labels, **kwargs)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return unsupported_method("Colorbar", name)


class Figure:
    def __init__(self, figsize=None, dpi=None, facecolor=None, num=None):
        size = figsize if figsize is not None else rcParams["figure.figsize"]
        self._size = [float(size[0]), float(size[1])]
        if self._size[0] <= 0 or self._size[1] <= 0 or not all(map(np.isfinite, self._size)):
            raise ValueError(f"figure size must be positive finite not {tuple(size)}")
        self.dpi = float(dpi if dpi is not None else rcParams["figure.dpi"])
        self.number = num
        self.axes = []
        self._suptitle = None
        self._current_ax = None
        self._params = dict(SUBPLOT_PARAMS)
        self._tight = False
        self.canvas = FigureCanvas(self)
        self._uid = next(_uids)
        self._facecolor = facecolor or "white"

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return unsupported_method("Figure", name)

    def __repr__(self):
        width, height = self._size
        return (
            f"<Figure size {width * self.dpi:g}x{height * self.dpi:g} with {len(self.axes)} Axes>"
        )

    # -- size --------------------------------------------------------------------------------
    def get_size_inches(self):
        return np.array(self._size)

    def set_size_inches(self, w, h=None, forward=True):
        if h is None:
            w, h = w
        self._size = [float(w), float(h)]

    def get_figwidth(self):
        return self._size[0]

    def get_figheight(self):
        return self._size[1]

    # -- axes --------------------------------------------------------------------------------
    def get_axes(self):
        return list(self.axes)

    def _add_axes(self, ax):
        self.axes.append(ax)
        self._current_ax = ax
        return ax

    def add_subplot(self, *args, **kwargs):
        if not args:
            args = (1, 1, 1)
        if len(args) == 1 and isinstance(args[0], Axes):
            return self._add_axes(args[0])
        if len(args) == 1:
            code = int(args[0])
            if not 111 <= code <= 999:
                raise ValueError(
                    f"Integer subplot specification must be a three-digit number, not {code}"
                )
            args = (code // 100, code // 10 % 10, code % 10)
        if len(args) != 3:
            raise TypeError(
                f"add_subplot() takes 1 or 3 positional arguments but {len(args)} were given"
            )
        nrows, ncols, index = args
        if isinstance(index, tuple):
            raise NotImplementedError(
                "subplot(nrows, ncols, (first, last)) spanning several "
                "cells is not available in the playground's matplotlib"
            )
        nrows, ncols, index = int(nrows), int(ncols), int(index)
        if nrows <= 0 or ncols <= 0:
            raise ValueError(f"Number of rows must be a positive integer, not {nrows}")
        if not 1 <= index <= nrows * ncols:
            raise ValueError(
                f"num must be an integer with 1 <= num <= {nrows * ncols}, not {index}"
            )
        for ax in self.axes:  # matplotlib re-uses the axes already in that cell
            if ax._grid_spec == (nrows, ncols, index) and not kwargs:
                self._current_ax = ax
                return ax
        ax = Axes(self, grid_rect(nrows, ncols, index, self._params), (nrows, ncols, index))
        self._apply_axes_kwargs(ax, kwargs)
        return self._add_axes(ax)

    def add_axes(self, rect=None, **kwargs):
        ax = Axes(
            self,
            rect if rect is not None else grid_rect(1, 1, 1, self._params),
            None if rect is not None else (1, 1, 1),
        )
        self._apply_axes_kwargs(ax, kwargs)
        return self._add_axes(ax)

    @staticmethod
    def _apply_axes_kwargs(ax, kwargs):
        kwargs = dict(kwargs)
        if "aspect" in kwargs:
            ax.set_aspect(kwargs.pop("aspect"))
        projection = kwargs.pop("projection", None)
        if projection not in (None, "rectilinear"):
            raise NotImplementedError(
                f"projection={projection!r} is not available in the playground's matplotlib"
            )
        if kwargs:
            ax.set(**kwargs)

    def subplots(
        self,
        nrows=1,
        ncols=1,
        *,
        sharex=False,
        sharey=False,
        squeeze=True,
        subplot_kw=None,
        gridspec_kw=None,
    ):
        if gridspec_kw:
            self.subplots_adjust(**{k: v for k, v in gridspec_kw.items() if k in SUBPLOT_PARAMS})
        grid = np.empty((nrows, ncols), dtype=object)
        for i in range(nrows * ncols):
            ax = Axes(self, grid_rect(nrows, ncols, i + 1, self._params), (nrows, ncols, i + 1))
            self._apply_axes_kwargs(ax, subplot_kw or {})
            grid.flat[i] = self._add_axes(ax)
        self._current_ax = grid.flat[0]
        if squeeze:
            if nrows * ncols == 1:
                return grid.flat[0]
            if nrows == 1 or ncols == 1:
                return grid.ravel()
        return grid

    def gca(self):
        if self._current_ax is None:
            self.add_subplot(1, 1, 1)
        return self._current_ax

    def sca(self, ax):
        self._current_ax = ax
        return ax

    def delaxes(self, ax):
        self.axes.remove(ax)
        if self._current_ax is ax:
            self._current_ax = self.axes[-1] if self.axes else None

    def subplots_adjust(
        self, left=None, bottom=None, right=None, top=None, wspace=None, hspace=None
    ):
        given = {
            "left": left,
            "bottom": bottom,
            "right": right,
            "top": top,
            "wspace": wspace,
            "hspace": hspace,
        }
        self._params.update({k: float(v) for k, v in given.items() if v is not None})
        self._relayout(self._params)

    def _relayout(self, params):
        for ax in self.axes:
            if ax._grid_spec is not None and not hasattr(ax, "_colorbar"):
                ax._position = grid_rect(*ax._grid_spec, params)
                if getattr(ax, "_colorbar_of", None) is not None:
                    _make_room_for_colorbar(ax, ax._colorbar_of)

    def colorbar(
        self, mappable=None, cax=None, ax=None, label="", orientation="vertical", **kwargs
    ):
        for ignored in ("shrink", "fraction", "pad", "aspect", "extend", "format", "ticks"):
            kwargs.pop(ignored, None)
        reject_unknown(kwargs, "colorbar()", TypeError)
        if orientation != "vertical":
            raise NotImplementedError(
                "colorbar(orientation='horizontal') is not available in the playground's matplotlib"
            )
        parent = ax if ax is not None else (self._current_ax or self.gca())
        if isinstance(parent, (list, tuple, np.ndarray)):
            parent = list(np.ravel(parent))[-1]
        if mappable is None:
            mappable = parent._mappable()
        if mappable is None:
            raise RuntimeError(
                "No mappable was found to use for colorbar creation. First "
                "define a mappable such as an image (with imshow) or a contour "
                "set (with contourf)."
            )
        if cax is None:
            cax = Axes(self, [0, 0, 0, 0])
            _make_room_for_colorbar(parent, cax)
            self.axes.append(cax)
        bar = Colorbar(cax, mappable)
        if label:
            bar.set_label(label)
        return bar

    # -- text ------------------------------------------------------------------------------
    def suptitle(self, t, **kwargs):
        self._suptitle = Text(text=t, fontsize=12.0)
        kwargs.pop("x", None)
        kwargs.pop("y", None)
        self._suptitle._apply(kwargs)
        return self._suptitle

    def get_suptitle(self):
        return self._suptitle.get_text() if self._suptitle else ""

    # -- layout, clearing, saving -------------------------------------------------------------
    def tight_layout(self, pad=1.08, h_pad=None, w_pad=None, rect=None):
        from .layout import tight_layout  # noqa: PLC0415 - layout imports this module

        tight_layout(self, pad=pad)

    def clf(self, keep_observers=False):
        self.axes = []
        self._suptitle = None
        self._current_ax = None

    clear = clf

    def savefig(self, fname, *, format=None, dpi=None, bbox_inches=None, **kwargs):
        for ignored in ("transparent", "facecolor", "edgecolor", "pad_inches", "metadata"):
            kwargs.pop(ignored, None)
        reject_unknown(kwargs, "savefig()", TypeError)
        path = os.fspath(fname) if not hasattr(fname, "write") else None
        if format is None:
            ext = os.path.splitext(path)[1][1:].lower() if path else ""
            format = ext or "png"
        format = format.lower()
        if format == "svg":
            data = render_svg(self).encode("utf-8")
        elif format == "png":
            raise NotImplementedError(
                "savefig() to PNG is not available in the playground's matplotlib: save the "
                "figure as SVG instead, e.g. savefig('figure.svg')"
            )
        else:
            raise ValueError(f"Format {format!r} is not supported (supported formats: png, svg)")
        if path is None:
            fname.write(data)
            return
        if not os.path.splitext(path)[1]:
            path = f"{path}.{format}"
        with open(path, "wb") as f:
            f.write(data)

    def show(self):
        from . import pyplot  # noqa: PLC0415 - pyplot imports this module

        pyplot._display(self)


def _make_room_for_colorbar(parent, cax, fraction=0.15, pad=0.05):
    """Takes the colorbar's slice from the right of its parent axes, as matplotlib does."""
    left, bottom, width, height = parent._position
    bar_width = width * fraction
    gap = width * pad
    parent._position = [left, bottom, width - bar_width - gap, height]
    # the bar is 1/20 as wide as it is tall, centred in the freed slice
    cax._position = [
        left + width - bar_width,
        bottom,
        min(bar_width, height * 0.05 * parent.figure._size[1] / parent.figure._size[0]),
        height,
    ]
    parent._colorbar_of = cax
