"""Debian's Chromium as every browser benchmark and browser test launches it (never
`playwright install`; tests/browser/conftest.py loads this file).

Kept apart from common.py, which sets BLAS's thread variables and imports numpy (and which the
benchmarks also run inside Pyodide), so that a test importing a browser benchmark's checks
changes nothing in its own process."""

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
