"""Axes: one plotting area with its artists, limits, ticks, labels, title and legend.
The methods are matplotlib's (plot, scatter, bar, hist, imshow, contourf, pcolormesh, ...);
a method the playground lacks raises NotImplementedError naming it."""

import contextlib
import warnings

import numpy as np

from . import colors as mcolors
from ._unsupported import reject_unknown, unsupported_method
from .artist import (
    AxesImage,
    BarContainer,
    ContourSet,
    Legend,
    Line2D,
    PathCollection,
    QuadMesh,
    Rectangle,
    Text,
)
from .ticker import format_ticks, nice_ticks

MARGIN = 0.05
_FMT_COLORS = "bgrcmykw"


def _parse_fmt(fmt):
    """'ro--' -> (color, marker, linestyle), matplotlib's format strings."""
    color = marker = linestyle = None
    rest = fmt
    if rest.startswith("C") and len(rest) > 1 and rest[1].isdigit():
        color, rest = rest[:2], rest[2:]
    for style in ("--", "-.", "-", ":"):
        if style in rest:
            linestyle = style
            rest = rest.replace(style, "", 1)
            break
    for char in rest:
        if char in _FMT_COLORS and color is None:
            color = char
        elif char in ".,ov^<>sp*hH+xXdD|_1234" and marker is None:
            marker = char
        else:
            raise ValueError(
                f"{fmt!r} is not a valid format string (unrecognized character {char!r})"
            )
    if linestyle is None:
        linestyle = "None" if marker is not None else "-"
    return color, marker, linestyle


def _as_list(values):
    array = np.asarray(values)
    if array.dtype == object:
        raise TypeError("the data must be numbers")
    return array


def _expand(low, high, sticky):
    """Autoscaled limits: 5% margins, not past a sticky edge (bars' 0, an image's border)."""
    if low == high:
        pad = abs(low) * 0.05 if low else 0.05
        return low - pad, high + pad
    span = high - low
    new_low, new_high = low - MARGIN * span, high + MARGIN * span
    tolerance = 1e-10 * span
    for edge in sticky:
        if new_low < edge <= low + tolerance:
            new_low = max(new_low, edge)
        if high - tolerance <= edge < new_high:
            new_high = min(new_high, edge)
    return new_low, new_high


class Axis:
    """The x or y axis of an Axes: its label, ticks and tick labels."""

    def __init__(self, name):
        self.name = name
        self.label = Text(text="", fontsize=10.0)
        self._ticks = None  # None: automatic
        self._ticklabels = None  # None: formatted from the ticks
        self._label_rotation = 0.0
        self._grid = False
        self._inverted = False

    def set_ticks(self, ticks, labels=None, **kwargs):
        self._ticks = [float(t) for t in np.asarray(ticks, dtype=float).ravel()]
        self._ticklabels = None
        if labels is not None:
            self.set_ticklabels(labels, **kwargs)
        elif kwargs:
            self._apply_label_style(kwargs)

    def set_ticklabels(self, labels, **kwargs):
        self._ticklabels = [str(label) for label in labels]
        self._apply_label_style(kwargs)

    def _apply_label_style(self, kwargs):
        if "rotation" in kwargs:
            rotation = kwargs.pop("rotation")
            self._label_rotation = 90.0 if rotation == "vertical" else float(rotation or 0)
        for key in ("fontsize", "ha", "horizontalalignment", "minor"):
            kwargs.pop(key, None)
        reject_unknown(kwargs, "Text.set()")

    def set_label_text(self, text, **kwargs):
        self.label.set_text(text)
        self.label._apply(dict(kwargs))

    def get_label_text(self):
        return self.label.get_text()


