"""Draws a Figure as an SVG document (text only: every string from the program is escaped;
images are embedded PNG data). The page shows it as an <img>, so nothing in it can run."""

import base64
import math
import re

import numpy as np

from . import colors as mcolors
from ._png import encode_png
from .artist import AxesImage, ContourSet, Line2D, PathCollection, QuadMesh, Rectangle
from .layout import (
    LABEL_PAD,
    TICK_LENGTH,
    TICK_PAD,
    TITLE_PAD,
    axes_box,
    decoration_space,
    text_box,
    text_width,
)

FONT = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif"
TIGHT_PAD = 7.2  # points around what is drawn (matplotlib's pad_inches=0.1)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DASHES = {"--": (3.7, 1.6), ":": (1.0, 1.65), "-.": (6.4, 1.6, 1.0, 1.6)}


def escape(text):
    """Text safe inside an SVG element or a double-quoted attribute."""
    text = _NOT_XML.sub("\ufffd", str(text))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _num(value):
    return f"{value:.2f}".rstrip("0").rstrip(".") if math.isfinite(value) else "0"


def _paint(rgba, alpha=None):
    """fill/stroke colour and opacity attributes' values for an RGBA tuple."""
    r, g, b, a = rgba
    if alpha is not None:
        a = a * alpha
    return mcolors.to_hex((r, g, b)), a


def _png_href(rgba):
    # zlib level 1: a third of level 6's time in Pyodide (live plots redraw several times
    # a second), for a picture a few kB larger
    png = encode_png(rgba, level=1)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


class _Transform:
    """Data coordinates -> SVG points for one Axes."""

    def __init__(self, ax):
        self.x, self.y, self.w, self.h = axes_box(ax)
        self.x0, self.x1 = ax.get_xlim()
        self.y0, self.y1 = ax.get_ylim()
        self.dx = (self.x1 - self.x0) or 1.0
        self.dy = (self.y1 - self.y0) or 1.0

    def px(self, x):
        return self.x + (np.asarray(x, dtype=float) - self.x0) / self.dx * self.w

    def py(self, y):
        return self.y + self.h - (np.asarray(y, dtype=float) - self.y0) / self.dy * self.h


class SVGWriter:
    def __init__(self, fig):
        self.fig = fig
        self.parts = []
        self.ids = 0
        self.drawn = []  # (left, top, right, bottom) of each axes and text, in points

    def cover(self, left, top, right, bottom, pad=TIGHT_PAD):
        """Marks a region as drawn: the picture is made large enough to show it (and `pad`
        around it)."""
        self.drawn.append((left - pad, top - pad, right + pad, bottom + pad))

    def new_id(self, prefix):
        self.ids += 1
        return f"{prefix}{self.ids}"

    def add(self, text):
        self.parts.append(text)

    def text(
        self,
        x,
        y,
        content,
        size=10.0,
        color=(0, 0, 0, 1),
        anchor="middle",
        baseline="auto",
        rotation=0.0,
        weight="normal",
    ):
        if not content:
            return
        self.cover(*text_box(x, y, content, size, anchor, baseline, rotation))
        fill, opacity = _paint(color)
        lines = str(content).split("\n")
        transform = (
            f' transform="rotate({_num(-rotation)} {_num(x)} {_num(y)})"' if rotation else ""
        )
        weight_attr = f' font-weight="{escape(weight)}"' if weight not in ("normal", 400) else ""
        shift = {"central": -(len(lines) - 1) / 2, "hanging": 0.0}.get(baseline, -(len(lines) - 1))
        spans = (
            "".join(
                f'<tspan x="{_num(x)}" dy="{_num((shift if i == 0 else 1) * size * 1.2)}">'
                f"{escape(line)}</tspan>"
                for i, line in enumerate(lines)
            )
            if len(lines) > 1
            else escape(lines[0])
        )
        self.add(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" fill="{fill}"'
            + (f' fill-opacity="{_num(opacity)}"' if opacity < 1 else "")
            + f' text-anchor="{anchor}" dominant-baseline="{baseline}"{weight_attr}'
            + f"{transform}>{spans}</text>"
        )


