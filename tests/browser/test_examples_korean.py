"""The examples in the Korean UI: the menu's titles in Korean (and back in English after a
switch), the programs with Korean comments and the same code (web/examples/ko/), and a
figure's visible caption in the page's language ("그림 1") while its accessible name stays
"Figure 1: ..." in every language."""

import pytest

pytestmark = pytest.mark.browser


def test_korean_page_shows_korean_examples_and_captions(open_context, server):
    playground = open_context(server.origin)
    page = playground.open("?lang=ko#example=xor")
    code = playground.editor_text()
    assert "# 작은 MLP로 XOR 배우기" in code, code[:500]
    assert "class MLP:" in code  # (the editor renders only the lines in view)
    assert page.get_by_role("combobox", name="예제").count() == 1
    menu = page.locator("#examples")
    titles = menu.locator("option").all_inner_texts()
    assert "수업 노트북: Sequential 모델 가이드 (셀 단위)" in titles, titles

    runs = playground.runs()
    page.get_by_role("button", name="실행", exact=True).click()
    playground.wait_for_run(runs)
    figure = page.get_by_role("img", name="Figure 1", exact=False)
    assert figure.count() == 1
    assert figure.get_attribute("alt").startswith("Figure 1: XOR, epoch 400: loss")
    caption = page.locator("#output figure.figure-block figcaption")
    assert caption.inner_text() == "그림 1"
    figure.scroll_into_view_if_needed()
    playground.screenshot("xor-boundary-ko.png")

    page.get_by_role("combobox", name="언어").select_option("en")
    assert caption.inner_text() == "Figure 1"
    titles = menu.locator("option").all_inner_texts()
    assert "Lesson notebook: the Sequential model guide (cell by cell)" in titles, titles
    # an example chosen now comes with English comments
    playground.choose_example("mnist-sequential")
    assert playground.editor_text().startswith("# MNIST with a Sequential MLP")
