"""matplotlib.pyplot for the playground: the state machine (current figure and axes) over
Figure and Axes, with matplotlib's function names and arguments.

Figures reach the page through the backend module named by rcParams['backend']
('module://pynn_runner.figures' in the playground): show() sends every open figure and
closes it, as Jupyter's inline backend does; fig.canvas.draw(), plt.draw() and plt.pause()
redraw a figure already on the page in place (a live plot during training)."""

import contextlib
import importlib
import time
import warnings

import numpy as np

from . import cm, colors, rcParams  # noqa: F401 - plt.cm, plt.colors as in matplotlib
from ._unsupported import reject_unknown, unsupported_getattr
from .artist import Text
from .axes import Axes
from .cm import colormaps, get_cmap  # noqa: F401
from .figure import Figure

_figures = {}  # number -> Figure, in creation order
_current = None
_interactive = False


# -- figures -------------------------------------------------------------------------------
def figure(
    num=None,
    figsize=None,
    dpi=None,
    *,
    facecolor=None,
    edgecolor=None,
    frameon=True,
    clear=False,
    **kwargs,
):
    global _current
    if kwargs.pop("layout", None) in ("tight", "constrained"):
        kwargs["_tight"] = True
    tight = kwargs.pop("_tight", False)
    kwargs.pop("tight_layout", None)
    kwargs.pop("constrained_layout", None)
    reject_unknown(kwargs, "figure()", TypeError)
    if isinstance(num, Figure):
        _current = num
        return num
    if num is not None and num in _figures:
        fig = _figures[num]
        if clear:
            fig.clf()
        _current = fig
        return fig
    if num is None or isinstance(num, str):
        number = max(_figures, default=0) + 1
    else:
        number = int(num)
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=facecolor, num=number)
    fig._tight = tight
    _figures[number] = fig
    _current = fig
    return fig


def gcf():
    return _current if _current is not None else figure()


def gca():
    return gcf().gca()


def sca(ax):
    global _current
    _current = ax.figure
    ax.figure.sca(ax)
    return ax


def get_fignums():
    return sorted(_figures)


def fignum_exists(num):
    return num in _figures


def subplots(
    nrows=1,
    ncols=1,
    *,
    sharex=False,
    sharey=False,
    squeeze=True,
    subplot_kw=None,
    gridspec_kw=None,
    **fig_kw,
):
    fig = figure(**fig_kw)
    axes = fig.subplots(
        nrows,
        ncols,
        sharex=sharex,
        sharey=sharey,
        squeeze=squeeze,
        subplot_kw=subplot_kw,
        gridspec_kw=gridspec_kw,
    )
    return fig, axes


def subplot(*args, **kwargs):
    return gcf().add_subplot(*args, **kwargs)


def axes(arg=None, **kwargs):
    fig = gcf()
    if arg is None:
        return fig.add_subplot(1, 1, 1, **kwargs) if not fig.axes else fig.add_axes(None, **kwargs)
    return fig.add_axes(arg, **kwargs)


def close(fig=None):
    global _current
    if fig is None:
        targets = [_current] if _current is not None else []
    elif fig == "all":
        targets = list(_figures.values())
    elif isinstance(fig, Figure):
        targets = [fig]
    elif isinstance(fig, (int, np.integer)):
        targets = [_figures[fig]] if fig in _figures else []
    else:
        raise TypeError(
            f"close() argument must be a Figure, an int, a string, or None, not {type(fig)}"
        )
    for target in targets:
        _figures.pop(target.number, None)
    if _current not in _figures.values():
        _current = list(_figures.values())[-1] if _figures else None


def clf():
    gcf().clf()


def cla():
    gca().cla()


def tight_layout(*, pad=1.08, h_pad=None, w_pad=None, rect=None):
    gcf().tight_layout(pad=pad)


def subplots_adjust(left=None, bottom=None, right=None, top=None, wspace=None, hspace=None):
    gcf().subplots_adjust(left, bottom, right, top, wspace, hspace)


def suptitle(t, **kwargs):
    return gcf().suptitle(t, **kwargs)


def savefig(*args, **kwargs):
    fig = gcf()
    if fig._tight:
        fig.tight_layout()
    return fig.savefig(*args, **kwargs)


def colorbar(mappable=None, cax=None, ax=None, **kwargs):
    fig = gcf()
    if mappable is None:
        mappable = gci()
        if mappable is None:
            raise RuntimeError(
                "No mappable was found to use for colorbar creation. First "
                "define a mappable such as an image (with imshow) or a contour "
                "set (with contourf)."
            )
    return fig.colorbar(
        mappable, cax=cax, ax=ax if ax is not None else getattr(mappable, "axes", None), **kwargs
    )


