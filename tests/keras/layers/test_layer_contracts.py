"""Contracts every layer of this family keeps: config round trip, and the shape the
Functional API predicts equals the shape an eager call produces."""

import numpy as np
import pytest

from pynn.keras import layers
from pynn.keras.engine.input_layer import Input
from pynn.keras.utils.generic_utils import SafeModeScope
from tests.gradcheck import check_gradients

RNG = np.random.default_rng(0)

# (factory, sample input shapes without batch; a list means a merge layer)
SINGLE = [
    (lambda: layers.Dense(3, activation="relu", kernel_regularizer="l2"), (4, 5)),
    (lambda: layers.Activation("gelu"), (4, 5)),
    (lambda: layers.EinsumDense("abc,cd->abd", output_shape=(None, 3), bias_axes="d"), (4, 5)),
    (lambda: layers.Lambda(lambda t: t * 2, output_shape=(4, 5)), (4, 5)),
    (lambda: layers.Masking(mask_value=0.5), (4, 5)),
    (lambda: layers.Identity(), (4, 5)),
    (lambda: layers.ReLU(max_value=2.0), (4, 5)),
    (lambda: layers.LeakyReLU(alpha=0.1), (4, 5)),
    (lambda: layers.PReLU(shared_axes=[1]), (4, 5)),
    (lambda: layers.ELU(alpha=0.5), (4, 5)),
    (lambda: layers.Softmax(axis=1), (4, 5)),
    (lambda: layers.ThresholdedReLU(theta=0.5), (4, 5)),
    (lambda: layers.Dropout(0.5, noise_shape=(None, 1, 5), seed=1), (4, 5)),
    (lambda: layers.ActivityRegularization(l1=0.1), (4, 5)),
    (lambda: layers.SpatialDropout1D(0.3), (4, 5)),
    (lambda: layers.GaussianDropout(0.3, seed=2), (4, 5)),
    (lambda: layers.AlphaDropout(0.3), (4, 5)),
    (lambda: layers.Flatten(), (4, 5)),
    (lambda: layers.Reshape((-1, 2)), (4, 5)),
    (lambda: layers.Permute((2, 1)), (4, 5)),
    (lambda: layers.RepeatVector(3), (5,)),
]
MERGE = [
    (lambda: layers.Concatenate(axis=1), [(4, 5), (2, 5)]),
    (lambda: layers.Add(), [(4, 5), (4, 5)]),
    (lambda: layers.Subtract(), [(4, 5), (1, 5)]),
    (lambda: layers.Multiply(), [(4, 5), (4, 5), (4, 5)]),
    (lambda: layers.Average(), [(4, 5), (4, 5)]),
    (lambda: layers.Maximum(), [(4, 5), (4, 5)]),
    (lambda: layers.Minimum(), [(4, 5), (4, 5)]),
    (lambda: layers.Dot(axes=(2, 2), normalize=True), [(4, 5), (3, 5)]),
]
ALL = SINGLE + MERGE


def _ids(cases):
    return [type(make()).__name__ + f"-{i}" for i, (make, _) in enumerate(cases)]


@pytest.mark.parametrize("make, shapes", ALL, ids=_ids(ALL))
def test_config_round_trip(make, shapes):
    layer = make()
    config = layer.get_config()
    with SafeModeScope(False):  # a Lambda's own bytecode, from this process
        restored = type(layer).from_config(config).get_config()
    # marshal may encode a restored lambda's bytecode with different reference flags
    restored.pop("function", None)
    assert restored == {k: v for k, v in config.items() if k != "function"}


@pytest.mark.parametrize("make, shapes", ALL, ids=_ids(ALL))
def test_symbolic_shape_matches_eager_output(make, shapes):
    layer = make()
    if isinstance(shapes, list):
        symbolic = layer([Input(s) for s in shapes])
        eager = layer([RNG.standard_normal((2,) + s).astype(np.float32) for s in shapes])
    else:
        symbolic = layer(Input(shapes))
        eager = layer(RNG.standard_normal((2,) + shapes).astype(np.float32))
    assert symbolic.shape.as_list() == [None] + list(np.shape(eager))[1:]


@pytest.mark.parametrize("make, shapes", ALL, ids=_ids(ALL))
def test_gradients_in_float64(make, shapes):
    config = make().get_config()
    config["dtype"] = "float64"
    with SafeModeScope(False):
        layer = type(make()).from_config(config)
    if isinstance(shapes, list):
        arrays = [RNG.uniform(0.6, 1.4, (2,) + s) * RNG.choice([-1, 1], (2,) + s) for s in shapes]
        layer.build([(None,) + s for s in shapes])
        check_gradients(lambda *ts: layer(list(ts)), *arrays, params=layer.trainable_weights)
    else:
        # keep away from the kinks at 0, ±0.5 and 2 of the piecewise activations
        x = RNG.uniform(0.6, 1.4, (2,) + shapes) * RNG.choice([-1, 1], (2,) + shapes)
        layer.build((None,) + shapes)
        check_gradients(lambda t: layer(t), x, params=layer.trainable_weights)
