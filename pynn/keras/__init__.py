"""`keras` (tf.keras 2.15 API) on pynn.

Submodules load lazily, so `import pynn.keras` stays cheap and a missing sibling
never breaks the import of the others.
"""

import importlib

__version__ = "2.15.0"

_SUBMODULES = (
    "activations",
    "applications",
    "backend",
    "callbacks",
    "constraints",
    "datasets",
    "engine",
    "initializers",
    "layers",
    "losses",
    "metrics",
    "mixed_precision",
    "models",
    "optimizers",
    "preprocessing",
    "regularizers",
    "saving",
    "utils",
)

_ATTRIBUTES = {
    "Model": ("pynn.keras.engine.training", "Model"),
    "Sequential": ("pynn.keras.engine.sequential", "Sequential"),
    "Input": ("pynn.keras.engine.input_layer", "Input"),
    "InputSpec": ("pynn.keras.engine.input_spec", "InputSpec"),
}


def __getattr__(name):
    if name in _ATTRIBUTES:
        module_name, attr = _ATTRIBUTES[name]
        value = getattr(importlib.import_module(module_name), attr)
    elif name in _SUBMODULES:
        try:
            value = importlib.import_module(f"pynn.keras.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"pynn.keras.{name}":
                raise
            raise AttributeError(
                f"module 'keras' has no attribute '{name}' (pynn does not provide keras.{name})"
            ) from None
    else:
        raise AttributeError(f"module 'keras' has no attribute '{name}'")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_SUBMODULES) | set(_ATTRIBUTES))


# Symbolic tf.* calls (tf.concat on KerasTensors...) become TFOpLambda layers.
try:
    from pynn.keras.engine import tf_op_layer as _tf_op_layer  # noqa: F401
except ImportError:  # the core is being rebuilt
    pass
