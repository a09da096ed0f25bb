"""Where things go on the figure: text size estimates, each Axes' drawn box (with 'equal'
aspect), the space its decorations need, and tight_layout."""

import unicodedata
import warnings

import numpy as np

# advance widths of DejaVu Sans (the SVG's first font, matplotlib's default), in font-size
# units, for the characters " " to "~" (read from the font with matplotlib's ft2font); other
# fonts the browser may fall back on (Arial, Liberation Sans) are narrower
_ASCII_WIDTHS = [
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361,
    0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337,
    0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775,
    0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611,
    0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635,
    0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
    0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337,
    0.636, 0.838,
]  # fmt: skip
_WIDTHS = {chr(32 + i): w for i, w in enumerate(_ASCII_WIDTHS)} | {"\u2212": 0.838}
OTHER_WIDTH = 0.65  # other letters (accented, Greek, ...)
WIDE_WIDTH = 1.0  # Hangul, CJK and other full-width characters
ASCENT, DESCENT = 0.76, 0.24  # of the font size, above and below the baseline
TICK_LENGTH = 3.5  # points
TICK_PAD = 3.5  # points between a tick and its label
LABEL_PAD = 4.0  # points between tick labels and the axis label
TITLE_PAD = 6.0  # points between the axes and its title


def _char_width(char):
    width = _WIDTHS.get(char)
    if width is None:
        width = WIDE_WIDTH if unicodedata.east_asian_width(char) in "WF" else OTHER_WIDTH
    return width


def text_width(text, size):
    """Width in points of one line of text (its longest line if it has several)."""
    return max(sum(_char_width(c) for c in line) for line in str(text).split("\n")) * size


def text_box(x, y, text, size, anchor="middle", baseline="auto", rotation=0.0):
    """(left, top, right, bottom) in points of text drawn as SVGWriter.text draws it at x, y
    (SVG's y downwards): anchor start/middle/end, baseline auto (the last line's baseline at
    y), central or hanging, turned by `rotation` degrees counter-clockwise about x, y."""
    lines = str(text).count("\n") + 1
    width, line = text_width(text, size), size * 1.2
    height = (lines - 1) * line + (ASCENT + DESCENT) * size
    left = {"start": 0.0, "middle": -width / 2, "end": -width}[anchor]
    top = {"central": -height / 2, "hanging": 0.0}.get(baseline, DESCENT * size - height)
    bottom = top + height
    angle = np.radians(-rotation)
    cos, sin = float(np.cos(angle)), float(np.sin(angle))
    corners = [(dx, dy) for dx in (left, left + width) for dy in (top, bottom)]
    xs = [x + dx * cos - dy * sin for dx, dy in corners]
    ys = [y + dx * sin + dy * cos for dx, dy in corners]
    return min(xs), min(ys), max(xs), max(ys)


def text_extent(text, size, rotation=0.0):
    """(width, height) in points of one line of text turned by `rotation` degrees."""
    width, height = text_width(text, size), size * 1.2
    if not text:
        return 0.0, 0.0
    angle = np.radians(rotation)
    return (
        abs(width * np.cos(angle)) + abs(height * np.sin(angle)),
        abs(width * np.sin(angle)) + abs(height * np.cos(angle)),
    )


def axes_box(ax):
    """(x, y, width, height) in points from the figure's top-left corner, after aspect."""
    fig_w, fig_h = (v * 72 for v in ax.figure.get_size_inches())
    left, bottom, width, height = ax._position
    x, y, w, h = left * fig_w, (1 - bottom - height) * fig_h, width * fig_w, height * fig_h
    if ax._aspect == "equal" or isinstance(ax._aspect, (int, float)) and ax._aspect != "auto":
        ratio = 1.0 if ax._aspect == "equal" else float(ax._aspect)
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        if x1 != x0 and y1 != y0:
            wanted = abs(y1 - y0) / abs(x1 - x0) * ratio  # box height / width
            if h / w > wanted:
                new_h = w * wanted
                y += (h - new_h) / 2
                h = new_h
            else:
                new_w = h / wanted
                x += (w - new_w) / 2
                w = new_w
    return x, y, w, h


