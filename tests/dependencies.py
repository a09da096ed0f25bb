"""Test dependencies that pynn itself only needs for some features: h5py (HDF5 files on
CPython: `.keras`, `.weights.h5`, legacy `.h5`).

A test that needs one says so with `require_h5py()` (or the `h5py` fixture of
tests/conftest.py). Where the dependency is missing the test is skipped with a loud reason,
except under tests/run.sh (what CI runs), which installs it and sets
PYNN_TEST_DEPENDENCIES=required: there a missing dependency fails the test.
"""

import importlib
import os
import sys

import pytest

REQUIRED = os.environ.get("PYNN_TEST_DEPENDENCIES") == "required"


def require(module, why, *, module_level=False):
    try:
        return importlib.import_module(module)
    except ImportError:
        reason = f"needs {module} (pip install {module}): {why}"
        if REQUIRED:
            pytest.fail(
                f"{reason}; tests/run.sh installs it, so it must be importable here", pytrace=False
            )
        print(f"\nSKIPPING a test that {reason}", file=sys.__stderr__, flush=True)
        pytest.skip(reason, allow_module_level=module_level)


def require_h5py(*, module_level=False):
    return require(
        "h5py", "pynn reads and writes HDF5 files through it on CPython", module_level=module_level
    )
