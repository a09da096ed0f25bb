"""Several files in the playground (web/src/tabs.js): one editor tab per file, Run runs the open
tab with every tab written next to it, so the XOR seed's `from MLP import MLP` works; edits to a
module are imported again; errors are marked in the right tab; drafts and share links keep all
tabs (old single-file links still open); names that cannot be imported are refused with a
message, in English and Korean."""

import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

SEED = os.path.join(ROOT, "tests", "fixtures", "xor_seed_two_files.txt")
TABS_FORMAT = os.path.join(ROOT, "tests", "web", "tabs_format.mjs")


def node(*args, stdin=None):
    path = shutil.which("node")
    if path is None:
        pytest.skip("node is needed to make share links for this test")
    result = subprocess.run(
        [path, TABS_FORMAT, *args, *(["-"] if stdin is not None else [])],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


def seed_files():
    return node("split", SEED)["files"]


def tab_names(page):
    return page.get_by_role("tab").all_inner_texts()


def selected_tab(page):
    return page.locator("[role=tab][aria-selected=true]").inner_text()


def add_tab(page, name):
    page.get_by_role("button", name="+ New file").click()
    field = page.get_by_label("File name")
    field.fill(name)
    field.press("Enter")


def type_into_editor(playground, code):
    playground.set_code(code)


def wait_for_autosave(page):
    page.wait_for_timeout(800)  # drafts save 400 ms after the last change


def test_the_xor_seed_runs_from_two_tabs_written_as_the_seed_writes_them(playground):
    page = playground.open()
    mlp, xor = seed_files()
    # main.py becomes MLP.py, then a second tab xor_classifier.py, each typed in
    page.get_by_role("button", name="Rename").click()
    page.get_by_label("File name").fill("MLP.py")
    page.get_by_label("File name").press("Enter")
    type_into_editor(playground, mlp["code"])
    add_tab(page, "xor_classifier.py")
    type_into_editor(playground, xor["code"])
    assert tab_names(page) == ["MLP.py", "xor_classifier.py"]
    assert selected_tab(page) == "xor_classifier.py"
    assert "Run runs xor_classifier.py" in page.locator(".tabs-run-note").inner_text()
    playground.screenshot("tabs-xor-seed-en.png")
    playground.run_and_wait()
    text = playground.output_text()
    assert "ModuleNotFoundError" not in text, text[-2000:]
    assert "===== MLP XOR classifier result =====" in text, text[-2000:]
    assert "Epoch 1500/1500" in text
    results = [
        line for line in text.splitlines() if re.match(r"[01] XOR [01] => \d\.\d\d => [01]$", line)
    ]
    assert len(results) == 4, text[-2000:]
    assert page.locator("#tabs-bar").screenshot(
        path=os.path.join(ROOT, "test-artifacts", "tabs-bar-en.png")
    )


def open_session(playground, session, query=""):
    link = node("link", json.dumps(session))
    return playground.open(query + link)


HELPER = {
    "files": [
        {"name": "helper.py", "code": "VALUE = 1\n\ndef twice(x):\n    return x / 0\n"},
        {"name": "main.py", "code": "import helper\nprint('value', helper.VALUE)\n"},
    ],
    "active": 1,
}


def test_editing_a_module_and_running_again_uses_the_new_code(playground):
    page = open_session(playground, HELPER)
    assert tab_names(page) == ["helper.py", "main.py"] and selected_tab(page) == "main.py"
    playground.run_and_wait()
    assert "value 1" in playground.output_text()
    page.get_by_role("tab", name="helper.py").click()
    type_into_editor(playground, "VALUE = 2\n")
    page.get_by_role("tab", name="main.py").click()
    playground.run_and_wait()
    text = playground.output_text()
    assert "value 2" in text and "value 1" not in text, text


def test_an_error_in_another_tab_names_it_and_marks_its_line(playground):
    session = json.loads(json.dumps(HELPER))
    session["files"][1]["code"] = "import helper\n\nhelper.twice(3)\n"
    page = open_session(playground, session)
    playground.run_and_wait()
    text = playground.output_text()
    assert 'File "main.py", line 3, in <module>' in text
    assert 'File "helper.py", line 4, in twice' in text
    assert "/home/pyodide" not in text
    # the run's tab stays open; the other tab carries the mark, shown once it is opened
    assert selected_tab(page) == "main.py"
    marked = page.get_by_role("tab", name="helper.py (error, line 4)")
    page.locator("#tabs-bar").screenshot(
        path=os.path.join(ROOT, "test-artifacts", "tabs-error.png")
    )
    marked.click()
    line = page.locator(".cm-error-line")
    assert line.count() == 1 and "return x / 0" in line.inner_text()


def test_a_share_link_with_two_tabs_round_trips(playground, open_context, server):
    page = open_session(playground, HELPER)
    page.get_by_role("tab", name="helper.py").click()
    page.get_by_role("button", name="Share").click()
    link = page.locator("#share-link").input_value()
    assert "#v=2&n=" in link
    other = open_context(server.origin)
    other_page = other.open(link[link.index("#") :])
    assert tab_names(other_page) == ["helper.py", "main.py"]
    assert selected_tab(other_page) == "helper.py"
    assert "VALUE = 1" in other.editor_text()
    other_page.get_by_role("tab", name="main.py").click()
    assert "import helper" in other.editor_text()


def test_an_old_single_file_link_still_opens(playground):
    fragment = node("old-link", json.dumps("print('from an old link')\n"))
    assert fragment.startswith("#n=")
    page = playground.open(fragment)
    assert tab_names(page) == ["main.py"]
    assert "from an old link" in playground.editor_text()
    playground.run_and_wait()
    assert "from an old link" in playground.output_text()
    # and a link of one main.py is still made in the old form
    page.get_by_role("button", name="Share").click()
    assert "#n=" in page.locator("#share-link").input_value()
    assert "v=2" not in page.locator("#share-link").input_value()


def test_a_hostile_link_is_refused_and_the_editor_keeps_its_program(playground):
    payload = json.dumps({"files": [{"name": "<img src=x onerror=alert(1)>.py", "code": "x"}]})
    page = playground.open(node("v2-payload", payload))
    assert "damaged" in page.get_by_role("alert").filter(has_text="damaged").inner_text()
    assert page.locator("img[src=x]").count() == 0
    assert tab_names(page) == ["main.py"] or len(tab_names(page)) >= 1


def test_drafts_keep_every_tab_across_a_reload(playground):
    page = playground.open()
    type_into_editor(playground, "import MLP\n")
    add_tab(page, "MLP.py")
    type_into_editor(playground, "print('kept')\n")
    wait_for_autosave(page)
    page.reload()
    playground.wait_ready()
    assert tab_names(page) == ["main.py", "MLP.py"]
    assert selected_tab(page) == "MLP.py"
    assert "print('kept')" in playground.editor_text()
    page.get_by_role("tab", name="main.py").click()
    assert "import MLP" in playground.editor_text()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("my model.py", "cannot be imported"),
        ("2layers.py", "cannot be imported"),
        ("MLP", "must end in .py"),
        ("class.py", "Python keyword"),
        ("tensorflow.py", "would hide the module tensorflow"),
        ("main.py", "already a file"),
    ],
)
def test_a_name_that_cannot_be_imported_is_refused_with_a_message(warm, name, words):
    page = warm.page
    before = tab_names(page)
    page.get_by_role("button", name="+ New file").click()
    field = page.get_by_label("File name")
    field.fill(name)
    field.press("Enter")
    problem = page.locator("#tab-name-problem")
    assert words in problem.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert tab_names(page) == before
    field.press("Escape")
    assert page.locator(".tab-name-form").is_hidden()


