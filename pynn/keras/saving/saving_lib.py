"""`model.save`, `keras.models.load_model`, `save_weights`, `load_weights`.

Formats, chosen by the file name as tf.keras 2.15 chooses them:

* `.keras` — a zip of `metadata.json`, `config.json` (the model's serialized config, with its
  build and compile configs) and `model.weights.h5` (or `model.weights.npz` where no HDF5
  library is available). tf.keras 2.15 reads and writes the same files. A Lambda's bytecode in
  `config.json` loads only with `safe_mode=False`.
* `.weights.h5` — the weights alone, in the same HDF5 layout (needs h5py).
* `.npz` — the weights alone, as plain numpy arrays (always available).
* `.h5` / `.hdf5` — tf.keras's legacy HDF5 layout (see `legacy_h5.py`).
* any other weights path (`training_1/cp.ckpt`) — a checkpoint only pynn reads
  (see `checkpoint.py`).
"""

import datetime
import io
import json
import logging
import os
import zipfile

import numpy as np

from pynn.keras.saving import checkpoint, stores
from pynn.keras.saving.state_tree import variables_of, walk
from pynn.keras.utils.generic_utils import SafeModeScope, in_safe_mode

_CONFIG = "config.json"
_METADATA = "metadata.json"
_WEIGHTS = "model.weights"

_logger = logging.getLogger("pynn")


# ------------------------------------------------------------------ weights <-> tree
def weights_tree(model):
    """`{path: [array, ...]}` of every layer (and the optimizer) reachable from `model`."""
    tree = {}
    for path, obj in walk(model):
        if _holds_variables(obj):
            tree[path] = [np.array(v._value) for v in variables_of(obj)]
    return tree


def weight_paths(model):
    """The paths whose weights `model` (and its optimizer) would load: what a reader reads."""
    return [path for path, obj in walk(model) if _holds_variables(obj)]


def _holds_variables(obj):
    from pynn.keras.engine.base_layer import Layer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.metrics import Metric  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.optimizers.optimizer import Optimizer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    return isinstance(obj, (Layer, Optimizer, Metric))


def assign_tree(model, tree, skip_mismatch=False):
    """Check every saved array against the model, then assign them all (never half-loads)."""
    from pynn.keras.metrics import Metric  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.optimizers.optimizer import Optimizer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    plan = []
    for path, obj in walk(model):
        if not _holds_variables(obj):
            continue
        variables = variables_of(obj)
        saved = tree.get(path, [])
        name = getattr(obj, "name", path)
        if isinstance(obj, Metric):
            continue  # tf.keras never restores metric state either
        if isinstance(obj, Optimizer):
            if len(saved) != len(variables):
                _logger.warning(
                    "Skipping variable loading for optimizer '%s', because it has %d "
                    "variables whereas the saved optimizer has %d variables.",
                    name,
                    len(variables),
                    len(saved),
                )
                continue
        elif len(saved) != len(variables):
            if skip_mismatch:
                continue
            raise ValueError(
                f"Layer '{name}' expected {len(variables)} variables, but received "
                f"{len(saved)} variables during loading. "
                f"Expected: {[v.name for v in variables]}"
            )
        for variable, array in zip(variables, saved, strict=True):
            if tuple(variable.shape) != tuple(np.shape(array)):
                if skip_mismatch:
                    continue
                raise ValueError(
                    f"Shape mismatch in layer '{name}' for weight {variable.name}: the model "
                    f"has shape {tuple(variable.shape)}, the saved weight has shape "
                    f"{tuple(np.shape(array))}."
                )
            plan.append((variable, array))
    for variable, array in plan:
        variable.assign(np.asarray(array, dtype=variable._value.dtype))


def _require_built(model, action):
    if not model.built:
        raise ValueError(
            f"Unable to {action} weights of model '{model.name}': it has not created its "
            "variables yet. Call the model on a batch of data (or call `model.build("
            "input_shape)`) first."
        )


def _is_legacy_h5(filepath):
    return filepath.endswith((".h5", ".hdf5")) and not filepath.endswith(".weights.h5")


def save_weights(model, filepath, overwrite=True, save_format=None, options=None):
    filepath = os.fspath(filepath)
    _require_built(model, "save")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"{filepath} already exists and overwrite=False.")
    if filepath.endswith(".weights.h5"):
        stores.write_h5(weights_tree(model), filepath)
    elif filepath.endswith(".npz"):
        stores.write_npz(weights_tree(model), filepath)
    elif _is_legacy_h5(filepath) or save_format == "h5":
        from pynn.keras.saving import legacy_h5  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

        legacy_h5.save_weights(model, filepath)
    else:  # a TensorFlow checkpoint prefix such as training_1/cp.ckpt
        checkpoint.save(weights_tree(model), filepath)


