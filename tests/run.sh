#!/usr/bin/env bash
# The test command (README): installs what the tests need, builds dist/, checks the style
# (tests/lint.sh: ruff, mypy, eslint, prettier; a violation fails the run before pytest), runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== python packages"
python3 -m pip install -q --disable-pip-version-check numpy pytest playwright h5py matplotlib ruff==0.17.6 mypy==2.4.1

echo "== chromium (for the browser tests)"
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q chromium
    else
        echo "WARNING: /usr/bin/chromium is missing and we are not root: the browser tests will fail" >&2
        echo "         (apt-get install chromium, or set PYNN_CHROMIUM to a Chromium binary)" >&2
    fi
fi

echo "== build dist/ (npm ci, pynn wheel, Pyodide, numpy for Pyodide, esbuild)"
if ! bash build.sh; then
    echo "WARNING: build.sh failed (see above). The browser tests (tests/browser) skip if numpy" >&2
    echo "         for Pyodide is missing from the wheelhouse, and otherwise fail on a rebuild." >&2
fi

echo "== style (tests/lint.sh: ruff check, ruff format --check, mypy, eslint, prettier --check)"
if ! bash tests/lint.sh; then
    echo "tests/run.sh: the style check failed (see above; 'bash tests/lint.sh --fix' fixes most of it)" >&2
    exit 1
fi

echo "== pytest"
# Every test dependency above is installed: a test that needs one fails rather than skips.
export PYNN_TEST_DEPENDENCIES=required
python3 -m pytest -q tests "$@"
