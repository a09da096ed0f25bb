"""Which step recording is active, and the two calls the core makes into it.

The hot paths (every primitive call, every Tensor read into Python) check `active`; a
`Tracer` (pynn/core/tracing.py, which records and replays the steps) puts itself there while
it records. `peek` reports a read of a tensor's value into Python, `fail` a step that cannot
be replayed. A leaf module: `tensor.py` and `autodiff.py` import it, and `tracing.py`, which
builds on Tensors and the tape, imports them.
"""

import os
import sys
from typing import Any

__all__ = ["active", "fail", "peek"]

#: the Tracer recording now (a list of at most one, checked on the primitives' hot path)
active: list[Any] = []


def fail(reason):
    """Mark the step being recorded (if any) as not replayable."""
    if active:
        tracer = active[0]
        if tracer.failed is None:
            tracer.failed = reason


_PYNN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _user_frame():
    """' (at file:line)' of the innermost caller outside pynn, for the reasons we give."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if not os.path.abspath(name).startswith(_PYNN_DIR) and not name.startswith("<frozen"):
            return f" (at {os.path.basename(name)}:{frame.f_lineno})"
        frame = frame.f_back
    return ""


def peek(tensor, what):
    """Python is about to read `tensor`'s value (`bool(t)`, `float(t)`, `t.numpy()`, a numpy
    computation outside the primitives...). During a recording, a read of a value that can
    change from step to step (it comes from the batch, a variable or random numbers) could
    steer the Python that runs, and a replay would not notice: the step is marked eager.
    A read of a value made only from constants cannot change the program and is allowed."""
    if active:
        tracer = active[0]
        if tracer.failed is None and tracer.is_dynamic(tensor):
            tracer.failed_by_read = True
            tracer.failed = (
                f"{what} read the value of a tensor into Python while the step "
                f"was being recorded{_user_frame()}; Python that depends on "
                "tensor values cannot be replayed"
            )
