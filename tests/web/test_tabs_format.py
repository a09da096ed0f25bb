"""The editor's several files (web/src/tabs-format.js under Node, and tools/example_files.py):
which names a tab may have, the multi-file text format of examples and opened files, and the
check that a session from storage or a link is well formed."""

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests", "web", "tabs_format.mjs")
SEED = os.path.join(ROOT, "tests", "fixtures", "xor_seed_two_files.txt")
sys.path.insert(0, os.path.join(ROOT, "tools"))

import example_files  # noqa: E402 - tools/ is not a package


@pytest.fixture(scope="module")
def node():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing")
    return node


def check(node, *args, stdin=None):
    if stdin is not None:
        args = (*args, "-")
    result = subprocess.run(
        [node, SCRIPT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_tab_names_must_be_importable_python_files(node):
    names = {
        "Model.py": None,
        "xor_classifier.py": None,
        "MLP.py": "tabs.bad.taken",  # another tab has it
        "모델.py": None,
        "_private.py": None,
        "match.py": None,  # a soft keyword: `import match` works
        "": "tabs.bad.empty",
        "MLP": "tabs.bad.extension",
        "notes.txt": "tabs.bad.extension",
        "my model.py": "tabs.bad.identifier",
        "2layers.py": "tabs.bad.identifier",
        "xor-classifier.py": "tabs.bad.identifier",
        "../evil.py": "tabs.bad.identifier",
        "a/b.py": "tabs.bad.identifier",
        ".py": "tabs.bad.identifier",
        "class.py": "tabs.bad.keyword",
        "import.py": "tabs.bad.keyword",
        "tensorflow.py": "tabs.bad.provided",
        "keras.py": "tabs.bad.provided",
        "numpy.py": "tabs.bad.provided",
        "x" * 70 + ".py": "tabs.bad.long",
    }
    assert check(node, "names", json.dumps(list(names))) == names


def test_the_seed_splits_into_two_files_and_the_last_one_opens(node):
    session = check(node, "split", SEED)
    assert [f["name"] for f in session["files"]] == ["MLP.py", "xor_classifier.py"]
    assert session["active"] == 1
    assert session["files"][0]["code"].startswith("import tensorflow as tf\n\nclass MLP:")
    assert "from MLP import MLP" in session["files"][1]["code"]
    assert "# %% file:" not in session["files"][0]["code"] + session["files"][1]["code"]
    # the Python reading of the format agrees
    with open(SEED, encoding="utf-8") as f:
        files = example_files.split_files(f.read())
    assert files == [(f["name"], f["code"]) for f in session["files"]]


def test_a_text_without_markers_is_one_main_py(node):
    text = "# %%\nprint(1)\n# %% a cell\nprint(2)\n"
    assert check(node, "split-text", json.dumps(text)) == {
        "files": [{"name": "main.py", "code": text}],
        "active": 0,
    }
    assert example_files.split_files(text) == [("main.py", text)]


@pytest.mark.parametrize(
    "text",
    [
        "print('lost')\n# %% file: a.py\nx = 1\n",
        "# %% file: a.py\nx = 1\n# %% file: a.py\ny = 2\n",
        "# %% file: bad name.py\nx = 1\n",
    ],
)
def test_a_text_that_would_lose_code_or_clash_is_refused(node, text):
    assert "error" in check(node, "split-text", json.dumps(text))
    with pytest.raises(ValueError):
        example_files.split_files(text)


def test_sessions_round_trip_through_the_text_with_the_active_file_last(node):
    session = {
        "files": [
            {"name": "main.py", "code": "import helper\n# %%\nhelper.hi()\n"},
            {"name": "helper.py", "code": "def hi():\n    print('hi')\n"},
        ],
        "active": 0,
    }
    out = check(node, "roundtrip", json.dumps(session))
    assert out["back"]["files"] == session["files"][::-1]
    assert out["back"]["active"] == 1
    single = {"files": [{"name": "main.py", "code": "print(1)\n"}], "active": 0}
    assert check(node, "roundtrip", json.dumps(single))["text"] == "print(1)\n"


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        {"files": []},
        {"files": [{"name": "a.py"}]},
        {"files": [{"name": "a.py", "code": 1}]},
        {"files": [{"name": "../x.py", "code": ""}]},
        {"files": [{"name": "<img src=x>.py", "code": ""}]},
        {"files": [{"name": "a.py", "code": ""}, {"name": "a.py", "code": ""}]},
        {"files": [{"name": f"m{i}.py", "code": ""} for i in range(21)]},
    ],
)
def test_hostile_sessions_are_refused(node, value):
    assert check(node, "check-session", json.dumps(value)) is None


