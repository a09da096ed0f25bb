"""Errors as a student reads them: their own code (main.py) and the message first.

`error_report(exc)` splits a traceback into the part in the student's code (their frames, in
order, and the full exception message) and the complete traceback with pynn's and numpy's
frames (shown folded by the page), finds the student's line to mark in the editor, and names
a hint (the page words it in the UI language) for the mistakes a browser playground sees
most: input(), pip install, modules the browser does not have, and common Keras slips.
"""

import re
import traceback

FILENAME = "main.py"

# Names a student uses without importing them, and the import that defines them.
IMPORTS = {
    "tf": "import tensorflow as tf",
    "keras": "from tensorflow import keras",
    "np": "import numpy as np",
    "layers": "from tensorflow.keras import layers",
    "plt": "import matplotlib.pyplot as plt",
}


def _from_user_code(exc):
    """The traceback from the user's first frame on (the runner's own frames dropped)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    return tb


def user_traceback(exc):
    """The whole traceback from the user's first frame on, as Python prints it."""
    tb = _from_user_code(exc)
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(traceback.format_exception_only(type(exc), exc))
    return "".join(traceback.format_exception(type(exc), exc, tb))


def error_report(exc):
    """{trace, internal, line, hint, hintArg} for an exception raised by the user's program.

    trace: "Traceback ..." with only the user's frames, then the exception and its message;
    internal: the complete traceback (pynn's frames included), or "" when it adds nothing;
    line: the line in main.py to mark (the innermost user frame), or None.
    """
    only = "".join(traceback.format_exception_only(type(exc), exc))
    tb = _from_user_code(exc)
    if isinstance(exc, SyntaxError) or tb is None:
        line = exc.lineno if isinstance(exc, SyntaxError) and exc.filename == FILENAME else None
        frames, full = [], only
    else:
        frames = traceback.extract_tb(tb)
        full = "".join(traceback.format_exception(type(exc), exc, tb))
        line = None
    user = [frame for frame in frames if frame.filename == FILENAME]
    if user:
        line = user[-1].lineno
        trace = (
            "Traceback (most recent call last):\n"
            + "".join(traceback.StackSummary.from_list(user).format())
            + only
        )
    else:
        trace = only
    internal = full if len(user) < len(frames) or exc.__cause__ or exc.__context__ else ""
    hint, arg = hint_for(exc, frames)
    return {"trace": trace, "internal": internal, "line": line, "hint": hint, "hintArg": arg}


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
