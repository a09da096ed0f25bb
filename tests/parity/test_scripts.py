"""The tutorials of /work/shared/seeds/, as whole scripts with their own `import tensorflow as tf`
/ `from keras.layers import Dense` lines, print under `python -m pynn run` what they print under
tf.keras 2.15.

Timings are masked and only the last redraw of each progress line is kept; scripts whose values
depend on random initial weights (drawn differently by pynn and TensorFlow) have their decimal
numbers masked, so they check summaries, shapes, names, counts and the progress-line format.
"""

import os
import subprocess
import sys

import pytest
from parity_utils import compare_text_numbers, load_json, normalize_script_output, text_diff

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = load_json("scripts.json")
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_script_output_matches_tf_keras(name, tmp_path):
    s = SCENARIOS[name]
    script = tmp_path / "script.py"
    script.write_text(s["code"])
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-m", "pynn", "run", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
        timeout=900,
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != s["returncode"]:
        pytest.fail(
            f"`python -m pynn run` exited with {proc.returncode} (tf.keras: "
            f"{s['returncode']})\nstderr tail:\n" + "\n".join(err.splitlines()[-15:]),
            pytrace=False,
        )
    expected = normalize_script_output(s["stdout"], s["mask_numbers"], s.get("masks", ()))
    got = normalize_script_output(out, s["mask_numbers"], s.get("masks", ()))
    if not s["mask_numbers"]:
        # float32 kernels may differ in the last printed digit (softmax: ...848 vs ...846)
        compare_text_numbers(expected, got, atol=1e-6, rtol=1e-5)
    elif got != expected:
        pytest.fail(
            "printed text differs from tf.keras 2.15 (timings and numbers masked):\n"
            + text_diff(expected, got),
            pytrace=False,
        )
