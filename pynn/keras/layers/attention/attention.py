"""`Attention`: dot-product (Luong-style) attention."""

from pynn import ops
from pynn.keras.layers.attention.base_dense_attention import BaseDenseAttention


class Attention(BaseDenseAttention):
    """Dot-product attention: `scores = query @ key^T`, weights `softmax(scores)` over
    the value steps, output `weights @ value`.

    Args:
        use_scale: learn a scalar `scale` multiplying the scores.
        score_mode: `"dot"` (default) or `"concat"`
            (`scores = concat_score_weight * sum(tanh(query + key), -1)`).
        dropout: fraction of attention weights to drop while training.

    Call arguments, input and output shapes: see `BaseDenseAttention`.

    Weights, in this order: `scale` (scalar, if `use_scale`), `concat_score_weight`
    (scalar, if `score_mode="concat"`).
    """

    def __init__(self, use_scale=False, score_mode="dot", **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        if score_mode not in ["dot", "concat"]:
            raise ValueError(
                f'Received: score_mode={score_mode}. Acceptable values are: ["dot", "concat"]'
            )

    def build(self, input_shape):
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        self.concat_score_weight = None
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(
                name="concat_score_weight", shape=(), initializer="ones"
            )
        self.built = True

    def _calculate_scores(self, query, key):
        if self.score_mode == "dot":
            scores = ops.matmul(query, key, transpose_b=True)
            return scores if self.scale is None else scores * self.scale
        summed = ops.expand_dims(query, -2) + ops.expand_dims(key, -3)
        if self.scale is not None:
            summed = summed * self.scale
        return self.concat_score_weight * ops.sum(ops.tanh(summed), axis=-1)

    def get_config(self):
        config = super().get_config()
        config.update({"use_scale": self.use_scale, "score_mode": self.score_mode})
        return config
