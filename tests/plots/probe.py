"""Runs a program cell by cell (cells split at `# %%`) with the inline backend's rule (open
figures are shown, then closed, at the end of each cell) and prints, for every figure shown,
its structure as one `FIGURE {json}` line, read through matplotlib's public API only. The same
code runs with real matplotlib (Agg) and with the playground's (web/src/worker/matplotlib)."""

import json

PROBE = r"""
import json as _probe_json
import matplotlib as _probe_mpl
import matplotlib.pyplot as _probe_plt


def _probe_round(values):
    return [float(f"{v:.3g}") for v in values]


def _probe_describe(fig):
    axes = []
    for ax in fig.axes:
        if hasattr(ax, "_colorbar"):
            axes.append({"colorbar": True, "label": ax.get_ylabel()})
            continue
        legend = ax.get_legend()
        axes.append({
            "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "lines": [len(line.get_xdata()) for line in ax.lines],
            "line_labels": [line.get_label() for line in ax.lines
                            if not line.get_label().startswith("_")],
            "images": [list(image.get_array().shape) for image in ax.images],
            "patches": len(ax.patches),
            "collections": len(ax.collections),
            "legend": [text.get_text() for text in legend.get_texts()] if legend else None,
            "no_xticks": len(ax.get_xticks()) == 0,
            "no_yticks": len(ax.get_yticks()) == 0,
            "axis_on": bool(ax.axison),
            "xlim": _probe_round(ax.get_xlim()),
            "ylim": _probe_round(ax.get_ylim()),
        })
    return {"suptitle": fig.get_suptitle(), "size": _probe_round(fig.get_size_inches()),
            "axes": axes}


_probe_show = _probe_plt.show


def _probe_flush(*args, **kwargs):
    for number in _probe_plt.get_fignums():
        print("FIGURE " + _probe_json.dumps(_probe_describe(_probe_plt.figure(number))))
    _probe_show(*args, **kwargs)
    _probe_plt.close("all")


_probe_plt.show = _probe_flush
"""


def with_probe(program):
    """The program with the probe in front and plt.show() at the end of every cell."""
    cells = program.split("\n# %%")
    return PROBE + "\n" + "\n_probe_flush()\n# %%".join(cells) + "\n_probe_flush()\n"


def figures(output):
    return [
        json.loads(line[len("FIGURE ") :])
        for line in output.splitlines()
        if line.startswith("FIGURE ")
    ]
