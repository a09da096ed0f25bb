"""`fit` with every optimizer and the main losses against tf.keras 2.15 (record_fit.py)."""

import numpy as np
import pytest

from pynn import keras
from tests.keras.optimizers.fit_values import FIT_VALUES
from tests.keras.optimizers.record_fit import train


@pytest.mark.parametrize("key", list(FIT_VALUES))
def test_fit_matches_tf_keras(key):
    code, loss = key.split(" | ")
    weights, history = train(keras, code, loss)
    expected = FIT_VALUES[key]
    for got, want in zip(weights, expected["weights"], strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    assert set(history) == set(expected["history"])
    for name, values in expected["history"].items():
        np.testing.assert_allclose(history[name], values, rtol=1e-4, atol=1e-5)
