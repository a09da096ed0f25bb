"""What `fit`/`evaluate`/`predict` print and return matches tf.keras 2.15 (fixtures/fit.json).

Both runs start from the same weights without shuffling, so the numbers must agree;
the timings (ETA, `1s 4ms/step`, `38ms/epoch`) are masked before comparing.
"""

import json
import os
import re

import numpy as np
import pytest

from pynn import keras

from .record_fit import scenarios

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "fit.json")) as f:
    RECORDED = json.load(f)

NUMBER = re.compile(r"-?\d+\.\d+(?:e[+-]\d+)?")
TIMINGS = [
    (re.compile(r"ETA: \d+(?::\d\d)*s?"), "ETA: T"),
    (re.compile(r" - \d+s \d+(?:us|ms|s)/step"), " - Ts T/step"),
    (re.compile(r"^(\d+/\d+) - \d+s"), r"\1 - Ts"),
    (re.compile(r"\d+(?:us|ms|s)/epoch - \d+(?:us|ms|s)/step"), "T/epoch - T/step"),
]


def final_lines(text):
    """The text as the terminal shows it at the end: the last redraw of every line."""
    lines = []
    for line in text.replace("\b", "").split("\n"):
        lines.append(line.rsplit("\r", 1)[-1])
    return lines


def mask(line):
    for pattern, replacement in TIMINGS:
        line = pattern.sub(replacement, line)
    return NUMBER.sub("N", line), [float(n) for n in NUMBER.findall(line)]


def check_redraws(text):
    """Every redraw first erases the previous frame: `\\b` times its width, then `\\r`."""
    for line in text.split("\n"):
        pieces = line.split("\r")
        if len(pieces) == 1:
            continue  # "Epoch 1/2", or a verbose=2 line
        assert pieces[0] == ""
        for piece in pieces[1:-1]:
            frame = piece.rstrip("\b")
            assert len(piece) - len(frame) == len(frame.rstrip(" "))


@pytest.fixture(scope="module")
def ours():
    return scenarios(keras)


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_printed_output_matches_tf_keras(name, ours):
    text, _ = ours[name]
    expected = final_lines(RECORDED[name]["stdout"])
    got = final_lines(text)
    assert len(got) == len(expected), (got, expected)
    for got_line, want_line in zip(got, expected, strict=True):
        got_skeleton, got_numbers = mask(got_line)
        want_skeleton, want_numbers = mask(want_line)
        assert got_skeleton == want_skeleton
        np.testing.assert_allclose(got_numbers, want_numbers, atol=2e-4)
    check_redraws(text)


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_returned_values_match_tf_keras(name, ours):
    _, value = ours[name]
    want = RECORDED[name]["result"]
    if isinstance(want, dict) and "history" in want:
        assert list(value["history"]) == list(want["history"])
        for key, values in want["history"].items():
            np.testing.assert_allclose(value["history"][key], values, atol=1e-4)
        if "params" in want:
            assert value["params"] == want["params"]
    elif isinstance(want, dict):
        assert list(value) == list(want)
        np.testing.assert_allclose(list(value.values()), list(want.values()), atol=1e-4)
    else:
        np.testing.assert_allclose(np.asarray(value), np.asarray(want), atol=1e-4)
