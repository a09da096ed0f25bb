"""`python -m pynn run SCRIPT [ARGS...]`: run a TensorFlow/Keras script on pynn.

The shim is installed first, so the script's `import tensorflow as tf` is pynn. The script
runs as `__main__` with `sys.argv = [SCRIPT, ARGS...]`; tracebacks start at its own lines.

Before numpy starts, the number of BLAS threads is chosen from the cores that are free now
(`blas_threads`): OpenBLAS's idle threads busy-wait, so on a machine that is already busy its
default (one thread per core) makes small matrix products many times slower. A thread count the
user set (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS, ...) is kept as it is.
"""

import argparse
import os
import runpy
import sys
import traceback

import pynn
from pynn import shim

#: The variables BLAS libraries read their thread count from; if the user set one, pynn keeps out.
BLAS_THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "GOTO_NUM_THREADS",
)


def _usable_cpus():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _load_average():
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def blas_threads(environ, cpus, load):
    """The BLAS thread count for a run: None if the user chose one in `environ`; otherwise the
    cores left free by the current load (1-minute load average), at least 1."""
    if any(environ.get(name) for name in BLAS_THREAD_VARIABLES):
        return None
    return max(1, min(cpus, round(cpus - load)))


def _set_blas_threads(environ=os.environ):
    """Sets the BLAS thread count for this process (before numpy is imported)."""
    threads = blas_threads(environ, _usable_cpus(), _load_average())
    if threads is not None and "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            environ[name] = str(threads)
    return threads


def _run(script, args):

    path = os.path.abspath(script)
    if not os.path.isfile(path):
        sys.stderr.write(
            f"python -m pynn run: can't open file {script!r}: No such file or directory\n"
        )
        return 2
    shim.install()
    sys.argv = [script] + list(args)
    sys.path.insert(0, os.path.dirname(path))
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        code = e.code
        if code is None or isinstance(code, int):
            return code or 0
        sys.stderr.write(f"{code}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("KeyboardInterrupt\n")
        return 130
    except BaseException as e:  # noqa: BLE001 - report any error as Python would, then exit 1
        _print_user_traceback(e, path)
        return 1
    return 0


def _print_user_traceback(exc, path):
    """Print the traceback from the script's first frame on (runpy's frames are noise)."""
    tb = exc.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != path:
        tb = tb.tb_next
    exc = exc.with_traceback(tb) if tb is not None else exc
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m pynn",
        description="Run TensorFlow/Keras tutorial code on pynn (numpy only).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"pynn {pynn.__version__} (TensorFlow 2.15 / tf.keras API)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run", help="run SCRIPT with `import tensorflow` / `import keras` resolving to pynn"
    )
    run.add_argument("script", help="the Python file to run")
    run.add_argument("args", nargs=argparse.REMAINDER, help="arguments passed to the script")
    ns = parser.parse_args(argv)
    if ns.command != "run":
        parser.print_help()
        return 2
    _set_blas_threads()
    return _run(ns.script, ns.args)


if __name__ == "__main__":
    sys.exit(main())
