"""Preprocessing layers: Normalization, the lookups (StringLookup, IntegerLookup) and TextVectorization."""