def render_svg(fig):
    """The figure as an SVG document (a str). Like the pictures of Jupyter's inline backend
    (savefig with bbox_inches='tight'), it shows everything drawn: where tick labels, axis
    labels or titles reach past the figure's edges, the picture grows to show them (with
    matplotlib's 0.1 inch pad); it never shrinks below the figure's size."""
    width, height = (v * 72 for v in fig.get_size_inches())
    out = SVGWriter(fig)
    for ax in fig.axes:
        if getattr(ax, "_colorbar", None) is not None:
            _draw_colorbar(out, ax)
        else:
            with ax._drawing():
                _draw_axes(out, ax)
    if fig._suptitle and fig._suptitle.get_text():
        title = fig._suptitle
        out.text(
            width / 2,
            height * 0.02 + title.get_fontsize(),
            title.get_text(),
            title.get_fontsize(),
            title.get_color(),
            "middle",
            "auto",
            weight=title._weight,
        )
    left, top, right, bottom = _picture_bounds(out.drawn, width, height)
    face, _ = _paint(mcolors.to_rgba(fig._facecolor))
    box = f'x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" height="{_num(bottom - top)}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{_num(right - left)}pt" height="{_num(bottom - top)}pt" '
        f'viewBox="{_num(left)} {_num(top)} {_num(right - left)} {_num(bottom - top)}" '
        f'font-family="{FONT}"><rect {box} fill="{face}"/>'
    )
    return head + "".join(out.parts) + "</svg>"


def _picture_bounds(drawn, width, height):
    """The figure's rectangle, grown where something drawn (plus the pad) reaches past it;
    by at most the figure's own size on each side (a text placed far away in data
    coordinates does not make a huge picture)."""
    left, top, right, bottom = 0.0, 0.0, width, height
    for x0, y0, x1, y1 in drawn:
        left, top, right, bottom = min(left, x0), min(top, y0), max(right, x1), max(bottom, y1)
    return max(left, -width), max(top, -height), min(right, 2 * width), min(bottom, 2 * height)


def _draw_axes(out, ax):
    t = _Transform(ax)
    out.cover(t.x, t.y, t.x + t.w, t.y + t.h, pad=0)
    clip = out.new_id("clip")
    if ax.axison:
        out.add(
            f'<rect x="{_num(t.x)}" y="{_num(t.y)}" width="{_num(t.w)}" '
            f'height="{_num(t.h)}" fill="#ffffff"/>'
        )
    out.add(
        f'<clipPath id="{clip}"><rect x="{_num(t.x)}" y="{_num(t.y)}" width="{_num(t.w)}" '
        f'height="{_num(t.h)}"/></clipPath><g clip-path="url(#{clip})">'
    )
    drawables = [(a.zorder, i, a) for i, a in enumerate(ax.images + ax.collections + ax.patches)]
    drawables += [(1.5, -1, "grid")]
    drawables += [(a.zorder, 10**6 + i, a) for i, a in enumerate(ax.lines)]
    for _, _, artist in sorted(drawables, key=lambda item: (item[0], item[1])):
        if artist == "grid":
            if ax.axison:
                _draw_grid(out, ax, t)
        elif artist.get_visible():
            _draw_artist(out, artist, t)
    out.add("</g>")
    for text in ax.texts:
        if text.get_visible():
            if text._transform == "axes":
                x, y = t.x + text._x * t.w, t.y + t.h - text._y * t.h
            else:
                x, y = float(t.px(text._x)), float(t.py(text._y))
            anchor = {"left": "start", "center": "middle", "right": "end"}.get(text._ha, "start")
            baseline = {"center": "central", "top": "hanging", "bottom": "auto"}.get(
                text._va, "auto"
            )
            out.text(
                x,
                y,
                text.get_text(),
                text.get_fontsize(),
                text.get_color(),
                anchor,
                baseline,
                text.get_rotation(),
                text._weight,
            )
    if ax.axison:
        _draw_spines_and_ticks(out, ax, t)
    _draw_titles(out, ax, t)
    if ax.legend_ is not None:
        _draw_legend(out, ax, t)


