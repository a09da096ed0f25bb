"""The loss and metric containers `Model.compile` builds.

`LossesContainer` turns the `loss` argument (one loss, a list, or a dict keyed by
output name) plus `loss_weights` into one loss per model output, sums them with the
model's regularization losses, and tracks the running `loss` (and, for several
outputs, `<output>_loss`). `MetricsContainer` does the same for `metrics` and
`weighted_metrics`, naming them as tf.keras 2.15 does (`accuracy`, `val_` is added
by `fit`, `<output>_accuracy` with several outputs) and resolving `'accuracy'`,
`'acc'`, `'crossentropy'` and `'ce'` to the binary, categorical or sparse variant
from the shapes of the first batch.

Both containers are built lazily, on the first batch, because the decisions need
the model's outputs and the targets.
"""

import copy
import functools

import numpy as np

from pynn import ops
from pynn.core.tensor import Tensor, convert_to_tensor
from pynn.core.tracing import effect, traced_call
from pynn.keras import losses as losses_mod
from pynn.keras import metrics as metrics_mod
from pynn.keras.engine import nest
from pynn.keras.engine.step_shapes import display_shape
from pynn.keras.utils.generic_utils import to_snake_case


def _as_array(value):
    return value._value if hasattr(value, "_value") else np.asarray(value)


def _to_tensor(value):

    if value is None or isinstance(value, Tensor):
        return value
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return Tensor(value)
    return convert_to_tensor(value)


@functools.cache
def _loss_mean_class():

    class Mean(metrics_mod.Mean):
        """`keras.metrics.Mean` fed one batch loss (a float) and the batch size per step."""

        def update_state(self, values, sample_weight=None):
            # Skips Mean's general broadcasting path: this runs at every step.
            if isinstance(values, float) and isinstance(sample_weight, int):
                self.total._value += values * sample_weight
                self.count._value += sample_weight
            else:
                super().update_state(values, sample_weight=sample_weight)

    return Mean


def _loss_mean(name):
    return _loss_mean_class()(name=name)


def get_custom_object_name(obj):
    """The name a loss or metric callable is logged under."""
    if hasattr(obj, "name") and isinstance(obj.name, str):
        return obj.name
    if hasattr(obj, "__name__"):
        return obj.__name__
    if hasattr(obj, "__class__"):
        return to_snake_case(obj.__class__.__name__)
    return None


def create_pseudo_output_names(outputs):
    """Names for the outputs of a subclassed model: `output_1`, `output_2`, ..."""
    if isinstance(outputs, dict):
        return sorted(outputs)
    if isinstance(outputs, (list, tuple)):
        return [f"output_{i + 1}" for i in range(len(nest.flatten(outputs)))]
    return ["output_1"]


def _output_names(model_names, y_pred):
    """(display names, lookup keys) of the outputs.

    Display names prefix the logs (`dense_2_loss`): the model's output names when
    they fit, else pseudo names. Lookup keys match dict specs and targets: the dict
    keys for dict outputs, else the display names (as Keras decides).
    """
    n = len(nest.flatten(y_pred))
    if model_names and len(model_names) == n:
        names = list(model_names)
    else:
        names = create_pseudo_output_names(y_pred)
    keys = sorted(y_pred) if isinstance(y_pred, dict) else names
    return names, keys


def _per_output(struct, names):
    """Spreads a dict spec over the outputs: returns a list aligned with `names`."""
    rest = dict(struct)
    aligned = [rest.pop(name, None) for name in names]
    if rest:
        raise ValueError(
            "Found unexpected losses or metrics that do not correspond to any Model output: "
            f"{rest.keys()}. Valid mode output names: {names}. Received struct is: {rest}."
        )
    return aligned


def _one_per_output(struct, names, what):
    """A loss or loss-weight spec as one entry per output (a single entry is shared)."""
    if isinstance(struct, dict):
        return _per_output(struct, names)
    if isinstance(struct, (list, tuple)):
        if len(struct) != len(names):
            raise ValueError(
                f"`{what}` has {len(struct)} entries but the model has {len(names)} "
                f"output{'s' if len(names) != 1 else ''} ({', '.join(names)})."
            )
        return list(struct)
    return [struct] * len(names)


def _as_list(entry):
    if entry is None:
        return []
    if isinstance(entry, (list, tuple)):
        return [e for e in entry if e is not None]
    return [entry]


def match_dtype_and_rank(y_true, y_pred):
    """`(batch,)` targets for `(batch, 1)` outputs get their last axis, as in Keras."""
    if y_true.ndim == 1 and y_pred.ndim == 2:
        y_true = y_true[:, None]
    if y_true.dtype.kind == "f" and y_true.dtype != y_pred.dtype and y_pred.dtype.kind == "f":
        y_true = y_true.astype(y_pred.dtype)
    return y_true


