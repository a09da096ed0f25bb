"""The program's sys.stdout / sys.stderr in the page, batched so that output cannot flood it.

Both streams write into one `Output` buffer (their order is kept). Sparse output goes to the
page at once; once a program writes more than `WRITES_AT_ONCE` times within `SEND_INTERVAL`
(about one animation frame), the rest of that interval is collected and sent as one message
with the first write after it, or sooner: before every training event, at `flush()` calls
within the budget, at the end of the run, and whenever `MAX_PENDING_WRITES` are waiting.
Progress lines redrawn with "\\r" are collapsed to what a terminal would show before they are
sent. So `while True: print(i)` costs the page about 60 messages a second instead of one per
write. (Text written during a burst right before a long silent computation shows up at the
next write, training event or the end of the run: Python cannot be woken by a timer here.)
"""

import io
import time

SEND_INTERVAL = 1 / 60  # seconds: one batch per animation frame at most, once batching starts
WRITES_AT_ONCE = 8  # writes per interval sent immediately (sparse output is never delayed)
CHECK_EVERY = 32  # while batching, the clock is read every this many writes
MAX_PENDING_WRITES = 20_000  # writes collected before they are sent regardless


def collapse_redraws(text):
    """`text` with the progress-bar redraws nobody would see removed.

    A line that is rewritten after "\\r" keeps only the writes that still show: every part
    after a "\\r" that a later, at least as long part covers completely is dropped. Parts
    before the first "\\r" (which continue a line already on the page) and lines with "\\b"
    are left alone, so the page renders exactly what it would have rendered.
    """
    if "\r" not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "\r" not in line or "\b" in line:
            continue
        first, *redraws = line.split("\r")
        last = redraws[-1]
        kept = [part for part in redraws[:-1] if len(part) > len(last)]
        # Of the kept (longer) parts, one covered by a later, at least as long one is hidden.
        visible = []
        for part in reversed(kept):
            if not any(len(later) >= len(part) for later in visible):
                visible.append(part)
        lines[index] = "\r".join([first, *reversed(visible), last])
    return "\n".join(lines)


class Output:
    """The page's console as seen from Python: `write(kind, text)` and `flush()`.

    Kept cheap per write (a print is two writes): the streams append to `texts` and count
    `countdown` down; only when it reaches zero does `due()` read the clock and decide.
    """

    def __init__(self, emit_text, clock=time.perf_counter):
        self._emit_text = emit_text
        self._clock = clock
        self.kind = None  # the stream of `texts`
        self.texts = []  # not yet sent, all of stream `kind`
        self._earlier = []  # (kind, texts) not yet sent, of earlier streams
        self.countdown = 1
        self._budget = WRITES_AT_ONCE
        self._window_start = float("-inf")

    def write(self, kind, text):
        if kind != self.kind:
            self.switch(kind)
        self.texts.append(text)
        self.countdown -= 1
        if self.countdown <= 0:
            self.due()

    def switch(self, kind):
        if self.texts:
            self._earlier.append((self.kind, self.texts))
            self.texts = []
        self.kind = kind

    def due(self):
        """Send now if the program is not flooding the page (or too much is waiting)."""
        now = self._clock()
        if now - self._window_start >= SEND_INTERVAL:
            self._window_start = now
            self._budget = WRITES_AT_ONCE
        if self._budget > 0:
            self._budget -= 1
            self.flush()
        elif len(self.texts) >= MAX_PENDING_WRITES:
            self.flush()
        self.countdown = 1 if self._budget > 0 else CHECK_EVERY

    def request_flush(self):
        """A program's own flush(): honoured unless the program is flooding the page."""
        if self.texts or self._earlier:
            self.due()

    def flush(self):
        """Send everything written so far (before events, and at the end of a run)."""
        chunks = self._earlier
        if self.texts:
            chunks.append((self.kind, self.texts))
        if not chunks:
            return
        self._earlier = []
        self.texts = []
        for kind, texts in chunks:
            text = collapse_redraws("".join(texts))
            if text:
                self._emit_text(kind, text)


class OutputStream(io.TextIOBase):
    """sys.stdout / sys.stderr: text for one stream of the shared `Output`."""

    def __init__(self, output, kind):
        super().__init__()
        self._output = output
        self._kind = kind

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        # The page's console understands "\r" and "\b": progress bars redraw in place.
        return True

    def write(self, text):
        # Output.write inlined: this runs twice per print().
        if text.__class__ is not str and not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            output = self._output
            if output.kind != self._kind:
                output.switch(self._kind)
            output.texts.append(text)
            output.countdown -= 1
            if output.countdown <= 0:
                output.due()
        return len(text)

    def flush(self):
        self._output.request_flush()
