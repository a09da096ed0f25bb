"""Tracebacks as the student sees them: from their own code (main.py) on."""

import traceback

FILENAME = "main.py"


def user_traceback(exc):
    """The traceback from the user's first frame on (the runner's own frames dropped)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(traceback.format_exception_only(type(exc), exc))
    return "".join(traceback.format_exception(type(exc), exc, tb))
