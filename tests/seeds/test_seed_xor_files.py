"""Seed 003 (a slide deck's text: the XOR lecture) as the playground's two-file example
(web/examples/seeds/003_xor_mlp_two_files.py, the multi-file format: MLP.py, then
xor_classifier.py, which imports it): its code is the slides' code, line for line, with only
what reading the slide images lost put back (underscores read as spaces, the member functions'
indentation), and it runs on CPython to its end as the lecture shows: 1,500 epochs, then the
four `"%d XOR %d => %.2f => 1"` lines, `%.2f` of a row of predict's output warning as numpy
1.26 does under tf.keras 2.15."""

import os
import re
import subprocess
import sys

from tests.seeds.seed_programs import ROOT, seed_text

EXAMPLE = os.path.join(ROOT, "web", "examples", "seeds", "003_xor_mlp_two_files.py")
SEED = "003_3039aa779806893f.txt"


def files_of(text):
    parts = re.split(r"^# %% file: (\S+)\n", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def squeezed(line):
    """A line without spaces and underscores (what the slides' text lost or gained)."""
    return re.sub(r"[\s_]", "", line)


def test_the_example_is_the_slides_code():
    with open(EXAMPLE, encoding="utf-8") as f:
        files = files_of(f.read())
    assert list(files) == ["MLP.py", "xor_classifier.py"]
    seed_lines = {squeezed(line) for line in seed_text(SEED).splitlines()}
    header = re.compile(r"^# (다음 MLP|MLP Class|\(수업|\s멤버)")
    for name, code in files.items():
        for line in code.splitlines():
            if line.strip() and not header.match(line):
                assert squeezed(line) in seed_lines, f"{name}: {line!r} is not in the slides"


def test_the_two_files_run_to_the_end(tmp_path):
    with open(EXAMPLE, encoding="utf-8") as f:
        for name, code in files_of(f.read()).items():
            (tmp_path / name).write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pynn", "run", "xor_classifier.py"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": ROOT},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "Epoch 1500/1500" in out
    rows = re.findall(r"^(\d) XOR (\d) => ([\d.]+) => (\d)$", out, flags=re.MULTILINE)
    assert [(a, b) for a, b, _, _ in rows] == [("0", "0"), ("0", "1"), ("1", "0"), ("1", "1")]
    for _, _, probability, label in rows:
        assert (float(probability) > 0.5) == (label == "1"), rows
    assert "DeprecationWarning: Conversion of an array with ndim > 0 to a scalar" in result.stderr
