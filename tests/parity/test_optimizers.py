"""Three steps of every optimizer equal tf.keras 2.15's (within 1e-4).

Two variables start from recorded values; each step applies recorded gradients with
`apply_gradients` (or calls `minimize` on a fixed loss); the variables after every step and the
final `iterations` are compared.
"""

import numpy as np
import pytest
from parity_utils import assert_close, load_json, pynn_namespace

FIXTURE = load_json("optimizers.json")
START = FIXTURE["start"]
SCENARIOS = FIXTURE["scenarios"]
ATOL = RTOL = 1e-4


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_optimizer_steps_match_tf_keras(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    tf = ns["tf"]
    opt = eval(s["code"], ns)
    v0 = tf.Variable(np.array(START["v0"], dtype="float32"), name="v0")
    v1 = tf.Variable(np.array(START["v1"], dtype="float32"), name="v1")
    ns.update(v0=v0, v1=v1, t0=tf.constant(np.array(START["t0"], dtype="float32")))
    loss_fn = eval(START["loss_code"], ns)
    for k, expected in enumerate(s["steps"]):
        if s["mode"] == "grads":
            grads = [tf.constant(np.array(g, dtype="float32")) for g in START["grads"][k]]
            opt.apply_gradients(zip(grads, [v0, v1], strict=True))
        else:
            opt.minimize(loss_fn, [v0, v1])
        assert_close(v0.numpy(), expected["v0"], f"{s['code']}: v0 after step {k + 1}", ATOL, RTOL)
        assert_close(v1.numpy(), expected["v1"], f"{s['code']}: v1 after step {k + 1}", ATOL, RTOL)
    assert int(np.asarray(opt.iterations)) == s["iterations"]
    assert_close(
        float(np.asarray(opt.learning_rate)),
        s["learning_rate_after"],
        f"{s['code']}: learning_rate after 3 steps",
        1e-7,
        1e-6,
    )
