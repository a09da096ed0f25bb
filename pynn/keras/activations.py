"""Built-in activation functions, as `keras.activations` (tf.keras 2.15).

Each is a plain function of a tensor, usable directly
(`keras.activations.relu(x)`), by name (`Dense(3, activation="relu")`) or
resolved with `get`. Called on a Keras symbolic tensor they become the same
`TFOpLambda` layers as in tf.keras (`tf.nn.relu`, ...). `softmax` and `sigmoid` remember their input as
`output._keras_logits`, as tf.keras does, so crossentropy losses can work on
the logits instead of the clipped probabilities.
"""

from pynn import ops
from pynn.core.dispatch import call as dispatch_call
from pynn.core.dispatch import is_symbolic, tf_api
from pynn.keras.utils import generic_utils


def _remember_logits(output, logits):
    output._keras_logits = logits
    return output


@tf_api("tf.nn.softmax")
def softmax(x, axis=-1):
    """Softmax along `axis`: `exp(x) / reduce_sum(exp(x), axis)`.

    Raises ValueError on 1-D input, as tf.keras does. A tuple of axes
    normalizes over all of them together.
    """
    x = ops.convert_to_tensor(x)
    if x.ndim <= 1:
        raise ValueError(
            f"Cannot apply softmax to a tensor that is 1D. Received input: {x.numpy()}"
        )
    if isinstance(axis, (tuple, list)):
        output = ops.exp(x - ops.logsumexp(x, axis=tuple(axis), keepdims=True))
    else:
        output = ops.softmax(x, axis=axis)
    return _remember_logits(output, x)


@tf_api("tf.nn.elu")
def elu(x, alpha=1.0):
    """Exponential linear unit: `x` if `x > 0`, else `alpha * (exp(x) - 1)`."""
    return ops.elu(x, alpha=alpha)


@tf_api("tf.nn.selu")
def selu(x):
    """Scaled ELU: `scale * elu(x, alpha)` with the self-normalizing constants
    (`alpha=1.67326324`, `scale=1.05070098`)."""
    return ops.selu(x)


@tf_api("tf.math.softplus")
def softplus(x):
    """`log(exp(x) + 1)`."""
    return ops.softplus(x)


@tf_api("tf.nn.softsign")
def softsign(x):
    """`x / (abs(x) + 1)`."""
    return ops.softsign(x)


@tf_api("tf.nn.silu")
def swish(x):
    """`x * sigmoid(x)` (also called SiLU)."""
    return ops.silu(x)


silu = swish


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit, `max(x, 0)` with defaults.

    Args:
        x: input tensor.
        alpha: slope for values below `threshold` (leaky ReLU).
        max_value: saturation value (the output never exceeds it).
        threshold: values below it are damped (multiplied by `alpha`) or zeroed.
    """
    if is_symbolic(x):
        return dispatch_call(
            _relu_api_name(alpha, max_value, threshold),
            relu,
            (x,),
            {"alpha": alpha, "max_value": max_value, "threshold": threshold},
        )
    x = ops.convert_to_tensor(x)
    if alpha != 0.0 and max_value is None and threshold == 0:
        return ops.leaky_relu(x, alpha=alpha)
    if alpha != 0.0:
        negative_part = ops.relu(threshold - x) if threshold != 0 else ops.relu(-x)
    if threshold != 0:
        output = x * ops.cast(ops.greater(x, threshold), x.dtype)
    elif max_value == 6:
        output, max_value = ops.relu6(x), None
    else:
        output = ops.relu(x)
    if max_value is not None:
        output = ops.clip(output, 0.0, max_value)
    if alpha != 0.0:
        output = output - negative_part * alpha
    return output


def _relu_api_name(alpha, max_value, threshold):
    """The tf op tf.keras's relu reduces to, naming its layer in a Functional model."""
    if threshold == 0 and max_value is None:
        return "tf.nn.leaky_relu" if alpha != 0.0 else "tf.nn.relu"
    if threshold == 0 and alpha == 0.0 and max_value == 6:
        return "tf.nn.relu6"
    return "tf.nn.relu"


@tf_api("tf.nn.gelu")
def gelu(x, approximate=False):
    """Gaussian error linear unit, `x * P(X <= x)` for `X ~ N(0, 1)`.

    With `approximate=True` uses the tanh approximation
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    """
    return ops.gelu(x, approximate=approximate)


