"""A dark theme and a large-text (projector) mode: toggles with aria-pressed, remembered in this
browser, and the page (editor included) drawn with the theme's colours."""

import os

from conftest import ARTIFACTS


def _background(page, selector):
    return page.evaluate(
        "(s) => getComputedStyle(document.querySelector(s)).backgroundColor", selector
    )


def _luminance(css):
    r, g, b = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_dark_theme_and_large_text_are_toggles_that_are_remembered(open_context, server):
    playground = open_context(server.origin, color_scheme="light")
    page = playground.open()
    dark = page.get_by_role("button", name="Dark theme")
    large = page.get_by_role("button", name="Large text")
    assert dark.get_attribute("aria-pressed") == "false"
    assert _luminance(_background(page, "html")) > 200
    editor_font = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#editor .cm-scroller')).fontSize)"
    )

    dark.click()
    large.click()
    assert dark.get_attribute("aria-pressed") == "true"
    assert large.get_attribute("aria-pressed") == "true"
    assert _luminance(_background(page, "html")) < 60
    assert _luminance(_background(page, "#editor .cm-editor")) < 60
    # the editor's syntax colours follow the theme (a keyword is light on the dark editor)
    playground.set_code("def f(x):\n    return x  # done\n")
    keyword = page.evaluate("""() => {
        const span = [...document.querySelectorAll('#editor .cm-line span')]
            .find((s) => s.textContent === 'def');
        return getComputedStyle(span).color; }""")
    assert _luminance(keyword) > 120
    bigger = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#editor .cm-scroller')).fontSize)"
    )
    assert bigger >= editor_font * 1.4
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, "appearance-dark-large.png"))

    page.reload()
    playground.wait_ready()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("document.documentElement.dataset.text") == "large"
    page.get_by_role("button", name="Dark theme").click()
    assert _luminance(_background(page, "html")) > 200


def test_the_theme_starts_from_the_systems_preference(open_context, server):
    playground = open_context(server.origin, color_scheme="dark")
    page = playground.open()
    assert page.get_by_role("button", name="Dark theme").get_attribute("aria-pressed") == "true"
    assert _luminance(_background(page, "html")) < 60


def test_the_toggles_speak_korean(open_context, server):
    playground = open_context(server.origin, locale="ko-KR")
    page = playground.open("?lang=ko")
    assert page.get_by_role("button", name="어두운 화면").is_visible()
    assert page.get_by_role("button", name="큰 글씨").is_visible()
