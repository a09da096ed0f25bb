"""The share-link codec (web/src/share.js) under Node, on many random programs: every link the
Share button makes opens to exactly its program (control characters, Korean, emoji, lone
surrogates included), a link cut off anywhere is refused or gives the whole program, the
bounded length walk agrees with lz-string, and a link expanding to 500 M characters is refused
without being decompressed. The page-level versions are in tests/browser/test_sandbox.py.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests", "web", "share_links.mjs")


@pytest.fixture(scope="module")
def node():
    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(ROOT, "web", "node_modules", "lz-string")):
        reason = "node or web/node_modules is missing (bash build.sh runs npm ci in web/)"
        print(f"\nSKIPPING the share-link codec tests: {reason}", file=sys.__stderr__, flush=True)
        pytest.skip(reason)
    return node


def run_check(node, *args):
    result = subprocess.run(
        [node, SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=os.path.join(ROOT, "web"),
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("seed", [1, 2])
def test_every_shared_program_opens_exactly(node, seed):
    report = run_check(node, "roundtrip", seed)
    assert report["failures"] == [], report


def test_a_link_cut_off_anywhere_is_refused_or_whole(node):
    report = run_check(node, "cut", 3)
    assert report["failures"] == [], report


def test_the_bounded_length_walk_agrees_with_lz_string(node):
    report = run_check(node, "length", 4)
    assert report["failures"] == [], report


def test_a_link_expanding_to_500_million_characters_is_refused_unexpanded(node):
    report = run_check(node, "bomb", 1, 32000)
    assert report["expandsTo"] > 500_000_000
    assert report["payloadChars"] < 100_000
    assert report["failures"] == [], report
    # The length walk stopped just past the 1 MB limit instead of counting all 500 M.
    assert 1024 * 1024 < report["walked"] < 1024 * 1024 + 40_000, report
