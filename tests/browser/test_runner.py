"""The playground's Python runner (the package web/src/worker/pynn_runner/) on CPython, without a browser:
the messages it sends for output, errors and training are those the page expects."""

import ast
import contextlib
import importlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import pynn.shim
from pynn.keras import callbacks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKER_DIR = os.path.join(ROOT, "web", "src", "worker")  # holds the package pynn_runner/
PROTOCOL = os.path.join(ROOT, "web", "src", "protocol.js")


def protocol_names():
    """MSG from web/src/protocol.js, as the worker passes it to the runner."""
    with open(PROTOCOL, encoding="utf-8") as f:
        block = f.read().split("export const MSG = Object.freeze({", 1)[1].split("});", 1)[0]
    return dict(re.findall(r"^\s*(\w+): '([\w]+)',", block, flags=re.MULTILINE))


class Page:
    """Collects what the runner sends, as the page would receive it."""

    def __init__(self):
        self.messages = []

    def emit_json(self, text):
        self.messages.append(json.loads(text))

    def emit_text(self, kind, text):
        self.messages.append({"type": kind, "text": text})

    def text(self, kind):
        return "".join(m["text"] for m in self.messages if m["type"] == kind)

    def of_type(self, kind):
        return [m for m in self.messages if m["type"] == kind]


@pytest.fixture
def runner():
    # The runner installs the shim and a default callback for the whole process, as it does in
    # the worker; put both back afterwards so the rest of the test session is unaffected.
    shim_was_installed = pynn.shim.is_installed()
    factories = list(callbacks._default_callback_factories)
    sys.path.insert(0, WORKER_DIR)
    try:
        pynn_runner = importlib.import_module("pynn_runner")
    finally:
        sys.path.remove(WORKER_DIR)
    saved = sys.stdout, sys.stderr, sys.stdin
    page = Page()
    runner = pynn_runner.Runner(page.emit_json, page.emit_text, protocol_names())
    runner.page = page
    try:
        yield runner
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
        callbacks._default_callback_factories[:] = factories
        if not shim_was_installed:
            pynn.shim.uninstall()


def run(runner, code):
    return json.loads(runner.run(1, code))


def message_keys_in_runner_source():
    """Every MSG key the runner package names where it sends: `emit("key", ...)`,
    `_message("key", ...)` and `_names["key"]`. A send whose key is not a literal fails."""
    keys = set()
    package = os.path.join(WORKER_DIR, "pynn_runner")
    for name in sorted(os.listdir(package)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(package, name), encoding="utf-8") as f:
            tree = ast.parse(f.read(), name)
        # emit() and _message() look their argument up: their callers are checked instead.
        senders = {
            id(sub)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef) and fn.name in ("emit", "_message")
            for sub in ast.walk(fn)
        }
        for node in ast.walk(tree):
            if id(node) in senders and isinstance(node, ast.Subscript):
                continue
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and (node.func.attr in ("emit", "_message"))
            ):
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{name}:{node.lineno}: a message key the test cannot read"
                )
                keys.add(first.value)
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "_names"
            ):
                assert isinstance(node.slice, ast.Constant), f"{name}:{node.lineno}"
                keys.add(node.slice.value)
    return keys


class RecordingNames(dict):
    """MSG as the worker passes it, remembering which keys the runner looked up."""

    def __init__(self, names):
        super().__init__(names)
        self.used = set()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)

    def copy(self):
        return self


@contextlib.contextmanager
def playground_matplotlib():
    """The playground's matplotlib (web/src/worker/matplotlib/) importable for a while, with
    the real one (if loaded) put back afterwards."""
    saved = {
        k: v for k, v in sys.modules.items() if k == "matplotlib" or k.startswith("matplotlib.")
    }
    for k in saved:
        del sys.modules[k]
    sys.path.insert(0, WORKER_DIR)
    try:
        yield
    finally:
        sys.path.remove(WORKER_DIR)
        for k in [k for k in sys.modules if k == "matplotlib" or k.startswith("matplotlib.")]:
            del sys.modules[k]
        sys.modules.update(saved)


