"""The editor's tabs in the Python runner (web/src/worker/pynn_runner/tabs.py) on CPython: every
tab is written into the working folder before a run, so the tabs import each other; a fresh
run (and a run after a tab changed) imports them again; tracebacks name the right tab and line.
The page-level versions are in tests/browser/test_tabs.py."""

import json
import os
import sys

import pytest
from test_runner import runner  # noqa: F401 - the runner fixture, reused

MLP = (
    "class MLP:\n    units = 4\n\n    def describe(self):\n        return f'MLP of {self.units}'\n"
)
MAIN = "from MLP import MLP\nprint(MLP().describe())\n"


@pytest.fixture
def folder(runner, tmp_path):  # noqa: F811 - the fixture above
    before = os.getcwd()
    runner.open_working_folder(str(tmp_path))
    yield tmp_path
    os.chdir(before)
    sys.path[:] = [p for p in sys.path if p != str(tmp_path)]
    for name in ("MLP", "helper"):
        sys.modules.pop(name, None)


def run(runner, code, name="main.py", files=None, keep=False, cell=-1):  # noqa: F811
    files = {**(files or {}), name: code}
    return json.loads(runner.run(1, code, keep, cell, name, json.dumps(files)))


def stdout(runner):  # noqa: F811
    text = runner.page.text("stdout")
    runner.page.messages.clear()
    return text


def test_a_tab_imports_another(runner, folder):  # noqa: F811
    result = run(runner, MAIN, "xor_classifier.py", {"MLP.py": MLP})
    assert result["type"] == "result", result
    assert stdout(runner) == "MLP of 4\n"
    assert (folder / "MLP.py").read_text() == MLP
    assert (folder / "xor_classifier.py").read_text() == MAIN
    assert not (folder / "__pycache__").exists()  # no bytecode in the Files panel


def test_the_file_run_is_main_under_its_tab_name(runner, folder):  # noqa: F811
    code = "print(__name__, __file__)\nif __name__ == '__main__':\n    print('entry point')\n"
    assert run(runner, code, "xor_classifier.py")["type"] == "result"
    assert stdout(runner) == "__main__ xor_classifier.py\nentry point\n"


def test_an_edited_tab_is_imported_again_in_a_fresh_run(runner, folder):  # noqa: F811
    run(runner, MAIN, "main.py", {"MLP.py": MLP})
    assert stdout(runner) == "MLP of 4\n"
    # same length, same second: a cached module or a stale .pyc would give the old text
    run(runner, MAIN, "main.py", {"MLP.py": MLP.replace("units = 4", "units = 8")})
    assert stdout(runner) == "MLP of 8\n"


def test_a_fresh_run_reimports_even_an_unchanged_tab(runner, folder):  # noqa: F811
    files = {"helper.py": "print('helper imported')\n"}
    run(runner, "import helper\n", "main.py", files)
    run(runner, "import helper\n", "main.py", files)
    assert stdout(runner) == "helper imported\nhelper imported\n"


def test_the_living_session_reimports_a_tab_only_when_it_changed(runner, folder):  # noqa: F811
    code = "# %%\nimport helper\n# %%\nprint(helper.VALUE)\n"
    run(runner, code, "main.py", {"helper.py": "VALUE = 1\n"})
    assert stdout(runner).endswith("1\n")
    run(runner, code, "main.py", {"helper.py": "VALUE = 1\n"}, keep=True, cell=1)
    assert stdout(runner) == "1\n"
    # changed: the next import in the session reads the new text
    run(runner, code, "main.py", {"helper.py": "VALUE = 2\n"}, keep=True, cell=0)
    run(runner, code, "main.py", {"helper.py": "VALUE = 2\n"}, keep=True, cell=1)
    assert stdout(runner) == "2\n"


def test_a_traceback_names_the_tab_and_line_of_the_error(runner, folder):  # noqa: F811
    mlp = "def build():\n    x = 1\n    return x / 0\n"
    result = run(runner, "import MLP\n\nMLP.build()\n", "xor_classifier.py", {"MLP.py": mlp})
    assert result["kind"] == "ZeroDivisionError"
    assert result["file"] == "MLP.py" and result["line"] == 3
    trace = result["trace"]
    assert 'File "xor_classifier.py", line 3, in <module>' in trace
    assert 'File "MLP.py", line 3, in build' in trace and "return x / 0" in trace
    assert str(folder) not in trace


def test_a_syntax_error_in_another_tab_is_marked_there(runner, folder):  # noqa: F811
    result = run(runner, "import MLP\n", "main.py", {"MLP.py": "x = 1\nif True print(2)\n"})
    assert result["kind"] == "SyntaxError"
    assert result["file"] == "MLP.py" and result["line"] == 2
    assert 'File "MLP.py", line 2' in result["trace"]


def test_an_error_in_the_tab_run_is_marked_in_it(runner, folder):  # noqa: F811
    result = run(runner, "x = 1\ny = x / 0\n", "xor_classifier.py", {"MLP.py": MLP})
    assert result["file"] == "xor_classifier.py" and result["line"] == 2


def test_a_program_overwriting_a_tab_is_told_and_the_tab_wins(runner, folder):  # noqa: F811
    code = "open('MLP.py', 'w').write('# replaced\\n')\n"
    run(runner, code, "main.py", {"MLP.py": MLP})
    assert "changed or deleted the file MLP.py" in runner.page.text("stderr")
    assert (folder / "MLP.py").read_text() == "# replaced\n"
    changed, _ = runner.files.changes()
    assert [name for name, _, _ in changed] == ["MLP.py"]  # the Files panel gets its version
    runner.page.messages.clear()
    run(runner, MAIN, "main.py", {"MLP.py": MLP})
    assert stdout(runner) == "MLP of 4\n" and runner.page.text("stderr") == ""
    assert (folder / "MLP.py").read_text() == MLP


@pytest.mark.parametrize("name", ["my model.py", "../x.py", "class.py", "notes.txt", "a/b.py"])
def test_a_tab_name_that_is_not_a_module_is_refused(runner, folder, name):  # noqa: F811
    result = json.loads(runner.run(1, "print(1)\n", False, -1, "main.py", json.dumps({name: ""})))
    assert result["type"] == "error" and result["kind"] == "TabNameError"
    assert not list(folder.iterdir())


def test_a_closed_or_renamed_tab_is_no_longer_importable(runner, folder):  # noqa: F811
    run(runner, MAIN, "main.py", {"MLP.py": MLP})
    assert stdout(runner) == "MLP of 4\n"
    result = run(runner, MAIN, "main.py", {"mlp.py": MLP})  # renamed: MLP.py -> mlp.py
    assert result["kind"] == "ModuleNotFoundError", result
    assert not (folder / "MLP.py").exists() and (folder / "mlp.py").exists()
    assert runner.files.changes() == ([], [])  # the tabs' files are not news for the Files panel
