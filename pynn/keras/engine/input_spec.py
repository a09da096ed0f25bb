"""`InputSpec`: the rank / shape / dtype a layer accepts, checked on every call."""

from pynn.core.dtypes import as_dtype
from pynn.keras.engine import nest
from pynn.keras.engine.step_shapes import display_shape


class InputSpec:
    """`InputSpec(min_ndim=2, axes={-1: 784})`: what `Layer.__call__` checks inputs against."""

    def __init__(
        self,
        dtype=None,
        shape=None,
        ndim=None,
        max_ndim=None,
        min_ndim=None,
        axes=None,
        allow_last_axis_squeeze=False,
        name=None,
    ):
        self.dtype = as_dtype(dtype).name if dtype is not None else None
        if shape is not None:
            shape = tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)
            self.ndim = len(shape)
            self.shape = shape
        else:
            self.ndim = ndim
            self.shape = None
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        try:
            axes = axes or {}
            self.axes = {int(k): axes[k] for k in axes}
        except (ValueError, TypeError):
            raise TypeError(
                f"Argument `axes` must be a dict with integer keys. Received: axes={axes}"
            ) from None
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim else self.max_ndim) - 1
            max_axis = max(self.axes)
            if max_axis > max_dim:
                raise ValueError(
                    f"Axis {max_axis} is greater than the maximum allowed value: {max_dim}"
                )

    def __repr__(self):
        spec = [
            ("dtype=" + str(self.dtype)) if self.dtype else "",
            ("shape=" + str(self.shape)) if self.shape else "",
            ("ndim=" + str(self.ndim)) if self.ndim else "",
            ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
            ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
            ("axes=" + str(self.axes)) if self.axes else "",
        ]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self):
        return {
            "dtype": self.dtype,
            "shape": self.shape,
            "ndim": self.ndim,
            "max_ndim": self.max_ndim,
            "min_ndim": self.min_ndim,
            "axes": self.axes,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _display_shape(shape):
    return str(tuple(display_shape(shape).as_list()))


def _fits(spec, dims, dtype):
    """True when one input of shape `dims` (a tuple) satisfies `spec` (the common case)."""
    ndim = len(dims)
    if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
        return False
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        return False
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        return False
    if spec.dtype is not None and dtype.name != spec.dtype:
        return False
    for axis, value in spec.axes.items():
        if value is not None and -ndim <= axis < ndim and dims[axis] not in (value, None):
            return False
    if spec.shape is not None:
        spec_shape = spec.shape
        if spec.allow_last_axis_squeeze:
            if dims and dims[-1] == 1:
                dims = dims[:-1]
            if spec_shape and spec_shape[-1] == 1:
                spec_shape = spec_shape[:-1]
        for spec_dim, dim in zip(spec_shape, dims, strict=True):
            if spec_dim is not None and dim is not None and spec_dim != dim:
                return False
    return True


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raises ValueError naming the layer and the expected vs received shape."""
    if not input_spec:
        return
    value = getattr(inputs, "_value", None)
    if value is not None:  # one eager Tensor: check its numpy shape directly
        spec = (
            input_spec[0]
            if isinstance(input_spec, (list, tuple)) and len(input_spec) == 1
            else input_spec
        )
        if isinstance(spec, InputSpec) and _fits(spec, value.shape, value.dtype):
            return
    specs = nest.flatten(input_spec)
    if isinstance(inputs, dict):
        names = [spec.name for spec in specs]
        if all(names):
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError(
                    f'Missing data for input "{missing[0]}". You passed a data dictionary with '
                    f"keys {list(inputs.keys())}. Expected the following keys: {names}"
                )
            inputs = [inputs[n] for n in names]
    flat = nest.flatten(inputs)
    for x in flat:
        if not hasattr(x, "shape"):
            raise TypeError(
                f"Inputs to a layer should be tensors. Got '{x}' (of type {type(x)}) "
                f"as input for layer '{layer_name}'."
            )
    if len(flat) != len(specs):
        raise ValueError(
            f'Layer "{layer_name}" expects {len(specs)} input(s), but it received '
            f"{len(flat)} input tensors. Inputs received: {flat}"
        )
    for index, (x, spec) in enumerate(zip(flat, specs, strict=True)):
        if spec is None:
            continue
        shape = x.shape
        dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
        ndim = len(dims)
        prefix = f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(
                prefix + f"expected ndim={spec.ndim}, found ndim={ndim}. "
                f"Full shape received: {_display_shape(dims)}"
            )
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(prefix + f"expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(
                prefix + f"expected min_ndim={spec.min_ndim}, found ndim={ndim}. "
                f"Full shape received: {_display_shape(dims)}"
            )
        if spec.dtype is not None and as_dtype(x.dtype).name != spec.dtype:
            raise ValueError(prefix + f"expected dtype={spec.dtype}, found dtype={x.dtype}")
        for axis, value in spec.axes.items():
            if value is not None and -ndim <= axis < ndim and dims[axis] not in (value, None):
                raise ValueError(
                    f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
                    f"expected axis {axis} of input shape to have value {value}, but received "
                    f"input with shape {_display_shape(shape)}"
                )
        if spec.shape is not None:
            spec_shape = list(spec.shape)
            got = dims
            if spec.allow_last_axis_squeeze:
                if got and got[-1] == 1:
                    got = got[:-1]
                if spec_shape and spec_shape[-1] == 1:
                    spec_shape = spec_shape[:-1]
            for spec_dim, dim in zip(spec_shape, got, strict=True):
                if spec_dim is not None and dim is not None and spec_dim != dim:
                    raise ValueError(
                        prefix + f"expected shape={spec.shape}, found shape={_display_shape(shape)}"
                    )
