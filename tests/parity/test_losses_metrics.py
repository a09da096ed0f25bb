"""Every loss and metric equals tf.keras 2.15's on fixed inputs (within 1e-5, relative for large
values).

Losses: functions (per-sample values) and classes with each reduction and sample weights.
Metrics: stateful objects over two `update_state` batches and after `reset_state`, and the
metric functions.
"""

import numpy as np
import pytest
from parity_utils import assert_close, load_json, pynn_namespace

FIXTURE = load_json("losses.json")
DATA = FIXTURE["data"]
SAMPLE_WEIGHT = np.array(FIXTURE["sample_weight"], dtype="float32")
LOSSES = FIXTURE["losses"]
METRICS = FIXTURE["metrics"]
ATOL = RTOL = 1e-5


def _data(kind):
    d = DATA[kind]
    return np.array(d["y_true"], dtype=d["y_true_dtype"]), np.array(d["y_pred"], dtype="float32")


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_matches_tf_keras(name):
    s = LOSSES[name]
    ns = pynn_namespace()
    y_true, y_pred = _data(s["data"])
    ns.update(y_true=y_true, y_pred=y_pred, sample_weight=SAMPLE_WEIGHT)
    got = eval(s["code"], ns)
    assert_close(np.asarray(got), np.array(s["value"]), s["code"], ATOL, RTOL)


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_gradient_matches_tf_keras(name):
    """d sum(loss) / d y_pred, as tf.GradientTape gives it (clipping and fused forms included)."""
    s = LOSSES[name]
    ns = pynn_namespace()
    tf = ns["tf"]
    y_true, y_pred = _data(s["data"])
    y_pred_t = tf.constant(y_pred)
    ns.update(y_true=y_true, y_pred=y_pred_t, sample_weight=SAMPLE_WEIGHT)
    with tf.GradientTape() as tape:
        tape.watch(y_pred_t)
        total = tf.reduce_sum(eval(s["code"], ns))
    grad = tape.gradient(total, y_pred_t)
    assert grad is not None, f"{s['code']}: no gradient reaches y_pred"
    assert_close(np.asarray(grad), np.array(s["grad"]), f"d/dy_pred {s['code']}", ATOL, RTOL)


@pytest.mark.parametrize("name", list(METRICS))
def test_metric_matches_tf_keras(name):
    s = METRICS[name]
    ns = pynn_namespace()
    y_true, y_pred = _data(s["data"])
    if s["mode"] == "fn":
        ns.update(y_true=y_true, y_pred=y_pred, sample_weight=SAMPLE_WEIGHT)
        assert_close(np.asarray(eval(s["code"], ns)), np.array(s["value"]), s["code"], ATOL, RTOL)
        return
    m = eval(s["code"], ns)
    assert m.name == s["metric_name"]
    for step, (lo, hi) in enumerate([(0, 4), (4, 8)]):
        kw = {"sample_weight": SAMPLE_WEIGHT[lo:hi]} if s["weighted"] else {}
        if s["mode"] == "values":
            m.update_state(y_true[lo:hi], **kw)
        else:
            m.update_state(y_true[lo:hi], y_pred[lo:hi], **kw)
        assert_close(
            np.asarray(m.result()),
            np.array(s["results"][step]),
            f"{s['code']} after update {step + 1}",
            ATOL,
            RTOL,
        )
    m.reset_state()
    assert_close(
        np.asarray(m.result()),
        np.array(s["results"][2]),
        f"{s['code']} after reset_state()",
        ATOL,
        RTOL,
    )