def check_with_protocol_js(messages):
    """protocol.js's own checkMessage(message, 'worker') on each message, in Node: the copies
    the page would keep (null: dropped)."""
    node = shutil.which("node")
    assert node, "node is needed to read web/src/protocol.js"
    script = (
        f"import {{ checkMessage }} from {json.dumps(pathlib.Path(PROTOCOL).as_uri())};\n"
        "let text = '';\n"
        "process.stdin.on('data', (chunk) => { text += chunk; });\n"
        "process.stdin.on('end', () => {\n"
        "  const out = JSON.parse(text).map((m) => checkMessage(m, 'worker'));\n"
        "  process.stdout.write(JSON.stringify(out));\n"
        "});\n"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(messages),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PROTOCOL_PROGRAM = """\
# %%
import sys
import numpy as np
import tensorflow as tf
print("out")
print("err", file=sys.stderr)
# %%
model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
model.fit(np.ones((8, 3)), np.ones((8, 2)), epochs=2, batch_size=4, verbose=0)
import matplotlib.pyplot as plt
plt.plot([1, 2, 3])
plt.title("curve")
plt.show()
# %%
from pynn_runner.digitpad import open_pad
digits = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)),
                              tf.keras.layers.Dense(10)])
open_pad()
"""


def test_protocol_file_lists_every_message_the_runner_sends(runner):
    """What the runner really sends (a run with cells, output, training, a figure, the digit
    pad, an error and a Stop) is what protocol.js declares: every message passes its checkMessage unchanged, and
    the runs used every message key the runner's source can send."""
    runner.warm_up()
    names = RecordingNames(runner._names)
    runner._names = names
    with playground_matplotlib():
        results = [
            run(runner, PROTOCOL_PROGRAM),
            json.loads(runner.predict_digit(bytes(784))),
        ]  # the digit pad's answer
        results += [run(runner, "1 / 0"), run(runner, "raise KeyboardInterrupt")]
    runner.output.flush()
    sent = runner.page.messages + results
    kinds = {m["type"] for m in sent}
    protocol = protocol_names()
    for key in (
        "stdout",
        "stderr",
        "cellBegin",
        "trainBegin",
        "batchEnd",
        "epochEnd",
        "trainEnd",
        "figure",
        "digitPadOpen",
        "digitResult",
        "result",
        "error",
    ):
        assert protocol[key] in kinds, (key, sorted(kinds))
    # The keys the runs looked up are every key the source can send (stdout/stderr are looked
    # up when the streams are made, before the recording).
    assert names.used | {"stdout", "stderr"} == message_keys_in_runner_source()
    assert message_keys_in_runner_source() <= set(protocol)
    kept = check_with_protocol_js(sent)
    for message, copy in zip(sent, kept, strict=True):
        assert copy == message, (
            f"protocol.js drops or changes a {message['type']!r} message: {copy}"
        )


def test_print_streams_to_stdout_and_the_run_ends_with_a_result(runner):
    result = run(runner, "print('hello')\nimport sys\nprint('oops', file=sys.stderr)")
    assert result["type"] == "result" and result["id"] == 1 and result["seconds"] >= 0
    assert runner.page.text("stdout") == "hello\n"
    assert runner.page.text("stderr") == "oops\n"


def test_code_runs_as_main_py(runner):
    run(runner, "print(__name__, __file__)\nif __name__ == '__main__':\n    print('entry point')")
    assert runner.page.text("stdout") == "__main__ main.py\nentry point\n"


def test_traceback_shows_only_the_users_frames_with_their_lines(runner):
    result = run(runner, "x = 1\n\ndef f():\n    return 1 / 0\n\nf()\n")
    assert {k: result[k] for k in ("type", "id", "kind", "message", "restart")} == {
        "type": "error",
        "id": 1,
        "kind": "ZeroDivisionError",
        "message": "division by zero",
        "restart": False,
    }
    trace = result["trace"]
    assert trace.startswith("Traceback (most recent call last):\n")
    assert 'File "main.py", line 6, in <module>' in trace and "    f()" in trace
    assert 'File "main.py", line 4, in f' in trace and "return 1 / 0" in trace
    assert trace.endswith("ZeroDivisionError: division by zero\n")
    assert "pynn_runner" not in trace + result["internal"]
    assert result["internal"] == ""  # nothing outside the user's code to fold away
    assert result["line"] == 4
    assert runner.page.text("stderr") == ""  # the page shows the report, not a copy on stderr


def test_errors_inside_pynn_show_the_users_frames_and_full_message_first(runner):
    runner.warm_up()
    code = (
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)),\n"
        "                             tf.keras.layers.Dense(1)])\n"
        "model.compile(optimizer='adam', loss='mse')\n"
        "model.fit(np.ones((8, 5)), np.ones((8, 1)), epochs=1, verbose=0)\n"
    )
    result = run(runner, code)
    assert result["kind"] == "ValueError"
    trace = result["trace"]
    frames = re.findall(r'File "([^"]+)"', trace)
    assert frames == ["main.py"], trace  # only the student's frame
    assert "model.fit(np.ones((8, 5))" in trace
    assert "is incompatible with the layer" in trace and re.search(
        r"found shape=\(\w+, 5\)", trace
    )  # all of it
    internal = result["internal"]
    assert 'File "main.py", line 6' in internal and "pynn" in internal  # details: everything
    assert len(re.findall(r'File "', internal)) > 1
    assert result["line"] == 6
    assert result["hint"] == "shape"


