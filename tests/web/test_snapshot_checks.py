"""The start-up snapshot's guards under Node: web/src/worker/pyodide-internals.js refuses a
Pyodide other than the pinned one (its private internals may differ), and startFromSnapshot
(web/src/worker/site.js) refuses .snap files whose sha256 differs from site.json's, even when
only one byte differs and the size is right, before Pyodide is given them. The page-level
fallback is in tests/browser/test_startup.py.
"""

import hashlib
import json
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests", "web", "snapshot_checks.mjs")


@pytest.fixture(scope="module")
def report():
    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(ROOT, "web", "node_modules", "pyodide")):
        pytest.fail("node and web/node_modules are needed (bash build.sh runs npm ci in web/)")
    result = subprocess.run(
        [node, SCRIPT],
        capture_output=True,
        text=True,
        check=False,
        cwd=os.path.join(ROOT, "web"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_pinned_pyodide_is_the_one_in_site_config(report):
    with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
        assert report["pinned"] == json.load(f)["pyodide"]["version"]
    assert report["pinnedAccepted"] is None


def test_another_pyodide_version_is_refused(report):
    assert "314.0.2" in report["otherVersion"] and "private internals" in report["otherVersion"]
    assert "0.29.0" in report["manifestOfOtherVersion"]


def test_snapshot_files_are_checked_by_content_hash(report):
    assert "base.snap is damaged: its sha256 is" in report["flippedByte"], report
    assert f"base.snap has 4096 bytes, expected {report['baseBytes']}" in report["truncated"]
    # Only the intact file reached Pyodide (whose stand-in stops there).
    assert report["intact"] == "stand-in Pyodide reached"
    assert report["reachedPyodide"] == [report["rawBytes"]]


def test_the_build_records_each_snapshot_files_hash():
    site = os.path.join(ROOT, "dist", "site")
    if not os.path.isfile(os.path.join(site, "site.json")):
        pytest.skip("dist/ is not built (bash build.sh)")
    with open(os.path.join(site, "site.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest["snapshot"] is None:
        assert manifest["noSnapshot"], (
            "a build without a snapshot must say it was left out on purpose"
        )
        pytest.skip(manifest["noSnapshot"])
    for name in ("base", "site"):
        with open(os.path.join(site, f"{name}.snap"), "rb") as f:
            data = f.read()
        assert manifest["snapshot"]["files"][name] == {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
