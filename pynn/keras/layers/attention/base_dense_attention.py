"""`BaseDenseAttention`: shared masking, softmax and dropout of `Attention` and
`AdditiveAttention`."""

import numpy as np

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import session
from pynn.keras.engine.base_layer import Layer

# Subtracted from masked-out scores so they get (numerically) zero weight.
_LARGE = 1.0e9


class BaseDenseAttention(Layer):
    """Attention of a query sequence over a value sequence.

    Subclasses compute `scores` of shape `(batch, Tq, Tv)` from the query and the key;
    this base masks them, turns them into weights with a softmax over the value steps,
    optionally drops weights during training, and returns `weights @ value`.

    Args:
        dropout: float in [0, 1), fraction of attention weights to drop while training.

    Call arguments:
        inputs: `[query, value]` or `[query, value, key]`; `key` defaults to `value`.
            `query`: `(batch, Tq, dim)`; `value` and `key`: `(batch, Tv, dim)`.
        mask: `[query_mask, value_mask]` booleans, `(batch, Tq)` and `(batch, Tv)`;
            masked value steps get no weight, masked query steps output zeros.
        training: whether the dropout is active.
        return_attention_scores: also return the weights `(batch, Tq, Tv)`.
        use_causal_mask: query step i may only attend value steps j <= i.

    Output shape: `(batch, Tq, dim)` (and the weights, if requested).
    """

    def __init__(self, dropout=0.0, **kwargs):
        self.causal = kwargs.pop("causal", False)
        super().__init__(**kwargs)
        self.dropout = dropout
        self.supports_masking = True

    def _calculate_scores(self, query, key):
        raise NotImplementedError

    def _apply_scores(self, scores, value, scores_mask=None, training=None):
        if scores_mask is not None:
            scores = scores - ops.cast(ops.logical_not(scores_mask), scores.dtype) * _LARGE
        if training is None:
            training = session.learning_phase()
        weights = ops.softmax(scores)
        if self.dropout > 0 and training:
            weights = ops.dropout(weights, self.dropout)
        return ops.matmul(weights, value), weights

    def call(
        self, inputs, mask=None, training=None, return_attention_scores=False, use_causal_mask=False
    ):
        self._validate_call_args(inputs=inputs, mask=mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        query_mask = mask[0] if mask else None
        value_mask = mask[1] if mask else None
        scores = self._calculate_scores(query=query, key=key)
        scores_mask = None
        if value_mask is not None:
            scores_mask = ops.expand_dims(ops.cast(value_mask, "bool"), -2)
        if self.causal or use_causal_mask:
            rows, cols = tuple(scores.shape)[-2:]
            causal = np.tril(np.ones((rows, cols), dtype=bool))
            scores_mask = causal if scores_mask is None else ops.logical_and(scores_mask, causal)
        result, weights = self._apply_scores(scores, value, scores_mask, training)
        if query_mask is not None:
            result = result * ops.cast(ops.expand_dims(query_mask, -1), result.dtype)
        if return_attention_scores:
            return result, weights
        return result

    def compute_mask(self, inputs, mask=None):
        self._validate_call_args(inputs=inputs, mask=mask)
        if mask and mask[0] is not None:
            return mask[0]
        return None

    def compute_output_shape(self, input_shape):
        return TensorShape(input_shape[0])

    def _validate_call_args(self, inputs, mask):
        name = type(self).__name__
        if not isinstance(inputs, list):
            raise ValueError(
                f"{name} layer must be called on a list of inputs, namely [query, value] "
                f"or [query, value, key]. Received: {inputs}."
            )
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError(
                f"{name} layer accepts inputs list of length 2 or 3, namely [query, value] "
                f"or [query, value, key]. Received length: {len(inputs)}."
            )
        if mask:
            if not isinstance(mask, list):
                raise ValueError(
                    f"{name} layer mask must be a list, namely [query_mask, value_mask]. "
                    f"Received: {mask}."
                )
            if len(mask) < 2 or len(mask) > len(inputs):
                raise ValueError(
                    f"{name} layer mask must be a list of length 2, namely [query_mask, "
                    f"value_mask]. Received length: {len(mask)}."
                )

    def get_config(self):
        config = super().get_config()
        config["dropout"] = self.dropout
        return config
