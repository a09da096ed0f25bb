"""The Keras engine: Layer, KerasTensor/Node graph, Input, Functional, Sequential, Model."""
