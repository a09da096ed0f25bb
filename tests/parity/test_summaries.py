"""model.summary() (and what the tutorials print around it) byte-identical to tf.keras 2.15.

Each case replays one recorded scenario (tests/reference/scenarios_summary.py) under pynn and
compares everything printed, byte for byte, plus the exception a scenario ends with (e.g. the
summary of an unbuilt model).
"""

import pytest
from parity_utils import check_error, load_json, pynn_namespace, require, run_captured, text_diff

FIXTURE = load_json("summaries.json")
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_summary_matches_tf_keras(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    if "applications" in s["code"]:
        require(ns, "keras.applications", "keras.applications: MobileNet / MobileNetV2")
    out, err, tb = run_captured(s["code"], ns)
    if err is not None and s["error"] is None:
        pytest.fail(f"pynn raised {err['type']}: {err['message']}\n{tb}\n"
                    f"printed so far, against tf.keras:\n{text_diff(s['stdout'], out)}",
                    pytrace=False)
    if out != s["stdout"]:
        pytest.fail("printed text differs from tf.keras 2.15:\n" + text_diff(s["stdout"], out),
                    pytrace=False)
    check_error(s["error"], err, tb)