@tf_api("tf.math.tanh")
def tanh(x):
    """Hyperbolic tangent."""
    return ops.tanh(x)


@tf_api("tf.math.sigmoid")
def sigmoid(x):
    """`1 / (1 + exp(-x))`."""
    x = ops.convert_to_tensor(x)
    return _remember_logits(ops.sigmoid(x), x)


@tf_api("tf.math.exp")
def exponential(x):
    """`exp(x)`."""
    return ops.exp(x)


def hard_sigmoid(x):
    """Piecewise-linear sigmoid of tf.keras 2.15: `clip(0.2 * x + 0.5, 0, 1)`."""
    if is_symbolic(x):  # three layers, as tf.keras builds them
        scaled = dispatch_call("tf.math.multiply", ops.multiply, (x, 0.2), {})
        shifted = dispatch_call("tf.math.add", ops.add, (scaled, 0.5), {})
        return dispatch_call("tf.clip_by_value", ops.clip, (shifted, 0.0, 1.0), {})
    return ops.hard_sigmoid(x)


def linear(x):
    """The identity (returns `x` unchanged)."""
    return x


def mish(x):
    """`x * tanh(softplus(x))`."""
    return x * tanh(softplus(x))


@tf_api("tf.nn.relu6")
def relu6(x):
    """`min(max(x, 0), 6)`."""
    return ops.relu6(x)


@tf_api("tf.nn.leaky_relu")
def leaky_relu(x, alpha=0.2):
    """`x` if `x > 0`, else `alpha * x` (tf.nn.leaky_relu, default alpha 0.2)."""
    return ops.leaky_relu(x, alpha=alpha)


@tf_api("tf.compat.v1.nn.log_softmax")
def log_softmax(x, axis=-1):
    """`x - logsumexp(x, axis)`."""
    return ops.log_softmax(x, axis=axis)


_BUILTINS = {
    fn.__name__: fn
    for fn in (
        softmax,
        elu,
        selu,
        softplus,
        softsign,
        swish,
        relu,
        gelu,
        tanh,
        sigmoid,
        exponential,
        hard_sigmoid,
        linear,
        mish,
        relu6,
        leaky_relu,
        log_softmax,
    )
}
_ALIASES = {"silu": swish}


def serialize(activation):
    """Name of a built-in activation (`'relu'`), or a config dict for a custom one."""
    name = getattr(activation, "__name__", None)
    if callable(activation) and name in _BUILTINS:  # also tf.nn.relu & co, as in tf.keras
        return name
    if callable(activation) and name in _ALIASES:
        return _ALIASES[name].__name__
    if hasattr(activation, "get_config"):  # an activation layer or object
        return generic_utils.serialize_keras_object(activation, "keras.layers")
    if name is None or name == "<lambda>" or not callable(activation):
        raise ValueError(
            f"Unknown activation function '{activation}' cannot be serialized due "
            "to invalid function name. Make sure to use an activation name that "
            "matches the references defined in activations.py or use "
            "`@keras.saving.register_keras_serializable()` to register any "
            f"custom activations. config={activation}"
        )
    return {
        "module": activation.__module__,
        "class_name": "function",
        "config": name,
        "registered_name": name,
    }


def deserialize(name, custom_objects=None):
    """The activation function named `name` (a string or a serialized dict)."""
    from pynn.keras.layers import activation as activation_layers  # noqa: PLC0415 - late: the activation layers import this module

    objects = {name: getattr(activation_layers, name) for name in activation_layers.__all__}
    objects.update(_BUILTINS, **_ALIASES)
    try:
        return generic_utils.deserialize_keras_object(
            name, objects, "activation function", custom_objects
        )
    except ValueError:
        raise ValueError(f"Unknown activation function '{name}' cannot be deserialized.") from None


def get(identifier):
    """Resolves `identifier` (None, a name, a config dict or a callable) to a function.

    `None` gives `linear`; an unknown name raises ValueError; anything else
    that is not callable raises TypeError, as in tf.keras.
    """
    if identifier is None:
        return linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise TypeError(f"Could not interpret activation function identifier: {identifier}")


__all__ = [
    "deserialize",
    "elu",
    "exponential",
    "gelu",
    "get",
    "hard_sigmoid",
    "leaky_relu",
    "linear",
    "log_softmax",
    "mish",
    "relu",
    "relu6",
    "selu",
    "serialize",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "softsign",
    "swish",
    "tanh",
]
