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


def test_the_ceiling_counts_the_parts_that_never_reach_the_threads():
    bench = _threads_bench()
    lines = bench.profile_report(_profile(), {"one": 6.0, "two": 4.0, "forced": 3.0})
    text = "\n".join(lines)
    # serial: Adam 1 s + the tiny product + everything else (3 - 0.005 s) = 4 s of 10 s;
    # best single call 6 / 3 = 2x: 1 / (0.4 + 0.6 / 2) = 1.43x
    assert "took 4.00 s, 40% of the 1-thread epoch" in text, text
    assert "(GEMM 512, 2.00x)" in text, text
    assert "would be 1.43x faster than on 1 thread" in text, text
    assert "(Adam update, 1 smaller ones and everything else)" in text, text
    assert "| conv backward | 4 | 6.000 s | 60% | 3.000 s | 2.00x | 4 of 4 |" in text, text
    assert "| Adam update | 4 | 1.000 s | 10% | 1.000 s | 1.00x | 0 of 4 |" in text, text


def test_the_threaded_calls_times_are_per_call():
    bench = _threads_bench()
    text = "\n".join(bench.profile_report(_profile(), {"one": 6.0, "two": 4.0, "forced": 3.0}))
    assert "| conv 3x3x32x64 backward | 4 | 0.50 | 10.00 | 0.25 | 0.20 | 9.50 |" in text, text


def test_without_the_forced_epoch_there_is_no_ceiling():
    bench = _threads_bench()
    profile = _profile()
    del profile["forced"]
    text = "\n".join(bench.profile_report(profile, {"one": 6.0, "two": 4.0, "forced": 3.0}))
    assert "| conv backward | 4 | 6.000 s | 60% | 3.000 s | 2.00x |" in text, text
    assert "Ceiling" not in text and "copy in" not in text, text
    assert bench.profile_report(None) == []
