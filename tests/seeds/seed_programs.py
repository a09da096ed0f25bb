"""The seeds (web/examples/seeds/*.txt, copies of the lesson notebooks the project is built for)
as the playground makes them: web/src/notebook-text.js run under Node turns each text into a
program of `# %%` cells, exactly as pasting it (or choosing its example) does in the page; the
cells are then split as the page's runner splits them (pynn_runner/session.py)."""

import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "web", "examples", "seeds")
SCRIPT = os.path.join(ROOT, "tests", "web", "notebook_text.mjs")
RUN_CELLS = os.path.join(ROOT, "tests", "seeds", "run_cells.py")
sys.path.insert(0, os.path.join(ROOT, "web", "src", "worker"))

from pynn_runner import session  # noqa: E402 - the page's own cell splitter, from web/src/worker

SEED_FILES = sorted(name for name in os.listdir(SEEDS) if name.endswith(".txt"))


def node():
    return shutil.which("node")


def programs_of_texts(texts):
    """[program or None] for notebook texts, made by notebook-text.js under Node."""
    result = subprocess.run(
        [node(), SCRIPT, "--json"],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def seed_text(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return f.read()


def seed_programs():
    """{seed file name: program}."""
    names = SEED_FILES
    return dict(zip(names, programs_of_texts([seed_text(n) for n in names]), strict=True))


def cells_of(program):
    """[(first line index, source)] as the runner splits them."""
    return session.split_cells(program)
