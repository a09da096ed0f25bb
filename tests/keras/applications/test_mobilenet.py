"""keras.applications.MobileNet / MobileNetV2 with weights=None: the same layers, names,
shapes and parameter counts as tf.keras 2.15, so `summary()` prints the same bytes.
Expected summaries were recorded by record_mobilenet_summaries.py."""

import contextlib
import io
import json
import os

import numpy as np
import pytest

from pynn import keras
from pynn.keras import backend
from pynn.keras.applications import MobileNet, MobileNetV2

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "mobilenet_summaries.json")) as f:
    SUMMARIES = json.load(f)


@pytest.mark.parametrize("code", list(SUMMARIES))
def test_summary_is_byte_identical_to_tf_keras(code):
    backend.clear_session()
    model = eval(code, {"MobileNet": MobileNet, "MobileNetV2": MobileNetV2})
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        model.summary()
    assert text.getvalue() == SUMMARIES[code]["summary"]
    assert model.count_params() == SUMMARIES[code]["params"]


def test_imagenet_weights_give_a_clear_error():
    with pytest.raises(ValueError, match="cannot be downloaded here.*weights=None"):
        MobileNet()
    with pytest.raises(ValueError, match="cannot be downloaded here.*weights=None"):
        keras.applications.MobileNetV2(weights="imagenet")


def test_bad_arguments():
    with pytest.raises(ValueError, match="The `weights` argument should be either"):
        MobileNet(weights="no/such/file.h5")
    with pytest.raises(ValueError, match="Input size must be at least 32x32"):
        MobileNetV2(weights=None, input_shape=(16, 16, 3))
    with pytest.raises(ValueError, match="you should specify a static `input_shape`"):
        MobileNet(weights=None, input_shape=(None, None, 3))
    with pytest.raises(ValueError, match="Unknown argument"):
        MobileNet(weights=None, colour="blue")


def test_small_mobilenet_v2_trains_and_predicts():
    model = MobileNetV2(weights=None, input_shape=(32, 32, 3), alpha=0.35, classes=3)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(0)
    x = rng.random((4, 32, 32, 3)).astype("float32")
    model.fit(x, rng.integers(0, 3, 4), epochs=1, batch_size=4, verbose=0)
    probabilities = model.predict(x, verbose=0)
    assert probabilities.shape == (4, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)


def test_preprocess_input_scales_to_minus_one_one():
    from pynn.keras.applications import mobilenet_v2

    np.testing.assert_allclose(mobilenet_v2.preprocess_input(np.array([0, 127.5, 255.0])),
                               [-1, 0, 1])
