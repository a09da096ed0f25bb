"""`keras.saving.deserialize_keras_object`: the public, tf.keras 2.15-shaped entry point over
the per-family `deserialize` functions.

A config's `module` only chooses which Keras family resolves its `class_name`
(`keras.initializers` -> `keras.initializers.deserialize`); no module is ever imported from a
config, and Python bytecode (a Lambda layer's `lambda`) loads only with `safe_mode=False`.
"""

from pynn.keras.utils import generic_utils


def _family_deserializers():
    from pynn.keras import (  # noqa: PLC0415 - late: the layers and activations it deserializes import it
        activations,
        constraints,
        initializers,
        losses,
        metrics,
        optimizers,
        regularizers,
    )
    from pynn.keras.layers import serialization as layers  # noqa: PLC0415 - late: the layers and activations it deserializes import it

    return {
        "keras.activations": activations.deserialize,
        "keras.constraints": constraints.deserialize,
        "keras.initializers": initializers.deserialize,
        "keras.losses": losses.deserialize,
        "keras.metrics": metrics.deserialize,
        "keras.optimizers": optimizers.deserialize,
        "keras.regularizers": regularizers.deserialize,
        "keras.layers": layers.deserialize,
    }


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """The object a `serialize_keras_object` config describes.

    Plain values (numbers, strings, None) come back unchanged and lists element by element,
    as in tf.keras. `safe_mode=True` (the default) refuses Python bytecode; an enclosing
    `SafeModeScope` decides instead when there is one.
    """
    module_objects = kwargs.pop("module_objects", None)
    printable_module_name = kwargs.pop("printable_module_name", "object")
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs.keys())}")
    scoped = generic_utils.in_safe_mode()
    safe_mode = scoped if scoped is not None else safe_mode
    with generic_utils.SafeModeScope(safe_mode):
        if module_objects is not None:
            return generic_utils.deserialize_keras_object(
                config, module_objects, printable_module_name, custom_objects
            )
        if isinstance(config, (list, tuple)):
            return [deserialize_keras_object(c, custom_objects, safe_mode) for c in config]
        if not isinstance(config, dict):
            return config
        if "class_name" not in config:
            raise ValueError(f"Unknown `config` as a `dict`, config={config}")
        module = config.get("module") or "keras.layers"
        parts = module.split(".")
        family = "keras." + parts[2] if parts[:2] == ["keras", "src"] and len(parts) > 2 else module
        deserialize = _family_deserializers().get(family)
        if deserialize is None:  # keras, keras.models, keras.src.engine.functional, custom
            deserialize = _family_deserializers()["keras.layers"]
        return deserialize(config, custom_objects=custom_objects)
