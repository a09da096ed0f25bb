"""The editor's tabs as files of the working folder, so a program can import the others.

Before each run the page sends every tab ({name: code}); they are written into the working
folder (the program's current directory, first on sys.path), so `from MLP import MLP` in
`xor_classifier.py` imports the tab `MLP.py`, as `python xor_classifier.py` would next to it.
The tab wins: a file of that name is written again before every run.

Imports are cached in `sys.modules`, and a module imported by an earlier run would survive a
"fresh" run with its old code. So a fresh run forgets every module loaded from the working
folder; a run in the living session (Shift+Enter) forgets them when a tab's text changed. No
bytecode is written (`__pycache__` would show up in the Files panel, and a `.pyc` written in
the same second as an edit could be taken for the new text).

Names come from the page, which checks them (web/src/tabs-format.js); they are checked again
here by the same rule: an importable module name ending in `.py`.
"""

import importlib
import json
import keyword
import linecache
import os
import sys

from .files import checked_name


class TabNameError(ValueError):
    pass


def module_file_name(name):
    """`name` if it is an importable module file (`MLP.py`), else TabNameError."""
    stem = name[:-3] if isinstance(name, str) and name.endswith(".py") else ""
    if not stem.isidentifier() or keyword.iskeyword(stem):
        raise TabNameError(f"A tab's name must be a Python module name ending in .py: {name!r}")
    return checked_name(name)


def parse(files_json):
    """The page's {name: code} JSON -> {name: code}, every name checked."""
    files = json.loads(files_json or "{}")
    if not isinstance(files, dict):
        raise TabNameError("The tabs must come as {name: code}.")
    return {module_file_name(name): str(code) for name, code in files.items()}


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


def write(folder, files):
    """Writes the tabs whose file differs from their text; returns True if any did."""
    changed = False
    for name, code in files.items():
        path = os.path.join(folder.root, name)
        if _read(path) != code:
            folder.put(name, code.encode("utf-8"))
            changed = True
    return changed


def overwritten(folder, files):
    """The tabs whose file the program changed or removed (the tab keeps its text)."""
    return [name for name, code in files.items() if _read(os.path.join(folder.root, name)) != code]


def _loaded_from(module, root):
    path = getattr(module, "__file__", None)
    if not isinstance(path, str):
        return False
    return os.path.abspath(path).startswith(root + os.sep)


def forget_modules(root):
    """Drops every module loaded from `root` from sys.modules, so the next import reads the
    file again; returns their names."""
    names = [name for name, module in list(sys.modules.items()) if _loaded_from(module, root)]
    for name in names:
        del sys.modules[name]
    importlib.invalidate_caches()
    linecache.clearcache()
    return names


def prepare(root):
    """Once: the working folder first on sys.path (as a script's folder is), no bytecode."""
    sys.dont_write_bytecode = True
    if root not in sys.path:
        sys.path.insert(0, root)
