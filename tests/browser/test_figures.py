"""matplotlib in the page: the tutorials' plotting cells draw figures in the Output, in order
with the text, as <img> elements (role img, name "Figure N: ...") of SVG drawn by the
playground's matplotlib, with the structure real matplotlib gives on CPython."""

import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))  # the probe shared with tests/plots
from plots.probe import figures, with_probe  # noqa: E402 - needs the sys.path line above
from plots.test_matplotlib_shim import assert_same_structure, shown_figures  # noqa: E402 - as above

pytestmark = pytest.mark.browser
PROGRAMS = os.path.join(ROOT, "tests", "plots", "programs")


def test_tutorial_plotting_cells_draw_figures_like_real_matplotlib(warm, tmp_path):
    with open(os.path.join(PROGRAMS, "basic_classification.py"), encoding="utf-8") as f:
        program = with_probe(f.read())
    real = shown_figures(program, shim=False, tmp_path=tmp_path)
    page = warm.page
    warm.set_code(program)
    warm.run_and_wait()
    text = warm.output_text()
    assert "Error" not in text, text[-2000:]
    assert_same_structure(figures(text), real)
    images = page.get_by_role("img", name="Figure", exact=False)
    assert images.count() == len(real)
    names = [images.nth(i).get_attribute("alt") for i in range(images.count())]
    assert [name.split(":")[0] for name in names] == [f"Figure {i + 1}" for i in range(len(real))]
    # every figure is an SVG data URL, placed after the text printed before it
    sources = page.evaluate("""() => Array.from(document.querySelectorAll('#output img.figure'),
        img => [img.src.slice(0, 26), img.naturalWidth > 0,
                img.parentElement.previousElementSibling
                && img.parentElement.previousElementSibling.textContent])""")
    assert all(src == "data:image/svg+xml;charset" and loaded for src, loaded, _ in sources)
    assert all(before.startswith("FIGURE ") for _, _, before in sources)
    page.locator("#output img.figure").nth(1).scroll_into_view_if_needed()
    warm.screenshot("figures-basic-classification.png")


def test_figure_text_is_escaped_and_unsupported_functions_say_so(warm):
    page = warm.page
    warm.set_code(
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2, 3])\n"
        "plt.title('<img src=x onerror=alert(1)> & \"quotes\"')\n"
        "plt.xlabel('</svg><script>alert(2)</script>')\n"
        "plt.show()\n"
        "plt.violinplot([1, 2])\n"
    )
    warm.run_and_wait()
    text = warm.output_text()
    assert "NotImplementedError: matplotlib.pyplot.violinplot() is not available" in text
    img = page.get_by_role("img", name="Figure 1", exact=False)
    assert img.count() == 1
    assert "<img src=x onerror=alert(1)>" in img.get_attribute("alt")
    svg = page.evaluate("""() => decodeURIComponent(
        document.querySelector('#output img.figure').src.split(',')[1])""")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;" in svg
    assert "<script" not in svg and "&lt;/svg&gt;&lt;script&gt;" in svg
    assert page.locator("#output script, #output svg").count() == 0
    assert img.evaluate("img => img.naturalWidth") > 0


def test_a_redraw_replaces_the_figure_in_place(warm):
    page = warm.page
    warm.set_code(
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\n"
        "line, = ax.plot([0], [0])\n"
        "for i in range(1, 6):\n"
        "    line.set_data(range(i + 1), [v * v for v in range(i + 1)])\n"
        "    ax.set_title(f'step {i}')\n"
        "    fig.canvas.draw()\n"
        "    print('drawn', i)\n"
    )
    warm.run_and_wait()
    images = page.locator("#output img.figure")
    assert images.count() == 1
    assert "step 5" in images.first.get_attribute("alt")


def test_two_moons_redraws_the_decision_boundary_during_fit(warm):
    page = warm.page
    warm.choose_example("two-moons")
    warm.run_and_wait()
    text = warm.output_text()
    assert "final loss" in text, text[-2000:]
    draws = int(text.split("boundary drawn ")[1].split(" times")[0])
    images = page.locator("#output img.figure")
    assert images.count() == 1
    image = images.first
    assert int(image.get_attribute("data-draws")) >= min(draws, 3) >= 2
    assert "epoch 60" in image.get_attribute("alt")
    accuracy = re.search(r"final loss [\d.]+, accuracy ([\d.]+)", text)
    assert accuracy and float(accuracy.group(1)) > 0.8, text[-500:]
    image.scroll_into_view_if_needed()
    warm.screenshot("figures-two-moons.png")
