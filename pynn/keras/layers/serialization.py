"""`keras.layers.serialize` / `deserialize`: layers to and from `{"class_name", "config"}`."""

from pynn.keras.utils import generic_utils


def serialize(layer):
    """`{"module", "class_name", "config", "registered_name"}` of a layer."""
    return generic_utils.serialize_keras_object(layer, "keras.layers")


def deserialize(config, custom_objects=None):
    """A layer from its serialized form (class names resolved among keras.layers and
    `custom_objects`)."""
    from pynn.keras.engine.functional import layer_module_objects  # noqa: PLC0415 - late: models contain layers deserialized here

    return generic_utils.deserialize_keras_object(
        config, layer_module_objects(), "layer", custom_objects
    )
