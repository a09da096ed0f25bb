"""`Lambda`: wraps an arbitrary expression as a layer."""

import inspect
import sys
import types

from pynn.core.tensor import TensorShape
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils import generic_utils


def _serialize_function(fn, allow_raw=False):
    """(value, type, module) triple, as tf.keras stores functions in Lambda configs."""
    if isinstance(fn, types.FunctionType):
        return generic_utils.func_dump(fn), "lambda", fn.__module__
    if callable(fn):
        return fn.__name__, "function", fn.__module__
    if allow_raw:
        return fn, "raw", None
    raise ValueError(f"Invalid input for serialization, type: {type(fn)} ")


def _deserialize_function(config, value_key, module_key, type_key, custom_objects):
    module = config.pop(module_key, None)
    function_type = config.pop(type_key)
    value = config[value_key]
    globs = dict(sys.modules[module].__dict__) if module in sys.modules else {}
    globs.update(custom_objects or {})
    if function_type == "function":
        if value in globs:
            return globs[value]
        raise generic_utils.unknown_object_error("function in Lambda layer", value)
    if function_type == "lambda":
        return generic_utils.func_load(value, globs=globs)
    if function_type == "raw":
        return value
    raise TypeError(
        "Unsupported value for `function_type` argument. Received: "
        f"function_type={function_type}. Expected one of ['function', 'lambda', 'raw']"
    )


class Lambda(Layer):
    """Computes `function(inputs, **arguments)`.

    Args:
        function: the function to evaluate; takes the input tensor (or list of
            tensors) as first argument, and optionally `mask` and `training`.
        output_shape: output shape without the batch dimension (a tuple), or a
            function of the input shape; inferred by running `function` when omitted.
        mask: a mask tensor, or a function `(inputs, mask) -> mask`.
        arguments: dict of extra keyword arguments passed to `function`.

    Input shape: any. Output shape: given by `output_shape` or inferred.
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function = function
        self.arguments = arguments or {}
        self.mask = mask
        if mask is not None:
            self.supports_masking = True
        self._output_shape = output_shape
        try:
            parameters = inspect.signature(function).parameters
        except (TypeError, ValueError):
            parameters = {}
        self._fn_expects_training_arg = "training" in parameters
        self._fn_expects_mask_arg = "mask" in parameters

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            # The engine then infers the shape by running `function` on placeholder values.
            raise NotImplementedError(
                "We could not automatically infer the shape of the Lambda's output. "
                "Please specify `output_shape` for this Lambda."
            )
        if callable(self._output_shape):
            return TensorShape(self._output_shape(input_shape))
        shapes = [input_shape] if not generic_utils.is_shape_list_of_shapes(input_shape) else input_shape
        batch_size = generic_utils.shape_list(shapes[0])[0] if shapes[0] else None
        return TensorShape([batch_size] + list(self._output_shape))

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def get_config(self):
        config = super().get_config()
        function, function_type, module = _serialize_function(self.function)
        shape, shape_type, shape_module = _serialize_function(self._output_shape, allow_raw=True)
        config.update(
            {
                "function": function,
                "function_type": function_type,
                "module": module,
                "output_shape": shape,
                "output_shape_type": shape_type,
                "output_shape_module": shape_module,
            }
        )
        if self.mask is not None:
            mask, mask_type, mask_module = _serialize_function(self.mask, allow_raw=True)
            config.update({"mask": mask, "mask_type": mask_type, "mask_module": mask_module})
        config["arguments"] = self.arguments
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["function"] = _deserialize_function(
            config, "function", "module", "function_type", custom_objects
        )
        config["output_shape"] = _deserialize_function(
            config, "output_shape", "output_shape_module", "output_shape_type", custom_objects
        )
        if "mask" in config:
            config["mask"] = _deserialize_function(
                config, "mask", "mask_module", "mask_type", custom_objects
            )
        return cls(**config)
