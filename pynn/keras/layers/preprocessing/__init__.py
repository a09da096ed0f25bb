"""Preprocessing layers: Normalization."""