def _as_dtype(value, dtype):
    return np.asarray(value, dtype=dtype)


def _conform_targets(y_true, y_pred, names, what="target"):
    """The targets (or sample weights) as a list aligned with the outputs."""
    n = len(names)
    if y_true is None:
        return [None] * n
    if isinstance(y_true, dict):
        if isinstance(y_pred, dict):
            return [y_true.get(name) for name in sorted(y_pred)]
        return [y_true.get(name) for name in names]
    if isinstance(y_true, (list, tuple)):
        flat = nest.flatten(y_true)
        if len(flat) == n:
            return flat
        if n == 1:
            raise ValueError(f"The model has 1 output but received {len(flat)} {what} arrays.")
        raise ValueError(
            f"The model has {n} outputs ({', '.join(names)}) but received {len(flat)} "
            f"{what} arrays. Pass one array per output, as a list or a dict keyed by "
            "output name."
        )
    if n > 1:
        if what == "sample_weight":
            return [y_true] * n
        raise ValueError(
            f"The model has {n} outputs ({', '.join(names)}) but received a single "
            f"{what} array. Pass one array per output, as a list or a dict keyed by "
            "output name."
        )
    return [y_true]


def _align(y_true, y_pred, sample_weight, names):
    """Outputs, targets and sample weights as three lists in output order."""
    if (
        len(names) == 1
        and not nest.is_nested(y_pred)
        and not nest.is_nested(y_true)
        and not nest.is_nested(sample_weight)
    ):
        return [y_pred], [y_true], [sample_weight]  # the common single-output case
    return (
        nest.flatten(y_pred),
        _conform_targets(y_true, y_pred, names),
        _conform_targets(sample_weight, y_pred, names, "sample_weight"),
    )


class LossesContainer:
    """One loss per output, weighted and summed; tracks `loss` and `<output>_loss`."""

    def __init__(self, losses, loss_weights=None, output_names=None):
        self._user_losses = losses
        self._user_loss_weights = loss_weights
        self._output_names = output_names
        self._output_keys = None
        self._losses = None
        self._loss_weights = None
        self._per_output_metrics = None
        self._total_loss_mean = None
        self._built = False

    @property
    def built(self):
        return self._built

    @property
    def metrics(self):
        if not self._built:
            return []
        return [self._total_loss_mean] + [m for m in self._per_output_metrics if m is not None]

    def build(self, y_pred):
        names, keys = _output_names(self._output_names, y_pred)
        self._output_names, self._output_keys = names, keys
        losses = _one_per_output(self._user_losses, keys, "loss")
        self._losses = [self._get_loss_object(loss) for loss in losses]
        self._loss_weights = _one_per_output(self._user_loss_weights, keys, "loss_weights")
        self._total_loss_mean = _loss_mean("loss")
        if len(names) == 1:
            self._per_output_metrics = [None]
        else:
            self._per_output_metrics = [
                None if loss is None else _loss_mean(name + "_loss")
                for loss, name in zip(self._losses, names, strict=True)
            ]
        self._built = True

    @staticmethod
    def _get_loss_object(loss):

        if loss is None:
            return None
        loss = losses_mod.get(loss)
        if not isinstance(loss, losses_mod.Loss):
            name = get_custom_object_name(loss)
            if name is None:
                raise ValueError(f"Loss should be a callable, received: {loss}")
            loss = losses_mod.LossFunctionWrapper(loss, name=name)
        return loss

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        """The total loss (a differentiable scalar Tensor), or None without any loss."""

        if not self._built:
            self.build(y_pred)
        preds, targets, weights = _align(y_true, y_pred, sample_weight, self._output_keys)
        total = None
        values, plan = [], []  # what the loss trackers get (see _update_trackers)
        batch_dim = None
        for index, (y_t, y_p, sw, loss_obj, loss_weight, name) in enumerate(
            zip(
                targets,
                preds,
                weights,
                self._losses,
                self._loss_weights,
                self._output_names,
                strict=True,
            )
        ):
            if y_t is None or loss_obj is None:
                continue
            y_p_value = _as_array(y_p)
            # numpy work on the batch goes through traced_call: a replayed step redoes it
            y_t = traced_call(match_dtype_and_rank, _as_array(y_t), y_p_value)
            if sw is not None:  # (a Keras mask on y_pred is applied by the Loss itself)
                sw = _to_tensor(traced_call(_as_dtype, _as_array(sw), dtype=y_p_value.dtype))
            try:
                value = loss_obj(_to_tensor(y_t), y_p, sample_weight=sw)
            except ValueError as error:
                if "could not be broadcast" not in str(error):
                    raise
                raise ValueError(
                    f"The targets for output `{name}` have shape "
                    f"{tuple(display_shape(y_t.shape).as_list())} but the model's output has "
                    f"shape {tuple(display_shape(y_p_value.shape).as_list())}; the loss "
                    f"`{loss_obj.name}` needs them to match. Check the last layer's units "
                    "and the shape of `y`."
                ) from error
            if batch_dim is None:
                batch_dim = int(y_t.shape[0])
            values.append(value)
            plan.append((index, loss_weight))
            if loss_weight is not None:
                value = value * loss_weight
            total = value if total is None else total + value
        has_reg = bool(regularization_losses)
        if has_reg:
            reg = regularization_losses[0]
            for extra in regularization_losses[1:]:
                reg = ops.add(reg, extra)
            values.append(reg)
            total = reg if total is None else total + reg
        if total is None:
            return None
        effect(
            self._update_trackers,
            *values,
            plan=tuple(plan),
            has_reg=has_reg,
            batch_dim=batch_dim or 1,
        )
        return total

    def _update_trackers(self, *values, plan, has_reg, batch_dim):
        """Adds one batch to the running `loss` and `<output>_loss` means (Python floats,
        as the eager step always did)."""
        tracked = 0.0
        for (index, loss_weight), value in zip(plan, values[: len(plan)], strict=True):
            scalar = float(value)
            metric = self._per_output_metrics[index]
            if metric is not None:
                metric.update_state(scalar, sample_weight=batch_dim)
            if loss_weight is not None:
                scalar *= loss_weight
            tracked += scalar
        if has_reg:
            tracked += float(values[-1])
        self._total_loss_mean.update_state(tracked, sample_weight=batch_dim)

    def reset_state(self):
        for metric in self.metrics:
            metric.reset_state()


