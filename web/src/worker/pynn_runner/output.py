"""The program's sys.stdout / sys.stderr in the page."""

import io


class OutputStream(io.TextIOBase):
    """sys.stdout / sys.stderr that forwards every write to the page at once."""

    def __init__(self, emit_text, kind):
        super().__init__()
        self._emit_text = emit_text
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
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._emit_text(self._kind, text)
        return len(text)
