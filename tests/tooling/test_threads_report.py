"""bench/browser/threads.py --profile reports where a CNN epoch's time goes on 1 and 2 kernel
threads, the ceiling that the parts which never reach the threads leave (Amdahl, with the best
single call's speed-up of the same run), and where the threaded calls' time went."""

import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _threads_bench():
    path = os.path.join(ROOT, "bench", "browser", "threads.py")
    spec = importlib.util.spec_from_file_location("threads_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _profile():
    # 1-thread epoch 10 s: conv 6 s (threaded when forced), Adam 1 s (never), a tiny product
    # 0.005 s (never), everything else 3 - 0.005 s.
    one = {"conv backward": [4, 6.0], "Adam update": [4, 1.0], "product 8x8 @ 8x8": [4, 0.005]}
    two = {"conv backward": [4, 3.0], "Adam update": [4, 1.0], "product 8x8 @ 8x8": [4, 0.005]}
    forced = {
        "conv backward": [4, 3.1, 4],
        "Adam update": [4, 1.0, 0],
        "product 8x8 @ 8x8": [4, 0.005, 0],
    }
    times = {
        "conv 3x3x32x64 backward": {
            "calls": 4.0,
            "copyInMs": 2.0,
            "oursMs": 40.0,
            "waitMs": 1.0,
            "copyBackMs": 0.8,
            "workersMs": 38.0,
        }
    }
    return {
        "one": {"epoch": 10.0, "parts": one},
        "two": {"epoch": 7.0, "parts": two},
        "forced": {"epoch": 7.1, "parts": forced, "times": times},
    }


GEMM = {"one": 6.0, "two": 4.0, "forced": 3.6}  # GEMM 512: 1.67x at best


def _report(profile=None, gemm=GEMM):
    """profile_report's text for ``profile`` (by default _profile())."""
    return "\n".join(_threads_bench().profile_report(profile or _profile(), gemm))


def test_the_ceiling_counts_the_parts_that_never_reach_the_threads():
    text = _report()
    # serial: Adam 1 s + the tiny product + everything else (3 - 0.005 s) = 4 s of 10 s;
    # at 2x: 1 / (0.4 + 0.6 / 2) = 1.43x; the best reached: the conv part, 6 / 3 = 2x (GEMM 512:
    # 6 / 3.6 = 1.67x)
    assert "took 4.00 s, 40% of the 1-thread epoch" in text, text
    assert "(Adam update, 1 smaller ones and everything else)" in text, text
    assert "exactly 2x faster the epoch would be at most 1.43x faster" in text, text
    assert "this run (conv backward, 2.00x), 1.43x" in text, text
    # 1.6x: 0.4 + 0.6 / p = 0.625: p = 2.67
    assert "1.6x, needs every other part 2.67x faster" in text, text
    assert "| conv backward | 4 | 6.000 s | 60% | 3.000 s | 2.00x | 4 of 4 |" in text, text
    assert "| Adam update | 4 | 1.000 s | 10% | 1.000 s | 1.00x | 0 of 4 |" in text, text


def test_the_threaded_calls_times_are_per_call():
    text = _report()
    assert "| conv 3x3x32x64 backward | 4 | 0.50 | 10.00 | 0.25 | 0.20 | 9.50 |" in text, text


def test_without_the_forced_epoch_there_is_no_ceiling():
    profile = _profile()
    del profile["forced"]
    text = _report(profile)
    assert "| conv backward | 4 | 6.000 s | 60% | 3.000 s | 2.00x |" in text, text
    assert "Ceiling" not in text and "copy in" not in text, text
    assert _threads_bench().profile_report(None) == []


def test_the_best_speed_up_may_be_gemms():
    profile = _profile()
    profile["two"]["parts"]["conv backward"][1] = 4.0  # the conv part: 1.5x
    text = _report(profile)
    # 1 / (0.4 + 0.6 / 1.667) = 1.32x
    assert "this run (GEMM 512, 1.67x), 1.32x" in text, text


def test_a_serial_share_above_the_target_needs_the_impossible():
    profile = _profile()
    profile["one"]["parts"]["conv backward"][1] = 1.0  # serial 9 s of 10 s: even 2x cannot do
    text = _report(profile)
    assert "took 9.00 s, 90% of the 1-thread epoch" in text, text
    assert "1.6x, is out of reach whatever the other parts gain." in text, text


def test_the_copies_bound_the_threaded_parts():
    text = _report()
    # the times recorded are another call shape's: no copies for the conv part; at best
    # 6 / 2 = 3 s; + serial 4 s: 10 / 7 = 1.43x
    assert "(0.00 s in the forced epoch)" in text, text
    assert "the epoch would be at most 1.43x faster." in text, text
    profile = _profile()
    profile["forced"]["times"]["conv backward"] = dict(
        profile["forced"]["times"]["conv 3x3x32x64 backward"], copyInMs=1500.0, copyBackMs=500.0
    )
    text = _report(profile)
    # (6 + 2) / 2 = 4 s; + 4 s: 10 / 8 = 1.25x
    assert "(2.00 s in the forced epoch)" in text, text
    assert "the epoch would be at most 1.25x faster." in text, text
