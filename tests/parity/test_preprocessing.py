"""Text and image preprocessing (keras.preprocessing, preprocessing layers, tf.strings, tf.image,
string tensors) print under pynn exactly what they print under tf.keras 2.15.

Each case replays one recorded scenario (tests/reference/scenarios_preprocessing.py) and compares
everything printed, byte for byte, plus the exception a scenario ends with.
"""

import pytest
from parity_utils import check_error, load_json, pynn_namespace, run_captured, text_diff

FIXTURE = load_json("preprocessing.json")
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_preprocessing_matches_tf_keras(name):
    s = SCENARIOS[name]
    out, err, tb = run_captured(s["code"], pynn_namespace())
    if err is not None and s["error"] is None:
        pytest.fail(f"pynn raised {err['type']}: {err['message']}\n{tb}\n"
                    f"printed so far, against tf.keras:\n{text_diff(s['stdout'], out)}",
                    pytrace=False)
    if out != s["stdout"]:
        pytest.fail("printed text differs from tf.keras 2.15:\n" + text_diff(s["stdout"], out),
                    pytrace=False)
    check_error(s["error"], err, tb)
