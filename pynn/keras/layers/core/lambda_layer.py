"""`Lambda`: wraps an arbitrary expression as a layer."""

import inspect
import sys
import types

from pynn.core.tensor_shape import TensorShape
from pynn.keras import activations
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


LAMBDA_REFUSED = (
    "Requested the deserialization of a Lambda layer with a Python `lambda` inside it. "
    "This carries a potential risk of arbitrary code execution and thus it is disallowed by "
    "default. If you trust the source of the saved model, you can pass `safe_mode=False` to "
    "the loading function in order to allow Lambda layer loading."
)


def _resolve_function_reference(name, custom_objects):
    """A function a config names (`"function_type": "function"`): a custom object (argument,
    `custom_object_scope`, registered) or one of Keras's activations. Never an attribute of
    the config's `module`: a file could otherwise name `os.remove` or `sys.exit`."""

    function = None
    if isinstance(name, str):
        function = generic_utils.lookup_custom_object(name, custom_objects)
        if function is None:
            function = activations._BUILTINS.get(name)
    if not callable(function):
        raise TypeError("unsupported callable")  # tf.keras 2.15's words for this case
    return function


def _deserialize_function(config, value_key, module_key, type_key, custom_objects, safe_mode):
    module = config.pop(module_key, None)
    function_type = config.pop(type_key)
    value = config[value_key]
    if function_type == "function":
        return _resolve_function_reference(value, custom_objects)
    if function_type == "lambda":
        if safe_mode:
            raise ValueError(LAMBDA_REFUSED)
        # Unsafe by the caller's choice: this runs bytecode from the config.
        globs = dict(sys.modules[module].__dict__) if module in sys.modules else {}
        globs.update(custom_objects or {})
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
        if not callable(function):
            raise TypeError("unsupported callable")
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
        shapes = (
            [input_shape] if not generic_utils.is_shape_list_of_shapes(input_shape) else input_shape
        )
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
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """The layer of `get_config()`'s output. A Python function stored as bytecode loads
        only with `safe_mode=False` (or inside `SafeModeScope(False)`, as `load_model(...,
        safe_mode=False)` opens). Unlike tf.keras 2.15, which checks only inside a loading
        call, a direct call is safe by default too."""
        if safe_mode is None:
            safe_mode = generic_utils.in_safe_mode()
        safe_mode = safe_mode is not False
        config = dict(config)
        for value_key, module_key, type_key in (
            ("function", "module", "function_type"),
            ("output_shape", "output_shape_module", "output_shape_type"),
            ("mask", "mask_module", "mask_type"),
        ):
            if value_key in config:
                config[value_key] = _deserialize_function(
                    config, value_key, module_key, type_key, custom_objects, safe_mode
                )
        return cls(**config)
