"""Shared helpers of the parity tests: load the tf.keras 2.15 fixtures, build the pynn namespace the
recorded code runs in, capture stdout, and compare text and numbers.

The fixtures (tests/fixtures/*.json, *.npz) were written by tests/reference/record.py under
TensorFlow 2.15.1; they embed the code they ran, so these tests replay exactly that code here.
"""

import contextlib
import difflib
import io
import json
import os
import re
import time
import traceback

import numpy as np
import pytest

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")


def load_json(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def load_npz(name):
    with np.load(os.path.join(FIXTURES, name)) as z:
        return {k: z[k] for k in z.files}


def pynn_namespace():
    """The names the recorded code uses, bound to pynn, with fresh layer-name counters and seed."""
    try:
        from pynn import keras  # noqa: PLC0415 - a parity test reports a missing pynn instead of failing to import
    except Exception as e:  # noqa: BLE001 - any error is recorded/reported
        pytest.fail(f"cannot import pynn.keras: {type(e).__name__}: {e}", pytrace=False)
    try:
        from pynn import tf  # noqa: PLC0415 - a parity test reports a missing pynn instead of failing to import
    except Exception as e:  # noqa: BLE001 - any error is recorded/reported
        pytest.fail(
            f"cannot import pynn.tf (the `tf` namespace the tutorials use): "
            f"{type(e).__name__}: {e}",
            pytrace=False,
        )
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    return {"tf": tf, "keras": keras, "layers": keras.layers, "np": np, "time": time}


def require(ns, dotted, why):
    """Fail (never skip) with a clear message when a whole pynn module the fixture needs is absent."""
    obj = ns
    for part in dotted.split("."):
        try:
            obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
        except ImportError as e:  # a lazy submodule that is not there
            pytest.fail(f"`{dotted}` does not exist in pynn yet ({why}): {e}", pytrace=False)
        if obj is None:
            pytest.fail(f"`{dotted}` does not exist in pynn yet ({why})", pytrace=False)
    return obj


def run_captured(code, ns):
    """exec `code` in `ns`; return (stdout, error dict or None, formatted traceback or None)."""
    buf = io.StringIO()
    error = tb = None
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(code, "<scenario>", "exec"), ns)  # noqa: S102 - replaying recorded scenario code is the point
        except Exception as e:  # noqa: BLE001 - any error is recorded/reported
            error = {"type": type(e).__name__, "message": str(e)}
            tb = traceback.format_exc(limit=-6)
    return buf.getvalue(), error, tb


def text_diff(expected, got, n=3, limit=80):
    lines = list(
        difflib.unified_diff(
            expected.splitlines(), got.splitlines(), "tf.keras 2.15", "pynn", n=n, lineterm=""
        )
    )
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)"]
    return "\n".join(lines)


def check_error(expected, got, tb, exact_message=True):
    """Compare a recorded exception (or its absence) with what pynn raised."""
    if expected is None and got is None:
        return
    if expected is None:
        pytest.fail(
            f"pynn raised {got['type']}: {got['message']}\n(tf.keras 2.15 raised nothing)\n{tb}",
            pytrace=False,
        )
    if got is None:
        pytest.fail(
            f"tf.keras 2.15 raised {expected['type']}: {expected['message']}\npynn raised nothing",
            pytrace=False,
        )
    assert got["type"] == expected["type"], (
        f"tf.keras raised {expected['type']}: {expected['message']}\n"
        f"pynn raised {got['type']}: {got['message']}\n{tb}"
    )
    if exact_message:
        assert got["message"] == expected["message"], (
            f"{expected['type']} message differs\n tf.keras: {expected['message']!r}\n"
            f"     pynn: {got['message']!r}"
        )


def flatten(x):
    if isinstance(x, dict):
        return [v for k in sorted(x) for v in flatten(x[k])]
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in flatten(item)]
    return [x]


def assert_close(got, expected, what, atol, rtol):
    got = np.asarray(got)
    expected = np.asarray(expected)
    assert got.shape == expected.shape, (
        f"{what}: shape {got.shape} from pynn, {expected.shape} from tf.keras 2.15"
    )
    if expected.dtype == bool:
        assert np.array_equal(got.astype(bool), expected), f"{what}: differs\n{got}\nvs\n{expected}"
        return
    g = got.astype(np.float64)
    e = expected.astype(np.float64)
    ok = np.isclose(g, e, atol=atol, rtol=rtol) | (np.isnan(g) & np.isnan(e))
    if not ok.all():
        err = np.abs(g - e)
        idx = np.unravel_index(np.nanargmax(np.where(ok, 0, err)), err.shape) if err.ndim else ()
        idx = tuple(int(i) for i in idx)
        pytest.fail(
            f"{what}: {int((~ok).sum())} of {ok.size} values differ beyond atol={atol} "
            f"rtol={rtol}; worst at {idx}: pynn {float(g[idx])!r} vs tf.keras "
            f"{float(e[idx])!r}",
            pytrace=False,
        )