def load_weights(model, filepath, skip_mismatch=False, by_name=False, options=None):
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath) and not checkpoint.exists(filepath):
        raise FileNotFoundError(f"No such file: '{filepath}'")
    _require_built(model, "load")
    paths = weight_paths(model)
    if filepath.endswith(".keras"):
        with _open_archive(filepath) as archive:
            tree = _read_archive_weights(archive, paths)
    elif filepath.endswith(".weights.h5"):
        tree = stores.read_h5(filepath, paths)
    elif filepath.endswith(".npz"):
        tree = stores.read_npz(filepath, paths)
    elif _is_legacy_h5(filepath):
        from pynn.keras.saving import legacy_h5  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

        return legacy_h5.load_weights(model, filepath, by_name=by_name, skip_mismatch=skip_mismatch)
    elif checkpoint.exists(filepath):
        tree = checkpoint.load(filepath, paths)
    else:
        raise ValueError(
            "pynn loads weights from `.keras`, `.weights.h5`, `.npz`, legacy `.h5` files and "
            f"checkpoints it wrote itself. Received: filepath={filepath}"
        )
    assign_tree(model, tree, skip_mismatch=skip_mismatch)
    return None


# ------------------------------------------------------------------ whole models
def serialize_model(model):
    """The `config.json` dict tf.keras 2.15 writes: module, class, config, build, compile."""
    from pynn.keras.engine.functional import Functional  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.engine.sequential import Sequential  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    cls = type(model)
    if cls is Sequential:
        module, registered = "keras", None
    elif cls is Functional:
        module, registered = "keras.src.engine.functional", "Functional"
    else:
        module, registered = cls.__module__, cls.__name__
    config = {
        "module": module,
        "class_name": cls.__name__,
        "config": model.get_config(),
        "registered_name": registered,
    }
    _add_build_configs(config["config"], model)
    build_config = model.get_build_config()
    if build_config is not None:
        config["build_config"] = build_config
    compile_config = _compile_config(model)
    if compile_config is not None:
        config["compile_config"] = compile_config
    return config


def _add_build_configs(model_config, model):
    """tf.keras's `.keras` config gives every built layer of a Sequential/Functional model a
    `build_config` (its input shape), placed right after `registered_name`."""
    entries = model_config.get("layers") if isinstance(model_config, dict) else None
    if not entries:
        return
    by_name = {layer.name: layer for layer in getattr(model, "layers", [])}
    for i, entry in enumerate(entries):
        layer = by_name.get(entry.get("config", {}).get("name"))
        if layer is None:
            continue
        _add_build_configs(entry["config"], layer)
        build_config = layer.get_build_config() if layer.built else None
        if build_config is None or "build_config" in entry:
            continue
        ordered = {}
        for key, value in entry.items():
            ordered[key] = value
            if key == "registered_name":
                ordered["build_config"] = build_config
        entries[i] = ordered


def _serialize_compile_value(value, module):
    from pynn.keras import losses, metrics, optimizers  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {k: _serialize_compile_value(v, module) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_serialize_compile_value(v, module) for v in value]
    if module == "optimizer":
        return optimizers.serialize(value)
    if hasattr(value, "get_config"):
        return losses.serialize(value) if module == "loss" else metrics.serialize(value)
    name = getattr(value, "__name__", None)
    if name is None:
        raise ValueError(f"Cannot serialize {value!r} in the compile config.")
    return {
        "module": "keras.losses" if module == "loss" else "keras.metrics",
        "class_name": "function",
        "config": name,
        "registered_name": name,
    }


def _compile_config(model):
    raw = getattr(model, "_compile_config", None)
    if not getattr(model, "_is_compiled", False) or raw is None:
        return None
    config = dict(raw)
    config["optimizer"] = (
        _serialize_compile_value(model.optimizer, "optimizer")
        if not isinstance(raw["optimizer"], str)
        else raw["optimizer"]
    )
    for key, kind in (("loss", "loss"), ("metrics", "metric"), ("weighted_metrics", "metric")):
        config[key] = _serialize_compile_value(raw.get(key), kind)
    return config


def _deserialize_compile_value(value, kind, custom_objects):
    from pynn.keras import losses, metrics, optimizers  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [_deserialize_compile_value(v, kind, custom_objects) for v in value]
    if isinstance(value, dict) and "class_name" not in value:
        return {k: _deserialize_compile_value(v, kind, custom_objects) for k, v in value.items()}
    if kind == "optimizer":
        return optimizers.deserialize(value, custom_objects=custom_objects)
    if value.get("class_name") == "function":
        value = value["config"]
    module = losses if kind == "loss" else metrics
    return module.deserialize(value, custom_objects=custom_objects)


def compile_from_config(model, config, custom_objects=None):
    kwargs = dict(config)
    kwargs["optimizer"] = _deserialize_compile_value(
        config.get("optimizer"), "optimizer", custom_objects
    )
    for key, kind in (("loss", "loss"), ("metrics", "metric"), ("weighted_metrics", "metric")):
        kwargs[key] = _deserialize_compile_value(config.get(key), kind, custom_objects)
    model.compile(**kwargs)
    if model.built and model.trainable_variables:
        model.optimizer.build(model.trainable_variables)


