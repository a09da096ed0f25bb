"""Attention layers."""

from pynn.keras.layers.attention.additive_attention import AdditiveAttention
from pynn.keras.layers.attention.attention import Attention

__all__ = ["AdditiveAttention", "Attention"]
