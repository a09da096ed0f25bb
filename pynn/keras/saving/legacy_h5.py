"""tf.keras's legacy HDF5 files: `model.save('m.h5')` and `model.save_weights('w.h5')`.

Layout (as tf.keras 2.15 writes it): the weights group has attributes `layer_names`,
`backend`, `keras_version`; one sub-group per layer with attribute `weight_names`
(`dense/kernel:0`, ...) and one dataset per weight at that name. A whole-model file adds the
attributes `model_config` and `training_config` (JSON) and keeps the weights in
`model_weights`.
"""

import json

import numpy as np

from pynn.keras.saving import stores
from pynn.keras.utils.generic_utils import in_safe_mode


def _layers(model):
    return list(model.layers)


def _write_weights(group, model):
    from pynn.keras import __version__  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    layers = _layers(model)
    group.attrs["layer_names"] = np.array([layer.name.encode("utf8") for layer in layers])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = __version__.encode("utf8")
    for layer in layers:
        layer_group = group.create_group(layer.name)
        weights = layer.weights
        layer_group.attrs["weight_names"] = np.array([w.name.encode("utf8") for w in weights])
        for weight in weights:
            layer_group.create_dataset(weight.name, data=np.array(weight._value))
    top = group.create_group("top_level_model_weights")
    top.attrs["weight_names"] = np.array([], dtype=np.float64)


def _decode(values):
    return [v.decode("utf8") if isinstance(v, bytes) else str(v) for v in values]


def _read_weights(group):
    """[(layer name, [arrays])] for the layers that have weights, in file order."""
    try:
        names = _decode(group.attrs["layer_names"])
        saved = []
        for name in names:
            layer_group = group[name]
            weight_names = _decode(layer_group.attrs.get("weight_names", []))
            saved.append((name, [stores.h5_array(layer_group, w) for w in weight_names]))
    except (KeyError, OSError, ValueError) as e:
        raise stores.WeightsFileError(
            f"Could not read the legacy HDF5 weights ({e}). The file "
            "may be truncated or not a Keras weights file."
        ) from e
    return saved


def _assign(model, saved, by_name=False, skip_mismatch=False):
    layers = [layer for layer in _layers(model) if layer.weights]
    saved = [(name, arrays) for name, arrays in saved if arrays]
    if by_name:
        index = dict(saved)
        pairs = [(layer, index[layer.name]) for layer in layers if layer.name in index]
    else:
        if len(layers) != len(saved):
            raise ValueError(
                f"Weight file contains {len(saved)} layers with weights, but the model has "
                f"{len(layers)} layers with weights. Check that the file was saved from the "
                "same architecture, or load with by_name=True."
            )
        pairs = list(zip(layers, (arrays for _, arrays in saved), strict=True))
    plan = []
    for layer, arrays in pairs:
        weights = layer.weights
        if len(weights) != len(arrays):
            if skip_mismatch:
                continue
            raise ValueError(
                f"Layer '{layer.name}' expects {len(weights)} weight(s), but the "
                f"saved weights have {len(arrays)} element(s)."
            )
        for weight, array in zip(weights, arrays, strict=True):
            if tuple(weight.shape) != array.shape:
                if skip_mismatch:
                    continue
                raise ValueError(
                    f"Shape mismatch in layer '{layer.name}' for weight {weight.name}: the "
                    f"model has shape {tuple(weight.shape)}, the saved weight has shape "
                    f"{array.shape}."
                )
            plan.append((weight, array))
    for weight, array in plan:
        weight.assign(array.astype(weight._value.dtype))


def save_weights(model, filepath):
    stores.require_h5py("Saving weights in HDF5 format")
    with stores.h5py.File(filepath, "w") as f:
        _write_weights(f, model)