def test_syntax_error_points_at_the_line(runner):
    result = run(runner, "print('ok')\nif True print(2)\n")
    assert result["kind"] == "SyntaxError"
    assert 'File "main.py", line 2' in result["trace"] and "if True print(2)" in result["trace"]
    assert result["line"] == 2
    assert runner.page.text("stdout") == ""


@pytest.mark.parametrize(
    "code, hint, arg",
    [
        ("input('name? ')", "input", None),
        ("import sklearn", "moduleMissing", "sklearn"),
        ("import tensorflow_datasets as tfds", "moduleMissing", "tensorflow_datasets"),
        ("import tensorflow.compat.v1.nothing_here", "notInPynn", None),
        ("!pip install tensorflow", "notebook", None),
        ("%matplotlib inline", "notebook", None),
        ("x = tf.constant(1)", "import", "import tensorflow as tf"),
        ("a = np.ones(3)", "import", "import numpy as np"),
        ("raise ImportError('You must install h5py (`pip install h5py`)')", "pip", None),
        ("print(undefined_name)", None, None),
    ],
)
def test_common_classroom_errors_name_a_hint(runner, code, hint, arg):
    runner.warm_up()
    result = run(runner, code)
    assert result["type"] == "error"
    assert result["hint"] == hint, result
    if arg is not None:
        assert result["hintArg"] == arg


@pytest.mark.parametrize(
    "code, hint",
    [
        (
            "model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])\n"
            "model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)",
            "compile",
        ),
        ("model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.summary()", "build"),
        (
            "model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation='softmax', input_shape=(2,))])\n"
            "model.compile(loss='categorical_crossentropy', optimizer='adam')\n"
            "model.fit(np.ones((4, 2)), np.array([0, 1, 2, 1]), verbose=0)",
            "labels",
        ),
    ],
)
def test_common_keras_mistakes_name_a_hint(runner, code, hint):
    runner.warm_up()
    result = run(runner, "import numpy as np\nimport tensorflow as tf\n" + code)
    assert result["type"] == "error", result
    assert result["hint"] == hint, result


def test_keyboard_interrupt_is_a_stop_not_a_crash(runner):
    result = run(runner, "raise KeyboardInterrupt")
    assert result["kind"] == "KeyboardInterrupt" and result["restart"] is False
    assert runner.page.text("stderr") == ""


def test_memory_error_asks_for_a_restart(runner):
    result = run(runner, "raise MemoryError('no room')")
    assert result["kind"] == "MemoryError" and result["restart"] is True
    assert "MemoryError: no room" in result["trace"]


def test_sys_exit_ends_the_program_quietly(runner):
    assert run(runner, "import sys\nprint(1)\nsys.exit()\nprint(2)")["type"] == "result"
    assert runner.page.text("stdout") == "1\n"


def test_input_fails_instead_of_waiting_forever(runner):
    result = run(runner, "input('name? ')")
    assert result["kind"] == "EOFError" and result["hint"] == "input"


def test_user_cannot_break_the_output_streams(runner):
    run(runner, "import sys\nsys.stdout = None")
    run(runner, "print('still streamed')")
    assert "still streamed\n" in runner.page.text("stdout")


def test_fit_sends_training_events_and_the_summary_is_printed(runner):
    runner.warm_up()
    code = (
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "x = np.random.rand(64, 3).astype('float32')\n"
        "y = x.sum(axis=1, keepdims=True)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)),\n"
        "                             tf.keras.layers.Dense(1)])\n"
        "model.summary()\n"
        "model.compile(optimizer='adam', loss='mse', metrics=['mae'])\n"
        "model.fit(x, y, epochs=3, batch_size=16, verbose=0)\n"
    )
    result = run(runner, code)
    assert result["type"] == "result", runner.page.text("stderr")
    assert 'Model: "sequential"' in runner.page.text("stdout")
    begin = runner.page.of_type("train_begin")
    assert begin == [
        {
            "type": "train_begin",
            "params": {"model": "sequential", "epochs": 3, "steps": 4, "verbose": 0},
        }
    ]
    epochs = runner.page.of_type("epoch_end")
    assert [e["epoch"] for e in epochs] == [0, 1, 2]
    assert set(epochs[-1]["logs"]) == {"loss", "mae"}
    batches = runner.page.of_type("batch_end")
    assert batches and batches[0]["step"] == 1 and "loss" in batches[0]["logs"]
    assert len(runner.page.of_type("train_end")) == 1


def test_each_run_starts_a_fresh_keras_session(runner):
    runner.warm_up()
    code = "import tensorflow as tf\nprint(tf.keras.layers.Dense(1).name)"
    run(runner, code)
    run(runner, code)
    assert runner.page.text("stdout") == "dense\ndense\n"


