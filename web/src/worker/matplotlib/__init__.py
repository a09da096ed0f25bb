"""matplotlib for the playground: a pure-Python package with matplotlib's names and
signatures for the plots a deep-learning lesson draws (lines, scatter, bars, histograms,
images, decision boundaries, colorbars, legends, subplots), drawn as SVG.

Only the browser build ships it (web/snapshot.mjs installs it into Pyodide's site-packages);
on a computer, real matplotlib is what programs import. Anything this package lacks raises
NotImplementedError naming the function.
"""

import importlib

from ._unsupported import unsupported_getattr

__version__ = "3.8.0"
__playground__ = True  # this is the playground's matplotlib, not the real one


class RcParams(dict):
    """matplotlib.rcParams: the settings read here are figure.figsize, figure.dpi and
    image.cmap; others are kept (and ignored)."""

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


rcParams = RcParams(
    {
        "figure.figsize": [6.4, 4.8],
        "figure.dpi": 100.0,
        "image.cmap": "viridis",
        "font.size": 10.0,
        "lines.linewidth": 1.5,
        "axes.grid": False,
        "backend": "module://pynn_runner.figures",
    }
)
rcParamsDefault = RcParams(rcParams)


def use(backend, *, force=True):
    """Backends are not chosen here: figures always go to the page."""


def get_backend():
    return rcParams["backend"]


def is_interactive():
    from . import pyplot  # noqa: PLC0415 - pyplot imports this package

    return pyplot.isinteractive()


def rc(group, **kwargs):
    for key, value in kwargs.items():
        rcParams[f"{group}.{key}"] = value


_SUBMODULES = {"pyplot", "colors", "cm", "ticker", "figure", "axes", "artist"}


def __getattr__(name):
    if name == "colormaps":
        from .cm import colormaps  # noqa: PLC0415 - numpy only when colormaps are asked for

        return colormaps
    if name in _SUBMODULES:  # `from matplotlib import colors` imports the submodule
        return importlib.import_module(f"{__name__}.{name}")
    return _unsupported(name)


_unsupported = unsupported_getattr(__name__)