def decoration_space(ax):
    """Points needed outside the box on each side: (left, right, top, bottom)."""
    left = right = top = bottom = 0.0
    if ax.axison:
        labels = ax._tick_labels("y")
        if labels:
            widths = [text_extent(lab, 10.0, ax.yaxis._label_rotation)[0] for lab in labels]
            left += TICK_LENGTH + TICK_PAD + max(widths)
        if ax.get_ylabel():
            left += LABEL_PAD + ax.yaxis.label.get_fontsize() * 1.2
        labels = ax._tick_labels("x")
        if labels:
            heights = [text_extent(lab, 10.0, ax.xaxis._label_rotation)[1] for lab in labels]
            bottom += TICK_LENGTH + TICK_PAD + max(heights)
            widest = max(text_width(lab, 10.0) for lab in labels) / 2
            right = max(right, widest if ax.xaxis._label_rotation == 0 else 0)
        if ax.get_xlabel():
            bottom += LABEL_PAD + ax.xaxis.label.get_fontsize() * 1.2
    if ax.title.get_text() or ax._left_title.get_text() or ax._right_title.get_text():
        lines = max(
            t.get_text().count("\n") + 1 for t in (ax.title, ax._left_title, ax._right_title)
        )
        top += TITLE_PAD + ax.title.get_fontsize() * 1.2 * lines
    if getattr(ax, "_colorbar", None) is not None:
        labels = ax._tick_labels("y")
        right += TICK_LENGTH + TICK_PAD + max([text_width(lab, 10.0) for lab in labels] or [0])
        if ax.get_ylabel():
            right += LABEL_PAD + 12.0
        left = 0.0
    return left, right, top, bottom


def tight_layout(fig, pad=1.08):
    """Grid axes spaced so their labels and titles fit, as matplotlib's tight_layout."""
    from .figure import grid_rect  # noqa: PLC0415 - figure imports this module

    grid_axes = [ax for ax in fig.axes if ax._grid_spec is not None]
    if not grid_axes:
        return
    fig_w, fig_h = (v * 72 for v in fig.get_size_inches())
    pad_pts = pad * 10.0
    nrows = max(ax._grid_spec[0] for ax in grid_axes)
    ncols = max(ax._grid_spec[1] for ax in grid_axes)
    col_left, col_right = np.zeros(ncols), np.zeros(ncols)
    row_top, row_bottom = np.zeros(nrows), np.zeros(nrows)
    for ax in grid_axes:
        rows, cols, index = ax._grid_spec
        row, col = divmod(index - 1, cols)
        # axes from grids of another shape: map onto this grid's rows and columns
        row = row * nrows // rows
        col = col * ncols // cols
        left, right, top, bottom = decoration_space(ax)
        colorbar = getattr(ax, "_colorbar_of", None)
        if colorbar is not None:
            right += decoration_space(colorbar)[1] + ax._position[2] * fig_w * 0.2
        col_left[col] = max(col_left[col], left)
        col_right[col] = max(col_right[col], right)
        row_top[row] = max(row_top[row], top)
        row_bottom[row] = max(row_bottom[row], bottom)
    suptitle = fig._suptitle.get_fontsize() * 1.6 if fig._suptitle else 0.0
    left = (col_left[0] + pad_pts) / fig_w
    right = 1 - (col_right[-1] + pad_pts) / fig_w
    top = 1 - (row_top[0] + pad_pts + suptitle) / fig_h
    bottom = (row_bottom[-1] + pad_pts) / fig_h
    gap_w = max([col_right[i] + col_left[i + 1] + pad_pts for i in range(ncols - 1)] or [0])
    gap_h = max([row_bottom[i] + row_top[i + 1] + pad_pts for i in range(nrows - 1)] or [0])
    # wspace/hspace are fractions of the average cell size
    cell_w = ((right - left) * fig_w - gap_w * (ncols - 1)) / ncols
    cell_h = ((top - bottom) * fig_h - gap_h * (nrows - 1)) / nrows
    if right <= left or top <= bottom or cell_w <= 0 or cell_h <= 0:
        warnings.warn(
            "Tight layout not applied. The left and right margins cannot be made "
            "large enough to accommodate all Axes decorations.",
            stacklevel=3,
        )
        return
    params = {
        "left": left,
        "right": right,
        "top": top,
        "bottom": bottom,
        "wspace": gap_w / cell_w,
        "hspace": gap_h / cell_h,
    }
    fig._params.update(params)
    for ax in grid_axes:
        rows, cols, index = ax._grid_spec
        ax._position = grid_rect(rows, cols, index, params)
        colorbar = getattr(ax, "_colorbar_of", None)
        if colorbar is not None:
            from .figure import _make_room_for_colorbar  # noqa: PLC0415 - figure imports this module

            _make_room_for_colorbar(ax, colorbar)