def test_tabs_are_keyboard_accessible_and_closing_can_be_undone(playground):
    page = open_session(playground, HELPER)
    tablist = page.get_by_role("tablist", name="Files of the program")
    assert tablist.is_visible()
    page.get_by_role("tab", name="main.py").focus()
    page.keyboard.press("ArrowLeft")
    assert selected_tab(page) == "helper.py"
    assert page.evaluate("document.activeElement.textContent") == "helper.py"
    assert "VALUE = 1" in playground.editor_text()
    page.keyboard.press("End")
    assert selected_tab(page) == "main.py"
    page.keyboard.press("Delete")  # closes main.py ...
    assert tab_names(page) == ["helper.py"]
    assert (
        "main.py was closed." in page.get_by_role("status").filter(has_text="closed").inner_text()
    )
    page.locator("#tabs-bar").screenshot(path=os.path.join(ROOT, "test-artifacts", "tabs-undo.png"))
    page.get_by_role("button", name="Undo").click()  # ... and brings it back, text and all
    assert tab_names(page) == ["helper.py", "main.py"] and selected_tab(page) == "main.py"
    assert "import helper" in playground.editor_text()
    page.keyboard.press("F2")
    field = page.get_by_label("File name")
    assert field.input_value() == "main.py"
    field.fill("program.py")
    field.press("Enter")
    assert tab_names(page) == ["helper.py", "program.py"]


