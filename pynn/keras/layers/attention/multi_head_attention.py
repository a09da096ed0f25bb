"""`MultiHeadAttention`: the attention block of Transformers."""

import math
import string

import numpy as np

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import constraints, initializers, regularizers, session
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.core.einsum_dense import EinsumDense
from pynn.keras.utils.generic_utils import shape_list

_LETTERS = string.ascii_lowercase
_LARGE_NEGATIVE = -1e9  # added to masked-out scores before the softmax


def projection_equation(free_dims, bound_dims, output_dims):
    """Einsum equation and bias axes of a projection keeping `free_dims` leading axes,
    contracting `bound_dims` axes and producing `output_dims` new ones."""
    free = _LETTERS[:free_dims]
    bound = _LETTERS[free_dims : free_dims + bound_dims]
    out = _LETTERS[free_dims + bound_dims : free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{out}->{free}{out}", out, free_dims + output_dims


def attention_equations(rank, attention_axes):
    """(scores equation, combine equation, scores rank) for projected tensors of `rank`
    (`(batch, ..., heads, dim)`) attending over `attention_axes`.

    Scores: `einsum(key, query)` -> `(batch dims..., heads, query axes..., key axes...)`.
    Combine: `einsum(scores, value)` -> the query's layout.
    """
    target = _LETTERS[:rank]
    batch_dims = [i for i in range(rank) if i not in attention_axes and i != rank - 1]
    source, next_letter = "", rank
    for i in range(rank):
        if i in batch_dims or i == rank - 1:
            source += target[i]
        else:
            source += _LETTERS[next_letter]
            next_letter += 1
    product = (
        "".join(target[i] for i in batch_dims)
        + "".join(target[i] for i in attention_axes)
        + "".join(source[i] for i in attention_axes)
    )
    return f"{source},{target}->{product}", f"{product},{source}->{target}", len(product)


class MultiHeadAttention(Layer):
    """Multi-head attention (Vaswani et al., 2017).

    The query, key and value are projected to `num_heads` heads (`key_dim` units each
    for query and key, `value_dim` for value); every head computes
    `softmax(query . key / sqrt(key_dim)) . value`; the heads are projected back to
    the query's feature size (or `output_shape`).

    Args:
        num_heads: number of attention heads.
        key_dim: size of each head for query and key.
        value_dim: size of each head for value (default `key_dim`).
        dropout: dropout rate on the attention weights (training only).
        use_bias: whether the projections have biases.
        output_shape: feature shape of the output (default: the query's last axis).
        attention_axes: axes attended over (default: all but batch, heads, features).
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: for the projections.

    Call arguments:
        query: `(batch, Tq, dim)`; value: `(batch, Tv, dim)`; key: `(batch, Tv, dim)`
            (default: value).
        attention_mask: boolean `(batch, Tq, Tv)`, True where attention is allowed;
            combined with the Keras masks of query/value/key and the causal mask.
        return_attention_scores: also return the weights `(batch, heads, Tq, Tv)`.
        training: whether the dropout is active.
        use_causal_mask: query step i may only attend value steps j <= i.

    Output shape: `(batch, Tq, dim)` (or `output_shape`), plus the weights if requested.

    Weights, in this order: `query/kernel` `(dim, heads, key_dim)`, `query/bias`
    `(heads, key_dim)`, the same for `key` and `value`, `attention_output/kernel`
    `(heads, value_dim, dim)` and `attention_output/bias` `(dim,)`.
    """

    def __init__(
        self,
        num_heads,
        key_dim,
        value_dim=None,
        dropout=0.0,
        use_bias=True,
        output_shape=None,
        attention_axes=None,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        query_shape = kwargs.pop("query_shape", None)
        key_shape = kwargs.pop("key_shape", None)
        value_shape = kwargs.pop("value_shape", None)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._output_shape = output_shape
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._sublayer_activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        if attention_axes is not None and not isinstance(attention_axes, (list, tuple)):
            attention_axes = (attention_axes,)
        self._attention_axes = attention_axes
        self._built_from_signature = False
        self._query_shape = self._key_shape = self._value_shape = None
        if None not in (query_shape, value_shape):
            self._build_from_signature(query_shape, value_shape, key_shape)

    # ------------------------------------------------------------------ building
    def _sublayer_kwargs(self):
        # fresh initializer objects per projection, as tf.keras does
        return {
            "kernel_initializer": initializers.get(
                initializers.serialize(self._kernel_initializer)
            ),
            "bias_initializer": initializers.get(initializers.serialize(self._bias_initializer)),
            "kernel_regularizer": self._kernel_regularizer,
            "bias_regularizer": self._bias_regularizer,
            "activity_regularizer": self._sublayer_activity_regularizer,
            "kernel_constraint": self._kernel_constraint,
            "bias_constraint": self._bias_constraint,
            "dtype": self.dtype,
        }

    def _projection(self, rank, heads_dim, name):
        equation, bias_axes, output_rank = projection_equation(rank - 1, 1, 2)
        return EinsumDense(
            equation,
            output_shape=[None] * (output_rank - 1 - 2) + [self._num_heads, heads_dim],
            bias_axes=bias_axes if self._use_bias else None,
            name=name,
            **self._sublayer_kwargs(),
        )

    def _build_from_signature(self, query, value, key=None):
        self._built_from_signature = True
        self._query_shape = TensorShape(shape_list(getattr(query, "shape", query)))
        self._value_shape = TensorShape(shape_list(getattr(value, "shape", value)))
        self._key_shape = (
            self._value_shape
            if key is None
            else TensorShape(shape_list(getattr(key, "shape", key)))
        )
        query_rank = self._query_shape.rank
        self._query_dense = self._projection(query_rank, self._key_dim, "query")
        self._key_dense = self._projection(self._key_shape.rank, self._key_dim, "key")
        self._value_dense = self._projection(self._value_shape.rank, self._value_dim, "value")
        projected_rank = query_rank + 1
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, projected_rank - 2))
        else:
            self._attention_axes = tuple(self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = attention_equations(
            projected_rank, self._attention_axes
        )
        self._softmax_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        output_shape = self._output_shape or [self._query_shape[-1]]
        if isinstance(output_shape, int):
            output_shape = [output_shape]
        equation, bias_axes, output_rank = projection_equation(query_rank - 1, 2, len(output_shape))
        self._output_dense = EinsumDense(
            equation,
            output_shape=[None] * (output_rank - 1 - len(output_shape)) + list(output_shape),
            bias_axes=bias_axes if self._use_bias else None,
            name="attention_output",
            **self._sublayer_kwargs(),
        )

    # ------------------------------------------------------------------ computing
    def _attention_mask(self, query, value, key, attention_mask, use_causal_mask):
        masks = []
        query_mask = getattr(query, "_keras_mask", None)
        if query_mask is not None:
            masks.append(ops.expand_dims(ops.cast(query_mask, "bool"), -1))  # (B, T, 1)
        for tensor in (value, key):
            tensor_mask = getattr(tensor, "_keras_mask", None)
            if tensor_mask is not None:
                masks.append(ops.expand_dims(ops.cast(tensor_mask, "bool"), 1))  # (B, 1, S)
        if use_causal_mask:
            rows, cols = query.shape[1], value.shape[1]
            masks.append(np.tril(np.ones((1, rows, cols), dtype=bool)))
        if not masks:
            return attention_mask
        combined = masks[0]
        for m in masks[1:]:
            combined = ops.logical_and(combined, m)
        if attention_mask is not None:
            combined = ops.logical_and(ops.cast(attention_mask, "bool"), combined)
        return combined

    def _masked_softmax(self, scores, attention_mask):
        if attention_mask is not None:
            attention_mask = ops.convert_to_tensor(attention_mask)
            expand_axis = -len(self._attention_axes) * 2 - 1
            for _ in range(scores.ndim - attention_mask.ndim):
                attention_mask = ops.expand_dims(attention_mask, expand_axis)
            scores = scores + (1.0 - ops.cast(attention_mask, scores.dtype)) * _LARGE_NEGATIVE
        if len(self._softmax_axes) == 1:
            return ops.softmax(scores, axis=self._softmax_axes[0])
        return ops.exp(scores - ops.logsumexp(scores, axis=self._softmax_axes, keepdims=True))

    def call(
        self,
        query,
        value,
        key=None,
        attention_mask=None,
        return_attention_scores=False,
        training=None,
        use_causal_mask=False,
    ):
        if not self._built_from_signature:
            self._build_from_signature(query=query, value=value, key=key)
        if key is None:
            key = value
        attention_mask = self._attention_mask(query, value, key, attention_mask, use_causal_mask)
        query = self._query_dense(query)
        key = self._key_dense(key)
        value = self._value_dense(value)
        query = query * (1.0 / math.sqrt(float(self._key_dim)))
        scores = self._masked_softmax(
            ops.einsum(self._dot_product_equation, key, query), attention_mask
        )
        if training is None:
            training = session.learning_phase()
        dropped = ops.dropout(scores, self._dropout) if training and self._dropout > 0 else scores
        output = self._output_dense(ops.einsum(self._combine_equation, dropped, value))
        if return_attention_scores:
            return output, scores
        return output

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        query_shape, value_shape, key_shape = (
            shape_list(query_shape),
            shape_list(value_shape),
            shape_list(key_shape),
        )
        if query_shape[-1] != value_shape[-1]:
            raise ValueError(
                "The last dimension of `query_shape` and `value_shape` must be equal, but are "
                f"{query_shape[-1]}, {value_shape[-1]}. Received: query_shape={query_shape}, "
                f"value_shape={value_shape}"
            )
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                "All dimensions of `value` and `key`, except the last one, must be equal. "
                f"Received {value_shape} and {key_shape}"
            )
        if self._output_shape:
            extra = (
                [self._output_shape]
                if isinstance(self._output_shape, int)
                else list(self._output_shape)
            )
            return TensorShape(query_shape[:-1] + extra)
        return TensorShape(query_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_heads": self._num_heads,
                "key_dim": self._key_dim,
                "value_dim": self._value_dim,
                "dropout": self._dropout,
                "use_bias": self._use_bias,
                "output_shape": self._output_shape,
                "attention_axes": self._attention_axes,
                "kernel_initializer": initializers.serialize(self._kernel_initializer),
                "bias_initializer": initializers.serialize(self._bias_initializer),
                "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self._bias_regularizer),
                "activity_regularizer": regularizers.serialize(self._sublayer_activity_regularizer),
                "kernel_constraint": constraints.serialize(self._kernel_constraint),
                "bias_constraint": constraints.serialize(self._bias_constraint),
                "query_shape": None
                if self._query_shape is None
                else tuple(self._query_shape.as_list()),
                "key_shape": None if self._key_shape is None else tuple(self._key_shape.as_list()),
                "value_shape": None
                if self._value_shape is None
                else tuple(self._value_shape.as_list()),
            }
        )
        return config
