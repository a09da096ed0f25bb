"""Records tests/fixtures/seed_cells.json: every seed notebook of the playground's examples
(web/examples/seeds/*.txt), split into cells as the page splits it (web/src/notebook-text.js
under Node), run cell by cell under tf.keras 2.15 (tests/seeds/run_cells.py --reference: the
bundled MNIST subset instead of a download, MobileNet without its ImageNet weights).

    python3 tests/reference/record_seed_cells.py [--python ~/.cache/reftf/bin/python] [SEED...]

Needs node (web/src/notebook-text.js) and the reference Python; CI never runs this."""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from tests.seeds.seed_programs import RUN_CELLS, SEED_FILES, seed_programs

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "seed_cells.json")
MNIST = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "mnist.npz")


def record(python, program):
    with tempfile.NamedTemporaryFile("w", suffix=".py", encoding="utf-8", delete=False) as f:
        f.write(program)
    try:
        result = subprocess.run(
            [python, RUN_CELLS, f.name, "--reference", MNIST],
            capture_output=True,
            text=True,
            check=False,
            cwd=tempfile.gettempdir(),
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "CUDA_VISIBLE_DEVICES": ""},
        )
    finally:
        os.unlink(f.name)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=os.path.expanduser("~/.cache/reftf/bin/python"))
    parser.add_argument("seeds", nargs="*", help="seed file names (default: all)")
    args = parser.parse_args()
    fixture = {}
    if os.path.exists(FIXTURE):
        with open(FIXTURE, encoding="utf-8") as f:
            fixture = json.load(f)
    programs = seed_programs()
    for name in args.seeds or SEED_FILES:
        print(f"recording {name} ...", flush=True)
        fixture[name] = {"program": programs[name], "cells": record(args.python, programs[name])}
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