def save_model(model, filepath, overwrite=True, save_format=None, include_optimizer=True, **kwargs):
    filepath = os.fspath(filepath)
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"{filepath} already exists and overwrite=False.")
    if save_format == "h5" or _is_legacy_h5(filepath):
        from pynn.keras.saving import legacy_h5  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

        return legacy_h5.save_model(model, filepath, include_optimizer=include_optimizer)
    if not filepath.endswith(".keras"):
        raise ValueError(
            "pynn cannot write TensorFlow's SavedModel format (a folder). Save to a `.keras` "
            f"file instead, e.g. model.save('model.keras'). Received: filepath={filepath}"
        )
    if not model.built:
        _logger.warning(
            "You are saving a model that has not yet been built. It might not "
            "contain any weights yet."
        )
    from pynn.keras import __version__  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    metadata = {
        "keras_version": __version__,
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
    }
    tree = weights_tree(model)
    if not include_optimizer:
        tree = {p: v for p, v in tree.items() if not p.startswith("optimizer")}
    if stores.hdf5_available():
        name, payload = _WEIGHTS + ".h5", stores.to_bytes(stores.write_h5, tree)
    else:
        name, payload = _WEIGHTS + ".npz", stores.to_bytes(stores.write_keras_npz, tree)
    config = json.dumps(serialize_model(model), default=_json_default)
    with zipfile.ZipFile(filepath, "w") as archive:
        archive.writestr(_METADATA, json.dumps(metadata))
        archive.writestr(_CONFIG, config)
        archive.writestr(name, payload)
    return None


def _json_default(obj):
    if isinstance(obj, (np.integer, np.floating)):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if hasattr(obj, "as_list"):
        return obj.as_list()
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _open_archive(filepath):
    try:
        return zipfile.ZipFile(filepath, "r")
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError(
            f"'{filepath}' is not a valid .keras file: {e}. It may be truncated "
            "or corrupt; save the model again."
        ) from e


def _read_archive_weights(archive, paths):
    names = archive.namelist()
    try:
        if _WEIGHTS + ".h5" in names:
            return stores.read_h5(io.BytesIO(archive.read(_WEIGHTS + ".h5")), paths)
        if _WEIGHTS + ".npz" in names:
            return stores.read_keras_npz(io.BytesIO(archive.read(_WEIGHTS + ".npz")), paths)
    except zipfile.BadZipFile as e:
        raise ValueError(f"The weights inside the .keras file are damaged: {e}") from e
    raise ValueError(
        f"Expected a {_WEIGHTS}.h5 or {_WEIGHTS}.npz file inside the .keras archive; found {names}."
    )


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True, **kwargs):
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise OSError(f"No file or directory found at {filepath}")
    if os.path.isdir(filepath):
        raise ValueError(
            f"'{filepath}' is a folder (TensorFlow's SavedModel format), which pynn cannot "
            "read. Save the model as a `.keras` file instead."
        )
    if _is_legacy_h5(filepath):
        # tf.keras 2.15 ignores `safe_mode` for legacy `.h5` files (see legacy_h5.load_model).
        from pynn.keras.saving import legacy_h5  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

        return legacy_h5.load_model(filepath, custom_objects=custom_objects, compile=compile)
    if not filepath.endswith(".keras"):
        raise ValueError(
            "File format not supported: filepath=" + filepath + ". pynn loads "
            "`.keras` and legacy `.h5` model files."
        )
    with _open_archive(filepath) as archive:
        try:
            config = json.loads(archive.read(_CONFIG))
        except (KeyError, ValueError, zipfile.BadZipFile) as e:
            raise ValueError(f"'{filepath}' has no readable {_CONFIG}: {e}") from e
        scoped = in_safe_mode()
        with SafeModeScope(scoped if scoped is not None else safe_mode):
            model = model_from_saved_config(config, custom_objects, compile)
        tree = _read_archive_weights(archive, weight_paths(model))
    assign_tree(model, tree)
    return model


def model_from_saved_config(config, custom_objects=None, compile=True):
    from pynn.keras.models import model_from_config  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    model = model_from_config(config, custom_objects=custom_objects, safe_mode=in_safe_mode())
    build_config = config.get("build_config")
    if not model.built and build_config and build_config.get("input_shape") is not None:
        model.build(_shape_from_json(build_config["input_shape"]))
    compile_config = config.get("compile_config")
    if compile and compile_config:
        compile_from_config(model, compile_config, custom_objects)
    return model


def _shape_from_json(shape):
    if isinstance(shape, dict):
        return {k: _shape_from_json(v) for k, v in shape.items()}
    if isinstance(shape, list) and shape and isinstance(shape[0], (list, dict)):
        return [_shape_from_json(s) for s in shape]
    return tuple(shape)