# ------------------------------------------------------------------ progress-bar text
_UNIT_TIME = re.compile(r"\d+(?:\.\d+)?(?:s|ms|us)/(step|epoch|sample)")
_ELAPSED = re.compile(r" - \d+s(?= )")
_ETA = re.compile(r"ETA: \d+(?::\d\d)*s?")
_TRAILING = re.compile(r" +(?=[\r\n]|$)")
_NUMBER = re.compile(r"(-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+|\bnan\b|-?\binf\b)")


_NP2_SCALAR = re.compile(r"np\.(?:float|int|uint|complex)\d*\(([^()]*)\)|np\.(True|False)_")


def numpy1_scalar_reprs(text):
    """The reference ran on NumPy 1.26, where repr(np.float32(0.5)) is `0.5`; NumPy 2 (here and
    in Pyodide) writes `np.float32(0.5)`. Same value, so print it the NumPy 1 way."""
    return _NP2_SCALAR.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)


def mask_timing(text):
    """Remove what depends on the clock: `\\b` runs (their count follows the previous line's width),
    ETA values, elapsed seconds, per-step/per-epoch times, and the blank padding after lines."""
    text = numpy1_scalar_reprs(re.sub("\x08+", "", text))
    text = _ETA.sub("ETA: <t>", text)
    text = _UNIT_TIME.sub(r"<t>/\1", text)
    text = _ELAPSED.sub(" - <t>", text)
    return _TRAILING.sub("", text)


def compare_text_numbers(expected, got, atol=5e-4, rtol=1e-3):
    """Equal text with the decimal numbers compared within a tolerance; message shows both."""
    e_parts = _NUMBER.split(expected)
    g_parts = _NUMBER.split(got)
    shown_e = expected.replace("\r", "\\r\n")
    shown_g = got.replace("\r", "\\r\n")
    if len(e_parts) != len(g_parts) or any(
        a != b for a, b in zip(e_parts[::2], g_parts[::2], strict=True)
    ):
        pytest.fail("text differs (timings masked):\n" + text_diff(shown_e, shown_g), pytrace=False)
    for a, b in zip(e_parts[1::2], g_parts[1::2], strict=True):
        fa, fb = float(a), float(b)
        if not (np.isclose(fa, fb, atol=atol, rtol=rtol) or (np.isnan(fa) and np.isnan(fb))):
            pytest.fail(
                f"number {b} (pynn) vs {a} (tf.keras 2.15) beyond atol={atol} "
                f"rtol={rtol}\n" + text_diff(shown_e, shown_g),
                pytrace=False,
            )


def last_redraws(text):
    """Keep only what a terminal finally shows on each line: the part after the last `\\r`."""
    return "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))


def normalize_script_output(text, mask_numbers, masks=()):
    text = last_redraws(mask_timing(text))
    for pattern in masks:
        text = re.sub(pattern, "<masked>", text)
    if mask_numbers:
        text = _NUMBER.sub("<num>", text)
    return text


def json_differences(a, b, path="", limit=12):
    """Paths where two JSON-like values differ, with both values, for readable failures."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                out.append(
                    f"{path}/{k}: {'missing' if k not in a else repr(a[k])[:80]} vs "
                    f"{'missing' if k not in b else repr(b[k])[:80]}"
                )
            else:
                out += json_differences(a[k], b[k], f"{path}/{k}", limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += json_differences(x, y, f"{path}[{i}]", limit)
    elif a != b:
        out.append(f"{path}: {repr(a)[:80]} vs {repr(b)[:80]}")
    return out[:limit]


def check_printed_scenario(s, ns):
    """Replay a recorded `{code, stdout, error}` scenario in `ns`: everything printed must be
    byte-identical to tf.keras 2.15's, and so must the exception it ends with."""
    out, err, tb = run_captured(s["code"], ns)
    if err is not None and s["error"] is None:
        pytest.fail(
            f"pynn raised {err['type']}: {err['message']}\n{tb}\n"
            f"printed so far, against tf.keras:\n{text_diff(s['stdout'], out)}",
            pytrace=False,
        )
    if out != s["stdout"]:
        pytest.fail(
            "printed text differs from tf.keras 2.15:\n" + text_diff(s["stdout"], out),
            pytrace=False,
        )
    check_error(s["error"], err, tb)
