"""The digit pad (web/src/digitpad.js, pynn_runner/digitpad.py): the example trains a small
MNIST model and opens the pad; a digit drawn with the mouse goes to the model's predict after
every stroke and ten probability bars show the answer."""

import pytest

pytestmark = pytest.mark.browser


def draw(page, strokes):
    box = page.get_by_label("Digit pad").bounding_box()
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=8)
        page.mouse.up()


def predictions(page):
    return int(page.locator("#digit-pad").get_attribute("data-predictions") or 0)


def test_the_digit_pad_predicts_a_drawn_digit(warm):
    playground, page = warm, warm.page
    warm.choose_example("digit-pad")
    warm.run_and_wait()
    assert "Now draw a digit on the pad." in warm.output_text()
    pad = page.get_by_label("Digit pad")
    assert pad.is_visible()
    # a "1": one vertical stroke
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])
    page.wait_for_function(
        "() => Number(document.querySelector('#digit-pad').dataset.predictions || 0) >= 1"
    )
    values = page.locator(".digit-bar .value").all_inner_texts()
    assert len(values) == 10
    assert abs(sum(float(v.rstrip("%")) for v in values) - 100) < 1
    assert page.locator("#digit-pad").get_attribute("data-prediction") == "1"
    playground.screenshot("digit-pad-one.png")
    # a "7": the top bar, then the diagonal; each stroke asks again
    page.get_by_role("button", name="Clear").click()
    before = predictions(page)
    draw(page, [[(0.25, 0.2), (0.75, 0.2)], [(0.75, 0.2), (0.4, 0.85)]])
    page.wait_for_function(
        "n => Number(document.querySelector('#digit-pad').dataset.predictions || 0) >= n + 2",
        arg=before,
    )
    # centred by its centre of mass as MNIST's digits are (centring its box reads it as a 2)
    assert page.locator("#digit-pad").get_attribute("data-prediction") == "7"
    status = page.locator("#digit-pad .digit-status").inner_text()
    assert status == "Looks like a 7 (from model.predict)", status
    playground.screenshot("digit-pad-seven.png")


def test_without_an_mnist_model_the_pad_says_so(open_context, server):
    playground = open_context(server.origin)
    page = playground.open()
    page.get_by_role("button", name="Draw a digit").click()
    draw(page, [[(0.5, 0.2), (0.5, 0.8)]])
    status = page.locator("#digit-pad .digit-status")
    page.wait_for_function(
        "() => document.querySelector('#digit-pad .digit-status').textContent.includes('LookupError')"
    )
    assert "MNIST-shaped input" in status.inner_text()
