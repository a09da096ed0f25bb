"""Cells with a living session (web/src/cells.js, pynn_runner/session.py): `# %%` splits the
program; Ctrl/Cmd+Enter runs all cells in a fresh session, Shift+Enter the cell at the cursor
in the same session (a trained model is still there), Restart forgets everything; each cell's
output follows an `In [n]` line and a cell's last bare expression shows its value."""

import json

import pytest

pytestmark = pytest.mark.browser

PROGRAM = """# %%
import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(0)
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
x = np.ones((8, 2), "float32")
model.fit(x, np.full(8, 3.0), epochs=20, verbose=0)
trained = float(model.get_weights()[0].sum())
print("trained", trained)
# %%
len(model.layers), x.shape
# %%
float(model.get_weights()[0].sum()) == trained, model.predict(x[:1], verbose=0).shape
"""


def put_cursor_on_line(page, number):
    page.locator(".cm-line").nth(number - 1).click()


def test_cells_keep_the_trained_model_until_restart(warm):
    playground, page = warm, warm.page
    playground.set_code(PROGRAM)
    runs = playground.runs()
    page.keyboard.press("ControlOrMeta+Enter")
    playground.wait_for_run(runs)
    page.locator("#output").get_by_text("In [3]", exact=False).wait_for()
    text = playground.output_text()
    assert "In [1]  (line 1)" in text and "In [2]  (line 11)" in text, text
    assert "(1, (8, 2))" in text and "(True, (1, 1))" in text, text
    assert text.index("trained") < text.index("In [2]") < text.index("(1, (8, 2))")

    # Shift+Enter on the third cell: runs only it, in the same session (the model is kept)
    put_cursor_on_line(page, 14)
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")
    playground.wait_for_run(runs)
    page.locator("#output").get_by_text("(True, (1, 1))").nth(1).wait_for()
    text = playground.output_text()
    assert text.count("In [3]") == 2 and text.count("In [1]") == 1, text
    assert text.count("(True, (1, 1))") == 2
    playground.screenshot("cells-session.png")

    page.get_by_role("button", name="Restart", exact=True).click()
    playground.wait_for_run(runs + 1)
    put_cursor_on_line(page, 14)
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")
    playground.wait_for_run(runs)
    page.locator("#output").get_by_text("NameError", exact=False).first.wait_for()
    text = playground.output_text()
    assert "The session was restarted" in text
    assert "NameError: name 'model' is not defined" in text, text


def test_pasting_a_notebook_makes_cells(warm):
    playground, page = warm, warm.page
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# A title\n"]},
            {"cell_type": "code", "source": ["%matplotlib inline\n", "a = 6\n", "a * 7"]},
            {"cell_type": "code", "source": "b = a + 1\nb"},
        ],
        "nbformat": 4,
    }
    playground.set_code("")
    page.evaluate(
        """text => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        document.querySelector('.cm-content').dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }""",
        json.dumps(notebook),
    )
    code = playground.editor_text()
    assert code.startswith("# %%\n# %matplotlib inline\na = 6\na * 7\n\n# %%\nb = a + 1\nb"), code
    runs = playground.runs()
    page.keyboard.press("ControlOrMeta+Enter")
    playground.wait_for_run(runs)
    page.locator("#output").get_by_text("In [2]", exact=False).wait_for()
    lines = playground.output_text().splitlines()
    assert "42" in lines and "7" in lines, lines
