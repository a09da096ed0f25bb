"""The playground's Python side: runs the editor's code inside Pyodide.

The worker imports this package (installed into site-packages by web/snapshot.mjs) once,
then calls `Runner(emit_json, emit_text, names)`: `emit_text(kind, text)` sends stdout/stderr
(batched by output.py), `emit_json(json)` sends one protocol message (names =
web/src/protocol.js's MSG). `Runner.run(code)` executes a program as `main.py` (or as the tab
it is in, with the other tabs written next to it: tabs.py) and returns the final message
(result or error) as JSON.
"""

import builtins
import io
import json
import linecache
import math
import sys
import time
import traceback
import types

from . import digitpad, figures, h5, session, tabs
from .files import WORKDIR, FileNameError, WorkingFolder
from .output import Output, OutputStream
from .tracebacks import FILENAME, UserCode, error_report

BATCH_EVENT_INTERVAL = 1 / 30  # seconds between two batch_end events (the chart's frame rate)


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _plain_logs(logs):
    if not logs:
        return {}
    plain = {}
    for key in list(logs):
        number = _number(logs[key])
        if number is not None:
            plain[str(key)] = number
    return plain


class Runner:
    def __init__(self, emit_json, emit_text, names):
        self._emit_json = emit_json
        self._names = dict(names)
        self.output = Output(emit_text)
        self.stdout = OutputStream(self.output, self._names["stdout"])
        self.stderr = OutputStream(self.output, self._names["stderr"])
        sys.stdout, sys.stderr = self.stdout, self.stderr
        sys.stdin = io.StringIO("")  # input() raises EOFError: there is no keyboard here
        self._keras = None
        self._import_problem = None
        self._run_id = None
        self._session_main = None
        self.files = None  # the working folder, once open_working_folder() was called
        self._tab_files = set()  # the tabs written by the last run
        figures.attach(self._send_figure)
        digitpad.attach(lambda: self.emit("digitPadOpen", id=self._run_id))

    def emit(self, message_type, **fields):
        self.output.flush()  # what was printed before an event shows before it
        fields["type"] = self._names[message_type]
        self._emit_json(json.dumps(fields))

    def open_working_folder(self, root=None):
        """Programs run in the working folder from now on (the worker calls this once)."""
        self.files = WorkingFolder() if root is None else WorkingFolder(root)
        tabs.prepare(self.files.root)

    def file_changes(self):
        """JSON {changed: [{name, size, path}], removed: [name]} since the last call."""
        changed, removed = self.files.changes()
        return json.dumps(
            {
                "changed": [{"name": n, "size": s, "path": p} for n, s, p in changed],
                "removed": removed,
            }
        )

    def put_file(self, name, data):
        """Put an uploaded (or restored) file into the working folder; '' or why not."""
        try:
            self.files.put(name, bytes(data.to_py()) if hasattr(data, "to_py") else bytes(data))
        except (FileNameError, OSError) as e:
            return str(e)
        return ""

    def delete_file(self, name):
        try:
            self.files.delete(name)
        except (FileNameError, OSError) as e:
            return str(e)
        return ""

    def use_h5wasm(self, js_codec):
        """HDF5 files are read and written by h5wasm from now on (the worker loaded it)."""
        h5.attach(js_codec)

    def warm_up(self):
        """Import pynn, activate the tensorflow/keras shim, subscribe to training events.

        If pynn cannot be imported, plain Python and numpy still run; every run then
        starts by printing why `import tensorflow` will fail.
        """
        try:
            import pynn.shim  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)
            from pynn import keras  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)
            from pynn.keras import callbacks  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)

            pynn.shim.install()
            h5.install()
            callbacks.add_default_callback(self._event_callback_class())
            self._keras = keras
        except Exception:  # noqa: BLE001 - reported to the user at every run
            self._import_problem = traceback.format_exc()

    def _event_callback_class(self):
        from pynn.keras.callbacks import Callback  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)

        runner = self

        class PlaygroundEvents(Callback):
            """Streams fit's progress to the page's charts as structured messages."""

            # Batch logs arrive lazily: metric values are computed only for sent events.
            _accepts_lazy_logs = True

            def on_train_begin(self, logs=None):
                self._epoch = 0
                self._step = 0
                self._last_sent = 0.0
                params = dict(self.params or {})
                runner.emit(
                    "trainBegin",
                    params={
                        "model": getattr(self.model, "name", None),
                        "epochs": params.get("epochs"),
                        "steps": params.get("steps"),
                        "verbose": params.get("verbose"),
                    },
                )

            def on_epoch_begin(self, epoch, logs=None):
                self._epoch = epoch

            def on_train_batch_end(self, batch, logs=None):
                self._step += 1
                now = time.perf_counter()
                if now - self._last_sent < BATCH_EVENT_INTERVAL:
                    return
                self._last_sent = now
                runner.emit(
                    "batchEnd",
                    epoch=self._epoch,
                    batch=batch,
                    step=self._step,
                    logs=_plain_logs(logs),
                )

            def on_epoch_end(self, epoch, logs=None):
                runner.emit("epochEnd", epoch=epoch, step=self._step, logs=_plain_logs(logs))

            def on_train_end(self, logs=None):
                runner.emit("trainEnd", logs=_plain_logs(logs))

        return PlaygroundEvents

    def _send_figure(self, key, svg, description):
        self.emit("figure", id=self._run_id, key=key, svg=svg, description=description)

    def _fresh_session(self):
        # Each Run is a new program: layer names start again at `dense`, as in a new process.
        if self._keras is not None:
            self._keras.backend.clear_session()
        figures.fresh_session()

    def _write_tabs(self, name, files_json, fresh):
        """The editor's tabs into the working folder; modules of earlier runs forgotten when
        the run is fresh or a tab changed. -> {name: code} of the tabs."""
        tabs.module_file_name(name)
        files = tabs.parse(files_json)
        if self.files is None:  # no working folder (the runner's tests on CPython)
            return {}
        changed = tabs.write(self.files, files)
        # a tab closed or renamed since the last run: its file goes (`import MLP` must fail
        # once MLP.py is no tab any more, as it would on a disk without that file)
        for gone in self._tab_files - set(files):
            self.files.delete(gone)
            changed = True
        self._tab_files = set(files)
        if fresh or changed:
            tabs.forget_modules(self.files.root)
        return files

    def run(self, run_id, code, keep=False, cell=-1, name=FILENAME, files_json="{}"):
        """Execute `code` as `name` (main.py, or the tab it is in); return the result or error
        message as JSON.

        keep: run in the living session (variables and models of earlier runs), else in a
        fresh one. Code with `# %%` lines runs cell by cell (each cell's last expression
        shows its value); cell >= 0 runs only that cell (0-based). files_json: every tab of
        the editor as {name: code}, written into the working folder first (tabs.py)."""
        started = time.perf_counter()
        sys.stdout, sys.stderr = self.stdout, self.stderr
        if self._import_problem:
            self.stderr.write(
                "pynn could not be imported, so tensorflow/keras are unavailable:\n"
                + self._import_problem
            )
        fresh = not keep or self._session_main is None
        try:
            files = self._write_tabs(name, files_json, fresh)
        except (ValueError, OSError) as exc:
            return self._message(
                "error", id=run_id, kind=type(exc).__name__, message=str(exc), restart=False
            )
        if fresh:
            self._fresh_session()
            self._session_main = types.ModuleType("__main__")
            self._session_main.__builtins__ = builtins
        self._session_main.__file__ = name
        linecache.cache[name] = (len(code), None, code.splitlines(True), name)
        user_code = UserCode(name, self.files.root if self.files else WORKDIR)
        main = self._session_main
        previous_main = sys.modules.get("__main__")
        sys.modules["__main__"] = main
        self._run_id = run_id
        with_cells = session.has_cells(code)
        cells = session.split_cells(code) if with_cells else [(0, code)]
        chosen = list(enumerate(cells)) if cell < 0 else [(cell, cells[min(cell, len(cells) - 1)])]
        try:
            for index, (first_line, source) in chosen:
                if with_cells:
                    self.emit("cellBegin", id=run_id, cell=index + 1, line=first_line + 1)
                session.run_cell(source, first_line, main.__dict__, name, with_cells)
                figures.flush()
        except SystemExit as exc:
            if exc.code not in (None, 0):
                self.stderr.write(f"SystemExit: {exc.code}\n")
        except KeyboardInterrupt:
            return self._message(
                "error", id=run_id, kind="KeyboardInterrupt", message="Stopped.", restart=False
            )
        except MemoryError as exc:
            return self._message(
                "error",
                id=run_id,
                kind="MemoryError",
                message="Python ran out of memory.",
                restart=True,
                **error_report(exc, user_code),
            )
        except BaseException as exc:  # noqa: BLE001 - every user error is reported, not raised
            # The page shows the report (the user's frames and message first, pynn's folded).
            return self._message(
                "error",
                id=run_id,
                kind=type(exc).__name__,
                message=str(exc).split("\n", 1)[0][:300],
                restart=False,
                **error_report(exc, user_code),
            )
        finally:
            sys.modules["__main__"] = previous_main
            sys.stdout, sys.stderr = self.stdout, self.stderr
            self._note_overwritten_tabs(files)
            try:
                self.output.flush()
            except KeyboardInterrupt:  # Stop pressed just as the run ended: the run still ends
                pass
        return self._message("result", id=run_id, seconds=round(time.perf_counter() - started, 3))

    def _note_overwritten_tabs(self, files):
        for tab in tabs.overwritten(self.files, files) if files else ():
            self.stderr.write(
                f"Note: the program changed or deleted the file {tab}, which is also an editor"
                " tab. The tab keeps your text and writes it to the file again at the next run"
                " (what the program wrote is in the Files panel).\n"
            )

    def predict_digit(self, pixels):
        """The digit pad's drawing through a model of the session -> a digit_result message."""
        namespace = self._session_main.__dict__ if self._session_main is not None else {}
        try:
            name, probabilities = digitpad.predict(namespace, pixels)
        except Exception as exc:  # noqa: BLE001 - shown next to the pad
            return self._message(
                "digitResult", probabilities={}, model="", error=f"{type(exc).__name__}: {exc}"
            )
        return self._message(
            "digitResult",
            model=name,
            probabilities={str(i): p for i, p in enumerate(probabilities)},
        )

    def _message(self, message_type, **fields):
        fields["type"] = self._names[message_type]
        return json.dumps(fields)
