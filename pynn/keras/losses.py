"""`keras.losses`: loss functions and `Loss` classes with reductions (tf.keras 2.15).

Every loss is composed from `pynn.ops`, so a GradientTape sees it. The numerics are
tf.keras's: probabilities are clipped to `[epsilon, 1 - epsilon]` (`epsilon=1e-7`),
`from_logits=True` uses the fused stable primitives, and a softmax/sigmoid output
that remembers its logits (`tensor._keras_logits`, set by the activations) is
scored from those logits, as tf.keras does.
"""

import warnings

import numpy as np

from pynn import ops
from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import Tensor, _wrap, convert_to_tensor
from pynn.core.tracing import peek, traced_call
from pynn.keras.engine.step_shapes import display_shape
from pynn.keras.utils import generic_utils

EPSILON = 1e-7


# ---------------------------------------------------------------- reductions


class Reduction:
    """Types of loss reduction (`keras.losses.Reduction`)."""

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f'Invalid Reduction Key: {key}. Expected keys are "{cls.all()}"')


ReductionV2 = Reduction


def _tensor(x, dtype=None):
    if isinstance(x, Tensor) and (dtype is None or x.dtype == dtype):
        return x
    return convert_to_tensor(x, dtype=dtype)


def _true_pred(y_true, y_pred):
    """`y_pred` as a Tensor and `y_true` cast to its dtype, as every loss starts."""
    y_pred = _tensor(y_pred)
    y_true = ops.cast(_tensor(y_true), y_pred.dtype)
    return y_true, y_pred


def remove_squeezable_dimensions(labels, predictions):
    """Squeeze the last dimension of the one whose rank is larger by exactly 1."""
    rank_diff = predictions.ndim - labels.ndim
    if rank_diff == 1 and predictions.shape[-1] == 1:
        predictions = ops.squeeze(predictions, -1)
    elif rank_diff == -1 and labels.shape[-1] == 1:
        labels = ops.squeeze(labels, -1)
    return labels, predictions


def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    """Align ranks the way Keras does before computing a loss or metric."""
    if (
        y_true is not None
        and y_pred.ndim > 0
        and (y_pred.ndim - y_true.ndim != 1 or y_pred.shape[-1] == 1)
    ):
        y_true, y_pred = remove_squeezable_dimensions(y_true, y_pred)
    if sample_weight is None:
        return y_pred, y_true
    weights_rank = sample_weight.ndim
    if weights_rank == 0:
        return y_pred, y_true, sample_weight
    if weights_rank - y_pred.ndim == 1:
        sample_weight = ops.squeeze(sample_weight, -1)
    elif y_pred.ndim - weights_rank == 1:
        sample_weight = ops.expand_dims(sample_weight, -1)
    return y_pred, y_true, sample_weight


def compute_weighted_loss(losses, sample_weight=None, reduction=Reduction.SUM_OVER_BATCH_SIZE):
    """Weight the per-sample `losses` and reduce them (`none`, `sum`, `sum_over_batch_size`)."""
    Reduction.validate(reduction)
    if reduction == Reduction.AUTO:
        reduction = Reduction.SUM_OVER_BATCH_SIZE
    losses = _tensor(losses)
    input_dtype = None
    if losses.dtype.name not in ("float16", "float32", "float64"):
        input_dtype = losses.dtype
        losses = ops.cast(losses, "float32")
    if sample_weight is None:  # (tf.keras multiplies by 1.0: the same values)
        weighted = losses
    else:
        sample_weight = ops.cast(_tensor(sample_weight), losses.dtype)
        losses, _, sample_weight = squeeze_or_expand_dimensions(losses, None, sample_weight)
        weighted = ops.multiply(losses, sample_weight)
    if reduction == Reduction.NONE:
        loss = weighted
    else:
        loss = ops.sum(weighted)
        if reduction == Reduction.SUM_OVER_BATCH_SIZE:
            size = weighted._value.size
            loss = (
                ops.divide(loss, np.asarray(size, weighted._value.dtype))
                if size
                else ops.multiply(loss, np.asarray(0, weighted._value.dtype))
            )
    if input_dtype is not None:
        loss = ops.cast(loss, input_dtype)
    return loss