def terminal(text):
    """What a terminal shows for `text` ("\\r" returns to the line's start, "\\b" steps back)."""
    lines, line, column = [], "", 0
    for char in text:
        if char == "\n":
            lines.append(line)
            line, column = "", 0
        elif char == "\r":
            column = 0
        elif char == "\b":
            column = max(0, column - 1)
        else:
            line = line[:column] + char + line[column + 1 :]
            column += 1
    return lines + [line]


@pytest.fixture
def output_module():
    sys.path.insert(0, WORKER_DIR)
    try:
        return importlib.import_module("pynn_runner.output")
    finally:
        sys.path.remove(WORKER_DIR)


@pytest.mark.parametrize(
    "text",
    [
        "\r1/10 [=>...]\r2/10 [==>..]\r10/10 [======]\n",
        "\rlong progress line\rshort\rmid line\n",
        "start\rA\rBBBBB\rCC\rDDD",
        "\rx\by\rzz\n",
        "no redraws\nat all\n",
        "\r\r\rabc\r\n",
        "a\rbb\rccc\r" + "d" * 2 + "\n",
    ],
)
def test_collapsed_redraws_show_exactly_what_a_terminal_shows(output_module, text):
    collapsed = output_module.collapse_redraws(text)
    assert terminal(collapsed) == terminal(text)
    assert len(collapsed) <= len(text)


def test_progress_redraws_are_collapsed_to_the_last_one(output_module):
    bar = "".join(f"\r{i:3d}/100 [{'=' * (i // 10):<10}]" for i in range(1, 101))
    assert output_module.collapse_redraws(bar + "\n") == "\r100/100 [==========]\n"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_sparse_output_is_sent_at_once_and_a_flood_is_batched(output_module):
    sent = []
    clock = FakeClock()
    out = output_module.Output(lambda kind, text: sent.append((kind, text)), clock=clock)
    out.write("stdout", "hello\n")
    assert sent == [("stdout", "hello\n")]  # nothing sparse waits
    sent.clear()
    for i in range(1000):  # a flood within one interval
        out.write("stdout", f"{i}\n")
    assert len(sent) <= output_module.WRITES_AT_ONCE
    clock.now += output_module.SEND_INTERVAL
    out.write("stdout", "next\n")  # the next interval's first write sends the batch
    out.flush()
    text = "".join(text for _, text in sent)
    assert text == "".join(f"{i}\n" for i in range(1000)) + "next\n"
    assert len(sent) <= output_module.WRITES_AT_ONCE + 2


def test_stdout_and_stderr_keep_their_order(output_module):
    sent = []
    clock = FakeClock()
    out = output_module.Output(lambda kind, text: sent.append((kind, text)), clock=clock)
    for i in range(100):
        out.write("stdout" if i % 3 else "stderr", f"{i}\n")
    out.flush()
    assert [(kind, line) for kind, text in sent for line in text.splitlines()] == [
        ("stdout" if i % 3 else "stderr", str(i)) for i in range(100)
    ]


def test_a_flood_reaches_the_page_in_few_messages_and_complete(runner):
    result = run(runner, "for i in range(20000):\n    print(i)\n")
    assert result["type"] == "result"
    assert runner.page.text("stdout") == "".join(f"{i}\n" for i in range(20000))
    # Every write would have been two messages per line before batching.
    assert len(runner.page.of_type("stdout")) < 2000


def test_output_printed_before_an_error_or_event_arrives_before_it(runner):
    runner.warm_up()
    code = (
        "import numpy as np\nimport tensorflow as tf\n"
        "for i in range(500):\n    print(i)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])\n"
        "model.compile(optimizer='sgd', loss='mse')\n"
        "model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, verbose=0)\n"
    )
    run(runner, code)
    kinds = [m["type"] for m in runner.page.messages]
    begin = kinds.index("train_begin")
    assert "".join(
        m["text"] for m in runner.page.messages[:begin] if m["type"] == "stdout"
    ) == "".join(f"{i}\n" for i in range(500))


def test_a_fresh_run_starts_from_matplotlibs_defaults(runner):
    changes = "import matplotlib.pyplot as plt\nplt.rcParams['figure.figsize'] = [12, 3]\n"
    changes += "plt.show = None\n"
    check = "import matplotlib.pyplot as plt\nprint(plt.rcParams['figure.figsize'], plt.show)\n"
    with playground_matplotlib():
        run(runner, changes)
        json.loads(runner.run(2, check, keep=True))  # the living session keeps them
        run(runner, check)  # a fresh run does not
    lines = runner.page.text("stdout").splitlines()
    assert lines[0] == "[12, 3] None"
    assert lines[1].startswith("[6.4, 4.8] <function show"), lines