def load_weights(model, filepath, by_name=False, skip_mismatch=False):
    stores.require_h5py("Loading weights from an HDF5 file")
    try:
        f = stores.h5py.File(filepath, "r")
    except OSError as e:
        raise stores.WeightsFileError(f"Could not open '{filepath}' as HDF5: {e}") from e
    with f:
        group = f.get("model_weights", f)
        saved = _read_weights(group)
    _assign(model, saved, by_name=by_name, skip_mismatch=skip_mismatch)


def save_model(model, filepath, include_optimizer=True):
    from pynn.keras import __version__  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.saving.saving_lib import _json_default  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    stores.require_h5py("Saving a model in HDF5 format")
    model_config = {"class_name": type(model).__name__, "config": model.get_config()}
    with stores.h5py.File(filepath, "w") as f:
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = __version__.encode("utf8")
        f.attrs["model_config"] = json.dumps(model_config, default=_json_default).encode("utf8")
        training_config = _training_config(model)
        if training_config is not None:
            f.attrs["training_config"] = json.dumps(training_config, default=_json_default).encode(
                "utf8"
            )
        _write_weights(f.create_group("model_weights"), model)


def load_model(filepath, custom_objects=None, compile=True):
    from pynn.keras.models import model_from_config  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.saving.saving_lib import compile_from_config  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    stores.require_h5py("Loading a model from an HDF5 file")
    try:
        f = stores.h5py.File(filepath, "r")
    except OSError as e:
        raise ValueError(f"'{filepath}' is not a readable HDF5 model file: {e}") from e
    with f:
        if "model_config" not in f.attrs:
            raise ValueError(
                f"No model config found in the file at {filepath}: it holds "
                "weights only. Build the model, then call `load_weights`."
            )
        config = json.loads(_decode([f.attrs["model_config"]])[0])
        training = f.attrs.get("training_config")
        saved = _read_weights(f["model_weights"])
    # tf.keras 2.15 loads legacy `.h5` files without safe mode: a Lambda layer's bytecode in
    # them runs (its `safe_mode` argument applies to `.keras` files only). pynn does the same,
    # so only open `.h5` files you trust; named functions still resolve only to custom objects.
    scoped = in_safe_mode()
    model = model_from_config(
        config, custom_objects=custom_objects, safe_mode=scoped if scoped is not None else False
    )
    _assign(model, saved)
    if compile and training is not None:
        training = json.loads(_decode([training])[0])
        compile_from_config(model, _compile_kwargs(training), custom_objects)
    return model


def _training_config(model):
    """The compile arguments in tf.keras's legacy layout (`optimizer_config`)."""
    from pynn.keras.saving.saving_lib import _compile_config  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    config = _compile_config(model)
    if config is None:
        return None
    optimizer = model.optimizer
    return {
        "loss": config["loss"],
        "metrics": config["metrics"],
        "weighted_metrics": config["weighted_metrics"],
        "loss_weights": config["loss_weights"],
        "optimizer_config": {
            "class_name": type(optimizer).__name__,
            "config": optimizer.get_config(),
        },
    }


def _metric_name(entry):
    """A metric from a legacy config: `'mae'`, or tf.keras's MeanMetricWrapper dict."""
    if isinstance(entry, dict) and entry.get("class_name") == "MeanMetricWrapper":
        return entry["config"]["name"]
    return entry


def _compile_kwargs(training):
    """compile() arguments from a legacy `training_config` (pynn's or tf.keras's)."""
    optimizer = dict(training["optimizer_config"])
    optimizer["class_name"] = optimizer["class_name"].rpartition(">")[2]  # "Custom>Adam"
    metrics = training.get("metrics")
    if isinstance(metrics, list):
        if len(metrics) == 1 and isinstance(metrics[0], list):  # one list per output
            metrics = metrics[0]
        metrics = [
            _metric_name(m) if not isinstance(m, list) else [_metric_name(x) for x in m]
            for m in metrics
        ]
    return {
        "optimizer": optimizer,
        "loss": training.get("loss"),
        "metrics": metrics,
        "loss_weights": training.get("loss_weights"),
        "weighted_metrics": training.get("weighted_metrics"),
    }
