"""The playground's matplotlib (web/src/worker/matplotlib) against real matplotlib.

The plotting cells of tutorials the project runs (programs/) are run on CPython twice, with
real matplotlib (Agg) and with the playground's package first on sys.path; every figure shown
must have the same structure: axes, their titles and labels, lines (and their points),
images (and their shapes), bars, collections, legend entries, ticks removed or not, and the
limits (autoscaled or set). tests/browser/test_figures.py runs the same programs in the page."""

import os
import subprocess
import sys

import pytest

from .probe import figures, with_probe

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHIM = os.path.join(ROOT, "web", "src", "worker")
PROGRAMS = sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "programs")) if f.endswith(".py"))

pytest.importorskip(
    "matplotlib", reason="real matplotlib is the reference (tests/run.sh installs it)"
)


def run(name, shim, tmp_path):
    with open(os.path.join(HERE, "programs", name + ".py"), encoding="utf-8") as f:
        return shown_figures(with_probe(f.read()), shim, tmp_path)


def shown_figures(program, shim, tmp_path):
    """The FIGURE records of a probed program run by `python -m pynn run` on CPython, with
    real matplotlib (Agg) or (shim) the playground's first on the path."""
    script = tmp_path / f"program_{'shim' if shim else 'real'}.py"
    script.write_text(program, encoding="utf-8")
    path = [SHIM, ROOT] if shim else [ROOT]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path), MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, "-m", "pynn", "run", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return figures(proc.stdout)


def close(a, b, span):
    return abs(a - b) <= 0.02 * span + 1e-9


def assert_same_structure(mine, real):
    assert len(mine) == len(real), f"{len(mine)} figures, real matplotlib shows {len(real)}"
    for number, (fig, ref) in enumerate(zip(mine, real, strict=True), 1):
        where = f"figure {number}"
        assert fig["size"] == ref["size"], where
        assert fig["suptitle"] == ref["suptitle"], where
        assert len(fig["axes"]) == len(ref["axes"]), f"{where}: axes {fig['axes']} vs {ref['axes']}"
        for k, (ax, rax) in enumerate(zip(fig["axes"], ref["axes"], strict=True)):
            here = f"{where}, axes {k}"
            for key in ("xlim", "ylim"):
                if key in rax:
                    span = abs(rax[key][1] - rax[key][0])
                    assert all(close(a, b, span) for a, b in zip(ax[key], rax[key], strict=True)), (
                        f"{here}: {key} {ax[key]} vs {rax[key]}"
                    )
            same = {k2: v for k2, v in ax.items() if k2 not in ("xlim", "ylim")}
            rsame = {k2: v for k2, v in rax.items() if k2 not in ("xlim", "ylim")}
            assert same == rsame, f"{here}:\n{same}\n{rsame}"


@pytest.mark.parametrize("name", PROGRAMS)
def test_tutorial_plots_have_the_structure_real_matplotlib_gives(name, tmp_path):
    real = run(name, shim=False, tmp_path=tmp_path)
    mine = run(name, shim=True, tmp_path=tmp_path)
    assert real, "the program showed no figures"
    assert_same_structure(mine, real)