class Axes:
    def __init__(self, figure, rect, grid_spec=None):
        self.figure = figure
        self._position = list(rect)  # left, bottom, width, height (figure fraction)
        self._grid_spec = grid_spec  # (nrows, ncols, index) for tight_layout
        self.xaxis = Axis("x")
        self.yaxis = Axis("y")
        self._drawing_limits = None  # the data limits, worked out once while it is drawn
        self.cla()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return unsupported_method("Axes", name)

    def __repr__(self):
        return f"<Axes: label='', title={self.title.get_text()!r}>"

    # -- state ---------------------------------------------------------------------------
    def cla(self):
        self.lines, self.patches, self.images, self.collections, self.texts = [], [], [], [], []
        self.containers = []
        self.title = Text(text="", fontsize=12.0)
        self._left_title = Text(text="", fontsize=12.0)
        self._right_title = Text(text="", fontsize=12.0)
        self.xaxis.__init__("x")
        self.yaxis.__init__("y")
        self._xlim = None
        self._ylim = None
        self.axison = True
        self._aspect = "auto"
        self.legend_ = None
        self._color_index = 0
        self._sticky_x, self._sticky_y = [], []
        self._added = 0

    clear = cla

    def get_figure(self):
        return self.figure

    def get_position(self):
        return list(self._position)

    def set_position(self, rect):
        self._position = list(rect)
        self._grid_spec = None

    def _next_color(self):
        color = mcolors.CYCLE[self._color_index % len(mcolors.CYCLE)]
        self._color_index += 1
        return color

    def _add(self, artist, into):
        self._added += 1
        artist._order = self._added
        artist.axes = self
        artist.figure = self.figure
        into.append(artist)
        return artist

    def _remove_artist(self, artist):
        for group in (self.lines, self.patches, self.images, self.collections, self.texts):
            if artist in group:
                group.remove(artist)

    def _artists(self):
        return self.images + self.collections + self.patches + self.lines + self.texts

    # -- plotting ------------------------------------------------------------------------
    def plot(self, *args, scalex=True, scaley=True, data=None, **kwargs):
        """plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs) -> list of Line2D."""
        if data is not None:
            raise NotImplementedError(
                "plot(..., data=...) is not available in the playground's matplotlib"
            )
        groups = []
        rest = list(args)
        while rest:
            y = rest.pop(0)
            x = None
            if rest and not isinstance(rest[0], str):
                x, y = y, rest.pop(0)
            fmt = rest.pop(0) if rest and isinstance(rest[0], str) else ""
            groups.append((x, y, fmt))
        lines = []
        for x, y, fmt in groups:
            y = _as_list(y)
            if y.ndim == 0:
                y = y.reshape(1)
            x = np.arange(len(y)) if x is None else _as_list(x)
            if x.ndim == 0:
                x = x.reshape(1)
            if len(x) != len(y):
                raise ValueError(
                    f"x and y must have same first dimension, but have shapes "
                    f"{x.shape} and {y.shape}"
                )
            columns = y.reshape(len(y), -1)
            xcolumns = x.reshape(len(x), -1)
            color, marker, linestyle = _parse_fmt(fmt) if fmt else (None, None, None)
            for k in range(columns.shape[1]):
                xs = xcolumns[:, k if xcolumns.shape[1] > 1 else 0]
                lines.append(self._line(xs, columns[:, k], color, marker, linestyle, dict(kwargs)))
        return lines

    def _line(self, x, y, color, marker, linestyle, kwargs):
        color = kwargs.pop("color", kwargs.pop("c", color))
        linestyle = kwargs.pop("linestyle", kwargs.pop("ls", linestyle or "-"))
        marker = kwargs.pop("marker", marker)
        line = Line2D(
            x,
            y,
            color=color if color is not None else self._next_color(),
            linestyle=linestyle,
            linewidth=kwargs.pop("linewidth", kwargs.pop("lw", 1.5)),
            marker=marker if marker is not None else "None",
            markersize=kwargs.pop("markersize", kwargs.pop("ms", 6.0)),
            label=kwargs.pop("label", None),
            alpha=kwargs.pop("alpha", None),
        )
        kwargs.pop("zorder", None)
        kwargs.pop("markerfacecolor", None)
        kwargs.pop("mfc", None)
        reject_unknown(kwargs, "Line2D.set()")
        if line.get_label() == "":
            line.set_label(f"_child{len(self.lines)}")
        return self._add(line, self.lines)

    def scatter(
        self,
        x,
        y,
        s=None,
        c=None,
        marker="o",
        cmap=None,
        norm=None,
        vmin=None,
        vmax=None,
        alpha=None,
        linewidths=None,
        edgecolors=None,
        label=None,
        color=None,
        **kwargs,
    ):
        kwargs.pop("zorder", None)
        reject_unknown(kwargs, "PathCollection.set()")
        x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
        if x.size != y.size:
            raise ValueError("x and y must be the same size")
        sizes = np.asarray(36.0 if s is None else s, dtype=float).ravel()
        if sizes.size not in (1, x.size):
            raise ValueError(
                "s must be a scalar, or float array-like with the same size as x and y"
            )
        array = None
        facecolors = None
        if c is None:
            c = color
        if c is None:
            facecolors = np.array([mcolors.to_rgba(self._next_color())])
        elif isinstance(c, str) or (
            np.ndim(c) == 1
            and len(c) in (3, 4)
            and x.size not in (3, 4)
            and all(isinstance(v, float) for v in c)
        ):
            facecolors = np.array([mcolors.to_rgba(c)])
        else:
            values = np.asarray(c)
            if values.dtype.kind in "fiub" and values.size == x.size:
                array = values.astype(float).ravel()
            elif values.ndim == 2 and values.shape[1] in (3, 4) and len(values) == x.size:
                facecolors = np.array([mcolors.to_rgba(v) for v in values])
            else:
                facecolors = np.array([mcolors.to_rgba(v) for v in np.ravel(c)])
                if len(facecolors) not in (1, x.size):
                    raise ValueError(
                        f"'c' argument has {len(facecolors)} elements, which is "
                        f"inconsistent with 'x' and 'y' with size {x.size}."
                    )
        collection = PathCollection(
            np.column_stack([x, y]),
            sizes,
            facecolors=facecolors,
            array=array,
            cmap=cmap,
            marker=marker,
            edgecolors=edgecolors,
            linewidths=linewidths,
            label=label if label is not None else f"_child{len(self.collections)}",
            alpha=alpha,
        )
        if norm is not None:
            collection.norm = norm
        if vmin is not None or vmax is not None:
            collection.set_clim(vmin, vmax)
        if array is not None:
            collection.norm.autoscale_None(array)
        return self._add(collection, self.collections)

    def bar(
        self,
        x,
        height,
        width=0.8,
        bottom=None,
        align="center",
        color=None,
        edgecolor=None,
        label=None,
        tick_label=None,
        alpha=None,
        linewidth=None,
        **kwargs,
    ):
        return self._bars(
            x,
            height,
            width,
            bottom,
            align,
            color,
            edgecolor,
            label,
            tick_label,
            alpha,
            linewidth,
            kwargs,
            vertical=True,
        )

    def barh(
        self,
        y,
        width,
        height=0.8,
        left=None,
        align="center",
        color=None,
        edgecolor=None,
        label=None,
        tick_label=None,
        alpha=None,
        linewidth=None,
        **kwargs,
    ):
        return self._bars(
            y,
            width,
            height,
            left,
            align,
            color,
            edgecolor,
            label,
            tick_label,
            alpha,
            linewidth,
            kwargs,
            vertical=False,
        )

    def _bars(
        self,
        pos,
        length,
        thickness,
        base,
        align,
        color,
        edgecolor,
        label,
        tick_label,
        alpha,
        linewidth,
        kwargs,
        vertical,
    ):
        kwargs.pop("zorder", None)
        if "facecolor" in kwargs:
            color = kwargs.pop("facecolor")
        reject_unknown(kwargs, "Rectangle.set()")
        labels_from_pos = None
        pos_values = np.asarray(pos)
        if pos_values.dtype.kind in "US" or pos_values.dtype == object:
            labels_from_pos = [str(v) for v in np.ravel(pos_values)]
            pos_values = np.arange(len(labels_from_pos))
        pos, length, thickness, base = np.broadcast_arrays(
            np.asarray(pos_values, dtype=float).ravel(),
            np.asarray(length, dtype=float).ravel(),
            np.asarray(thickness, dtype=float).ravel(),
            np.asarray(0.0 if base is None else base, dtype=float).ravel(),
        )
        if color is None:
            colors = [self._next_color()]
        elif isinstance(color, str) or (
            np.ndim(color) == 1 and len(color) in (3, 4) and not isinstance(color[0], str)
        ):
            colors = [color]
        else:
            colors = list(color)
        start = pos - thickness / 2 if align == "center" else pos
        bars = []
        for i in range(len(pos)):
            if vertical:
                xy, w, h = (start[i], base[i]), thickness[i], length[i]
            else:
                xy, w, h = (base[i], start[i]), length[i], thickness[i]
            bar = Rectangle(
                xy,
                w,
                h,
                facecolor=colors[i % len(colors)],
                edgecolor=edgecolor,
                linewidth=linewidth,
                alpha=alpha,
                label=label if (i == 0 and label) else "_nolegend_",
            )
            bars.append(self._add(bar, self.patches))
        (self._sticky_y if vertical else self._sticky_x).append(0.0)
        names = tick_label if tick_label is not None else labels_from_pos
        if names is not None:
            axis = self.xaxis if vertical else self.yaxis
            axis.set_ticks(pos, [str(n) for n in np.ravel(names)])
        container = BarContainer(
            bars,
            datavalues=length,
            orientation="vertical" if vertical else "horizontal",
            label=label or "",
        )
        self.containers.append(container)
        return container

    def hist(
        self,
        x,
        bins=None,
        range=None,
        density=False,
        weights=None,
        cumulative=False,
        bottom=None,
        histtype="bar",
        align="mid",
        orientation="vertical",
        rwidth=None,
        color=None,
        label=None,
        alpha=None,
        edgecolor=None,
        linewidth=None,
        **kwargs,
    ):
        if histtype not in ("bar", "stepfilled", "step"):
            raise ValueError(f"{histtype!r} is not a valid value for histtype")
        kwargs.pop("zorder", None)
        reject_unknown(kwargs, "Rectangle.set()")
        values = np.asarray(x, dtype=float).ravel()
        values = values[np.isfinite(values)]
        counts, edges = np.histogram(
            values, bins=10 if bins is None else bins, range=range, density=density, weights=weights
        )
        if cumulative:
            counts = np.cumsum(counts)
        widths = np.diff(edges)
        if rwidth is not None:
            widths = widths * rwidth
        color = color if color is not None else self._next_color()
        bars = []
        vertical = orientation == "vertical"
        for i, count in enumerate(counts):
            left = edges[i] + (np.diff(edges)[i] - widths[i]) / 2
            xy = (left, 0.0) if vertical else (0.0, left)
            size = (widths[i], count) if vertical else (count, widths[i])
            bar = Rectangle(
                xy,
                *size,
                facecolor=color,
                edgecolor=edgecolor,
                linewidth=linewidth,
                alpha=alpha,
                label=label if (i == 0 and label) else "_nolegend_",
            )
            bars.append(self._add(bar, self.patches))
        (self._sticky_y if vertical else self._sticky_x).append(0.0)
        container = BarContainer(bars, datavalues=counts, label=label or "")
        self.containers.append(container)
        return counts.astype(float), edges, container

    def imshow(
        self,
        X,
        cmap=None,
        norm=None,
        aspect=None,
        interpolation=None,
        alpha=None,
        vmin=None,
        vmax=None,
        origin=None,
        extent=None,
        **kwargs,
    ):
        for ignored in (
            "interpolation_stage",
            "filternorm",
            "filterrad",
            "resample",
            "url",
            "zorder",
        ):
            kwargs.pop(ignored, None)
        reject_unknown(kwargs, "AxesImage.set()")
        image = AxesImage(
            X,
            cmap=cmap,
            norm=norm,
            vmin=vmin,
            vmax=vmax,
            extent=extent,
            origin=origin or "upper",
            alpha=alpha,
        )
        image.set_label(f"_child{len(self.images)}")
        self._add(image, self.images)
        self._aspect = "equal" if aspect in (None, "equal") else aspect
        x0, x1, y0, y1 = image._extent()
        self._xlim = (x0, x1)
        self._ylim = (y0, y1)
        return image

    def pcolormesh(
        self, *args, cmap=None, norm=None, vmin=None, vmax=None, shading=None, alpha=None, **kwargs
    ):
        for ignored in ("edgecolors", "linewidth", "antialiased", "zorder", "rasterized"):
            kwargs.pop(ignored, None)
        reject_unknown(kwargs, "QuadMesh.set()")
        if len(args) == 1:
            C = np.asarray(args[0])
            X, Y = np.arange(C.shape[1] + 1), np.arange(C.shape[0] + 1)
        elif len(args) == 3:
            X, Y, C = args
        else:
            raise TypeError(
                f"pcolormesh() takes 1 or 3 positional arguments but {len(args)} were given"
            )
        mesh = QuadMesh(X, Y, C, cmap=cmap, norm=norm, vmin=vmin, vmax=vmax, alpha=alpha)
        return self._add(mesh, self.collections)

    def contourf(
        self,
        *args,
        levels=None,
        cmap=None,
        norm=None,
        vmin=None,
        vmax=None,
        colors=None,
        alpha=None,
        **kwargs,
    ):
        for ignored in ("antialiased", "zorder", "extend", "corner_mask"):
            kwargs.pop(ignored, None)
        reject_unknown(kwargs, "ContourSet.set()")
        args = list(args)
        if len(args) in (2, 4):
            levels = args.pop()
        if len(args) == 1:
            Z = np.asarray(args[0], dtype=float)
            X, Y = np.arange(Z.shape[1]), np.arange(Z.shape[0])
        elif len(args) == 3:
            X, Y, Z = args
        else:
            raise TypeError("contourf() takes Z, or X, Y, Z (and optionally levels)")
        contours = ContourSet(
            X,
            Y,
            Z,
            levels=levels,
            cmap=cmap,
            norm=norm,
            vmin=vmin,
            vmax=vmax,
            colors=colors,
            alpha=alpha,
        )
        return self._add(contours, self.collections)

    def axhline(self, y=0, xmin=0, xmax=1, **kwargs):
        line = self._line(
            [0, 1],
            [y, y],
            kwargs.pop("color", None) or "C0",
            None,
            kwargs.pop("linestyle", None),
            kwargs,
        )
        line._axes_span = ("h", float(xmin), float(xmax))
        return line

    def axvline(self, x=0, ymin=0, ymax=1, **kwargs):
        line = self._line(
            [x, x],
            [0, 1],
            kwargs.pop("color", None) or "C0",
            None,
            kwargs.pop("linestyle", None),
            kwargs,
        )
        line._axes_span = ("v", float(ymin), float(ymax))
        return line

    def text(self, x, y, s, fontsize=10.0, color="black", transform=None, **kwargs):
        text = Text(
            x,
            y,
            s,
            fontsize=fontsize,
            color=color,
            transform="axes" if transform == "axes" else "data",
        )
        text._apply(kwargs)
        return self._add(text, self.texts)

    # -- titles, labels, legend, grid ------------------------------------------------------
    def set_title(self, label, fontdict=None, loc="center", **kwargs):
        title = {"center": self.title, "left": self._left_title, "right": self._right_title}.get(
            loc
        )
        if title is None:
            raise ValueError(
                f"{loc!r} is not a valid value for loc; supported values are "
                "'left', 'center', 'right'"
            )
        title.set_text(label)
        title._apply({**(fontdict or {}), **kwargs})
        return title

    def get_title(self, loc="center"):
        return {"center": self.title, "left": self._left_title, "right": self._right_title}[
            loc
        ].get_text()

    def set_xlabel(self, xlabel, fontdict=None, **kwargs):
        self.xaxis.set_label_text(xlabel, **{**(fontdict or {}), **kwargs})
        return self.xaxis.label

    def set_ylabel(self, ylabel, fontdict=None, **kwargs):
        self.yaxis.set_label_text(ylabel, **{**(fontdict or {}), **kwargs})
        return self.yaxis.label

    def get_xlabel(self):
        return self.xaxis.get_label_text()

    def get_ylabel(self):
        return self.yaxis.get_label_text()

    def get_legend_handles_labels(self):
        found = []  # (order added, handle, label), as matplotlib lists them
        for artist in self.lines + self.collections:
            label = artist.get_label()
            if label and not label.startswith("_"):
                found.append((artist._order, artist, label))
        for container in self.containers:
            label = container.get_label()
            if label and not label.startswith("_") and container.patches:
                found.append((container.patches[0]._order, container.patches[0], label))
        found.sort(key=lambda item: item[0])
        return [item[1] for item in found], [item[2] for item in found]

    def legend(self, *args, loc=None, title=None, fontsize=None, frameon=True, **kwargs):
        for ignored in (
            "framealpha",
            "shadow",
            "ncol",
            "ncols",
            "fancybox",
            "bbox_to_anchor",
            "prop",
            "markerscale",
            "borderaxespad",
            "handlelength",
        ):
            kwargs.pop(ignored, None)
        handles, labels = kwargs.pop("handles", None), kwargs.pop("labels", None)
        reject_unknown(kwargs, "Legend.__init__()", TypeError)
        auto_handles, auto_labels = self.get_legend_handles_labels()
        if len(args) == 2:
            handles, labels = list(args[0]), [str(label) for label in args[1]]
        elif len(args) == 1:
            labels = [str(label) for label in args[0]]
            artists = (
                self.lines + self.collections + [c.patches[0] for c in self.containers if c.patches]
            )
            handles = artists[: len(labels)]
        if handles is None:
            handles, labels = auto_handles, auto_labels
        elif labels is None:
            labels = [h.get_label() for h in handles]
        if not handles:
            # matplotlib warns and draws an empty legend
            warnings.warn(
                "No artists with labels found to put in legend.  Note that artists "
                "whose label start with an underscore are ignored when legend() is "
                "called with no argument.",
                stacklevel=2,
            )
        self.legend_ = Legend(
            self,
            handles,
            labels,
            loc=loc or "best",
            title=title,
            fontsize=10.0 if fontsize is None else fontsize,
            frameon=frameon,
        )
        return self.legend_

    def get_legend(self):
        return self.legend_

    def grid(self, visible=None, which="major", axis="both", **kwargs):
        for key in ("color", "linestyle", "linewidth", "alpha", "ls", "lw", "c"):
            kwargs.pop(key, None)
        if "b" in kwargs:
            visible = kwargs.pop("b")
        reject_unknown(kwargs, "Line2D.set()")
        for name in ("x", "y"):
            if axis in (name, "both"):
                target = getattr(self, f"{name}axis")
                target._grid = (not target._grid) if visible is None else bool(visible)

    # -- limits and ticks --------------------------------------------------------------------
    @contextlib.contextmanager
    def _drawing(self):
        """While the figure is drawn, the data limits are worked out once, not per tick."""
        self._drawing_limits = self._auto_limits()
        try:
            yield
        finally:
            self._drawing_limits = None

    def _auto_limits(self):
        if self._drawing_limits is not None:
            return self._drawing_limits
        xs, ys = [], []
        sticky_x, sticky_y = list(self._sticky_x), list(self._sticky_y)
        for artist in self._artists():
            if isinstance(artist, Text) or getattr(artist, "_axes_span", None):
                continue
            limits = artist._data_limits()
            if limits is None:
                continue
            xs += limits[:2]
            ys += limits[2:]
            sx, sy = artist._sticky()
            sticky_x += sx
            sticky_y += sy
        for line in self.lines:
            span = getattr(line, "_axes_span", None)
            if span and span[0] == "h":
                ys.append(line.get_ydata()[0])
            elif span:
                xs.append(line.get_xdata()[0])
        x = _expand(min(xs), max(xs), sticky_x) if xs else (0.0, 1.0)
        y = _expand(min(ys), max(ys), sticky_y) if ys else (0.0, 1.0)
        return x, y

    def get_xlim(self):
        limits = self._xlim if self._xlim is not None else self._auto_limits()[0]
        return tuple(reversed(limits)) if self.xaxis._inverted else tuple(limits)

    def get_ylim(self):
        limits = self._ylim if self._ylim is not None else self._auto_limits()[1]
        return tuple(reversed(limits)) if self.yaxis._inverted else tuple(limits)

    def _set_lim(self, which, left, right, kwargs):
        low_name, high_name = ("left", "right") if which == "x" else ("bottom", "top")
        left = kwargs.pop(low_name, left)
        right = kwargs.pop(high_name, right)
        kwargs.pop("emit", None)
        kwargs.pop("auto", None)
        reject_unknown(kwargs, "set_{which}lim()", TypeError)
        if right is None and np.iterable(left):
            left, right = left
        current = self.get_xlim() if which == "x" else self.get_ylim()
        left = current[0] if left is None else float(left)
        right = current[1] if right is None else float(right)
        axis = self.xaxis if which == "x" else self.yaxis
        axis._inverted = False
        if which == "x":
            self._xlim = (left, right)
        else:
            self._ylim = (left, right)
        return left, right

    def set_xlim(self, left=None, right=None, **kwargs):
        return self._set_lim("x", left, right, kwargs)

    def set_ylim(self, bottom=None, top=None, **kwargs):
        return self._set_lim("y", bottom, top, kwargs)

    def invert_yaxis(self):
        self.yaxis._inverted = not self.yaxis._inverted

    def invert_xaxis(self):
        self.xaxis._inverted = not self.xaxis._inverted

    def relim(self, visible_only=False):
        """Limits follow the data at every draw (unless set): nothing to recompute."""

    def autoscale_view(self, tight=None, scalex=True, scaley=True):
        if scalex:
            self._xlim = None
        if scaley:
            self._ylim = None

    def autoscale(self, enable=True, axis="both", tight=None):
        if enable:
            self.autoscale_view(scalex=axis in ("both", "x"), scaley=axis in ("both", "y"))

    def set_xticks(self, ticks, labels=None, *, minor=False, **kwargs):
        self.xaxis.set_ticks(ticks, labels, **kwargs)
        return self.xaxis

    def set_yticks(self, ticks, labels=None, *, minor=False, **kwargs):
        self.yaxis.set_ticks(ticks, labels, **kwargs)
        return self.yaxis

    def set_xticklabels(self, labels, *, fontdict=None, minor=False, **kwargs):
        self.xaxis.set_ticklabels(labels, **kwargs)

    def set_yticklabels(self, labels, *, fontdict=None, minor=False, **kwargs):
        self.yaxis.set_ticklabels(labels, **kwargs)

    def get_xticks(self, minor=False):
        return np.array(self._ticks("x"))

    def get_yticks(self, minor=False):
        return np.array(self._ticks("y"))

    def _ticks(self, which):
        axis = self.xaxis if which == "x" else self.yaxis
        if axis._ticks is not None:
            return list(axis._ticks)
        low, high = sorted(self.get_xlim() if which == "x" else self.get_ylim())
        width, height = self._box_points()
        length = width if which == "x" else height
        nbins = max(1, min(9, int(length // (30 if which == "x" else 20))))
        return nice_ticks(low, high, nbins)

    def _tick_labels(self, which):
        axis = self.xaxis if which == "x" else self.yaxis
        ticks = self._ticks(which)
        if axis._ticklabels is not None:
            labels = list(axis._ticklabels[: len(ticks)])
            return labels + [""] * (len(ticks) - len(labels))
        return format_ticks(ticks)

    def _box_points(self):
        width, height = self.figure.get_size_inches()
        return self._position[2] * width * 72, self._position[3] * height * 72

    def axis(self, arg=None, /, *, emit=True, **kwargs):
        if arg in ("off", False):
            self.axison = False
        elif arg in ("on", True):
            self.axison = True
        elif arg in ("equal", "scaled", "image", "square"):
            self._aspect = "equal"
        elif arg in ("tight", "auto", "normal"):
            if arg == "auto":
                self._aspect = "auto"
        elif arg is not None and np.iterable(arg) and len(arg) == 4:
            self.set_xlim(arg[0], arg[1])
            self.set_ylim(arg[2], arg[3])
        elif arg is not None:
            raise ValueError(f"Unrecognized string {arg!r} to axis; try 'on' or 'off'")
        if "xmin" in kwargs or "xmax" in kwargs:
            self.set_xlim(kwargs.pop("xmin", None), kwargs.pop("xmax", None))
        if "ymin" in kwargs or "ymax" in kwargs:
            self.set_ylim(kwargs.pop("ymin", None), kwargs.pop("ymax", None))
        return (*self.get_xlim(), *self.get_ylim())

    def set_axis_off(self):
        self.axison = False

    def set_axis_on(self):
        self.axison = True

    def set_aspect(self, aspect, adjustable=None, anchor=None):
        if aspect not in ("equal", "auto") and not isinstance(aspect, (int, float)):
            raise ValueError("aspect must be finite and positive, 'equal' or 'auto'")
        self._aspect = "equal" if aspect == 1 else aspect

    def get_aspect(self):
        return 1.0 if self._aspect == "equal" else self._aspect

    def set(self, **kwargs):
        for key, value in kwargs.items():
            method = getattr(type(self), f"set_{key}", None)
            if method is None:
                raise AttributeError(f"Axes.set() got an unexpected keyword argument {key!r}")
            if isinstance(value, (list, tuple)) and key in ("xlim", "ylim"):
                method(self, *value)
            else:
                method(self, value)
        return self

    def get_images(self):
        return list(self.images)

    def get_lines(self):
        return list(self.lines)

    def _mappable(self):
        for group in (self.images, self.collections):
            for artist in reversed(group):
                if artist.get_array() is not None:
                    return artist
        return None
