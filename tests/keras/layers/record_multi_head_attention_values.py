"""Records tf.keras 2.15 MultiHeadAttention / EinsumDense outputs into
multi_head_attention_values.npz. Weights are set from fixed seeds in Keras order.

    ~/.cache/reftf/bin/python tests/keras/layers/record_multi_head_attention_values.py

`CASES` and `run` are shared with test_multi_head_attention.py, which replays them.
"""

import os

import numpy as np

CASES = [
    "L.MultiHeadAttention(2, 4)",
    "L.MultiHeadAttention(3, 2, value_dim=5, output_shape=7, use_bias=False)",
    "L.MultiHeadAttention(2, 3, attention_axes=(1, 2))",
    "L.EinsumDense('abc,cde->abde', output_shape=(None, 2, 3), bias_axes='de')",
    "L.EinsumDense('...b,bc->...c', output_shape=5, bias_axes='c', activation='relu')",
]


def _set_seeded_weights(layer):
    layer.set_weights(
        [
            np.random.default_rng(i).standard_normal(np.shape(w)).astype("float32") * 0.3
            for i, w in enumerate(layer.get_weights())
        ]
    )


def run(L, code):
    rng = np.random.default_rng(0)
    query = rng.standard_normal((2, 3, 8)).astype("float32")
    value = rng.standard_normal((2, 5, 8)).astype("float32")
    key = rng.standard_normal((2, 5, 8)).astype("float32")
    mask = rng.random((2, 3, 5)) > 0.3
    grid = rng.standard_normal((2, 3, 4, 6)).astype("float32")
    layer = eval(code, {"L": L})
    if "EinsumDense" in code:
        layer(query)
        _set_seeded_weights(layer)
        return [np.asarray(layer(query))]
    if "attention_axes" in code:
        layer(grid, grid)
        _set_seeded_weights(layer)
        out, scores = layer(grid, grid, return_attention_scores=True)
        return [np.asarray(out), np.asarray(scores)]
    layer(query, value, key)
    _set_seeded_weights(layer)
    masked, scores = layer(query, value, attention_mask=mask, return_attention_scores=True)
    return [
        np.asarray(layer(query, value, key)),
        np.asarray(masked),
        np.asarray(scores),
        np.asarray(layer(query, query, use_causal_mask=True)),
    ]


def main():
    from tensorflow import keras

    arrays = {}
    for i, code in enumerate(CASES):
        for j, out in enumerate(run(keras.layers, code)):
            arrays[f"case{i}_out{j}"] = out
    np.savez(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "multi_head_attention_values.npz"),
        **arrays,
    )


if __name__ == "__main__":
    main()
