"""contourf on unusual data and levels: the playground's matplotlib against real matplotlib.

Each snippet runs on CPython twice, in a child process, with real matplotlib (Agg) and with the
playground's package first on the path, and must print the same: the levels it chose, or the
type and text of the error it raised."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM = os.path.join(os.path.dirname(os.path.dirname(HERE)), "web", "src", "worker")

pytest.importorskip(
    "matplotlib", reason="real matplotlib is the reference (tests/run.sh installs it)"
)

PROGRAM = """
import numpy as np
import matplotlib.pyplot as plt
z = {z}
try:
    cs = plt.contourf(z{levels})
    print("levels", np.asarray(cs.levels, float).tolist())
except Exception as e:
    print(type(e).__name__, e)
"""

# Errors: the same type and text as real matplotlib's.
FAILING = {
    "one level": ("np.arange(9.0).reshape(3, 3)", ", levels=[0.5]"),
    "levels not increasing": ("np.arange(9.0).reshape(3, 3)", ", levels=[3, 1, 2]"),
    "too small": ("np.ones((1, 3))", ""),
}
# Data with one finite value (or none): no error, and levels around that value (real
# matplotlib's are 1e-13 apart there, the playground's a readable 0.2; neither draws a band).
FLAT = {
    "constant": ("np.ones((3, 3))", 1.0),
    "zeros": ("np.zeros((4, 3))", 0.0),
    "one infinite value": ("np.where(np.eye(3) > 0, np.inf, -2.0)", -2.0),
    "all NaN": ("np.full((3, 3), np.nan)", 0.0),
}


def printed(code, shim, folder):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="ignore")
    if shim:
        env["PYTHONPATH"] = SHIM
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,  # a fresh folder: no matplotlib package in it, and the SVG goes there
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


@pytest.mark.parametrize("case", sorted(FAILING))
def test_contourf_fails_as_matplotlib_does(case, tmp_path):
    z, levels = FAILING[case]
    code = PROGRAM.format(z=z, levels=levels)
    mine, real = printed(code, True, tmp_path), printed(code, False, tmp_path)
    assert not real.startswith("levels"), real
    assert mine == real


@pytest.mark.parametrize("case", sorted(FLAT))
def test_contourf_of_flat_data_draws_without_error(case, tmp_path):
    z, value = FLAT[case]
    code = PROGRAM.format(z=z, levels="") + "plt.savefig('flat.svg')\nprint('saved')\n"
    for shim in (True, False):
        out = printed(code, shim, tmp_path).splitlines()
        assert out[0].startswith("levels ") and out[-1] == "saved", (shim, out)
        levels = [float(v) for v in out[0][len("levels [") : -1].split(",")]
        assert levels[0] <= value <= levels[-1], (shim, levels)
