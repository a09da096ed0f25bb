"""Errors as a student reads them: their own code (main.py, the other tabs) and the message first.

`error_report(exc)` splits a traceback into the part in the student's code (their frames, in
order, and the full exception message) and the complete traceback with pynn's and numpy's
frames (shown folded by the page), finds the student's line to mark in the editor, and names
a hint (the page words it in the UI language) for the mistakes a browser playground sees
most: input(), pip install, modules the browser does not have, and common Keras slips.
"""

import os
import re
import traceback

from .files import WORKDIR

FILENAME = "main.py"


class UserCode:
    """Which frames are the student's: the file Run runs (compiled under its tab name) and any
    module loaded from the working folder (the other tabs), shown by their names there."""

    def __init__(self, main=FILENAME, folder=WORKDIR):
        self.main = main
        self.prefix = folder.rstrip(os.sep) + os.sep

    def __contains__(self, filename):
        return filename == self.main or (
            isinstance(filename, str) and filename.startswith(self.prefix)
        )

    def short(self, filename):
        """A frame's file as the student knows it: `MLP.py`, not `/home/pyodide/MLP.py`."""
        if isinstance(filename, str) and filename.startswith(self.prefix):
            return filename[len(self.prefix) :]
        return filename

    def shorten(self, text):
        """Formatted traceback text with the working folder's paths shortened."""
        return text.replace(f'File "{self.prefix}', 'File "')


# Names a student uses without importing them, and the import that defines them.
IMPORTS = {
    "tf": "import tensorflow as tf",
    "keras": "from tensorflow import keras",
    "np": "import numpy as np",
    "layers": "from tensorflow.keras import layers",
    "plt": "import matplotlib.pyplot as plt",
}


def _from_user_code(exc, code):
    """The traceback from the user's first frame on (the runner's own frames dropped)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in code:
        tb = tb.tb_next
    return tb


def user_traceback(exc, code=None):
    """The whole traceback from the user's first frame on, as Python prints it."""
    code = code or UserCode()
    tb = _from_user_code(exc, code)
    if isinstance(exc, SyntaxError) or tb is None:
        return code.shorten("".join(traceback.format_exception_only(type(exc), exc)))
    return code.shorten("".join(traceback.format_exception(type(exc), exc, tb)))


def error_report(exc, code=None):
    """{trace, internal, line, file, hint, hintArg} for an exception raised by the user's program.

    trace: "Traceback ..." with only the user's frames, then the exception and its message;
    internal: the complete traceback (pynn's frames included), or "" when it adds nothing;
    line, file: the line to mark and the tab it is in (the innermost user frame), or None.
    `code` (UserCode) says which files are the user's (default: main.py only).
    """
    code = code or UserCode()
    only = code.shorten("".join(traceback.format_exception_only(type(exc), exc)))
    tb = _from_user_code(exc, code)
    line = file = None
    if isinstance(exc, SyntaxError) or tb is None:
        if isinstance(exc, SyntaxError) and exc.filename in code:
            line, file = exc.lineno, code.short(exc.filename)
        frames, full = [], only
    else:
        frames = traceback.extract_tb(tb)
        full = code.shorten("".join(traceback.format_exception(type(exc), exc, tb)))
    user = [frame for frame in frames if frame.filename in code]
    if user:
        line, file = user[-1].lineno, code.short(user[-1].filename)
        trace = (
            "Traceback (most recent call last):\n"
            + code.shorten("".join(traceback.StackSummary.from_list(user).format()))
            + only
        )
    else:
        trace = only
    internal = full if len(user) < len(frames) or exc.__cause__ or exc.__context__ else ""
    hint, arg = hint_for(exc, frames)
    return {
        "trace": trace,
        "internal": internal,
        "line": line,
        "file": file,
        "hint": hint,
        "hintArg": arg,
    }


def hint_for(exc, frames=()):
    """(hint name, argument) for the page's hint text (strings 'hint.<name>'), or (None, None)."""
    message = str(exc)
    if isinstance(exc, EOFError) and message == "EOF when reading a line":
        return "input", None
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        root = exc.name.split(".")[0]
        if root in ("tensorflow", "keras", "pynn"):
            return "notInPynn", exc.name
        return "moduleMissing", exc.name
    if "pip install" in message:
        return "pip", None
    if isinstance(exc, SyntaxError):
        text = (exc.text or "").strip()
        if text.startswith(("!", "%")) or re.match(r"pip3?\s+install\b", text):
            return "notebook", None
        return None, None
    if isinstance(exc, NameError) and getattr(exc, "name", None) in IMPORTS:
        return "import", IMPORTS[exc.name]
    if "You must compile your model" in message:
        return "compile", None
    if "has not yet been built" in message:
        return "build", None
    if "logits and labels" in message or "label value of" in message:
        return "labels", None
    if re.search(r"Shapes \(.*\) and \(.*\) are incompatible", message):
        return "labels", None
    if "is incompatible with the layer" in message or (
        "shape" in message.lower() and isinstance(exc, ValueError)
    ):
        return "shape", None
    return None, None
