"""The TensorFlow functions and tensor operators tutorials use give tf's values, dtypes and shapes,
and tf.GradientTape's gradients (within 1e-5), on fixed inputs."""

import numpy as np
import pytest
from parity_utils import assert_close, load_json, pynn_namespace

FIXTURE = load_json("ops.json")
INPUTS = FIXTURE["inputs"]
SCENARIOS = FIXTURE["scenarios"]
ATOL = RTOL = 1e-5


def _dtype_name(x):
    return getattr(x.dtype, "name", str(x.dtype))


def _run(name, watch):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    tf = ns["tf"]
    tensors = {k: tf.constant(np.array(v["value"], dtype=v["dtype"])) for k, v in INPUTS.items()}
    ns.update(tensors)
    tape = tf.GradientTape(persistent=True)
    with tape:
        for k in watch:
            tape.watch(tensors[k])
        value = eval(s["code"], ns)
        flat = list(value) if isinstance(value, (list, tuple)) else [value]
        total = None
        if watch:
            for x, r in zip(flat, s["cotangents"], strict=True):
                term = tf.reduce_sum(x * np.array(r, dtype=_dtype_name(x)))
                total = term if total is None else total + term
    return s, flat, tape, total, tensors


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_op_value_matches_tf(name):
    s, flat, _, _, _ = _run(name, [])
    assert len(flat) == len(s["values"]), (
        f"{s['code']}: {len(flat)} results, tf gives {len(s['values'])}"
    )
    for k, (x, expected) in enumerate(zip(flat, s["values"], strict=True)):
        assert _dtype_name(x) == s["dtypes"][k], (
            f"{s['code']}: dtype {_dtype_name(x)}, tf gives {s['dtypes'][k]}"
        )
        assert list(np.shape(x)) == s["shapes"][k], (
            f"{s['code']}: shape {list(np.shape(x))}, tf gives {s['shapes'][k]}"
        )
        assert_close(np.asarray(x), np.array(expected, dtype=s["dtypes"][k]), s["code"], ATOL, RTOL)


@pytest.mark.parametrize("name", [n for n in SCENARIOS if SCENARIOS[n]["grads"]])
def test_op_gradient_matches_tf(name):
    expected = SCENARIOS[name]["grads"]
    s, _, tape, total, tensors = _run(name, list(expected))
    grads = tape.gradient(total, [tensors[k] for k in expected])
    for (k, g_tf), g in zip(expected.items(), grads, strict=True):
        if g_tf is None:
            assert g is None, f"{s['code']}: tf gives no gradient for {k}"
            continue
        assert g is not None, f"{s['code']}: no gradient for {k}"
        assert_close(np.asarray(g), np.array(g_tf), f"d/d{k} {s['code']}", ATOL, RTOL)
