"""The runner's working folder (web/src/worker/pynn_runner/files.py) on CPython."""

import importlib
import os
import sys

import pytest

WORKER_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "web",
    "src",
    "worker",
)


@pytest.fixture
def files():
    sys.path.insert(0, WORKER_DIR)
    try:
        return importlib.import_module("pynn_runner.files")
    finally:
        sys.path.remove(WORKER_DIR)


@pytest.fixture
def folder(files, tmp_path):
    before = os.getcwd()
    (tmp_path / "already.txt").write_text("old")
    yield files.WorkingFolder(str(tmp_path))
    os.chdir(before)


def test_changes_report_new_changed_and_removed_files(folder, tmp_path):
    assert os.getcwd() == str(tmp_path)
    assert folder.changes() == ([], [])  # what was there before is not news
    with open("m.h5", "wb") as f:
        f.write(b"x" * 10)
    os.makedirs("training_1")
    with open("training_1/cp.ckpt.index", "w") as f:
        f.write("{}")
    changed, removed = folder.changes()
    assert [(n, s) for n, s, _ in changed] == [("m.h5", 10), ("training_1/cp.ckpt.index", 2)]
    assert changed[0][2] == str(tmp_path / "m.h5") and removed == []
    os.remove("m.h5")
    assert folder.changes() == ([], ["m.h5"])


def test_put_and_delete_do_not_echo_back(folder, tmp_path):
    folder.put("data.csv", b"a,b\n1,2\n")
    assert (tmp_path / "data.csv").read_bytes() == b"a,b\n1,2\n"
    assert folder.changes() == ([], [])
    folder.delete("data.csv")
    assert not (tmp_path / "data.csv").exists()
    assert folder.changes() == ([], [])


@pytest.mark.parametrize(
    "name",
    ["../escape.txt", "/etc/passwd", "a/../../b", "", ".", "bad\x00name", "line\nbreak", "x" * 300],
)
def test_hostile_names_are_refused(folder, files, name):
    with pytest.raises(files.FileNameError):
        folder.put(name, b"")


def test_a_flood_of_files_is_capped(folder, files, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILES", 5)
    monkeypatch.setattr(files, "MAX_RUN_BYTES", 25)
    for i in range(8):
        with open(f"f{i}.txt", "w") as f:
            f.write("x" * 10)
    changed, _ = folder.changes()
    assert [n for n, _, _ in changed] == [
        "f0.txt",
        "f1.txt",
        "f2.txt",
        "f3.txt",
    ]  # 5 with already.txt
    assert [p is not None for _, _, p in changed] == [True, True, False, False]  # 25 bytes in all