def _draw_grid(out, ax, t):
    for which in ("x", "y"):
        axis = ax.xaxis if which == "x" else ax.yaxis
        if not axis._grid:
            continue
        for tick in ax._ticks(which):
            if which == "x":
                x = float(t.px(tick))
                out.add(
                    f'<path d="M{_num(x)} {_num(t.y)}V{_num(t.y + t.h)}" stroke="#b0b0b0" '
                    'stroke-width="0.8" fill="none"/>'
                )
            else:
                y = float(t.py(tick))
                out.add(
                    f'<path d="M{_num(t.x)} {_num(y)}H{_num(t.x + t.w)}" stroke="#b0b0b0" '
                    'stroke-width="0.8" fill="none"/>'
                )


def _polyline(xs, ys):
    """Path data for a line, broken where a value is not finite."""
    pieces = []
    pen_down = False
    for x, y in zip(xs, ys, strict=True):
        if not (math.isfinite(x) and math.isfinite(y)):
            pen_down = False
            continue
        pieces.append(f"{'L' if pen_down else 'M'}{_num(x)} {_num(y)}")
        pen_down = True
    return "".join(pieces)


_SQRT3 = math.sqrt(3)


def _marker_path(marker, size):
    """Path data of a marker of the given size (points) centred on 0, 0; filled or not."""
    r = size / 2
    if marker in ("o", "."):
        r = r if marker == "o" else r / 2
        return (
            f"M{_num(-r)} 0a{_num(r)} {_num(r)} 0 1 0 {_num(2 * r)} 0"
            f"a{_num(r)} {_num(r)} 0 1 0 {_num(-2 * r)} 0z"
        ), True
    if marker == ",":
        return "M-0.5 -0.5h1v1h-1z", True
    if marker == "s":
        return f"M{_num(-r)} {_num(-r)}h{_num(size)}v{_num(size)}h{_num(-size)}z", True
    if marker in ("^", "v", "<", ">"):
        points = [(0, -r), (-r * _SQRT3 / 2, r / 2), (r * _SQRT3 / 2, r / 2)]
        turn = {"^": 0, "v": 180, "<": 270, ">": 90}[marker]
        rad = math.radians(turn)
        points = [
            (x * math.cos(rad) - y * math.sin(rad), x * math.sin(rad) + y * math.cos(rad))
            for x, y in points
        ]
        return "M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in points) + "z", True
    if marker in ("D", "d"):
        w = r if marker == "D" else r * 0.6
        return f"M0 {_num(-r)}L{_num(w)} 0L0 {_num(r)}L{_num(-w)} 0z", True
    if marker in ("+", "P"):
        return f"M{_num(-r)} 0H{_num(r)}M0 {_num(-r)}V{_num(r)}", False
    if marker in ("x", "X", "1", "2", "3", "4"):
        return (
            f"M{_num(-r)} {_num(-r)}L{_num(r)} {_num(r)}M{_num(-r)} {_num(r)}L{_num(r)} {_num(-r)}",
            False,
        )
    if marker == "|":
        return f"M0 {_num(-r)}V{_num(r)}", False
    if marker == "_":
        return f"M{_num(-r)} 0H{_num(r)}", False
    # '*', 'p', 'h', 'H': a regular star or polygon
    corners = {"*": 10, "p": 5, "h": 6, "H": 6}.get(marker, 5)
    points = []
    for i in range(corners):
        angle = math.pi * 2 * i / corners - math.pi / 2
        radius = r if marker != "*" or i % 2 == 0 else r * 0.4
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return "M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in points) + "z", True