_AUTO_METRICS = ("accuracy", "acc", "crossentropy", "ce")


def _set_name(metric, name):
    if hasattr(metric, "_name"):
        metric._name = name
    else:
        metric.name = name


class MetricsContainer:
    """The compiled metrics of every output, in Keras's order and names."""

    def __init__(self, metrics=None, weighted_metrics=None, output_names=None):
        self._check_type(metrics, "metrics")
        self._check_type(weighted_metrics, "weighted_metrics")
        self._check_duplicated(metrics, weighted_metrics)
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self._output_names = output_names
        self._output_keys = None
        self._metrics = None
        self._weighted_metrics = None
        self._metrics_in_order = []
        self._built = False

    @staticmethod
    def _check_type(metrics, argument):
        if metrics is not None and not isinstance(metrics, (list, tuple, dict)):
            raise TypeError(
                f"Type of `{argument}` argument not understood. Expected a list or "
                f"dictionary, found: {metrics}"
            )

    @staticmethod
    def _check_duplicated(metrics, weighted_metrics):

        seen, duplicated = [], []
        for m in nest.flatten(metrics) + nest.flatten(weighted_metrics):
            if isinstance(m, metrics_mod.Metric):
                if any(m is s for s in seen):
                    duplicated.append(m)
                seen.append(m)
        if duplicated:
            raise ValueError(
                "Found duplicated metrics object in the user provided metrics and weighted "
                "metrics. This will cause the same metric object to be updated multiple "
                f"times, and report wrong results. \nDuplicated items: {duplicated}"
            )

    @property
    def built(self):
        return self._built

    @property
    def metrics(self):
        return self._metrics_in_order if self._built else []

    @property
    def unweighted_metrics(self):
        return [m for ms in self._metrics for m in ms] if self._built else None

    @property
    def weighted_metrics(self):
        return [m for ms in self._weighted_metrics for m in ms] if self._built else None

    def _spread(self, spec, names):
        """A list (one per output) of lists of metric specs, as Keras broadcasts them."""
        if isinstance(spec, dict):
            return [_as_list(entry) for entry in _per_output(spec, names)]
        if isinstance(spec, (list, tuple)) and any(
            isinstance(entry, (list, tuple, dict)) for entry in spec
        ):
            if len(spec) != len(names):
                raise ValueError(
                    f"The model has {len(names)} outputs ({', '.join(names)}) but the "
                    f"metrics give {len(spec)} lists. Pass one list per output, or a dict "
                    "keyed by output name."
                )
            return [_as_list(entry) for entry in spec]
        items = _as_list(spec)
        if len(names) == 1:
            return [items]
        return [[self._copy(m) for m in items] for _ in names]

    @staticmethod
    def _copy(metric):

        if isinstance(metric, metrics_mod.Metric):
            try:
                return metric.__class__.from_config(metric.get_config())
            except (AttributeError, NotImplementedError, TypeError):
                return copy.deepcopy(metric)
        return metric

    def build(self, y_pred, y_true):
        names, keys = _output_names(self._output_names, y_pred)
        self._output_names, self._output_keys = names, keys
        preds = nest.flatten(y_pred)
        targets = _conform_targets(y_true, y_pred, keys)
        specs = self._spread(self._user_metrics, keys)
        weighted_specs = self._spread(self._user_weighted_metrics, keys)
        self._metrics = [
            [self._get_metric_object(m, y_t, y_p) for m in spec if m is not None]
            for spec, y_t, y_p in zip(specs, targets, preds, strict=True)
        ]
        self._weighted_metrics = [
            [self._get_metric_object(m, y_t, y_p) for m in spec if m is not None]
            for spec, y_t, y_p in zip(weighted_specs, targets, preds, strict=True)
        ]
        self._set_metric_names(names)
        self._metrics_in_order = [
            m
            for ms, wms in zip(self._metrics, self._weighted_metrics, strict=True)
            for m in ms + wms
        ]
        self._built = True

    def _set_metric_names(self, names):
        seen = set()
        multi = len(names) > 1
        for name, metrics, weighted in zip(
            names, self._metrics, self._weighted_metrics, strict=True
        ):
            for m in metrics:
                if multi:
                    _set_name(m, name + "_" + m.name)
                if m.name in seen:
                    raise ValueError(
                        f"Found two metrics with the same name: {m.name}. All the metrics "
                        "added to the model need to have unique names."
                    )
                seen.add(m.name)
            for wm in weighted:
                if multi:
                    if name + "_" + wm.name in seen:
                        _set_name(wm, name + "_weighted_" + wm.name)
                    else:
                        _set_name(wm, name + "_" + wm.name)
                elif wm.name in seen:
                    _set_name(wm, "weighted_" + wm.name)
                if wm.name in seen:
                    raise ValueError(
                        f"Found two weighted metrics with the same name: {wm.name}.All the "
                        "metrics added to the model need to have unique names."
                    )
                seen.add(wm.name)

    @staticmethod
    def _get_metric_object(metric, y_t, y_p):

        if isinstance(metric, str) and metric.lower() in _AUTO_METRICS:
            fn = _resolve_auto_metric(metric.lower(), y_t, y_p)
        elif isinstance(metric, str):
            try:
                fn = metrics_mod.get(metric)
            except ValueError:
                # tf.keras 2.15 keeps an unknown name as the "function": the first batch then
                # fails with TypeError: 'str' object is not callable
                fn = metric
        else:
            fn = metrics_mod.get(metric)
        if isinstance(fn, metrics_mod.Metric):
            return fn
        name = metric if isinstance(metric, str) else get_custom_object_name(metric)
        if name is None:
            raise ValueError(f"Metric should be a callable, received: {metric}")
        return metrics_mod.MeanMetricWrapper(fn, name=name)

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self._built:
            self.build(y_pred, y_true)
        if not self._metrics_in_order:
            return
        preds, targets, weights = _align(y_true, y_pred, sample_weight, self._output_keys)
        for y_t, y_p, sw, metrics, weighted in zip(
            targets, preds, weights, self._metrics, self._weighted_metrics, strict=True
        ):
            if y_t is None or not (metrics or weighted):
                continue
            y_p_value = _as_array(y_p)
            y_t = _to_tensor(match_dtype_and_rank(_as_array(y_t), y_p_value))
            mask = getattr(y_p, "_keras_mask", None)
            if mask is not None:
                mask = np.asarray(_as_array(mask), dtype=y_p_value.dtype)
            for m in metrics:
                m.update_state(y_t, y_p, sample_weight=mask)
            if weighted:
                if sw is not None:
                    sw = np.asarray(_as_array(sw), dtype=y_p_value.dtype)
                    if mask is not None:
                        sw = sw * mask
                else:
                    sw = mask
                for wm in weighted:
                    wm.update_state(y_t, y_p, sample_weight=sw)

    def reset_state(self):

        if self._built:
            metrics = self._metrics_in_order
        else:
            metrics = nest.flatten(self._user_metrics) + nest.flatten(self._user_weighted_metrics)
        for m in metrics:
            if isinstance(m, metrics_mod.Metric):
                m.reset_state()


def _resolve_auto_metric(name, y_t, y_p):
    """`accuracy`/`crossentropy` -> the binary, sparse or categorical function (Keras's rule)."""

    t_shape = np.shape(_as_array(y_t))
    p_shape = np.shape(_as_array(y_p))
    t_last = t_shape[-1] if t_shape else None
    p_last = p_shape[-1] if p_shape else None
    is_binary = p_last == 1
    is_sparse = len(t_shape) < len(p_shape) or (t_last == 1 and p_last is not None and p_last > 1)
    kind = "binary" if is_binary else "sparse_categorical" if is_sparse else "categorical"
    suffix = "accuracy" if name in ("accuracy", "acc") else "crossentropy"
    return getattr(metrics_mod, f"{kind}_{suffix}")