def _apply_valid_mask(losses, sample_weight, mask, reduction):
    """Fold a Keras mask into the sample weights (rescaled so the mean is over valid
    entries for `sum_over_batch_size`)."""
    if mask is None:
        return sample_weight
    if isinstance(mask, Tensor):
        peek(mask, "a Keras mask folded into the loss weights")
    mask = np.asarray(getattr(mask, "_value", mask)).astype(losses._value.dtype)
    if reduction in (Reduction.AUTO, Reduction.SUM_OVER_BATCH_SIZE):
        valid = mask.sum()
        mask = mask * (mask.dtype.type(mask.size) / valid)
    mask = Tensor(mask)
    if sample_weight is None:
        return mask
    sample_weight = ops.cast(_tensor(sample_weight), mask.dtype)
    mask, _, sample_weight = squeeze_or_expand_dimensions(mask, None, sample_weight)
    return ops.multiply(sample_weight, mask)


# ---------------------------------------------------------------- Loss classes


class Loss:
    """Base class: subclasses implement `call(y_true, y_pred)` returning per-sample losses;
    `__call__(y_true, y_pred, sample_weight=None)` weights and reduces them."""

    def __init__(self, reduction=Reduction.AUTO, name=None):
        Reduction.validate(reduction)
        self.reduction = reduction
        self.name = name

    def __call__(self, y_true, y_pred, sample_weight=None):
        losses = self.call(y_true, y_pred)
        losses = _tensor(losses)
        in_mask = getattr(y_pred, "_keras_mask", None)
        out_mask = getattr(losses, "_keras_mask", None)
        if in_mask is not None and out_mask is not None:
            mask = np.logical_and(
                np.asarray(getattr(in_mask, "_value", in_mask)),
                np.asarray(getattr(out_mask, "_value", out_mask)),
            )
        else:
            mask = in_mask if in_mask is not None else out_mask
        reduction = self._get_reduction()
        sample_weight = _apply_valid_mask(losses, sample_weight, mask, reduction)
        return compute_weighted_loss(losses, sample_weight, reduction=reduction)

    def call(self, y_true, y_pred):
        raise NotImplementedError("Must be implemented in subclasses.")

    def _get_reduction(self):
        if self.reduction == Reduction.AUTO:
            return Reduction.SUM_OVER_BATCH_SIZE
        return self.reduction

    def get_config(self):
        return {"reduction": self.reduction, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        # As tf.keras prints its objects: `<keras.src.losses.MeanSquaredError object at 0x..>`.
        module = type(self).__module__
        if module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras.") :]
        return f"<{module}.{type(self).__name__} object at {hex(id(self))}>"


class LossFunctionWrapper(Loss):
    """A `Loss` calling `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, reduction=Reduction.AUTO, name=None, **kwargs):
        super().__init__(reduction=reduction, name=name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if isinstance(y_pred, Tensor) and isinstance(y_true, Tensor):
            y_pred, y_true = squeeze_or_expand_dimensions(y_pred, y_true)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        for key, value in self._fn_kwargs.items():
            config[key] = value.numpy() if isinstance(value, Tensor) else value
        config["fn"] = getattr(self.fn, "__name__", None)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        fn_name = config.pop("fn", None)
        if cls is LossFunctionWrapper:
            config["fn"] = get(fn_name)
        return cls(**config)


# ---------------------------------------------------------------- functions


def mean_squared_error(y_true, y_pred):
    """`mean(square(y_true - y_pred), axis=-1)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    return ops.mean_squared_error(y_true, y_pred)


def mean_absolute_error(y_true, y_pred):
    """`mean(abs(y_true - y_pred), axis=-1)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    return ops.mean(ops.abs(ops.subtract(y_pred, y_true)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """`100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    diff = ops.abs(ops.divide(ops.subtract(y_true, y_pred), ops.maximum(ops.abs(y_true), EPSILON)))
    return ops.multiply(100.0, ops.mean(diff, axis=-1))


def mean_squared_logarithmic_error(y_true, y_pred):
    """`mean(square(log(y_true + 1) - log(y_pred + 1)), axis=-1)` (both floored at epsilon)."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    first_log = ops.log(ops.add(ops.maximum(y_pred, EPSILON), 1.0))
    second_log = ops.log(ops.add(ops.maximum(y_true, EPSILON), 1.0))
    return ops.mean(ops.square(ops.subtract(first_log, second_log)), axis=-1)


def _signed_labels(values):
    if np.all((values == 0) | (values == 1)):
        return 2 * values - 1
    return values


def _maybe_convert_labels(y_true):
    """0/1 labels become -1/1 (hinge losses expect signed labels). The labels need no
    gradient: the choice runs through traced_call, so a replayed step makes it anew."""
    return _wrap(traced_call(_signed_labels, y_true))


def squared_hinge(y_true, y_pred):
    """`mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)` (0/1 labels become -1/1)."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    margin = ops.maximum(ops.subtract(1.0, ops.multiply(y_true, y_pred)), 0.0)
    return ops.mean(ops.square(margin), axis=-1)


def hinge(y_true, y_pred):
    """`mean(maximum(1 - y_true * y_pred, 0), axis=-1)` (0/1 labels become -1/1)."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return ops.mean(ops.maximum(ops.subtract(1.0, ops.multiply(y_true, y_pred)), 0.0), axis=-1)


def categorical_hinge(y_true, y_pred):
    """`maximum(neg - pos + 1, 0)` with `pos = sum(y_true * y_pred)` and
    `neg = max((1 - y_true) * y_pred)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    pos = ops.sum(ops.multiply(y_true, y_pred), axis=-1)
    neg = ops.max(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=-1)
    return ops.maximum(ops.add(ops.subtract(neg, pos), 1.0), 0.0)


def huber(y_true, y_pred, delta=1.0):
    """Quadratic for `|error| <= delta`, linear beyond: `0.5 * e**2` or
    `delta * |e| - 0.5 * delta**2`, averaged over the last axis."""
    y_pred = ops.cast(_tensor(y_pred), "float32")
    y_true = ops.cast(_tensor(y_true), "float32")
    delta = np.float32(delta)
    error = ops.subtract(y_pred, y_true)
    abs_error = ops.abs(error)
    half = np.float32(0.5)
    quadratic = ops.multiply(half, ops.square(error))
    linear = ops.subtract(ops.multiply(delta, abs_error), half * (delta * delta))
    return ops.mean(ops.where(ops.less_equal(abs_error, delta), quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """`mean(log(cosh(y_pred - y_true)), axis=-1)`, computed stably as
    `x + softplus(-2x) - log(2)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    x = ops.subtract(y_pred, y_true)
    log2 = np.log(np.asarray(2.0, dtype=x._value.dtype))
    logcosh_x = ops.subtract(ops.add(x, ops.softplus(ops.multiply(-2.0, x))), log2)
    return ops.mean(logcosh_x, axis=-1)


def _get_logits(output, from_logits, op_type, fn_name):
    """The logits behind a softmax/sigmoid output, when the activation kept them."""
    logits = getattr(output, "_keras_logits", None)
    if logits is None:
        return output, from_logits
    if from_logits:
        warnings.warn(
            f'"`{fn_name}` received `from_logits=True`, but the `output` argument was '
            f"produced by a {op_type} activation and thus does not represent logits. "
            "Was this intended?",
            stacklevel=3,
        )
    return logits, True


def _check_axis(axis):
    if isinstance(axis, bool):
        raise ValueError(
            f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}"
        )


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """`-sum(y_true * log(y_pred), axis)` over one-hot (or probability) targets."""
    _check_axis(axis)
    y_pred = _tensor(y_pred)
    y_true = ops.cast(_tensor(y_true), y_pred.dtype)
    if y_pred.ndim and y_pred.shape[-1] == 1:
        warnings.warn(
            "In loss categorical_crossentropy, expected y_pred.shape to be (batch_size, "
            f"num_classes) with num_classes > 1. Received: y_pred.shape={y_pred.shape}. "
            "Consider using 'binary_crossentropy' if you only have 2 classes.",
            SyntaxWarning,
            stacklevel=2,
        )
    if label_smoothing:
        smoothing = np.asarray(label_smoothing, dtype=y_pred._value.dtype)
        num_classes = np.asarray(y_true.shape[axis], dtype=y_pred._value.dtype)
        y_true = ops.add(ops.multiply(y_true, 1.0 - smoothing), smoothing / num_classes)
    return backend_categorical_crossentropy(y_true, y_pred, from_logits, axis)


def backend_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """`keras.backend.categorical_crossentropy`: per-sample crossentropy, no smoothing."""
    target, output = _tensor(target), _tensor(output)
    if not target.shape.is_compatible_with(output.shape):
        raise ValueError(
            f"Shapes {display_shape(target.shape)} and "
            f"{display_shape(output.shape)} are incompatible"
        )
    output, from_logits = _get_logits(output, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return ops.softmax_cross_entropy_with_logits(target, output, axis=axis)
    output = ops.divide(output, ops.sum(output, axis=axis, keepdims=True))
    output = ops.clip(output, EPSILON, 1.0 - EPSILON)
    return ops.negative(ops.sum(ops.multiply(target, ops.log(output)), axis=axis))


def _check_labels(labels, num_classes):
    if labels.size == 0:
        return
    low, high = labels.min(), labels.max()
    if low >= 0 and high < num_classes:
        return
    bad = low if low < 0 else high
    shown = " ".join(str(v) for v in labels.reshape(-1))
    raise InvalidArgumentError(
        f"Received a label value of {bad} which is outside the valid range of "
        f"[0, {num_classes}).  Label values: {shown}"
    )


def _sparse_targets(labels, *, num_classes, flatten, ignore_class):
    """Class indices as integers (flattened if asked), checked to lie in [0, num_classes);
    ignored entries become 0."""
    if labels.dtype.kind not in "iu":
        labels = labels.astype(np.int64)
    if flatten:
        labels = labels.reshape(-1)
    if ignore_class is None:
        _check_labels(labels, num_classes)
        return labels
    valid = labels != ignore_class
    _check_labels(labels[valid], num_classes)
    return np.where(valid, labels, 0)


def _valid_labels(labels, *, flatten, ignore_class):
    """True where the label is not `ignore_class`."""
    if flatten:
        labels = labels.reshape(-1)
    return labels != ignore_class


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1, ignore_class=None):
    """Categorical crossentropy with integer targets (`y_true` holds class indices)."""
    output = _tensor(y_pred)
    labels = np.asarray(getattr(y_true, "_value", y_true))
    output, from_logits = _get_logits(
        output, from_logits, "Softmax", "sparse_categorical_crossentropy"
    )
    if not from_logits:
        output = ops.log(ops.clip(output, EPSILON, 1.0 - EPSILON))
    rank = output.ndim
    axis %= rank
    if axis != rank - 1:
        output = ops.transpose(output, [*range(axis), *range(axis + 1, rank), axis])
    output_shape = tuple(output.shape)
    update_shape = labels.ndim != rank - 1
    if update_shape:
        output = ops.reshape(output, (-1, output_shape[-1]))
    # numpy work on the labels goes through traced_call: a replayed train step redoes it
    target = traced_call(
        _sparse_targets,
        labels,
        num_classes=output_shape[-1],
        flatten=update_shape,
        ignore_class=ignore_class,
    )
    valid = None
    if ignore_class is not None:
        valid = traced_call(_valid_labels, labels, flatten=update_shape, ignore_class=ignore_class)
    result = ops.sparse_softmax_cross_entropy_with_logits(target, output)
    if valid is not None:
        result = ops.multiply(result, valid.astype(result._value.dtype))
        result = ops.reshape(result, output_shape[:-1])
        result._keras_mask = Tensor(valid.reshape(output_shape[:-1]))
        return result
    if update_shape and rank >= 3:
        result = ops.reshape(result, output_shape[:-1])
    return result


def backend_binary_crossentropy(target, output, from_logits=False):
    """`keras.backend.binary_crossentropy`: elementwise crossentropy, no reduction."""
    target, output = _tensor(target), _tensor(output)
    output, from_logits = _get_logits(output, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        return ops.sigmoid_cross_entropy_with_logits(target, output)
    output = ops.clip(output, EPSILON, 1.0 - EPSILON)
    positive = ops.multiply(target, ops.log(ops.add(output, EPSILON)))
    negative = ops.multiply(
        ops.subtract(1.0, target), ops.log(ops.add(ops.subtract(1.0, output), EPSILON))
    )
    return ops.negative(ops.add(positive, negative))


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """`-mean(y_true * log(y_pred) + (1 - y_true) * log(1 - y_pred), axis)`."""
    y_pred = _tensor(y_pred)
    y_true = ops.cast(_tensor(y_true), y_pred.dtype)
    if label_smoothing:
        smoothing = np.asarray(label_smoothing, dtype=y_pred._value.dtype)
        y_true = ops.add(ops.multiply(y_true, 1.0 - smoothing), 0.5 * smoothing)
    return ops.mean(backend_binary_crossentropy(y_true, y_pred, from_logits), axis=axis)


def binary_focal_crossentropy(
    y_true,
    y_pred,
    apply_class_balancing=False,
    alpha=0.25,
    gamma=2.0,
    from_logits=False,
    label_smoothing=0.0,
    axis=-1,
):
    """Binary crossentropy scaled by `(1 - p_t) ** gamma`, focusing on hard examples
    (optionally weighted by `alpha` for the positive class)."""
    y_pred = _tensor(y_pred)
    y_true = ops.cast(_tensor(y_true), y_pred.dtype)
    if label_smoothing:
        smoothing = np.asarray(label_smoothing, dtype=y_pred._value.dtype)
        y_true = ops.add(ops.multiply(y_true, 1.0 - smoothing), 0.5 * smoothing)
    sigmoidal = ops.sigmoid(y_pred) if from_logits else y_pred
    p_t = ops.add(
        ops.multiply(y_true, sigmoidal),
        ops.multiply(ops.subtract(1.0, y_true), ops.subtract(1.0, sigmoidal)),
    )
    focal_factor = ops.power(ops.subtract(1.0, p_t), gamma)
    focal_bce = ops.multiply(focal_factor, backend_binary_crossentropy(y_true, y_pred, from_logits))
    if apply_class_balancing:
        weight = ops.add(
            ops.multiply(y_true, alpha), ops.multiply(ops.subtract(1.0, y_true), 1.0 - alpha)
        )
        focal_bce = ops.multiply(weight, focal_bce)
    return ops.mean(focal_bce, axis=axis)


def categorical_focal_crossentropy(
    y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1
):
    """Categorical crossentropy scaled by `alpha * (1 - p) ** gamma` per class."""
    _check_axis(axis)
    y_pred = _tensor(y_pred)
    y_true = ops.cast(_tensor(y_true), y_pred.dtype)
    if label_smoothing:
        smoothing = np.asarray(label_smoothing, dtype=y_pred._value.dtype)
        num_classes = np.asarray(y_true.shape[-1], dtype=y_pred._value.dtype)
        y_true = ops.add(ops.multiply(y_true, 1.0 - smoothing), smoothing / num_classes)
    if not y_true.shape.is_compatible_with(y_pred.shape):
        raise ValueError(
            f"Shapes {display_shape(y_true.shape)} and "
            f"{display_shape(y_pred.shape)} are incompatible"
        )
    output, from_logits = _get_logits(
        y_pred, from_logits, "Softmax", "categorical_focal_crossentropy"
    )
    if from_logits:
        output = ops.softmax(output, axis=axis)
    output = ops.divide(output, ops.sum(output, axis=axis, keepdims=True))
    output = ops.clip(output, EPSILON, 1.0 - EPSILON)
    cce = ops.multiply(ops.negative(y_true), ops.log(output))
    weighting = ops.multiply(ops.power(ops.subtract(1.0, output), gamma), alpha)
    return ops.sum(ops.multiply(weighting, cce), axis=axis)


def kl_divergence(y_true, y_pred):
    """`sum(y_true * log(y_true / y_pred), axis=-1)`, both clipped to `[epsilon, 1]`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    y_true = ops.clip(y_true, EPSILON, 1.0)
    y_pred = ops.clip(y_pred, EPSILON, 1.0)
    return ops.sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)


def poisson(y_true, y_pred):
    """`mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)`."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    return ops.mean(
        ops.subtract(y_pred, ops.multiply(y_true, ops.log(ops.add(y_pred, EPSILON)))), axis=-1
    )


def cosine_similarity(y_true, y_pred, axis=-1):
    """`-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`: -1 means aligned."""
    y_true, y_pred = _true_pred(y_true, y_pred)
    y_true = ops.l2_normalize(y_true, axis=axis)
    y_pred = ops.l2_normalize(y_pred, axis=axis)
    return ops.negative(ops.sum(ops.multiply(y_true, y_pred), axis=axis))


bce = BCE = binary_crossentropy
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
huber_loss = huber


# ---------------------------------------------------------------- classes


class MeanSquaredError(LossFunctionWrapper):
    """Mean of squares of errors between labels and predictions."""

    def __init__(self, reduction=Reduction.AUTO, name="mean_squared_error"):
        super().__init__(mean_squared_error, name=name, reduction=reduction)


class MeanAbsoluteError(LossFunctionWrapper):
    """Mean of absolute differences between labels and predictions."""

    def __init__(self, reduction=Reduction.AUTO, name="mean_absolute_error"):
        super().__init__(mean_absolute_error, name=name, reduction=reduction)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """Mean absolute percentage error between labels and predictions."""

    def __init__(self, reduction=Reduction.AUTO, name="mean_absolute_percentage_error"):
        super().__init__(mean_absolute_percentage_error, name=name, reduction=reduction)


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """Mean squared logarithmic error between labels and predictions."""

    def __init__(self, reduction=Reduction.AUTO, name="mean_squared_logarithmic_error"):
        super().__init__(mean_squared_logarithmic_error, name=name, reduction=reduction)


class BinaryCrossentropy(LossFunctionWrapper):
    """Cross-entropy between 0/1 labels and predicted probabilities (or logits)."""

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=Reduction.AUTO,
        name="binary_crossentropy",
    ):
        super().__init__(
            binary_crossentropy,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits


class CategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy between one-hot labels and predicted probabilities (or logits)."""

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=Reduction.AUTO,
        name="categorical_crossentropy",
    ):
        super().__init__(
            categorical_crossentropy,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy between integer labels and predicted probabilities (or logits)."""

    def __init__(
        self,
        from_logits=False,
        ignore_class=None,
        reduction=Reduction.AUTO,
        name="sparse_categorical_crossentropy",
    ):
        super().__init__(
            sparse_categorical_crossentropy,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            ignore_class=ignore_class,
        )


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """Binary crossentropy down-weighting easy examples by `(1 - p_t) ** gamma`."""

    def __init__(
        self,
        apply_class_balancing=False,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=Reduction.AUTO,
        name="binary_focal_crossentropy",
    ):
        super().__init__(
            binary_focal_crossentropy,
            apply_class_balancing=apply_class_balancing,
            alpha=alpha,
            gamma=gamma,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """Categorical crossentropy down-weighting easy examples by `alpha * (1 - p) ** gamma`."""

    def __init__(
        self,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction=Reduction.AUTO,
        name="categorical_focal_crossentropy",
    ):
        super().__init__(
            categorical_focal_crossentropy,
            alpha=alpha,
            gamma=gamma,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.alpha = alpha
        self.gamma = gamma


class CosineSimilarity(LossFunctionWrapper):
    """Negative cosine similarity between labels and predictions."""

    def __init__(self, axis=-1, reduction=Reduction.AUTO, name="cosine_similarity"):
        super().__init__(cosine_similarity, reduction=reduction, name=name, axis=axis)


class Hinge(LossFunctionWrapper):
    """Hinge loss: `maximum(1 - y_true * y_pred, 0)`."""

    def __init__(self, reduction=Reduction.AUTO, name="hinge"):
        super().__init__(hinge, name=name, reduction=reduction)


class SquaredHinge(LossFunctionWrapper):
    """Squared hinge loss: `square(maximum(1 - y_true * y_pred, 0))`."""

    def __init__(self, reduction=Reduction.AUTO, name="squared_hinge"):
        super().__init__(squared_hinge, name=name, reduction=reduction)


class CategoricalHinge(LossFunctionWrapper):
    """Categorical hinge loss."""

    def __init__(self, reduction=Reduction.AUTO, name="categorical_hinge"):
        super().__init__(categorical_hinge, name=name, reduction=reduction)


class Poisson(LossFunctionWrapper):
    """Poisson loss: `y_pred - y_true * log(y_pred)`."""

    def __init__(self, reduction=Reduction.AUTO, name="poisson"):
        super().__init__(poisson, name=name, reduction=reduction)


class LogCosh(LossFunctionWrapper):
    """Logarithm of the hyperbolic cosine of the prediction error."""

    def __init__(self, reduction=Reduction.AUTO, name="log_cosh"):
        super().__init__(log_cosh, name=name, reduction=reduction)


class KLDivergence(LossFunctionWrapper):
    """Kullback-Leibler divergence loss."""

    def __init__(self, reduction=Reduction.AUTO, name="kl_divergence"):
        super().__init__(kl_divergence, name=name, reduction=reduction)


class Huber(LossFunctionWrapper):
    """Huber loss: quadratic for small errors, linear beyond `delta`."""

    def __init__(self, delta=1.0, reduction=Reduction.AUTO, name="huber_loss"):
        super().__init__(huber, name=name, reduction=reduction, delta=delta)


# ---------------------------------------------------------------- lookup

_FUNCTIONS = {
    fn_name: globals()[fn_name]
    for fn_name in (
        "mean_squared_error",
        "mse",
        "MSE",
        "mean_absolute_error",
        "mae",
        "MAE",
        "mean_absolute_percentage_error",
        "mape",
        "MAPE",
        "mean_squared_logarithmic_error",
        "msle",
        "MSLE",
        "squared_hinge",
        "hinge",
        "categorical_hinge",
        "huber",
        "huber_loss",
        "log_cosh",
        "logcosh",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "binary_crossentropy",
        "bce",
        "BCE",
        "binary_focal_crossentropy",
        "categorical_focal_crossentropy",
        "kl_divergence",
        "kld",
        "KLD",
        "kullback_leibler_divergence",
        "poisson",
        "cosine_similarity",
    )
}
_CLASSES = {
    cls.__name__: cls
    for cls in (
        Loss,
        LossFunctionWrapper,
        MeanSquaredError,
        MeanAbsoluteError,
        MeanAbsolutePercentageError,
        MeanSquaredLogarithmicError,
        BinaryCrossentropy,
        CategoricalCrossentropy,
        SparseCategoricalCrossentropy,
        BinaryFocalCrossentropy,
        CategoricalFocalCrossentropy,
        CosineSimilarity,
        Hinge,
        SquaredHinge,
        CategoricalHinge,
        Poisson,
        LogCosh,
        KLDivergence,
        Huber,
    )
}


def serialize(loss, use_legacy_format=False):
    """`{'module': 'keras.losses', 'class_name': ..., 'config': ...}` of a loss."""
    if loss is None:
        return None
    if not isinstance(loss, Loss):
        warnings.warn(
            "The `keras.losses.serialize()` API should only be used for objects of type "
            f"`keras.losses.Loss`. Found an instance of type {type(loss)}, which may lead to "
            "improper serialization.",
            stacklevel=2,
        )
        if use_legacy_format:
            return loss.__name__
        return {
            "module": "builtins",
            "class_name": "function",
            "config": loss.__name__,
            "registered_name": "function",
        }
    config = {"class_name": type(loss).__name__, "config": loss.get_config()}
    if use_legacy_format:
        return config
    return {"module": "keras.losses", **config, "registered_name": None}


def deserialize(name, custom_objects=None, use_legacy_format=False):
    """The loss named by a string or described by `serialize`'s output."""
    if isinstance(name, dict) and name.get("class_name") == "function":
        name = name["config"]
    return generic_utils.deserialize_keras_object(
        name, {**_FUNCTIONS, **_CLASSES}, "loss function", custom_objects
    )


def get(identifier):
    """A loss from a name (`'mse'`, `'CategoricalCrossentropy'`), a config dict, or a
    callable (returned unchanged)."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret loss function identifier: {identifier}")


def is_categorical_crossentropy(loss):
    return (
        isinstance(loss, CategoricalCrossentropy)
        or (isinstance(loss, LossFunctionWrapper) and loss.fn is categorical_crossentropy)
        or getattr(loss, "__name__", None) == "categorical_crossentropy"
        or loss == "categorical_crossentropy"
    )