def test_a_good_session_is_kept_and_its_active_index_clamped(node):
    value = {"files": [{"name": "a.py", "code": "x", "extra": 1}], "active": 7, "junk": True}
    assert check(node, "check-session", json.dumps(value)) == {
        "files": [{"name": "a.py", "code": "x"}],
        "active": 0,
    }


def test_new_tabs_get_names_not_taken(node):
    assert check(node, "fresh", json.dumps(["main.py"])) == "module.py"
    assert check(node, "fresh", json.dumps(["module.py", "module2.py"])) == "module3.py"


def test_the_seed_runs_from_two_files_on_cpython():
    result = example_files.run(SEED, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "===== MLP XOR classifier result =====" in result.stdout


# --- share links of several tabs (web/src/share.js, version 2) --------------------------------

SEED_SESSION = {
    "files": [
        {"name": "MLP.py", "code": "class MLP:\n    pass\n"},
        {"name": "xor_classifier.py", "code": "from MLP import MLP\nprint(MLP())\n"},
    ],
    "active": 1,
}


def test_a_link_of_two_tabs_is_version_2_and_opens_to_the_same_tabs(node):
    link = check(node, "link", json.dumps(SEED_SESSION))
    assert link.startswith("#v=2&n=") and "&files=" in link
    assert check(node, "decode", link) == {"kind": "files", "session": SEED_SESSION}


def test_one_main_py_is_still_shared_as_an_old_link(node):
    single = {"files": [{"name": "main.py", "code": "print(1)\n"}], "active": 0}
    link = check(node, "link", json.dumps(single))
    assert link == check(node, "old-link", json.dumps("print(1)\n"))
    assert link.startswith("#n=9&code=")
    assert check(node, "decode", link) == {"kind": "code", "code": "print(1)\n"}


def test_random_sessions_round_trip_and_cut_links_never_open_wrong(node):
    for seed in (1, 2):
        assert check(node, "links", str(seed))["failures"] == []


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        "[]",
        '{"files": []}',
        '{"files": [{"name": "<img src=x onerror=alert(1)>.py", "code": ""}]}',
        '{"files": [{"name": "../../etc/passwd.py", "code": ""}]}',
        '{"files": [{"name": "a.py", "code": {"toString": 1}}]}',
        '{"files": [{"name": "a.py", "code": ""}, {"name": "a.py", "code": ""}]}',
        json.dumps({"files": [{"name": f"m{i}.py", "code": ""} for i in range(21)]}),
    ],
)
def test_a_hostile_v2_link_is_refused_as_damaged(node, payload):
    link = check(node, "v2-payload", payload)
    opened = check(node, "decode", link)
    assert opened["kind"] == "error" and "damaged" in opened["message"]


def test_a_v2_link_over_1_mb_of_code_is_refused(node):
    big = {
        "files": [{"name": "a.py", "code": "x" * 600_000}, {"name": "b.py", "code": "y" * 500_000}]
    }
    link = check(node, "v2-payload", stdin=json.dumps(big))
    opened = check(node, "decode", stdin=link)
    assert opened["kind"] == "error" and "too large" in opened["message"]


def test_a_link_from_a_newer_version_asks_for_a_reload(node):
    opened = check(node, "decode", "#v=3&n=5&files=abc")
    assert opened["kind"] == "error" and "newer version" in opened["message"]


def test_a_v2_link_with_a_wrong_length_is_damaged(node):
    link = check(node, "link", json.dumps(SEED_SESSION))
    n = link.split("&n=")[1].split("&")[0]
    wrong = link.replace(f"&n={n}&", f"&n={int(n) - 1}&")
    assert check(node, "decode", wrong)["kind"] == "error"
