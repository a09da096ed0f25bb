"""`Input()` and `InputLayer`: the entry points of a Functional model."""

from pynn.core.dtypes import as_dtype
from pynn.core.tensor_shape import TensorShape
from pynn.keras import backend_config, session
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.keras_tensor import KerasTensor
from pynn.keras.engine.node import Node


def _as_tuple(shape):
    if shape is None:
        return None
    if isinstance(shape, int):
        return (shape,)
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    return tuple(None if d is None else int(d) for d in shape)


class InputLayer(Layer):
    """The layer behind `keras.Input`: no weights, one output placeholder."""

    def __init__(
        self,
        input_shape=None,
        batch_size=None,
        dtype=None,
        input_tensor=None,
        sparse=None,
        name=None,
        ragged=None,
        type_spec=None,
        **kwargs,
    ):
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        if "batch_shape" in kwargs:
            batch_input_shape = kwargs.pop("batch_shape")
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {list(kwargs.keys())}")
        if sparse:
            raise ValueError("pynn has no sparse tensors: `sparse=True` is not supported by Input.")
        if ragged:
            raise ValueError("pynn has no ragged tensors: `ragged=True` is not supported by Input.")
        if input_shape is not None and batch_input_shape is not None:
            raise ValueError(
                "Only provide the input_shape OR batch_input_shape argument to "
                "InputLayer, not both at the same time."
            )
        if input_tensor is not None and batch_input_shape is None and input_shape is None:
            batch_input_shape = _as_tuple(input_tensor.shape)
        if name is None:
            name = "input_" + str(session.get_uid("input"))
        if dtype is None:
            dtype = input_tensor.dtype if input_tensor is not None else backend_config.floatx()
        dtype = as_dtype(getattr(dtype, "name", dtype)).name
        super().__init__(dtype=dtype, name=name)
        self.built = True
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.batch_size = batch_size
        self.supports_masking = True

        if batch_input_shape is not None:
            batch_input_shape = _as_tuple(batch_input_shape)
        elif input_shape is not None:
            batch_input_shape = (batch_size,) + _as_tuple(input_shape)
        else:
            batch_input_shape = None
        self._batch_input_shape = batch_input_shape

        if input_tensor is None:
            input_tensor = KerasTensor(TensorShape(batch_input_shape), dtype=dtype, name=self.name)
            input_tensor._spec_name = self.name
            self.is_placeholder = True
        else:
            self.is_placeholder = False
        self._input_tensor = input_tensor
        Node(layer=self, outputs=input_tensor)

    def get_config(self):
        return {
            "batch_input_shape": self._batch_input_shape,
            "dtype": self.dtype,
            "sparse": self.sparse,
            "ragged": self.ragged,
            "name": self.name,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __call__(self, *args, **kwargs):
        raise TypeError(
            f"InputLayer {self.name} cannot be called; use its `output` "
            "(or `keras.Input(...)`) as the input of the next layer."
        )


def Input(
    shape=None,
    batch_size=None,
    name=None,
    dtype=None,
    sparse=None,
    tensor=None,
    ragged=None,
    type_spec=None,
    **kwargs,
):
    """`keras.Input(shape=(784,))` -> a KerasTensor of shape `(None, 784)`."""
    batch_shape = kwargs.pop("batch_shape", None)
    if "batch_input_shape" in kwargs:
        batch_shape = kwargs.pop("batch_input_shape")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {list(kwargs.keys())}")
    if shape is not None and batch_shape is not None:
        raise ValueError(
            "Only provide the `shape` OR `batch_shape` argument to Input, not both "
            "at the same time."
        )
    if batch_shape is None and shape is None and tensor is None and type_spec is None:
        raise ValueError(
            "Please provide to Input a `shape` or a `tensor` or a `type_spec` "
            "argument. Note that `shape` does not include the batch dimension."
        )
    if type_spec is not None:
        batch_shape = _as_tuple(type_spec.shape)
        dtype = dtype or type_spec.dtype
    layer_kwargs = {
        "name": name,
        "dtype": dtype,
        "sparse": sparse,
        "ragged": ragged,
        "input_tensor": tensor,
    }
    if batch_shape is not None:
        layer_kwargs["batch_input_shape"] = batch_shape
    else:
        layer_kwargs["input_shape"] = shape
        layer_kwargs["batch_size"] = batch_size
    input_layer = InputLayer(**layer_kwargs)
    return input_layer._inbound_nodes[0].outputs
