"""`keras.utils.Progbar` writes exactly what tf.keras 2.15 writes (fixtures/progbar.json).

The fixture was recorded by record_progbar.py with the same fake clock used here, so
even the times and the backspace runs must match byte for byte.
"""

import json
import os
import time

import pytest

from pynn.keras import utils
from pynn.keras.utils.progbar import Progbar

from .record_progbar import SCENARIOS, run

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "progbar.json")) as f:
    RECORDED = json.load(f)


@pytest.fixture
def clock(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_progbar_matches_tf_keras(name, clock):
    assert run(Progbar, clock, SCENARIOS[name]) == RECORDED[name]


def test_verbose_1_redraws_one_line_and_ends_with_newline(clock):
    out = run(Progbar, clock, SCENARIOS["steps_stateful"])
    assert out.count("\n") == 1 and out.endswith("\n")
    last = out.split("\r")[-1]
    assert last == (
        "10/10 [==============================] - 1s 30ms/step - loss: 1.6000 - accuracy: 0.9000\n"
    )


def test_verbose_0_prints_nothing(clock, capsys):
    bar = Progbar(5, verbose=0)
    for i in range(5):
        clock[0] = i
        bar.update(i + 1, [("loss", 1.0)])
    assert capsys.readouterr().out == ""


def test_wants_update_follows_the_interval(clock):
    clock[0] = 100.0
    bar = Progbar(10)
    assert bar.wants_update(1)
    bar.update(1, [("loss", 1.0)])
    clock[0] = 100.01
    assert not bar.wants_update(2)
    assert bar.wants_update(10)  # the last step always draws
    clock[0] = 100.2
    assert bar.wants_update(3)


def test_add_advances_by_n(clock, capsys):
    clock[0] = 100.0
    bar = Progbar(4, verbose=2)
    bar.add(2, [("loss", 1.0)])
    bar.add(2, [("loss", 3.0)])
    out = capsys.readouterr().out
    assert out.startswith("4/4 - 0s - loss: 2.0000 - ")


def test_exported_as_keras_utils_progbar():
    assert utils.Progbar is Progbar
