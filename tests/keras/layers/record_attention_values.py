"""Records tf.keras 2.15 Attention / AdditiveAttention outputs into attention_values.npz.

    ~/.cache/reftf/bin/python tests/keras/layers/record_attention_values.py

`CASES` is shared with test_attention.py, which replays it under pynn.
"""

import os

import numpy as np

CASES = [
    "L.Attention()",
    "L.Attention(use_scale=True, score_mode='concat')",
    "L.AdditiveAttention()",
    "L.AdditiveAttention(use_scale=False)",
]


def inputs():
    rng = np.random.default_rng(0)
    query = rng.standard_normal((2, 3, 4)).astype("float32")
    value = rng.standard_normal((2, 5, 4)).astype("float32")
    key = rng.standard_normal((2, 5, 4)).astype("float32")
    query_mask = np.array([[1, 1, 0], [1, 1, 1]], bool)
    value_mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
    return query, value, key, query_mask, value_mask


def run(L, code):
    """Outputs of one case: plain, masked (+ weights), causal self-attention."""
    query, value, key, query_mask, value_mask = inputs()
    layer = eval(code, {"L": L})
    layer([query, value, key])
    layer.set_weights([np.full(np.shape(w), 0.7, "float32") for w in layer.get_weights()])
    masked, scores = layer(
        [query, value], mask=[query_mask, value_mask], return_attention_scores=True
    )
    return [
        np.asarray(layer([query, value, key])),
        np.asarray(masked),
        np.asarray(scores),
        np.asarray(layer([query, query], use_causal_mask=True)),
    ]


def main():
    from tensorflow import keras

    arrays = {}
    for i, code in enumerate(CASES):
        for j, out in enumerate(run(keras.layers, code)):
            arrays[f"case{i}_out{j}"] = out
    np.savez(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "attention_values.npz"), **arrays
    )


if __name__ == "__main__":
    main()
