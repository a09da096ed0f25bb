"""BLAS threads for `python -m pynn run`: the tutorial CNN (bench/cnn.py, one epoch of 1,000
samples) run as a script through `python -m pynn run`, with OpenBLAS's default (one thread
per core), one thread, and pynn's choice (nothing set: the cores left free by the load).

    python3 bench/blas_threads.py [--busy N] [--repeat R]

`--busy N` keeps N other processes spinning meanwhile (a loaded machine, as a shared classroom
server or this build machine under other jobs). Prints seconds per epoch (best of R) and the
thread count pynn chose.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SCRIPT = f"""
import sys, time
sys.path.insert(0, {HERE!r})
import os
import numpy as np
import cnn
from common import mnist_like
x, y = mnist_like(cnn.N, flat=False)
epoch = cnn.pynn_epoch(x, y)
epoch()  # builds the model and records the train step
start = time.perf_counter()
epoch()
print("seconds", time.perf_counter() - start, "threads", os.environ.get("OPENBLAS_NUM_THREADS"))
"""

VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "GOTO_NUM_THREADS",
    "PYNN_BENCH_THREADS",
)


def run(script, threads):
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env["PYTHONPATH"] = ROOT
    env["PYNN_BENCH_THREADS"] = "0"  # bench/common.py: keep the library's defaults
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = str(threads)
    out = subprocess.run(
        [sys.executable, "-m", "pynn", "run", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[out.index("seconds") + 1]), out[out.index("threads") + 1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", type=int, default=0, help="spinning processes meanwhile")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)
    ]
    try:
        time.sleep(5 if spinners else 0)
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(SCRIPT)
        cpus = os.cpu_count()
        cases = [
            (f"OpenBLAS default ({cpus} threads)", cpus),
            ("1 thread", 1),
            ("pynn's choice", None),
        ]
        results = {name: [] for name, _ in cases}
        chosen = None
        for _ in range(args.repeat):  # taking turns, so a change of load hits every case
            for name, threads in cases:
                seconds, used = run(fh.name, threads)
                results[name].append(seconds)
                if threads is None:
                    chosen = used
        print(
            f"tutorial CNN epoch via `python -m pynn run`, {cpus} cores, {args.busy} busy "
            f"processes, load average {os.getloadavg()[0]:.1f}"
        )
        for name, _ in cases:
            print(f"  {name:32s} {min(results[name]):7.2f} s")
        print(f"  pynn chose OPENBLAS_NUM_THREADS={chosen}")
    finally:
        for spinner in spinners:
            spinner.kill()
        os.unlink(fh.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
