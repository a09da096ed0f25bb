"""MultiHeadAttention and EinsumDense: parity with tf.keras 2.15
(multi_head_attention_values.npz), weight names and shapes in Keras order, masks,
shapes, configs, gradients, training inside a model."""

import os

import numpy as np
import pytest

from pynn.keras import layers as L
from pynn.keras.engine.input_layer import Input
from pynn.keras.engine.training import Model
from tests.gradcheck import check_gradients
from tests.keras.layers.record_multi_head_attention_values import CASES, run

REF = np.load(os.path.join(os.path.dirname(__file__), "multi_head_attention_values.npz"))
RNG = np.random.default_rng(0)


@pytest.mark.parametrize("index, code", list(enumerate(CASES)))
def test_outputs_match_tf_keras(index, code):
    for j, out in enumerate(run(L, code)):
        np.testing.assert_allclose(
            out, REF[f"case{index}_out{j}"], rtol=1e-5, atol=1e-5, err_msg=f"{code} output {j}"
        )


def test_weights_named_and_shaped_as_tf_keras():
    layer = L.MultiHeadAttention(num_heads=2, key_dim=4)
    layer(np.ones((1, 3, 8), np.float32), np.ones((1, 5, 8), np.float32))
    assert [w.name for w in layer.weights] == [
        f"multi_head_attention/{part}/{kind}:0"
        for part in ("query", "key", "value", "attention_output")
        for kind in ("kernel", "bias")
    ]
    assert [tuple(w.shape) for w in layer.get_weights()] == [
        (8, 2, 4),
        (2, 4),
        (8, 2, 4),
        (2, 4),
        (8, 2, 4),
        (2, 4),
        (2, 4, 8),
        (8,),
    ]
    assert layer.count_params() == 3 * (64 + 8) + 64 + 8


def test_symbolic_call_and_keras_masks():
    query, value = Input((3, 8)), Input((5, 8))
    out = L.MultiHeadAttention(2, 4)(query, value)
    assert out.shape.as_list() == [None, 3, 8]
    tokens = np.array([[1, 2, 0, 0]])
    embedded = L.Embedding(5, 8, mask_zero=True)(tokens)
    _, scores = L.MultiHeadAttention(2, 4)(embedded, embedded, return_attention_scores=True)
    assert not np.asarray(scores)[0, :, :2, 2:].any()  # padded keys get no weight


def test_config_round_trip_rebuilds_the_projections():
    layer = L.MultiHeadAttention(2, 4, dropout=0.1, output_shape=6)
    layer(np.ones((1, 3, 8), np.float32), np.ones((1, 5, 8), np.float32))
    config = layer.get_config()
    assert config["query_shape"] == (1, 3, 8) and config["value_dim"] == 4
    restored = L.MultiHeadAttention.from_config(config)
    x = RNG.standard_normal((2, 3, 8)).astype(np.float32)
    y = RNG.standard_normal((2, 5, 8)).astype(np.float32)
    restored(x, y)  # the projections create their weights on the first call, as in tf.keras
    restored.set_weights(layer.get_weights())
    np.testing.assert_allclose(np.asarray(restored(x, y)), np.asarray(layer(x, y)), rtol=1e-6)


def test_einsum_dense_shapes_and_errors():
    layer = L.EinsumDense("abc,cde->abde", output_shape=(None, 8, 16), bias_axes="de")
    assert layer(Input((5, 32))).shape.as_list() == [None, 5, 8, 16]
    assert [tuple(w.shape) for w in layer.get_weights()] == [(32, 8, 16), (8, 16)]
    dense_like = L.EinsumDense("ab,bc->ac", output_shape=4, bias_axes="c")
    x = RNG.standard_normal((2, 3)).astype(np.float32)
    out = np.asarray(dense_like(x))
    kernel, bias = dense_like.get_weights()
    np.testing.assert_allclose(out, x @ kernel + bias, rtol=1e-5)
    with pytest.raises(ValueError, match="Invalid einsum equation"):
        L.EinsumDense("ab->c", output_shape=3)
    with pytest.raises(ValueError, match="Bias dimension 'z' was requested"):
        L.EinsumDense("ab,bc->ac", output_shape=3, bias_axes="z")(x)


@pytest.mark.parametrize(
    "make, shapes",
    [
        (lambda: L.MultiHeadAttention(2, 3, dtype="float64"), [(2, 3, 4), (2, 5, 4)]),
        (
            lambda: L.MultiHeadAttention(2, 2, value_dim=3, output_shape=5, dtype="float64"),
            [(1, 2, 4), (1, 3, 4), (1, 3, 4)],
        ),
        (
            lambda: L.EinsumDense(
                "abc,cd->abd",
                output_shape=(None, 3),
                bias_axes="d",
                activation="tanh",
                dtype="float64",
            ),
            [(2, 3, 4)],
        ),
    ],
)
def test_gradients_wrt_inputs_and_weights(make, shapes):
    layer = make()
    arrays = [RNG.standard_normal(s) for s in shapes]
    layer(*arrays)
    check_gradients(lambda *ts: layer(*ts), *arrays, params=layer.trainable_weights)


def test_trains_inside_a_functional_model():
    tokens = Input((6, 8))
    attended = L.MultiHeadAttention(2, 4)(tokens, tokens)
    pooled = L.Flatten()(attended)
    model = Model(tokens, L.Dense(1)(pooled))
    model.compile(optimizer="adam", loss="mse")
    x = RNG.standard_normal((32, 6, 8)).astype(np.float32)
    y = x.sum(axis=(1, 2))[:, None].astype(np.float32)
    history = model.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
