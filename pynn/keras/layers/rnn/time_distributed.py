"""`TimeDistributed`: applies a layer (or a whole model) to every time step."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.serialization import deserialize
from pynn.keras.utils.generic_utils import serialize_keras_object, shape_list


class TimeDistributed(Layer):
    """Applies `layer` to every temporal slice of an input `(batch, timesteps, ...)`.

    The time axis is folded into the batch (`(batch * timesteps, ...)`), the layer runs once,
    and the result is unfolded again, so the same weights serve every step.

    Args:
        layer: a `Layer` instance (a `Model` works too).

    Input shape: `(batch, timesteps, ...)`, at least 3-D.
    Output shape: `(batch, timesteps) + layer output shape without its batch axis`.
    Weights: those of the wrapped layer (named after this wrapper, as in tf.keras).
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                "Please initialize `TimeDistributed` layer with a "
                f"`tf.keras.layers.Layer` instance. Received: {layer}"
            )
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def build(self, input_shape):
        dims = shape_list(input_shape)
        if len(dims) < 3:
            raise ValueError(
                "`TimeDistributed` Layer should be passed an `input_shape` with "
                f"at least 3 dimensions, received: {TensorShape(dims)}"
            )
        if not self.layer.built:
            self.layer.build(TensorShape([None] + dims[2:]))
            self.layer.built = True
        self.built = True

    def call(self, inputs, training=None, mask=None):
        batch, steps = inputs.shape[0], inputs.shape[1]
        folded = ops.reshape(inputs, (batch * steps,) + tuple(inputs.shape[2:]))
        outputs = self.layer(folded, training=training)
        return ops.reshape(outputs, (batch, steps) + tuple(outputs.shape[1:]))

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        inner = shape_list(self.layer.compute_output_shape(TensorShape([None] + dims[2:])))
        return TensorShape(dims[:2] + inner[1:])

    def compute_mask(self, inputs, mask=None):
        return mask

    def get_config(self):
        config = super().get_config()
        config["layer"] = serialize_keras_object(self.layer, "keras.layers")
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = deserialize(config["layer"], custom_objects=custom_objects)
        return cls(**config)
