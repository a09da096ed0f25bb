"""Keras 2 / TensorFlow 2 tutorial code runs unchanged under `python -m pynn run`.

Each `<name>.py` here is a short script distilled from a public tutorial (its source is named at
its top). The test runs it in a subprocess through the TensorFlow shim and compares its stdout
with what tf.keras 2.15 printed for the same file (`expected/<name>.txt`, recorded by
`record.py`): summaries, shapes, counts, dtypes, error types/messages and the scripts' own
`CHECK` lines (loss falling, accuracy reached) must match exactly. Values that follow from random
initial weights appear only on progress lines, callback messages (`Epoch 2: val_loss improved
from ...`) and lines starting with `VALUE`; their numbers are masked.
"""

import difflib
import os
import re
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NAMES = sorted(
    os.path.splitext(f)[0]
    for f in os.listdir(HERE)
    if f.endswith(".py") and not f.startswith(("test_", "record", "_"))
)

_NUMBER = re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)?")
_DECIMAL = re.compile(r"-?\d+\.\d+(e[-+]?\d+)?")
_CALLBACK = re.compile(r"Epoch \d+: ")
_PROGRESS = re.compile(r"(\d+/\d+ (\[|- )|ms/step|ms/epoch|s/step|ETA)")


def normalize(text):
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.split("\r")[-1].replace("\x08", "")
        if _PROGRESS.search(line):
            # keep which metrics were logged, not their values or timings
            line = "PROGRESS " + " ".join(re.findall(r"(\w+): ", line))
        elif line.startswith("VALUE"):
            line = _NUMBER.sub("#", line)
        elif _CALLBACK.match(line):  # "Epoch 2: val_loss improved from 1.45475 to 0.93406, ..."
            line = _DECIMAL.sub("#", line)
        out.append(line.rstrip())
    return out


def run_pynn(name, tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-m", "pynn", "run", os.path.join(HERE, name + ".py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return proc


@pytest.mark.parametrize("name", NAMES)
def test_tutorial_prints_what_tf_keras_prints(name, tmp_path):
    proc = run_pynn(name, tmp_path)
    if proc.returncode != 0:
        pytest.fail(
            f"`python -m pynn run {name}.py` exited with {proc.returncode}:\n"
            + "\n".join(proc.stderr.splitlines()[-20:]),
            pytrace=False,
        )
    with open(os.path.join(HERE, "expected", name + ".txt")) as f:
        expected = normalize(f.read())
    got = normalize(proc.stdout)
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "tf.keras 2.15", "pynn", lineterm=""))
        pytest.fail(f"{name}: output differs from tf.keras 2.15:\n{diff}", pytrace=False)
    checks = [line for line in got if line.startswith("CHECK")]
    assert checks, "a tutorial script must print CHECK lines"


def test_import_pynn_never_shadows_an_installed_tensorflow(tmp_path):
    # A real TensorFlow (here a stand-in package) stays TensorFlow after `import pynn`; only
    # `python -m pynn run` (which installs the shim) turns `import tensorflow` into pynn.
    fake = tmp_path / "site" / "tensorflow"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("REAL = True\n__version__ = '2.15.1'\n")
    (tmp_path / "site" / "keras").mkdir()
    (tmp_path / "site" / "keras" / "__init__.py").write_text("REAL = True\n")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import pynn, pynn.keras, pynn.tf\nimport tensorflow as tf\nimport keras\n"
        "print(getattr(tf, 'REAL', False), getattr(keras, 'REAL', False))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([ROOT, str(tmp_path / "site")]))
    plain = subprocess.run(
        [sys.executable, str(probe)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert plain.stdout.split() == ["True", "True"]
    shimmed = subprocess.run(
        [sys.executable, "-m", "pynn", "run", str(probe)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert shimmed.stdout.split() == ["False", "False"]
