"""fit / evaluate / predict print what tf.keras 2.15 prints, and History has the same keys.

The recorded text is compared after masking what depends on the clock (ETA, elapsed seconds,
ms/step, ms/epoch, the `\\b` runs and blank padding whose widths follow those timings); the
numbers (losses, metrics) are compared within a small tolerance since they are printed rounded.
"""

import pytest
from parity_utils import (
    check_error,
    compare_text_numbers,
    load_json,
    mask_timing,
    pynn_namespace,
    run_captured,
)

from tests.dependencies import require_h5py

FIXTURE = load_json("training.json")
PRELUDE = FIXTURE["prelude"]
SCENARIOS = FIXTURE["scenarios"]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_training_output_matches_tf_keras(name):
    s = SCENARIOS[name]
    if ".h5" in s["code"] or ".keras" in s["code"]:
        require_h5py()  # the scenario saves a model or its weights
    ns = pynn_namespace()
    out, err, tb = run_captured(PRELUDE + s["code"], ns)
    if err is not None and s["error"] is None:
        pytest.fail(f"pynn raised {err['type']}: {err['message']}\n{tb}", pytrace=False)
    compare_text_numbers(mask_timing(s["stdout"]), mask_timing(out))
    check_error(s["error"], err, tb, exact_message=False)


def test_mask_timing_keeps_structure():
    raw = (
        "\r1/3 [=========>....................] - ETA: 1s - loss: 2.2264\x08\x08\x08\r"
        "3/3 [==============================] - 1s 71ms/step - loss: 2.7145   \n"
        "3/3 - 0s - loss: 1.2832 - 274ms/epoch - 91ms/step\n"
    )
    assert mask_timing(raw) == (
        "\r1/3 [=========>....................] - ETA: <t> - loss: 2.2264\r"
        "3/3 [==============================] - <t> <t>/step - loss: 2.7145\n"
        "3/3 - <t> - loss: 1.2832 - <t>/epoch - <t>/step\n"
    )
