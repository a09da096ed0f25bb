"""Forward parity with tf.keras 2.15 for the convolution, pooling, normalization, embedding
and image reshaping layers: same weights in, same outputs out (within 1e-4), and the same
weights after the call (BatchNormalization's moving statistics).

The expected values were recorded by record_conv_fixtures.py with the reference install.
"""

import json
import os

import numpy as np
import pytest

from pynn.keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "conv_fixtures.json")) as f:
    SCENARIOS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "conv_fixtures.npz"))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_forward_matches_tf_keras(name):
    meta = SCENARIOS[name]
    x = ARRAYS[f"{name}/x"]
    layer = eval(meta["code"], {"L": layers})
    layer(x)
    layer.set_weights([ARRAYS[f"{name}/w{i}"] for i in range(meta["weights"])])
    y = layer(x, **meta["call"]).numpy()
    expected = ARRAYS[f"{name}/y"]
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, atol=1e-4, rtol=1e-4)
    after = [w.numpy() for w in layer.weights]
    for i, w in enumerate(after):
        np.testing.assert_allclose(w, ARRAYS[f"{name}/after{i}"], atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_weight_names_match_tf_keras(name):
    meta = SCENARIOS[name]
    layer = eval(meta["code"], {"L": layers})
    layer(ARRAYS[f"{name}/x"])
    expected = [n.split("/", 1)[1] for n in meta["weight_names"]]
    assert [w.name.split("/", 1)[1] for w in layer.weights] == expected
