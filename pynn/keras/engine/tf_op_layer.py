"""`TFOpLambda`: a tf function or Python operator applied to KerasTensors, as a layer.

`x + y` on KerasTensors becomes the layer `tf.__operators__.add`, `tf.concat([a, b], -1)`
becomes `tf.concat`, a second `tf.concat` becomes `tf.concat_1` — the names tf.keras 2.15
gives them, so summaries match.
"""

import inspect

from pynn.core import dispatch
from pynn.keras import backend
from pynn.keras.engine.base_layer import Layer


class TFOpLambda(Layer):
    """Wraps `function` (e.g. `ops.concat`) called with symbolic arguments."""

    _no_training_mask = True

    def __init__(self, function, api_name=None, name=None, **kwargs):
        self.function = function
        self.symbol = api_name or getattr(function, "_tf_api_name", None) or getattr(
            function, "__name__", "lambda")
        if name is None:
            name = backend.unique_object_name(self.symbol, zero_based=True)
        kwargs.pop("trainable", None)
        super().__init__(name=name, trainable=False, **kwargs)
        self._autocast = False
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return self.function(inputs, *args, **kwargs)

    def get_config(self):
        config = super().get_config()
        config["function"] = self.symbol
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        symbol = config.pop("function")
        function = _resolve_symbol(symbol)
        return cls(function, api_name=symbol, **config)


class SlicingOpLambda(TFOpLambda):
    """`x[...]` on a KerasTensor (layer `tf.__operators__.getitem`)."""


def _resolve_symbol(symbol):
    """`'tf.math.reduce_mean'` -> the pynn.tf function of that name."""
    import operator
    operators = {"tf.__operators__.add": operator.add, "tf.math.subtract": operator.sub,
                 "tf.math.multiply": operator.mul, "tf.math.truediv": operator.truediv,
                 "tf.__operators__.getitem": operator.getitem, "tf.math.negative": operator.neg}
    if symbol in operators:
        return operators[symbol]
    import importlib
    module = importlib.import_module("pynn.tf")
    target = module
    for part in symbol.split(".")[1:]:
        target = getattr(target, part)
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
    layer = SlicingOpLambda(fn, api_name) if api_name.endswith("getitem") else TFOpLambda(fn, api_name)
    return layer(*args, **kwargs)


dispatch.set_symbolic_handler(_symbolic_handler)
