"""How the playground's Python starts: from the build's memory snapshot (numpy, pynn and the
shim already imported), or the ordinary way when the snapshot cannot be used. Either way
"ready" means a program runs at once, with fresh random numbers on every page load.
"""

import json
import os

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


def snapshot_built(dist):
    with open(os.path.join(dist, "site", "site.json"), encoding="utf-8") as f:
        return json.load(f)["snapshot"] is not None


def draws(playground):
    lines = [line for line in playground.output_text().splitlines() if line.startswith("draws ")]
    assert lines, playground.output_text()
    return lines[-1]


def test_python_starts_from_the_snapshot_and_runs_at_once(playground, dist):
    if not snapshot_built(dist):
        pytest.skip("this build has no start-up snapshot (web/snapshot.mjs warned why)")
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


def test_a_damaged_snapshot_falls_back_to_the_ordinary_start(playground, dist):
    if not snapshot_built(dist):
        pytest.skip("this build has no start-up snapshot")
    playground.context.route(
        "**/site/site.snap",
        lambda route: route.fulfill(status=200, body=b"\0" * 4096,
                                    headers={"Content-Type": "application/octet-stream"}))
    page = playground.open()
    assert page.evaluate("document.body.dataset.startup") == "fresh"
    playground.set_code("import numpy as np\nimport tensorflow as tf\n"
                        "print('fallback', int(np.arange(4).sum()), tf.ones((2,)).shape)")
    playground.run_and_wait()
    assert "fallback 6 (2,)" in playground.output_text()
