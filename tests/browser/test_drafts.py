"""Student work is never lost, in a real browser: picking an example or opening a share link
shows it without touching the student's draft ("Back to my code" brings it back, a reload
keeps it); editing them makes new named drafts; Download / Open move a draft to and from a
.py file."""

import pytest

pytestmark = pytest.mark.browser

MINE = "# my homework\nprint('mine')\n"


def drafts_menu(page):
    return page.locator("#drafts option").all_inner_texts()


def test_a_draft_survives_an_example_pick_and_a_reload(playground):
    page = playground.open()
    playground.set_code(MINE)
    page.wait_for_timeout(800)  # the autosave
    playground.choose_example("mnist-sequential")
    assert "mnist" in playground.editor_text().lower()
    note = page.locator("#view-note")
    assert note.is_visible() and "My code" in note.inner_text()
    playground.screenshot("drafts-example-view.png")
    page.get_by_role("button", name="Back to my code").click()
    assert playground.editor_text() == MINE.rstrip("\n") + "\n" or playground.editor_text() == MINE
    assert not note.is_visible()
    page.goto(playground.origin + "/")
    playground.wait_ready()
    assert "# my homework" in playground.editor_text()


def test_editing_an_example_makes_a_new_draft_and_keeps_the_old_one(playground):
    page = playground.open()
    playground.set_code(MINE)
    page.wait_for_timeout(800)
    playground.choose_example("mnist-sequential")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\n# my change")
    page.wait_for_timeout(800)
    menu = drafts_menu(page)
    assert any("(edited)" in item for item in menu) and any(
        item.startswith("My code") for item in menu
    )
    assert page.get_by_label("Examples").input_value() == ""  # no longer the pristine example
    page.get_by_label("My code", exact=True).select_option(
        label=[m for m in menu if m.startswith("My code")][0]
    )
    assert "# my homework" in playground.editor_text()


def test_a_shared_link_does_not_overwrite_the_draft_until_it_is_edited(playground, open_context):
    page = playground.open()
    playground.set_code(MINE)
    page.wait_for_timeout(800)
    # A teacher's link, opened in the same browser (same localStorage).
    other = open_context(playground.origin)
    other.open()
    other.set_code("print('teacher')\n")
    other.page.get_by_role("button", name="Share", exact=True).click()
    link = other.page.get_by_label("Share link").input_value()
    page.goto(link)
    playground.wait_ready()
    assert "teacher" in playground.editor_text()
    assert "Shared code" in page.locator("#view-note").inner_text()
    page.goto(playground.origin + "/")
    playground.wait_ready()
    assert "# my homework" in playground.editor_text()  # the link replaced nothing


def test_download_and_open_a_py_file(playground, tmp_path):
    page = playground.open()
    playground.set_code(MINE)
    page.wait_for_timeout(800)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .py").click()
    saved = tmp_path / "saved.py"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "My code.py"
    assert saved.read_text(encoding="utf-8") == playground.editor_text() or saved.read_text(
        encoding="utf-8"
    ).rstrip("\n") == playground.editor_text().rstrip("\n")
    lesson = tmp_path / "lesson2.py"
    lesson.write_text("print('from a file')\n", encoding="utf-8")
    page.locator("#draft-open").set_input_files(str(lesson))
    page.wait_for_function(
        "() => document.querySelector('.cm-content').textContent.includes('from a file')"
    )
    assert any(item.startswith("lesson2") for item in drafts_menu(page))
    assert any(item.startswith("My code") for item in drafts_menu(page))


# The text of the "My code" menu's shown entry, measured in the menu's own font, against the
# room the menu gives it (its width less its padding and the arrow).
SHOWN_TEXT_FITS = """() => {
  const select = document.getElementById('drafts');
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = select.selectedOptions[0].textContent;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
  return { text, title: select.title, width: context.measureText(text).width, room };
}"""


def test_a_long_example_title_shows_whole_in_the_my_code_menu(playground):
    page = playground.open()
    playground.choose_example("seed-xor-two-files")  # 77 characters, and "(not saved ...)"
    shown = page.evaluate(SHOWN_TEXT_FITS)
    assert "XOR with an MLP class in two files" in shown["text"], shown
    assert shown["width"] <= shown["room"], shown
    playground.screenshot("drafts-long-title.png")
    # a title too long for any bar: cut in the menu, whole on hover (the menu's title)
    playground.choose_example("seed-three-styles")
    shown = page.evaluate(SHOWN_TEXT_FITS)
    assert "about 30 minutes in the browser" in shown["text"], shown
    assert shown["title"] == shown["text"], shown
