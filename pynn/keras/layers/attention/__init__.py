"""Attention layers."""

from pynn.keras.layers.attention.additive_attention import AdditiveAttention
from pynn.keras.layers.attention.attention import Attention
from pynn.keras.layers.attention.multi_head_attention import MultiHeadAttention

__all__ = ["AdditiveAttention", "Attention", "MultiHeadAttention"]
