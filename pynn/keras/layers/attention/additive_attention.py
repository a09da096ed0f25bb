"""`AdditiveAttention`: Bahdanau-style attention."""

from pynn import ops
from pynn.keras.layers.attention.base_dense_attention import BaseDenseAttention
from pynn.keras.utils.generic_utils import shape_list


class AdditiveAttention(BaseDenseAttention):
    """Additive attention: `scores = sum(scale * tanh(query + key), -1)` for every
    (query step, key step) pair, weights `softmax(scores)`, output `weights @ value`.

    Args:
        use_scale: learn a per-feature `scale` vector (default True).
        dropout: fraction of attention weights to drop while training.

    Call arguments, input and output shapes: see `BaseDenseAttention`.

    Weights: `scale` of shape `(dim,)` (if `use_scale`).
    """

    def __init__(self, use_scale=True, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale

    def build(self, input_shape):
        dim = shape_list(input_shape[1])[-1]
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(dim,), initializer="glorot_uniform")
        self.built = True

    def _calculate_scores(self, query, key):
        summed = ops.tanh(ops.expand_dims(query, -2) + ops.expand_dims(key, -3))
        if self.scale is not None:
            summed = summed * self.scale
        return ops.sum(summed, axis=-1)

    def get_config(self):
        config = super().get_config()
        config["use_scale"] = self.use_scale
        return config
