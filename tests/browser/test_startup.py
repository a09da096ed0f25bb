"""How the playground's Python starts: from the build's memory snapshot (numpy, pynn and the
shim already imported), or the ordinary way when the snapshot cannot be used. Either way
"ready" means a program runs at once, with fresh random numbers on every page load.
"""

import hashlib
import json
import os
import sys

import pytest

pytestmark = pytest.mark.browser

BOOT_TIMEOUT_MS = 180_000

RANDOM_PROGRAM = (
    "import random\n"
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "print('draws', random.random(), np.random.rand(), float(tf.random.uniform(())),\n"
    "      float(tf.keras.initializers.GlorotUniform()((1, 1))[0, 0]))\n"
)


def require_snapshot(dist):
    """The build's snapshot must exist: web/snapshot.mjs fails the build when it cannot make
    one, so a build without it is one made with PYNN_NO_SNAPSHOT=1 on purpose (skipped, loudly)
    or a broken one (a failure)."""
    with open(os.path.join(dist, "site", "site.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest["snapshot"] is not None:
        return manifest
    if manifest.get("noSnapshot"):
        print(f"\nSKIPPING a start-up snapshot test: {manifest['noSnapshot']}", file=sys.__stderr__)
        pytest.skip(f"this build has no start-up snapshot: {manifest['noSnapshot']}")
    pytest.fail(
        "dist/site/site.json has no start-up snapshot, and the build did not leave it "
        "out on purpose: rebuild with bash build.sh and read web/snapshot.mjs's error"
    )


def draws(playground):
    lines = [line for line in playground.output_text().splitlines() if line.startswith("draws ")]
    assert lines, playground.output_text()
    return lines[-1]


def test_python_starts_from_the_snapshot_and_runs_at_once(playground, dist):
    require_snapshot(dist)
    page = playground.open()
    assert page.evaluate("document.body.dataset.startup") == "snapshot"
    assert not page.get_by_role("button", name="Run", exact=True).is_disabled()
    playground.set_code(
        "import sys\n"
        "print('preloaded', all(m in sys.modules for m in ('numpy', 'pynn', 'pynn.keras')))\n"
        "import tensorflow as tf\n"
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])\n"
        "print('params', model.count_params(), tf.reduce_sum(tf.ones((2, 2))).numpy())\n"
    )
    playground.run_and_wait()
    text = playground.output_text()
    assert "preloaded True" in text and "params 8 4.0" in text


def test_every_page_load_draws_different_random_numbers(playground):
    playground.open()
    playground.set_code(RANDOM_PROGRAM)
    playground.run_and_wait()
    first = draws(playground)
    playground.page.reload()
    playground.wait_ready(BOOT_TIMEOUT_MS)
    playground.set_code(RANDOM_PROGRAM)
    playground.run_and_wait()
    second = draws(playground)
    first_values, second_values = first.split()[1:], second.split()[1:]
    assert len(first_values) == 4
    assert all(a != b for a, b in zip(first_values, second_values, strict=True)), (first, second)


def test_a_damaged_snapshot_falls_back_to_the_ordinary_start(open_context, server, dist):
    require_snapshot(dist)
    # The service worker never hands out a file that differs from the build's manifest, so
    # the damage is made where it could still come from: a site.json (consistent with a
    # manifest) whose record of site.snap does not match it, with no service worker in between.
    with open(os.path.join(dist, "site", "site.json"), encoding="utf-8") as f:
        site = json.load(f)
    site["snapshot"]["files"]["site"]["sha256"] = "0" * 64
    site_json = json.dumps(site).encode()
    with open(os.path.join(dist, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["files"]["site/site.json"][:2] = [
        hashlib.sha256(site_json).hexdigest(),
        len(site_json),
    ]
    playground = open_context(server.origin, service_workers="block")
    playground.context.route(
        "**/site/site.json",
        lambda route: route.fulfill(
            status=200, body=site_json, headers={"Content-Type": "application/json"}
        ),
    )
    playground.context.route(
        "**/manifest.json",
        lambda route: route.fulfill(
            status=200, body=json.dumps(manifest), headers={"Content-Type": "application/json"}
        ),
    )
    page = playground.open()
    assert page.evaluate("document.body.dataset.startup") == "fresh"
    playground.set_code(
        "import numpy as np\nimport tensorflow as tf\n"
        "print('fallback', int(np.arange(4).sum()), tf.ones((2,)).shape)"
    )
    playground.run_and_wait()
    assert "fallback 6 (2,)" in playground.output_text()
