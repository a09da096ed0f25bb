"""`TFOpLambda`: a tf function or Python operator applied to KerasTensors, as a layer.

`x + y` on KerasTensors becomes the layer `tf.__operators__.add`, `tf.concat([a, b], -1)`
becomes `tf.concat`, a second `tf.concat` becomes `tf.concat_1` — the names tf.keras 2.15
gives them, so summaries match.
"""

import importlib
import inspect
import operator

from pynn.core import dispatch
from pynn.keras import session
from pynn.keras.engine.base_layer import Layer


class TFOpLambda(Layer):
    """Wraps `function` (e.g. `ops.concat`) called with symbolic arguments."""

    _no_training_mask = True

    def __init__(self, function, api_name=None, name=None, reflected=False, **kwargs):
        self.function = function
        self.reflected = reflected  # `1 - x`: the symbolic tensor is the second operand
        self.symbol = (
            api_name
            or getattr(function, "_tf_api_name", None)
            or getattr(function, "__name__", "lambda")
        )
        if name is None:
            name = session.unique_object_name(self.symbol, zero_based=True)
        kwargs.pop("trainable", None)
        super().__init__(name=name, trainable=False, **kwargs)
        self._autocast = False
        self.built = True

    def call(self, inputs, *args, **kwargs):
        if self.reflected:
            return self.function(args[0], inputs, *args[1:], **kwargs)
        return self.function(inputs, *args, **kwargs)

    def get_config(self):
        config = super().get_config()
        # tf.keras stores the symbol without its `tf.` prefix: "__operators__.add", "concat"
        config["function"] = self.symbol.removeprefix("tf.")
        if self.reflected:
            config["reflected"] = True
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        symbol = config.pop("function")
        if not symbol.startswith("tf."):
            symbol = "tf." + symbol
        return cls(_resolve_symbol(symbol), api_name=symbol, **config)


class SlicingOpLambda(TFOpLambda):
    """`x[...]` on a KerasTensor (layer `tf.__operators__.getitem`)."""


def _keyword_operator(fn):
    """`fn(x, y)` also callable as tf.keras configs call it: `fn(x, y=..., name=None)`."""

    def call(x, y, name=None):
        return fn(x, y)

    call.__name__ = fn.__name__
    return call


def _getitem(x, slice_spec=None, var=None, name=None):
    return x[slice_spec]


_OPERATORS = {
    "tf.__operators__.add": _keyword_operator(operator.add),
    "tf.math.subtract": _keyword_operator(operator.sub),
    "tf.math.multiply": _keyword_operator(operator.mul),
    "tf.math.truediv": _keyword_operator(operator.truediv),
    "tf.compat.v1.floor_div": _keyword_operator(operator.floordiv),
    "tf.math.floormod": _keyword_operator(operator.mod),
    "tf.math.pow": _keyword_operator(operator.pow),
    "tf.linalg.matmul": _keyword_operator(operator.matmul),
    "tf.__operators__.getitem": _getitem,
    "tf.math.negative": lambda x, name=None: -x,
    "tf.math.abs": lambda x, name=None: abs(x),
}


def _resolve_symbol(symbol):
    """`'tf.math.reduce_mean'` -> the function to apply (pynn.tf's, or an operator)."""
    if symbol in _OPERATORS:
        return _OPERATORS[symbol]
    module = importlib.import_module("pynn.tf")
    target = module
    for part in symbol.split(".")[1:]:
        if part == "compat" or part == "v1":
            continue
        target = getattr(target, part, None)
        if target is None:
            raise ValueError(
                f"pynn cannot rebuild the TFOpLambda layer of `{symbol}`: "
                "no such function in pynn.tf."
            )
    return target


def _symbolic_handler(api_name, fn, args, kwargs):
    """Registered with `pynn.core.dispatch`: a tf call on KerasTensors becomes a TFOpLambda."""
    if not args and kwargs:
        try:
            first = next(iter(inspect.signature(fn).parameters))
        except (TypeError, ValueError, StopIteration):
            first = None
        if first in kwargs:
            kwargs = dict(kwargs)
            args = (kwargs.pop(first),)
    layer = (
        SlicingOpLambda(fn, api_name) if api_name.endswith("getitem") else TFOpLambda(fn, api_name)
    )
    return layer(*args, **kwargs)


dispatch.set_symbolic_handler(_symbolic_handler)
