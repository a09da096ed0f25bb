"""`keras.optimizers`: the tf.keras 2.15 optimizers, `get`, `serialize`, `deserialize`."""

from pynn.keras.optimizers import experimental, legacy, schedules
from pynn.keras.optimizers.adadelta import Adadelta
from pynn.keras.optimizers.adafactor import Adafactor
from pynn.keras.optimizers.adagrad import Adagrad
from pynn.keras.optimizers.adam import Adam
from pynn.keras.optimizers.adamax import Adamax
from pynn.keras.optimizers.adamw import AdamW
from pynn.keras.optimizers.ftrl import Ftrl
from pynn.keras.optimizers.lion import Lion
from pynn.keras.optimizers.nadam import Nadam
from pynn.keras.optimizers.optimizer import Optimizer
from pynn.keras.optimizers.rmsprop import RMSprop
from pynn.keras.optimizers.sgd import SGD
from pynn.keras.utils import generic_utils

__all__ = [
    "SGD",
    "Adadelta",
    "Adafactor",
    "Adagrad",
    "Adam",
    "AdamW",
    "Adamax",
    "Ftrl",
    "Lion",
    "Nadam",
    "Optimizer",
    "RMSprop",
    "deserialize",
    "experimental",
    "get",
    "legacy",
    "schedules",
    "serialize",
]

# The names `get` and `deserialize` resolve, lower-cased, as tf.keras 2.15 does
# (AdamW is not among them there either: `get('adamw')` is an unknown optimizer).
_BY_NAME = {
    "adadelta": Adadelta,
    "adagrad": Adagrad,
    "adam": Adam,
    "adamax": Adamax,
    "experimentaladadelta": Adadelta,
    "experimentaladagrad": Adagrad,
    "experimentaladam": Adam,
    "experimentalsgd": SGD,
    "ftrl": Ftrl,
    "nadam": Nadam,
    "rmsprop": RMSprop,
    "sgd": SGD,
}


_LEGACY_BY_NAME = {name: getattr(legacy, cls.__name__, cls) for name, cls in _BY_NAME.items()}


def serialize(optimizer, use_legacy_format=False):
    """`{'module': 'keras.optimizers', 'class_name': ..., 'config': ...}`."""
    if optimizer is None:
        return None
    config = {"class_name": type(optimizer).__name__, "config": _plain(optimizer.get_config())}
    if use_legacy_format:
        return config
    module = (
        "keras.optimizers.legacy" if isinstance(optimizer, legacy._Legacy) else "keras.optimizers"
    )
    return {"module": module, **config, "registered_name": None}


def _plain(value):
    """Config values as JSON-friendly Python objects (np.float32 -> float)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        return value.item()
    return value


def deserialize(config, custom_objects=None, use_legacy_format=False, **kwargs):
    """The optimizer described by `{'class_name': ..., 'config': {...}}`."""
    kwargs.pop("use_legacy_optimizer", None)
    if kwargs:
        raise TypeError(f"Invalid keyword arguments: {kwargs}")
    config = dict(config)
    config["config"] = dict(config.get("config") or {})
    # As tf.keras: a non-empty config without `is_legacy_optimizer: False` is legacy.
    by_name = (
        _LEGACY_BY_NAME
        if config["config"].get("is_legacy_optimizer", bool(config["config"]))
        else _BY_NAME
    )
    if config["class_name"].lower() in by_name:
        config["class_name"] = config["class_name"].lower()
    return generic_utils.deserialize_keras_object(config, by_name, "optimizer", custom_objects)


def get(identifier, **kwargs):
    """An optimizer from a name (`'adam'`), a config dict or an Optimizer (returned)."""
    kwargs.pop("use_legacy_optimizer", None)
    if kwargs:
        raise TypeError(f"Invalid keyword arguments: {kwargs}")
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": identifier, "config": {}})
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
