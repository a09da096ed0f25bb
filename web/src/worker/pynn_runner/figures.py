"""Figures to the page: the matplotlib backend of the playground.

The playground's matplotlib (web/src/worker/matplotlib/, imported only when a program imports
it) names this module in rcParams['backend']; its show() and canvas.draw() call
show_figure(), which draws the figure as SVG and sends one `figure` message. A key names
the picture on the page, so a redraw (plt.pause(), fig.canvas.draw()) replaces it in place.
At the end of each run (or cell), figures not shown yet are sent, then all are closed, as
Jupyter's inline backend does."""

import itertools
import sys

_send = None
_keys = itertools.count(1)


def attach(send):
    """send(key, svg, description): how a figure reaches the page (set by the Runner)."""
    global _send
    _send = send


def describe(fig):
    """One line for screen readers: titles, axis labels and what is drawn."""
    parts = []
    if fig.get_suptitle():
        parts.append(fig.get_suptitle())
    plots = [ax for ax in fig.axes if getattr(ax, "_colorbar", None) is None]
    for ax in plots[:6]:
        bits = []
        if ax.get_title():
            bits.append(ax.get_title())
        labels = [
            f"x: {ax.get_xlabel()}" if ax.get_xlabel() else "",
            f"y: {ax.get_ylabel()}" if ax.get_ylabel() else "",
        ]
        if any(labels):
            bits.append(", ".join(label for label in labels if label))
        drawn = []
        for name, count in (
            ("line", len(ax.lines)),
            ("image", len(ax.images)),
            ("bar", len(ax.patches)),
            ("plot", len(ax.collections)),
        ):
            if count:
                drawn.append(f"{count} {name}{'s' if count > 1 else ''}")
        if ax.legend_ is not None:
            drawn.append("legend: " + ", ".join(t.get_text() for t in ax.legend_.texts))
        if drawn:
            bits.append("; ".join(drawn))
        if bits:
            parts.append(" — ".join(bits))
    if len(plots) > 6:
        parts.append(f"and {len(plots) - 6} more plots")
    if len(plots) > 1:
        parts.insert(0, f"{len(plots)} plots")
    return ". ".join(parts)[:1000]


def show_figure(fig, key=None):
    """Sends the figure; replaces the picture `key` if given. Returns the picture's key."""
    from matplotlib.backend_svg import render_svg  # noqa: PLC0415 - only programs that plot import matplotlib

    key = key or f"figure-{next(_keys)}"
    if _send is not None:
        _send(key, render_svg(fig), describe(fig))
    return key


def flush():
    """End of a run or cell: the open figures go to the page and are closed."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and getattr(sys.modules.get("matplotlib"), "__playground__", False):
        pyplot._flush()


def fresh_session():
    """A fresh run starts with a fresh matplotlib, as a new process would: the figures are
    closed and the playground's matplotlib is forgotten, so that the next import starts from
    its defaults (rcParams a program changed, or a function it replaced such as plt.show, do
    not carry over into the next program)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    if getattr(sys.modules.get("matplotlib"), "__playground__", False):
        for name in [n for n in sys.modules if n == "matplotlib" or n.startswith("matplotlib.")]:
            del sys.modules[name]
