"""Text and image preprocessing (keras.preprocessing, preprocessing layers, tf.strings, tf.image,
string tensors) print under pynn exactly what they print under tf.keras 2.15.

Each case replays one recorded scenario (tests/reference/scenarios_preprocessing.py) and compares
everything printed, byte for byte, plus the exception a scenario ends with.
"""

import pytest
from parity_utils import check_printed_scenario, load_json, pynn_namespace

FIXTURE = load_json("preprocessing.json")
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_preprocessing_matches_tf_keras(name):
    check_printed_scenario(SCENARIOS[name], pynn_namespace())
