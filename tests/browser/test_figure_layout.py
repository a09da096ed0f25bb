"""The playground's matplotlib lays figures out so that every text shows: tick labels, axis
labels and titles lie inside the SVG picture (as Jupyter's inline pictures, saved with
bbox_inches='tight', show them) and do not run into each other. The figures are drawn by
the playground's package on CPython and measured by Chromium's own text layout (each
<text>'s box as rendered, against the <svg>'s)."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIM = os.path.join(ROOT, "web", "src", "worker")

pytestmark = pytest.mark.browser

# name -> (program drawing the current figure, whether its texts must not overlap each other)
FIGURES = {
    "xor boundary": (
        """
fig, ax = plt.subplots(figsize=(4, 3.6))
ax.imshow(np.random.rand(41, 41), extent=(-0.5, 1.5, -0.5, 1.5), origin="lower",
          cmap="RdBu", vmin=0, vmax=1, alpha=0.8)
ax.scatter([0, 0, 1, 1], [0, 1, 0, 1], c=[0, 1, 1, 0], cmap="RdBu", edgecolors="k", s=80)
ax.set_title("XOR, epoch 400: loss 0.012")
ax.set_xlabel("x1")
ax.set_ylabel("x2")
""",
        True,
    ),
    "long tick labels": (
        """
plt.figure(figsize=(4, 3))
plt.plot([0.0001, 0.00025, 0.0004, 0.00015])
plt.title("learning rate per epoch")
plt.xlabel("epoch")
plt.ylabel("learning rate")
""",
        True,
    ),
    "large negative ticks, default size": (
        """
plt.plot(np.linspace(-120000, 350000, 50), label="loss")
plt.ylabel("mean squared error")
plt.xlabel("step")
plt.legend()
""",
        True,
    ),
    "subplots grid with tight_layout": (
        """
fig, axes = plt.subplots(2, 3, figsize=(8, 5))
for i, ax in enumerate(axes.flat):
    ax.plot(np.arange(10), np.arange(10) * 10.0 ** (i - 2))
    ax.set_title(f"run {i}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation loss")
plt.suptitle("six runs")
plt.tight_layout()
""",
        True,
    ),
    "subplots grid without tight_layout": (
        """
fig, axes = plt.subplots(2, 2)
for ax in axes.flat:
    ax.plot([0.001, 0.0025, 0.004])
    ax.set_ylabel("accuracy")
    ax.set_xlabel("epoch")
""",
        False,  # as in real matplotlib, neighbours' labels may meet: only the edges are checked
    ),
    "korean labels": (
        """
plt.figure(figsize=(4, 3))
plt.plot([0.5, 0.8, 0.9, 0.95])
plt.title("에포크별 정확도")
plt.xlabel("에포크")
plt.ylabel("정확도 (검증 데이터)")
""",
        True,
    ),
    "rotated class names": (
        """
names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
         "Sneaker", "Bag", "Ankle boot"]
plt.figure(figsize=(5, 3.5))
plt.bar(range(10), np.linspace(0.01, 0.9, 10))
plt.xticks(range(10), names, rotation=45)
plt.ylabel("probability")
""",
        True,
    ),
    "image with a labelled colorbar": (
        """
plt.figure(figsize=(4, 3.5))
plt.imshow(np.arange(784).reshape(28, 28) / 784.0, cmap="viridis")
plt.colorbar(label="pixel value")
plt.title("a digit")
""",
        True,
    ),
    "title wider than the figure": (
        """
plt.figure(figsize=(2.5, 2))
plt.plot([1, 2, 3])
plt.title("a title much wider than this small figure")
plt.ylabel("value")
""",
        True,
    ),
}

DRAW = """
import json, sys
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.backend_svg import render_svg
svgs = {}
for name, program in json.loads(sys.stdin.read()).items():
    exec(program, {"np": np, "plt": plt})
    svgs[name] = render_svg(plt.gcf())
    plt.close("all")
print(json.dumps(svgs))
"""

MEASURE = r"""() => {
    const svg = document.querySelector('svg').getBoundingClientRect();
    return {
        svg: [svg.left, svg.top, svg.right, svg.bottom],
        texts: Array.from(document.querySelectorAll('svg text'), (text) => {
            const r = text.getBoundingClientRect();
            const turn = /rotate\((-?[\d.]+)/.exec(text.getAttribute('transform') || '');
            return [text.textContent, turn ? Number(turn[1]) : 0, r.left, r.top, r.right, r.bottom];
        }),
    };
}"""


@pytest.fixture(scope="module")
def drawn():
    """name -> SVG, drawn by the playground's matplotlib on CPython."""
    env = dict(os.environ, PYTHONPATH=SHIM)
    proc = subprocess.run(
        [sys.executable, "-c", DRAW],
        input=json.dumps({name: program for name, (program, _) in FIGURES.items()}),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def overlap(a, b, slack=1.5):
    """Whether two text boxes (left, top, right, bottom; px) overlap by more than `slack`
    (their em boxes include some blank space above and below the letters)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


@pytest.mark.parametrize("name", FIGURES)
def test_every_text_of_a_figure_shows_inside_the_picture(browser, drawn, name, tmp_path):
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><body style='margin:20px'>{drawn[name]}</body>")
        measured = page.evaluate(MEASURE)
        svg = measured["svg"]
        texts = [(text, box) for text, _, *box in measured["texts"]]
        # the boxes of texts turned by other than a right angle are not their shapes
        square = [(text, box) for text, turn, *box in measured["texts"] if turn % 90 == 0]
        assert len(texts) >= 5, texts
        outside = [
            (text, [round(v) for v in box], "svg", [round(v) for v in svg])
            for text, box in texts
            if box[0] < svg[0] - 0.5
            or box[1] < svg[1] - 0.5
            or box[2] > svg[2] + 0.5
            or box[3] > svg[3] + 0.5
        ]
        if outside:
            page.screenshot(path=str(tmp_path / "figure.png"))
        assert not outside, f"{name}: texts cut at the picture's edge: {outside}"
        if FIGURES[name][1]:
            clashes = [
                (a, b)
                for i, (a, box_a) in enumerate(square)
                for b, box_b in square[i + 1 :]
                if overlap(box_a, box_b)
            ]
            assert not clashes, f"{name}: texts drawn over each other: {clashes}"
    finally:
        page.close()