def _draw_markers(out, marker, size, xs, ys, fills, edge=None, linewidth=1.0, alpha=None):
    """One <path> per distinct size, then a <use> per point with its colour. Each distinct
    (size, colour)'s attributes are written once: a scatter of hundreds of points in a live
    plot is redrawn several times a second."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    shown = np.flatnonzero(np.isfinite(xs) & np.isfinite(ys))
    if not len(shown):
        return
    sizes = np.broadcast_to(np.round(np.asarray(size, dtype=float), 2), xs.shape)[shown]
    fills = np.asarray(fills, dtype=float).reshape(-1, 4)
    styles, style_of = np.unique(
        np.column_stack([sizes, fills[shown % len(fills)]]), axis=0, return_inverse=True
    )
    edge_attr = ""
    if edge is not None:
        edge_attr = f' stroke="{_paint(edge)[0]}" stroke-width="{_num(linewidth)}"'
    defs = {}  # size -> (id, path data, filled)
    uses = []  # per style: the <use> element's text before x, and after y
    for s, *colour in styles.tolist():
        if s not in defs:
            defs[s] = (out.new_id("m"), *_marker_path(marker, s))
        ident, _, filled = defs[s]
        fill, opacity = _paint(colour, alpha)
        if filled:
            paint = f'fill="{fill}"' + (f' fill-opacity="{_num(opacity)}"' if opacity < 1 else "")
            paint += edge_attr
        else:
            paint = f'fill="none" stroke="{fill}" stroke-width="{_num(linewidth)}"'
        uses.append((f'<use xlink:href="#{ident}" x="', f'" {paint}/>'))
    out.add(
        "<defs>" + "".join(f'<path id="{i}" d="{d}"/>' for i, d, _ in defs.values()) + "</defs>"
    )
    # coordinates to 0.01 point, written as _num() writes them
    points = zip(
        style_of.ravel().tolist(),
        np.round(xs[shown], 2).tolist(),
        np.round(ys[shown], 2).tolist(),
        strict=True,
    )
    out.add("".join(f'{uses[k][0]}{x:g}" y="{y:g}{uses[k][1]}' for k, x, y in points))


def _draw_artist(out, artist, t):
    if isinstance(artist, Line2D):
        span = getattr(artist, "_axes_span", None)
        if span and span[0] == "h":
            y = float(t.py(artist.get_ydata()[0]))
            xs, ys = [t.x + span[1] * t.w, t.x + span[2] * t.w], [y, y]
        elif span:
            x = float(t.px(artist.get_xdata()[0]))
            xs, ys = [x, x], [t.y + t.h - span[1] * t.h, t.y + t.h - span[2] * t.h]
        else:
            xs, ys = t.px(artist.get_xdata()).tolist(), t.py(artist.get_ydata()).tolist()
        stroke, opacity = _paint(artist._color, artist.get_alpha())
        if artist.get_linestyle() != "None" and len(xs) > 1:
            lw = artist.get_linewidth()
            dash = DASHES.get(artist.get_linestyle())
            dash_attr = (
                f' stroke-dasharray="{",".join(_num(d * lw) for d in dash)}"' if dash else ""
            )
            out.add(
                f'<path d="{_polyline(xs, ys)}" fill="none" stroke="{stroke}" '
                f'stroke-width="{_num(lw)}" stroke-linejoin="round" stroke-linecap="square"'
                + (f' stroke-opacity="{_num(opacity)}"' if opacity < 1 else "")
                + f"{dash_attr}/>"
            )
        if artist.get_marker() != "None":
            _draw_markers(
                out,
                artist.get_marker(),
                artist.get_markersize(),
                xs,
                ys,
                [artist._color],
                linewidth=1.0,
                alpha=artist.get_alpha(),
            )
    elif isinstance(artist, Rectangle):
        x0, x1 = sorted(t.px([artist.get_x(), artist.get_x() + artist.get_width()]).tolist())
        y0, y1 = sorted(t.py([artist.get_y(), artist.get_y() + artist.get_height()]).tolist())
        fill, opacity = _paint(artist.get_facecolor(), artist.get_alpha())
        edge = ""
        if artist._edgecolor is not None and artist._edgecolor[3] > 0:
            stroke, _ = _paint(artist._edgecolor)
            edge = f' stroke="{stroke}" stroke-width="{_num(artist._linewidth or 1.0)}"'
        out.add(
            f'<rect x="{_num(x0)}" y="{_num(y0)}" width="{_num(x1 - x0)}" '
            f'height="{_num(y1 - y0)}" fill="{fill}"'
            + (f' fill-opacity="{_num(opacity)}"' if opacity < 1 else "")
            + f"{edge}/>"
        )
    elif isinstance(artist, PathCollection):
        offsets = artist.get_offsets()
        xs, ys = t.px(offsets[:, 0]).tolist(), t.py(offsets[:, 1]).tolist()
        sizes = np.sqrt(np.maximum(artist.get_sizes(), 0))
        edge = None
        if isinstance(artist._edgecolors, str) and artist._edgecolors not in ("face", "none"):
            edge = mcolors.to_rgba(artist._edgecolors)
        linewidth = (
            float(np.ravel(artist._linewidths)[0]) if artist._linewidths is not None else 1.0
        )
        _draw_markers(
            out,
            artist._marker,
            sizes,
            xs,
            ys,
            artist._colors(),
            edge=edge,
            linewidth=linewidth,
            alpha=artist.get_alpha(),
        )
    elif isinstance(artist, (AxesImage, QuadMesh, ContourSet)):
        x0, x1, y0, y1 = artist._extent()
        px = sorted(t.px([x0, x1]).tolist())
        py = sorted(t.py([y0, y1]).tolist())
        if isinstance(artist, ContourSet):
            rgba = artist._rgba(size=(max(2, int(px[1] - px[0])), max(2, int(py[1] - py[0]))))
        else:
            rgba = artist._rgba()
        if isinstance(artist, AxesImage):
            # the picture's row 0 is at y0 (extent's third value); flip to match the view
            if (float(t.py(y0)) > float(t.py(y1))) == (artist.origin == "upper"):
                rgba = rgba[::-1]
            if float(t.px(x0)) > float(t.px(x1)):
                rgba = rgba[:, ::-1]
        else:
            if float(t.px(x0)) > float(t.px(x1)):
                rgba = rgba[:, ::-1]
            if float(t.py(y0)) < float(t.py(y1)):
                rgba = rgba[::-1]
        alpha = artist.get_alpha()
        opacity = f' opacity="{_num(alpha)}"' if alpha is not None and alpha < 1 else ""
        out.add(
            f'<image x="{_num(px[0])}" y="{_num(py[0])}" width="{_num(px[1] - px[0])}" '
            f'height="{_num(py[1] - py[0])}" preserveAspectRatio="none" '
            f'style="image-rendering:pixelated"{opacity} xlink:href="{_png_href(rgba)}"/>'
        )


def _draw_spines_and_ticks(out, ax, t):
    out.add(
        f'<rect x="{_num(t.x)}" y="{_num(t.y)}" width="{_num(t.w)}" height="{_num(t.h)}" '
        'fill="none" stroke="#000000" stroke-width="0.8" stroke-linejoin="miter"/>'
    )
    ticks = []
    bottom = t.y + t.h
    for tick, label in zip(ax._ticks("x"), ax._tick_labels("x"), strict=True):
        x = float(t.px(tick))
        if x < t.x - 0.01 or x > t.x + t.w + 0.01:
            continue
        ticks.append(f"M{_num(x)} {_num(bottom)}v{_num(TICK_LENGTH)}")
        rotation = ax.xaxis._label_rotation
        y = bottom + TICK_LENGTH + TICK_PAD
        if rotation:
            out.text(
                x,
                y + 4,
                label,
                10.0,
                anchor="end" if rotation > 0 else "start",
                baseline="central",
                rotation=rotation,
            )
        else:
            out.text(x, y, label, 10.0, anchor="middle", baseline="hanging")
    for tick, label in zip(ax._ticks("y"), ax._tick_labels("y"), strict=True):
        y = float(t.py(tick))
        if y < t.y - 0.01 or y > t.y + t.h + 0.01:
            continue
        ticks.append(f"M{_num(t.x)} {_num(y)}h{_num(-TICK_LENGTH)}")
        out.text(
            t.x - TICK_LENGTH - TICK_PAD,
            y,
            label,
            10.0,
            anchor="end",
            baseline="central",
            rotation=ax.yaxis._label_rotation,
        )
    if ticks:
        out.add(f'<path d="{"".join(ticks)}" stroke="#000000" stroke-width="0.8"/>')
    left, _, _, bottom_space = decoration_space(ax)
    label = ax.xaxis.label
    if label.get_text():
        y = t.y + t.h + bottom_space - label.get_fontsize() * 1.2
        out.text(
            t.x + t.w / 2,
            y,
            label.get_text(),
            label.get_fontsize(),
            label.get_color(),
            "middle",
            "hanging",
            weight=label._weight,
        )
    label = ax.yaxis.label
    if label.get_text():
        x = t.x - left + label.get_fontsize() * 0.6
        out.text(
            x,
            t.y + t.h / 2,
            label.get_text(),
            label.get_fontsize(),
            label.get_color(),
            "middle",
            "central",
            rotation=90,
            weight=label._weight,
        )


def _draw_titles(out, ax, t):
    for title, x, anchor in (
        (ax.title, t.x + t.w / 2, "middle"),
        (ax._left_title, t.x, "start"),
        (ax._right_title, t.x + t.w, "end"),
    ):
        if title.get_text():
            out.text(
                x,
                t.y - TITLE_PAD,
                title.get_text(),
                title.get_fontsize(),
                title.get_color(),
                anchor,
                "auto",
                weight=title._weight,
            )


_LEGEND_PLACES = {
    "upper right": (1, 1),
    "upper left": (0, 1),
    "lower left": (0, 0),
    "lower right": (1, 0),
    "right": (1, 0.5),
    "center left": (0, 0.5),
    "center right": (1, 0.5),
    "lower center": (0.5, 0),
    "upper center": (0.5, 1),
    "center": (0.5, 0.5),
}
_LEGEND_CODES = dict(
    enumerate(
        [
            "best",
            "upper right",
            "upper left",
            "lower left",
            "lower right",
            "right",
            "center left",
            "center right",
            "lower center",
            "upper center",
            "center",
        ]
    )
)


def _legend_box(place, t, width, height, pad=5.0):
    fx, fy = _LEGEND_PLACES[place]
    x = t.x + pad + fx * (t.w - width - 2 * pad)
    y = t.y + pad + (1 - fy) * (t.h - height - 2 * pad)
    return x, y


def _data_points(ax, t):
    xs, ys = [], []
    for line in ax.lines:
        xs.append(t.px(line.get_xdata()))
        ys.append(t.py(line.get_ydata()))
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            xs.append(t.px(collection.get_offsets()[:, 0]))
            ys.append(t.py(collection.get_offsets()[:, 1]))
    for patch in ax.patches:
        xs.append(t.px([patch.get_x() + patch.get_width() / 2]))
        ys.append(t.py([patch.get_y() + patch.get_height()]))
    if not xs:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(xs), np.concatenate(ys)


def _draw_legend(out, ax, t):
    legend = ax.legend_
    labels = [text.get_text() for text in legend.texts]
    size = legend.texts[0].get_fontsize() if legend.texts else 10.0
    title = legend.get_title().get_text()
    row = size * 1.4
    handle_w = size * 2.0
    width = (
        max([text_width(label, size) for label in labels + [title]] or [0]) + handle_w + size * 1.6
    )
    height = row * (len(labels) + (1 if title else 0)) + size * 0.6
    place = legend._loc
    if isinstance(place, int):
        place = _LEGEND_CODES.get(place, "best")
    if place not in _LEGEND_PLACES and place != "best":
        raise ValueError(
            f"{place!r} is not a valid value for loc; supported values are "
            + ", ".join(repr(k) for k in ["best", *_LEGEND_PLACES])
        )
    if place == "best":
        xs, ys = _data_points(ax, t)
        best, fewest = "upper right", None
        for candidate in (
            "upper right",
            "upper left",
            "lower left",
            "lower right",
            "right",
            "center left",
            "center right",
            "lower center",
            "upper center",
            "center",
        ):
            x, y = _legend_box(candidate, t, width, height)
            inside = int(
                np.count_nonzero((xs >= x) & (xs <= x + width) & (ys >= y) & (ys <= y + height))
            )
            if fewest is None or inside < fewest:
                best, fewest = candidate, inside
        place = best
    x, y = _legend_box(place, t, width, height)
    if legend._frameon:
        out.add(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
            'rx="2" fill="#ffffff" fill-opacity="0.8" stroke="#cccccc" stroke-width="1"/>'
        )
    cursor = y + size * 0.3
    if title:
        out.text(x + width / 2, cursor + row / 2, title, size, anchor="middle", baseline="central")
        cursor += row
    for handle, label in zip(legend.legend_handles, labels, strict=False):
        cy = cursor + row / 2
        hx = x + size * 0.5
        if isinstance(handle, Line2D):
            stroke, _ = _paint(handle._color)
            if handle.get_linestyle() != "None":
                dash = DASHES.get(handle.get_linestyle())
                lw = handle.get_linewidth()
                dash_attr = (
                    f' stroke-dasharray="{",".join(_num(d * lw) for d in dash)}"' if dash else ""
                )
                out.add(
                    f'<path d="M{_num(hx)} {_num(cy)}h{_num(handle_w)}" stroke="{stroke}" '
                    f'stroke-width="{_num(lw)}"{dash_attr}/>'
                )
            if handle.get_marker() != "None":
                _draw_markers(
                    out,
                    handle.get_marker(),
                    handle.get_markersize(),
                    [hx + handle_w / 2],
                    [cy],
                    [handle._color],
                )
        elif isinstance(handle, PathCollection):
            colours = handle._colors()
            _draw_markers(
                out,
                handle._marker,
                [min(float(np.sqrt(handle.get_sizes()[0])), 8)],
                [hx + handle_w / 2],
                [cy],
                colours[:1] if len(colours) else [(0, 0, 0, 1)],
            )
        elif isinstance(handle, Rectangle):
            fill, _ = _paint(handle.get_facecolor())
            out.add(
                f'<rect x="{_num(hx)}" y="{_num(cy - size * 0.35)}" width="{_num(handle_w)}" '
                f'height="{_num(size * 0.7)}" fill="{fill}"/>'
            )
        out.text(hx + handle_w + size * 0.8, cy, label, size, anchor="start", baseline="central")
        cursor += row


def _draw_colorbar(out, cax):
    bar = cax._colorbar
    mappable = bar.mappable
    x, y, w, h = axes_box(cax)
    out.cover(x, y, x + w, y + h, pad=0)
    if isinstance(mappable, ContourSet):
        levels = mappable.levels
        low, high = float(levels[0]), float(levels[-1])
        colours = mappable._layer_colors()
        rgba = np.zeros((len(colours), 1, 4), np.uint8)
        rgba[:, 0] = (colours[::-1] * 255).round().astype(np.uint8)
        # bands of unequal height: repeat rows in proportion
        heights = np.diff(levels)[::-1]
        rows = np.maximum(1, np.round(heights / heights.sum() * 200).astype(int))
        rgba = np.repeat(rgba, rows, axis=0)
    else:
        low, high = mappable.get_clim()
        if low is None or high is None:
            mappable.norm.autoscale_None(mappable.get_array())
            low, high = mappable.get_clim()
        ramp = np.linspace(1, 0, 256)
        rgba = mappable.cmap(ramp, bytes=True)[:, None, :]
    if low == high:
        low, high = low - 0.5, high + 0.5
    out.add(
        f'<image x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
        f'preserveAspectRatio="none" style="image-rendering:pixelated" '
        f'xlink:href="{_png_href(rgba)}"/>'
    )
    out.add(
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
        'fill="none" stroke="#000000" stroke-width="0.8"/>'
    )
    cax._ylim = (low, high)
    cax._xlim = (0.0, 1.0)
    ticks = cax._ticks("y")
    labels = cax._tick_labels("y")
    path = []
    widest = 0.0
    for tick, label in zip(ticks, labels, strict=True):
        if not low - 1e-9 * abs(high - low) <= tick <= high + 1e-9 * abs(high - low):
            continue
        ty = y + h - (tick - low) / (high - low) * h
        path.append(f"M{_num(x + w)} {_num(ty)}h{_num(TICK_LENGTH)}")
        out.text(
            x + w + TICK_LENGTH + TICK_PAD, ty, label, 10.0, anchor="start", baseline="central"
        )
        widest = max(widest, text_width(label, 10.0))
    if path:
        out.add(f'<path d="{"".join(path)}" stroke="#000000" stroke-width="0.8"/>')
    label = cax.yaxis.label
    if label.get_text():
        lx = x + w + TICK_LENGTH + TICK_PAD + widest + LABEL_PAD + label.get_fontsize() * 0.6
        out.text(
            lx,
            y + h / 2,
            label.get_text(),
            label.get_fontsize(),
            label.get_color(),
            "middle",
            "central",
            rotation=90,
        )
