"""model.summary() (and what the tutorials print around it) byte-identical to tf.keras 2.15.

Each case replays one recorded scenario (tests/reference/scenarios_summary.py) under pynn and
compares everything printed, byte for byte, plus the exception a scenario ends with (e.g. the
summary of an unbuilt model).
"""

import pytest
from parity_utils import check_printed_scenario, load_json, pynn_namespace, require

FIXTURE = load_json("summaries.json")
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_summary_matches_tf_keras(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    if "applications" in s["code"]:
        require(ns, "keras.applications", "keras.applications: MobileNet / MobileNetV2")
    check_printed_scenario(s, ns)