def test_the_tab_bar_in_korean(playground):
    page = open_session(playground, HELPER, "?lang=ko")
    assert page.get_by_role("tablist", name="프로그램의 파일").is_visible()
    assert page.get_by_role("button", name="+ 새 파일").is_visible()
    assert page.get_by_role("button", name="이름 바꾸기").is_visible()
    assert page.get_by_role("button", name="파일 닫기").is_visible()
    assert "실행하면 main.py 파일이 실행됩니다" in page.locator(".tabs-run-note").inner_text()
    page.get_by_role("button", name="+ 새 파일").click()
    field = page.get_by_label("파일 이름")
    field.fill("내 모델.py")
    field.press("Enter")
    assert "import할 수 없습니다" in page.locator("#tab-name-problem").inner_text()
    page.locator("#tabs-bar").screenshot(
        path=os.path.join(ROOT, "test-artifacts", "tabs-bar-ko.png")
    )
    field.fill("모델.py")  # Unicode letters make an importable name
    field.press("Enter")
    assert tab_names(page) == ["helper.py", "main.py", "모델.py"]


def test_cells_run_with_shift_enter_in_any_tab(playground):
    session = {
        "files": [
            {"name": "helper.py", "code": "# %%\nVALUE = 20\n# %%\nVALUE + 1\n"},
            {"name": "main.py", "code": "# %%\nimport helper\n# %%\nhelper.VALUE * 2\n"},
        ],
        "active": 1,
    }
    page = open_session(playground, session)
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+Home")
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")  # cell 1 of main.py: import helper (another tab)
    playground.wait_for_run(runs)
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")  # cell 2: its value
    playground.wait_for_run(runs)
    assert "40" in playground.output_text().splitlines()
    # the cells of the other tab run in the same session too
    page.get_by_role("tab", name="helper.py").click()
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")
    playground.wait_for_run(runs)
    text = playground.output_text()
    assert "In [2]  (line 3)" in text and "NameError" in text  # VALUE is helper's, not __main__'s
    page.keyboard.press("ControlOrMeta+Home")
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")
    playground.wait_for_run(runs)
    runs = playground.runs()
    page.keyboard.press("Shift+Enter")
    playground.wait_for_run(runs)
    assert "21" in playground.output_text().splitlines()


def test_open_py_in_the_multi_file_format_makes_tabs_and_download_saves_the_open_tab(
    playground, tmp_path
):
    page = playground.open()
    page.locator("#draft-open").set_input_files(SEED)
    page.wait_for_function("() => document.querySelectorAll('[role=tab]').length === 2")
    assert tab_names(page) == ["MLP.py", "xor_classifier.py"]
    assert selected_tab(page) == "xor_classifier.py"
    page.get_by_role("tab", name="MLP.py").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .py").click()
    assert download.value.suggested_filename == "MLP.py"
    saved = tmp_path / "MLP.py"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == seed_files()[0]["code"]
