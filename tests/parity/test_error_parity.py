"""Bad input gets the exception tf.keras 2.15 raises.

Same exception type always; the same message where Keras itself words it (`exact`), otherwise a
message naming what a student needs (layer name, expected and received shapes or values).
"""

import pytest
from parity_utils import load_json, pynn_namespace, run_captured

SCENARIOS = load_json("errors.json")["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_error_matches_tf_keras(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    _, err, tb = run_captured(s["code"], ns)
    expected = s["error"]
    assert err is not None, (
        f"pynn raised nothing; tf.keras raises {expected['type']}: {expected['message']}"
    )
    assert err["type"] == expected["type"], (
        f"tf.keras raises {expected['type']}: {expected['message']}\n"
        f"pynn raised {err['type']}: {err['message']}\n{tb}"
    )
    if s["exact"]:
        assert err["message"] == expected["message"]
    missing = [c for c in s["contains"] if c not in err["message"]]
    assert not missing, (
        f"pynn's message lacks {missing}: {err['message']!r}\n(tf.keras: {expected['message']!r})"
    )
