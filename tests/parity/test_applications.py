"""Whole MobileNet / MobileNetV2 forward passes equal tf.keras 2.15's.

Each model gets deterministic weights drawn in `model.weights` order from a seeded numpy
generator (uniform in [-0.5, 0.5), variances in [0.5, 1.5)) — the same draw tf.keras's copy got
when recorded — and predicts two recorded 32x32 images. Tolerance 1e-4 (absolute and relative)
over ~30 layers of float32.
"""

import numpy as np
import pytest
from parity_utils import assert_close, load_json, load_npz, pynn_namespace, require

FIXTURE = load_json("applications.json")
SCENARIOS = FIXTURE["scenarios"]
ARRAYS = load_npz("applications.npz")


def deterministic_weights(model, seed):
    rng = np.random.default_rng(seed)
    out = []
    for w in model.weights:
        shape = tuple(np.shape(w))
        low, high = (0.5, 1.5) if "variance" in w.name else (-0.5, 0.5)
        out.append(rng.uniform(low, high, shape).astype("float32"))
    return out


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_mobilenet_forward_matches_tf_keras(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    require(ns, "keras.applications", "keras.applications: MobileNet / MobileNetV2")
    model = eval(s["code"], ns)
    assert len(model.weights) == s["n_weights"]
    model.set_weights(deterministic_weights(model, s["weight_seed"]))
    y = model.predict(ARRAYS[f"{name}/x"], verbose=0)
    assert_close(y, ARRAYS[f"{name}/y"], s["code"], 1e-4, 1e-4)
