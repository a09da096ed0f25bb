"""Attention and AdditiveAttention: parity with tf.keras 2.15 (attention_values.npz),
masks, causal masking, shapes, configs, errors, gradients."""

import os

import numpy as np
import pytest

from pynn.keras import layers as L
from pynn.keras.engine.input_layer import Input
from tests.gradcheck import check_gradients
from tests.keras.layers.record_attention_values import CASES, inputs, run

REF = np.load(os.path.join(os.path.dirname(__file__), "attention_values.npz"))


@pytest.mark.parametrize("index, code", list(enumerate(CASES)))
def test_outputs_match_tf_keras(index, code):
    for j, out in enumerate(run(L, code)):
        np.testing.assert_allclose(
            out, REF[f"case{index}_out{j}"], rtol=1e-5, atol=1e-6, err_msg=f"{code} output {j}"
        )


def test_masked_value_steps_get_no_weight_and_masked_queries_output_zero():
    query, value, _, query_mask, value_mask = inputs()
    out, weights = L.Attention()(
        [query, value], mask=[query_mask, value_mask], return_attention_scores=True
    )
    weights = np.asarray(weights)
    assert not weights[0, :, 3:].any()
    np.testing.assert_allclose(weights.sum(-1), 1.0, rtol=1e-6)
    assert not np.asarray(out)[0, 2].any()


def test_causal_mask_hides_future_steps():
    query, *_ = inputs()
    _, weights = L.Attention()([query, query], use_causal_mask=True, return_attention_scores=True)
    assert not np.triu(np.asarray(weights)[0], k=1).any()


def test_symbolic_shapes_weights_and_configs():
    q, v = Input((3, 4)), Input((5, 4))
    assert L.Attention()([q, v]).shape.as_list() == [None, 3, 4]
    layer = L.AdditiveAttention()
    assert layer([q, v, v]).shape.as_list() == [None, 3, 4]
    assert [w.name for w in layer.weights] == ["additive_attention/scale:0"]
    assert L.Attention(use_scale=True, dropout=0.1).get_config() == {
        "name": "attention_1",
        "trainable": True,
        "dtype": "float32",
        "dropout": 0.1,
        "use_scale": True,
        "score_mode": "dot",
    }
    config = L.AdditiveAttention(use_scale=False).get_config()
    assert L.AdditiveAttention.from_config(config).get_config() == config


def test_errors():
    query, *_ = inputs()
    with pytest.raises(ValueError, match=r"Attention layer must be called on a list of inputs"):
        L.Attention()(query)
    with pytest.raises(ValueError, match="accepts inputs list of length 2 or 3"):
        L.Attention()([query])
    with pytest.raises(ValueError, match=r"Acceptable values are: \["):
        L.Attention(score_mode="add")


@pytest.mark.parametrize("code", CASES)
def test_gradients_wrt_query_value_key_and_weights(code):
    config = eval(code, {"L": L}).get_config()
    config["dtype"] = "float64"
    layer = type(eval(code, {"L": L})).from_config(config)
    query, value, key, *_ = inputs()
    layer.build([query.shape, value.shape, key.shape])
    check_gradients(
        lambda q, v, k: layer([q, v, k]), query, value, key, params=layer.trainable_weights
    )
