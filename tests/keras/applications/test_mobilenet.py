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
from pynn.keras.applications import MobileNet, MobileNetV2, mobilenet_v2

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


def _summary(model):
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        model.summary()
    return text.getvalue()


@pytest.mark.parametrize("build", [MobileNet, MobileNetV2])
def test_imagenet_default_builds_the_architecture_with_a_loud_warning(build):
    # seed 000 builds `MobileNet()` and `MobileNetV2()` and reads their summaries; layer
    # counts are tf.keras 2.15's (the seed shows an older Keras's 93 for MobileNet)
    keras.backend.clear_session()
    with pytest.warns(UserWarning, match="RANDOM weights.*predictions mean nothing"):
        model = build()
    keras.backend.clear_session()
    reference = build(weights=None)
    assert _summary(model) == _summary(reference)
    assert len(model.layers) == {MobileNet: 91, MobileNetV2: 156}[build]


def test_imagenet_rules_of_tf_keras_still_apply():
    with pytest.raises(ValueError, match="alpha can be one of"), pytest.warns(UserWarning):
        MobileNet(alpha=0.3)
    with pytest.raises(ValueError, match="depth multiplier must be 1"), pytest.warns(UserWarning):
        MobileNet(depth_multiplier=2)
    with pytest.raises(ValueError, match="alpha must be one of"), pytest.warns(UserWarning):
        MobileNetV2(alpha=0.3)
    with pytest.raises(ValueError, match="`classes` should be 1000"):
        MobileNet(classes=10)
    # ImageNet weights exist for square inputs of listed sizes; others name (and load) 224
    with pytest.warns(UserWarning, match="Weights for input shape \\(224, 224\\)"):
        model = MobileNet(input_shape=(100, 100, 3), include_top=False)
    assert model.name == "mobilenet_1.00_224"


def test_weights_load_from_a_local_file(tmp_path):
    source = MobileNetV2(weights=None, alpha=0.35, input_shape=(32, 32, 3), classes=7)
    path = str(tmp_path / "mobilenet_v2_weights.h5")
    source.save_weights(path)
    loaded = MobileNetV2(weights=path, alpha=0.35, input_shape=(32, 32, 3), classes=7)
    x = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), source.predict(x, verbose=0))


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
    np.testing.assert_allclose(
        mobilenet_v2.preprocess_input(np.array([0, 127.5, 255.0])), [-1, 0, 1]
    )
