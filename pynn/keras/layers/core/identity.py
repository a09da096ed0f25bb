"""`Identity`: a placeholder layer that returns its input."""

from pynn.keras.engine.base_layer import Layer


class Identity(Layer):
    """Returns its inputs unchanged (a tensor, or a list/dict of tensors).

    Input shape: any. Output shape: same as the input.
    """

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape
