"""Records tf.keras 2.15's `Progbar` output under a fake clock (needs the reference TF).

    ~/.cache/reftf/bin/python tests/keras/training/record_progbar.py

Writes fixtures/progbar.json; test_progbar.py replays the same scenarios on pynn's Progbar.
"""

import io
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Each scenario: Progbar arguments, then a list of [clock, current, values, finalize].
SCENARIOS = {
    "steps_stateful": {
        "args": {"target": 10, "stateful_metrics": ["loss", "accuracy"]},
        "updates": [
            [0.5 + 0.03 * i, i + 1, [["loss", 2.5 - 0.1 * i], ["accuracy", 0.1 * i]], None]
            for i in range(10)
        ],
    },
    "averaged_values": {
        "args": {"target": 5},
        "updates": [
            [1.0 * (i + 1), i + 1, [["loss", 1.0 / (i + 1)], ["tiny", 1e-5 * (i + 1)]], None]
            for i in range(5)
        ],
    },
    "long_eta": {
        "args": {"target": 100000},
        "updates": [
            [3.0, 1, [["loss", -0.5]], None],
            [20.0, 2, [["loss", 0.25]], None],
            [30.0, 50, [["loss", 0.0005]], None],
        ],
    },
    "minutes_eta": {
        "args": {"target": 1000},
        "updates": [[0.5, 1, [], None], [1.0, 2, [], None], [2.0, 3, [], None]],
    },
    "unknown_target": {
        "args": {"target": None},
        "updates": [
            [0.2, 1, [["loss", 1.0]], None],
            [0.4, 2, [["loss", 0.5]], None],
            [0.6, 3, [["loss", 0.25]], True],
        ],
    },
    "verbose2": {
        "args": {"target": 8, "verbose": 2, "stateful_metrics": ["loss"]},
        "updates": [
            [0.1 * (i + 1), i + 1, [["loss", 0.5 / (i + 1)], ["mae", 0.0001]], None]
            for i in range(8)
        ],
    },
    "verbose2_slow": {
        "args": {"target": 3, "verbose": 2},
        "updates": [
            [2.0, 1, [["loss", 3.0]], None],
            [4.0, 2, [["loss", 2.0]], None],
            [6.5, 3, [["loss", 1.0]], None],
        ],
    },
    "samples_unit": {
        "args": {"target": 60000, "unit_name": "sample"},
        "updates": [[0.001, 32, [["loss", 0.3]], None], [0.002, 60000, [["loss", 0.2]], None]],
    },
    "shrinking_line": {
        "args": {"target": 3},
        "updates": [
            [0.0, 1, [["loss", 123456.0]], None],
            [0.1, 2, [["loss", 1.0]], None],
            [0.2, 3, [["loss", 1.0]], None],
        ],
    },
}


def run(progbar_class, clock, scenario):
    """Replays one scenario; returns everything the bar wrote to stdout."""
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        clock[0] = 0.0
        bar = progbar_class(**scenario["args"])
        for now, current, values, finalize in scenario["updates"]:
            clock[0] = now
            bar.update(current, [tuple(v) for v in values], finalize=finalize)
    finally:
        sys.stdout = real_stdout
    return out.getvalue()


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from keras.src.utils import generic_utils

    clock = [0.0]
    time.time = lambda: clock[0]
    recorded = {name: run(generic_utils.Progbar, clock, sc) for name, sc in SCENARIOS.items()}
    with open(os.path.join(HERE, "fixtures", "progbar.json"), "w") as f:
        json.dump(recorded, f, indent=1)


if __name__ == "__main__":
    main()