def gci():
    fig = _current
    if fig is None:
        return None
    if fig._current_ax is not None and fig._current_ax._mappable() is not None:
        return fig._current_ax._mappable()
    for ax in reversed(fig.axes):
        if ax._mappable() is not None:
            return ax._mappable()
    return None


# -- showing -------------------------------------------------------------------------------
def _backend():
    name = rcParams.get("backend", "")
    if isinstance(name, str) and name.startswith("module://"):
        try:
            return importlib.import_module(name[len("module://") :])
        except ImportError:
            return None
    return None


def _display(fig, in_place=False):
    """Sends one figure to the page: a new picture, or (in_place) an update of its last one."""
    backend = _backend()
    if backend is None:
        return
    if fig._tight:
        fig.tight_layout()
    key = getattr(fig, "_display_key_value", None) if in_place else None
    fig._display_key_value = backend.show_figure(fig, key)


def show(*, block=None):
    """Every open figure to the page (in creation order), then closed, as in Jupyter."""
    for fig in list(_figures.values()):
        _display(fig, in_place=getattr(fig, "_display_key_value", None) is not None)
    close("all")


def _redraw(fig):
    _display(fig, in_place=True)


def draw():
    if _current is not None:
        _redraw(_current)


def pause(interval):
    """Redraws the current figure in place and waits `interval` seconds."""
    if _current is not None:
        _redraw(_current)
    if interval > 0:
        time.sleep(interval)


def _flush():
    """End of a program or cell: figures not shown yet go to the page, then all are closed."""
    show()


def ion():
    global _interactive
    _interactive = True


def ioff():
    global _interactive
    _interactive = False


def isinteractive():
    return _interactive


class _Style:
    """plt.style: the playground draws in matplotlib's default style only."""

    available = ("default",)

    def use(self, style):
        if style not in ("default", "classic"):
            warnings.warn(
                f"plt.style.use({style!r}): styles are not available in the "
                "playground's matplotlib; the default style is used.",
                stacklevel=2,
            )

    def context(self, style, after_reset=False):
        self.use(style)
        return contextlib.nullcontext()


style = _Style()


# -- the current axes' methods ----------------------------------------------------------------
def _on_axes(name):
    method = getattr(Axes, name)

    def function(*args, **kwargs):
        return method(gca(), *args, **kwargs)

    function.__name__ = name
    function.__doc__ = method.__doc__
    return function


plot = _on_axes("plot")
scatter = _on_axes("scatter")
bar = _on_axes("bar")
barh = _on_axes("barh")
hist = _on_axes("hist")
pcolormesh = _on_axes("pcolormesh")
contourf = _on_axes("contourf")
axhline = _on_axes("axhline")
axvline = _on_axes("axvline")
text = _on_axes("text")
legend = _on_axes("legend")
grid = _on_axes("grid")


def imshow(X, cmap=None, **kwargs):
    return gca().imshow(X, cmap=cmap if cmap is not None else rcParams["image.cmap"], **kwargs)


def title(label, fontdict=None, loc=None, pad=None, **kwargs):
    return gca().set_title(label, fontdict=fontdict, loc=loc or "center", **kwargs)


def xlabel(xlabel, fontdict=None, labelpad=None, **kwargs):
    return gca().set_xlabel(xlabel, fontdict=fontdict, **kwargs)


def ylabel(ylabel, fontdict=None, labelpad=None, **kwargs):
    return gca().set_ylabel(ylabel, fontdict=fontdict, **kwargs)


def xlim(*args, **kwargs):
    ax = gca()
    if not args and not kwargs:
        return ax.get_xlim()
    return ax.set_xlim(*args, **kwargs)


def ylim(*args, **kwargs):
    ax = gca()
    if not args and not kwargs:
        return ax.get_ylim()
    return ax.set_ylim(*args, **kwargs)


def _ticks(which, ticks, labels, kwargs):
    ax = gca()
    axis = ax.xaxis if which == "x" else ax.yaxis
    if ticks is not None:
        axis.set_ticks(ticks, labels, **kwargs)
    elif labels is not None:
        axis.set_ticklabels(labels, **kwargs)
    elif kwargs:
        axis._apply_label_style(dict(kwargs))
    locations = np.array(ax._ticks(which))
    return locations, [_tick_text(label) for label in ax._tick_labels(which)]


def xticks(ticks=None, labels=None, *, minor=False, **kwargs):
    return _ticks("x", ticks, labels, kwargs)


def yticks(ticks=None, labels=None, *, minor=False, **kwargs):
    return _ticks("y", ticks, labels, kwargs)


def _tick_text(text):
    """The tick label objects xticks() / yticks() return."""
    return Text(text=text)


def axis(arg=None, /, **kwargs):
    return gca().axis(arg, **kwargs)


__getattr__ = unsupported_getattr(__name__)
