"""`python -m pynn run` chooses the BLAS thread count before numpy starts: the cores the load
leaves free (OpenBLAS's idle threads busy-wait, so on a busy machine its default of one thread
per core is many times slower: bench/blas_threads.py), and never overrides the user's setting."""

import os
import subprocess
import sys

import pytest

from pynn.__main__ import BLAS_THREAD_VARIABLES, blas_threads

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.parametrize(
    "cpus,load,threads",
    [
        (2, 0.1, 2),
        (2, 0.8, 1),
        (2, 15.0, 1),
        (8, 1.2, 7),
        (8, 7.9, 1),
        (1, 0.0, 1),
        (4, 0.0, 4),
    ],
)
def test_threads_are_the_cores_the_load_leaves_free(cpus, load, threads):
    assert blas_threads({}, cpus, load) == threads


@pytest.mark.parametrize("name", BLAS_THREAD_VARIABLES)
def test_a_users_setting_is_kept(name):
    assert blas_threads({name: "3"}, 8, 0.0) is None
    assert blas_threads({name: ""}, 8, 0.0) == 8  # set but empty: not a choice


SCRIPT = """
import ctypes, glob, os
import numpy
print("OPENBLAS_NUM_THREADS", os.environ.get("OPENBLAS_NUM_THREADS"))
print("OMP_NUM_THREADS", os.environ.get("OMP_NUM_THREADS"))
# what numpy's OpenBLAS (the scipy-openblas wheels' build) really runs with
libs = glob.glob(os.path.join(os.path.dirname(numpy.__file__), "..", "numpy.libs", "*openblas*"))
get = getattr(ctypes.CDLL(libs[0]), "scipy_openblas_get_num_threads64_", None) if libs else None
print("BLAS threads", get() if get else "unknown")
"""


def run(tmp_path, **env):
    script = tmp_path / "show.py"
    script.write_text(SCRIPT)
    clean = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
    out = subprocess.run(
        [sys.executable, "-m", "pynn", "run", str(script)],
        check=True,
        capture_output=True,
        text=True,
        env={**clean, "PYTHONPATH": ROOT, **env},
    )
    return out.stdout


def test_pynn_run_sets_the_threads_before_numpy(tmp_path):
    out = run(tmp_path)
    expected = blas_threads({}, len(os.sched_getaffinity(0)), os.getloadavg()[0])
    # (the load may move between here and the child: any count from 1 to the cores is sane)
    threads = int(out.split("OPENBLAS_NUM_THREADS ")[1].split()[0])
    assert 1 <= threads <= os.cpu_count() and abs(threads - expected) <= 1
    assert f"OMP_NUM_THREADS {threads}" in out
    blas = out.split("BLAS threads ")[1].split()[0]
    assert blas in (str(threads), "unknown")  # numpy started after the choice


def test_pynn_run_keeps_the_users_threads(tmp_path):
    out = run(tmp_path, OMP_NUM_THREADS="3")
    assert "OPENBLAS_NUM_THREADS None" in out and "OMP_NUM_THREADS 3" in out
    # (OpenBLAS caps a count above the machine's cores at the cores)
    assert out.split("BLAS threads ")[1].split()[0] in (str(min(3, os.cpu_count())), "unknown")
