"""The page in English and Korean (web/src/i18n.js, web/src/strings/): chosen from the
browser's language, switchable on the page, remembered, forced by ?lang=, <html lang> follows."""

import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

pytestmark = pytest.mark.browser
STRINGS = os.path.join(ROOT, "web", "src", "strings")


def html_lang(page):
    return page.evaluate("document.documentElement.lang")


def buttons(page, names):
    return [page.get_by_role("button", name=name, exact=True).count() for name in names]


def table_keys(name):
    with open(os.path.join(STRINGS, name), encoding="utf-8") as f:
        return re.findall(r"^\s*'([^']+)':", f.read(), flags=re.MULTILINE)


def test_both_tables_have_the_same_keys():
    en, ko = table_keys("en.js"), table_keys("ko.js")
    assert len(en) > 40 and len(set(en)) == len(en)
    assert set(en) == set(ko), (
        f"only in en: {sorted(set(en) - set(ko))}, only in ko: {sorted(set(ko) - set(en))}"
    )


def test_every_key_the_page_uses_is_in_the_tables():
    known = set(table_keys("en.js"))
    used = set()
    for folder, _, files in os.walk(os.path.join(ROOT, "web")):
        if "node_modules" in folder:
            continue
        for name in files:
            if name.endswith((".js", ".html")) and name != "i18n.js":
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    text = f.read()
                used |= set(re.findall(r"\bt\('([\w.]+)'", text))
                used |= set(re.findall(r'data-i18n="([\w.]+)"', text))
                used |= {
                    key
                    for pairs in re.findall(r'data-i18n-attr="([^"]+)"', text)
                    for key in re.findall(r":([\w.]+)", pairs)
                }
    assert used, "no translated strings found"
    assert used <= known, f"keys missing from strings/en.js: {sorted(used - known)}"


def test_korean_browser_gets_the_korean_page(open_context, server):
    playground = open_context(server.origin, locale="ko-KR")
    page = playground.open()
    assert html_lang(page) == "ko"
    assert buttons(page, ["실행", "중지", "공유"]) == [1, 1, 1]
    assert page.get_by_role("log", name="출력").count() == 1
    assert page.get_by_role("combobox", name="예제").count() == 1
    assert page.locator("#status").inner_text() == "준비됨"
    playground.set_code("print('안녕')\n")
    playground.page.get_by_role("button", name="실행", exact=True).click()
    page.wait_for_function("() => Number(document.body.dataset.runs || 0) > 0")
    page.locator("#output").get_by_text("초 만에 끝났습니다", exact=False).wait_for()
    text = page.locator("#output").inner_text()
    assert "안녕" in text and "초 만에 끝났습니다." in text, text
    playground.screenshot("i18n-ko.png")


def test_lang_parameter_forces_the_language(open_context, server):
    playground = open_context(server.origin, locale="ko-KR")
    playground.page.goto(server.origin + "/?lang=en")
    playground.wait_ready(180_000)
    page = playground.page
    assert html_lang(page) == "en"
    assert buttons(page, ["Run", "Stop", "Share"]) == [1, 1, 1]

    english = open_context(server.origin, locale="en-US")
    english.page.goto(server.origin + "/?lang=ko")
    english.wait_ready(180_000)
    assert html_lang(english.page) == "ko"
    assert buttons(english.page, ["실행", "중지", "공유"]) == [1, 1, 1]


def test_switching_language_is_remembered(open_context, server):
    playground = open_context(server.origin, locale="en-US")
    page = playground.open()
    assert html_lang(page) == "en"
    page.get_by_role("combobox", name="Language").select_option("ko")
    assert html_lang(page) == "ko"
    assert buttons(page, ["실행", "중지", "공유"]) == [1, 1, 1]
    assert page.locator("#status").inner_text() == "준비됨"
    assert page.get_by_role("textbox", name="코드 편집기").count() == 1
    page.reload()
    playground.wait_ready()
    assert html_lang(page) == "ko"
    assert buttons(page, ["실행", "중지", "공유"]) == [1, 1, 1]
    page.get_by_role("combobox", name="언어").select_option("en")
    assert buttons(page, ["Run", "Stop", "Share"]) == [1, 1, 1]
    assert page.get_by_role("textbox", name="Code editor").count() == 1
