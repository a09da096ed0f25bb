"""Every seed notebook the playground offers as an example runs unchanged, cell by cell, on
CPython as in tf.keras 2.15: the cells are the page's own (web/src/notebook-text.js under
Node), run one after the other in one namespace as Shift+Enter runs them
(tests/seeds/run_cells.py), and compared cell by cell with the recorded tf.keras run
(tests/fixtures/seed_cells.json, tests/reference/record_seed_cells.py) by tests/seeds/compare.py:
the same exceptions where the seeds' own code fails, the same summaries, the same printed text
with random numbers masked. Seed 004 trains six CNNs for its own 5 epochs: about 9 minutes
here (the others take seconds)."""

import json
import os
import subprocess
import sys

import pytest

from tests.seeds.compare import cell_differences
from tests.seeds.seed_programs import ROOT, RUN_CELLS, node, seed_programs

pytestmark = pytest.mark.skipif(node() is None, reason="needs node (bash build.sh installs it)")

with open(os.path.join(ROOT, "tests", "fixtures", "seed_cells.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
    EXAMPLE_SEEDS = [
        os.path.basename(e["file"])
        for e in json.load(f)["examples"]
        if e["file"].startswith("seeds/") and e["file"].endswith(".txt")
    ]


@pytest.fixture(scope="module")
def programs():
    return seed_programs()


def run_cells_with_pynn(program, tmp_path):
    path = tmp_path / "program.py"
    path.write_text(program, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": ROOT, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run(
        [sys.executable, RUN_CELLS, str(path), "--pynn"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", EXAMPLE_SEEDS)
def test_seed_runs_cell_by_cell_as_in_tf_keras(name, programs, tmp_path):
    reference = FIXTURE[name]
    assert programs[name] == reference["program"], (
        "the seed's cells changed: record tests/fixtures/seed_cells.json again "
        "(python3 tests/reference/record_seed_cells.py)"
    )
    cells = run_cells_with_pynn(programs[name], tmp_path)
    assert len(cells) == len(reference["cells"])
    problems = []
    for index, (expected, got) in enumerate(zip(reference["cells"], cells, strict=True)):
        problems += cell_differences(index, expected, got["stdout"], got["error"])
    assert not problems, "\n".join(problems)
