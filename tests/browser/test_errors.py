"""Errors a student can read, in a real browser: their frames and the whole message first
(wrapped, nothing cut off), pynn's frames folded behind a details toggle, the failing line
marked in the editor, and a hint in the UI language."""

import re

import pytest

pytestmark = pytest.mark.browser

SHAPE_ERROR = (
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)),\n"
    "                             tf.keras.layers.Dense(1)])\n"
    "model.compile(optimizer='adam', loss='mse')\n"
    "x = np.ones((8, 5))\n"
    "model.fit(x, np.ones((8, 1)), epochs=1, verbose=0)\n"
    "print('never printed')\n"
)


def test_a_shape_error_shows_the_students_line_first_with_pynn_folded(warm):
    playground, page = warm, warm.page
    playground.set_code(SHAPE_ERROR)
    playground.run_and_wait()
    report = page.locator("#output .error-report")
    assert report.count() == 1
    trace = report.locator(".trace")
    text = trace.inner_text()
    assert text.startswith("Traceback (most recent call last):")
    assert text.count('File "') == 1 and 'File "main.py", line 7' in text
    assert re.search(r"expected shape=\(None, 3\), found shape=\(\w+, 5\)", text)  # all of it
    # Wrapped, not cut off: nothing overflows to the right.
    assert trace.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    details = report.locator("details")
    assert details.evaluate("el => !el.open")
    assert "pynn" not in trace.inner_text()
    details.locator("summary").click()
    assert "pynn" in details.inner_text() and details.inner_text().count('File "') > 2
    assert "shape" in report.locator(".hint").inner_text()
    # The line is marked in the editor, and the mark goes away once the code changes.
    marked = page.locator(".cm-error-line")
    assert marked.count() == 1 and "model.fit(x" in marked.inner_text()
    assert page.locator(".cm-error-marker").count() == 1
    playground.screenshot("error-shape-folded.png")
    page.locator(".cm-content").click()
    page.keyboard.press("End")
    page.keyboard.type(" ")
    assert page.locator(".cm-error-line").count() == 0


def test_input_gets_a_hint_in_korean(open_context, server):
    playground = open_context(server.origin)
    page = playground.open("?lang=ko")
    playground.set_code("name = input('이름? ')\nprint(name)\n")
    runs = playground.runs()
    page.get_by_role("button", name="실행", exact=True).click()
    playground.wait_for_run(runs)
    hint = page.locator("#output .error-report .hint").inner_text()
    assert "input()" in hint and "키보드" in hint
    assert page.locator(".cm-error-line").inner_text().startswith("name = input(")
    playground.screenshot("error-input-ko.png")


def test_a_missing_module_and_a_notebook_command_get_hints(warm):
    playground, page = warm, warm.page
    playground.set_code("import pandas as pd\n")
    playground.run_and_wait()
    assert "“pandas” is not available in the browser" in page.locator("#output .hint").inner_text()
    playground.set_code("!pip install tensorflow\nimport tensorflow as tf\n")
    playground.run_and_wait()
    assert "Jupyter/Colab" in page.locator("#output .hint").inner_text()
    assert page.locator(".cm-error-line").inner_text().startswith("!pip")


def test_tab_hint_shows_while_the_editor_has_focus(warm):
    page = warm.page
    page.locator(".cm-content").click()
    hint = page.locator("#editor-hint")
    assert hint.is_visible() and "Escape, then Tab" in hint.inner_text()
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.cm-editor')")
    page.wait_for_selector("#editor-hint", state="hidden", timeout=5_000)
