"""`KerasTensor`: the symbolic tensor of the Functional API.

It carries a shape (batch dimension usually None), a dtype and `_keras_history`
(the layer, node index and tensor index that produced it). Arithmetic and
indexing on it create `TFOpLambda` layers named as tf.keras 2.15 names them
(`a + b` -> `tf.__operators__.add`).
"""

import collections
import operator

from pynn import ops
from pynn.core.dtypes import as_dtype
from pynn.core.tensor import Reference
from pynn.core.tensor_shape import TensorShape

KerasHistory = collections.namedtuple("KerasHistory", ["layer", "node_index", "tensor_index"])


def _format_shape(shape):
    dims = shape.as_list() if shape.rank is not None else None
    if dims is None:
        return "<unknown>"
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


class KerasTensor:
    """A placeholder for the value that will flow through a Functional model."""

    _pynn_symbolic = True
    _spec_name = None  # Input placeholders carry their name in their TensorSpec
    # Make numpy defer to our reflected operators (`np.float32(2) * x`).
    __array_priority__ = 1000

    def __init__(self, shape, dtype="float32", name=None):
        self._shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
        self._dtype = as_dtype(dtype)
        self._name = name
        self._keras_mask = None

    # ------------------------------------------------------------ properties
    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @property
    def ndim(self):
        return self._shape.rank

    @property
    def rank(self):
        return self._shape.rank

    @property
    def node(self):
        history = getattr(self, "_keras_history", None)
        if history is None:
            return None
        return history.layer._inbound_nodes[history.node_index]

    def _creator_name(self):
        history = getattr(self, "_keras_history", None)
        return history.layer.name if history is not None else None

    def __repr__(self):
        text = f"<KerasTensor: shape={_format_shape(self._shape)} dtype={self._dtype.name}"
        creator = self._creator_name()
        if creator is not None:
            text += f" (created by layer '{creator}')"
        return text + ">"

    def __str__(self):
        spec_name = f"'{self._spec_name}'" if self._spec_name else None
        spec = (
            f"TensorSpec(shape={_format_shape(self._shape)}, dtype=tf.{self._dtype.name}, "
            f"name={spec_name})"
        )
        text = f"KerasTensor(type_spec={spec}, name='{self._name}'"
        creator = self._creator_name()
        if creator is not None:
            text += f", description=\"created by layer '{creator}'\""
        return text + ")"

    # ------------------------------------------------------------ guards
    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            f"You are passing {self}, an intermediate Keras symbolic input/output, "
            "to a function that needs a concrete value (numpy, a gradient tape, "
            "a Python `if`). Symbolic tensors only describe the graph of a Functional "
            "model. Wrap the computation in a Keras layer (e.g. `keras.layers.Lambda`) "
            "or call it on real data instead."
        )

    def __bool__(self):
        # tf.keras 2.15 words both the same way (`assert lstm.output == encoded_a` ends here)
        raise TypeError(_NO_LEN)

    def __len__(self):
        raise TypeError(_NO_LEN)

    def __iter__(self):
        dims = self._shape.as_list() if self._shape.rank is not None else None
        if not dims or dims[0] is None:
            raise TypeError(
                f"Cannot iterate over a KerasTensor whose first dimension is unknown ({self!r})."
            )
        return iter([self[i] for i in range(dims[0])])

    __hash__ = object.__hash__

    def ref(self):
        """A hashable reference (`deref()` gives the tensor back), as `tf.Tensor.ref()`."""
        return Reference(self)

    # `==` and `!=` are elementwise layers, as on tf.keras's symbolic tensors (only a
    # comparison with None is a plain bool). pynn's engine compares KerasTensors by identity.
    def __eq__(self, other):
        if other is None:
            return False
        return _binary("tf.__operators__.eq", _tensor_equals)(self, other)

    def __ne__(self, other):
        if other is None:
            return True
        return _binary("tf.__operators__.ne", _tensor_not_equals)(self, other)

    # ------------------------------------------------------------ operators
    def __getitem__(self, key):
        from pynn.keras.engine.tf_op_layer import SlicingOpLambda  # noqa: PLC0415 - late: tf_op_layer's layers make KerasTensors

        return SlicingOpLambda(operator.getitem, "tf.__operators__.getitem")(self, key)


_NO_LEN = (
    "Keras symbolic inputs/outputs do not implement `__len__`. You may be trying to pass Keras "
    "symbolic inputs/outputs to a TF API that does not register dispatching, preventing Keras "
    "from automatically converting the API call to a lambda layer in the Functional Model. This "
    "error will also get raised if you try asserting a symbolic input/output directly."
)


def _tensor_equals(a, b):
    return ops.tensor_equals(a, b)


def _tensor_not_equals(a, b):
    return ops.tensor_not_equals(a, b)


def _binary(api_name, fn, reflected=False):
    def method(self, other):
        from pynn.keras.engine.tf_op_layer import TFOpLambda  # noqa: PLC0415 - late: tf_op_layer's layers make KerasTensors

        if reflected:
            return TFOpLambda(fn, api_name, reflected=True)(self, other)
        return TFOpLambda(fn, api_name)(self, other)

    return method


def _unary(api_name, fn):
    def method(self):
        from pynn.keras.engine.tf_op_layer import TFOpLambda  # noqa: PLC0415 - late: tf_op_layer's layers make KerasTensors

        return TFOpLambda(fn, api_name)(self)

    return method


_BINARY_OPERATORS = {
    "add": ("tf.__operators__.add", operator.add),
    "sub": ("tf.math.subtract", operator.sub),
    "mul": ("tf.math.multiply", operator.mul),
    "truediv": ("tf.math.truediv", operator.truediv),
    "floordiv": ("tf.compat.v1.floor_div", operator.floordiv),
    "mod": ("tf.math.floormod", operator.mod),
    "pow": ("tf.math.pow", operator.pow),
    "matmul": ("tf.linalg.matmul", operator.matmul),
    "and": ("tf.math.logical_and", operator.and_),
    "or": ("tf.math.logical_or", operator.or_),
    "xor": ("tf.math.logical_xor", operator.xor),
}
for _name, (_api, _fn) in _BINARY_OPERATORS.items():
    setattr(KerasTensor, f"__{_name}__", _binary(_api, _fn))
    setattr(KerasTensor, f"__r{_name}__", _binary(_api, _fn, reflected=True))

for _name, _api, _fn in [
    ("lt", "tf.math.less", operator.lt),
    ("gt", "tf.math.greater", operator.gt),
    ("le", "tf.math.less_equal", operator.le),
    ("ge", "tf.math.greater_equal", operator.ge),
]:
    setattr(KerasTensor, f"__{_name}__", _binary(_api, _fn))

KerasTensor.__neg__ = _unary("tf.math.negative", operator.neg)
KerasTensor.__abs__ = _unary("tf.math.abs", operator.abs)
KerasTensor.__invert__ = _unary("tf.math.logical_not", operator.invert)


def keras_tensor_from_shape(shape, dtype, name=None):
    return KerasTensor(TensorShape(shape), dtype=dtype, name=name)
