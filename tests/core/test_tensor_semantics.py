"""Tensor conversion, dtype rules, operators and Variable behaviour, as in TensorFlow 2.15."""

import copy
import pickle

import numpy as np
import pytest

from pynn import ops
from pynn.core import dtypes
from pynn.core.errors import InvalidArgumentError, OpError
from pynn.core.tensor import Tensor, Variable, constant, convert_to_tensor
from pynn.core.tensor_shape import TensorShape


# --------------------------------------------------------------------------- dtypes
@pytest.mark.parametrize(
    "value,dtype",
    [
        (1.0, "float32"),
        ([1.0, 2.0], "float32"),
        ([1, 2.5], "float32"),
        (1, "int32"),
        ([1, 2], "int32"),
        (2**40, "int64"),
        (True, "bool"),
        ([True, False], "bool"),
        ("abc", "string"),
        (np.array([1.0, 2.0]), "float64"),
        (np.array([1, 2]), "int64"),
        (np.float64(1.0), "float64"),
        (np.array([1.0], np.float32), "float32"),
    ],
)
def test_default_dtypes(value, dtype):
    assert constant(value).dtype == dtype
    assert convert_to_tensor(value).dtype.name == dtype


def test_dtype_equality_and_conversion():
    assert dtypes.float32 == np.float32
    assert dtypes.float32 == "float32"
    assert dtypes.float32 == np.dtype("float32")
    assert dtypes.float32 != dtypes.float64
    assert dtypes.as_dtype("int64") is dtypes.int64
    assert dtypes.as_dtype(np.int32) is dtypes.int32
    assert dtypes.float32.as_numpy_dtype is np.float32
    assert dtypes.float32.is_floating and dtypes.int32.is_integer and dtypes.bool.is_bool
    assert {dtypes.float32: 1}[dtypes.as_dtype("float32")] == 1
    with pytest.raises(TypeError):
        dtypes.as_dtype("float33")


def test_tensor_tensor_dtype_mismatch_raises_like_tf():
    with pytest.raises(InvalidArgumentError) as err:
        constant(1.0) + constant(1.0, dtypes.float64)
    assert str(err.value) == (
        "cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but is "
        "a double tensor [Op:AddV2] name: "
    )
    with pytest.raises(InvalidArgumentError, match="expected to be a float tensor but is a int32"):
        constant(1.0) + constant(1)
    with pytest.raises(InvalidArgumentError, match="expected to be a int32 tensor but is a float"):
        constant(1) + 0.5
    assert issubclass(InvalidArgumentError, OpError)


def test_numpy_and_python_values_adopt_the_tensor_dtype():
    t = constant([1.0, 2.0])
    assert (t + np.array([1.0, 2.0])).dtype == "float32"
    assert (np.array([1.0, 2.0]) + t).dtype == "float32"
    assert isinstance(np.array([1.0, 2.0]) + t, Tensor)
    assert (2 * constant(1.5)).dtype == "float32"
    assert (constant(1.5) * np.float64(2)).numpy() == 3.0
    assert (constant(2, dtypes.int64) * 3).dtype == "int64"


def test_int_division_and_modulo_follow_tf():
    assert repr(constant(7) / constant(2)) == "<tf.Tensor: shape=(), dtype=float64, numpy=3.5>"
    assert (constant(-7) % 3).numpy() == 2
    assert (constant(7.0) // 2.0).numpy() == 3.0
    assert (constant(2) ** 3).dtype == "int32"


def test_constant_with_dtype_and_shape():
    assert constant(1.5, dtype="float64").dtype == "float64"
    assert constant(0.0, shape=(2, 3)).shape == (2, 3)
    assert constant([1, 2, 3, 4], shape=[2, 2]).numpy().tolist() == [[1, 2], [3, 4]]
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        constant(1.5, dtype=dtypes.int32)
    a = np.ones(3, np.float32)
    c = constant(a)
    a[0] = 5
    assert c.numpy()[0] == 1.0  # tf.constant copies numpy input


def test_convert_to_tensor_rules():
    t = constant(1.0)
    assert convert_to_tensor(t) is t
    with pytest.raises(
        ValueError, match="Tensor conversion requested dtype int32 for Tensor with dtype float32"
    ):
        convert_to_tensor(t, dtype=dtypes.int32)
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\)"):
        convert_to_tensor(None)
    stacked = convert_to_tensor([constant(1.0), constant(2.0)])
    assert stacked.shape == (2,) and stacked.dtype == "float32"
    assert convert_to_tensor([1, 2], dtype_hint=dtypes.float32).dtype == "float32"
    assert convert_to_tensor(TensorShape([2, 3])).numpy().tolist() == [2, 3]


# --------------------------------------------------------------------------- protocol
def test_shape_dtype_ndim_numpy():
    t = constant(np.zeros((3, 4), np.float32))
    assert t.shape == (3, 4) and t.shape == [3, 4] and t.shape == TensorShape([3, 4])
    assert t.shape.as_list() == [3, 4] and t.shape[1] == 4 and t.shape.rank == 2
    assert t.ndim == 2 and len(t) == 3
    assert t.dtype == dtypes.float32
    assert isinstance(t.numpy(), np.ndarray)
    assert type(constant(1.0).numpy()) is np.float32
    assert np.asarray(t).shape == (3, 4)
    assert np.array(t, dtype=np.float64).dtype == np.float64


def test_scalar_conversions():
    assert float(constant(2.5)) == 2.5
    assert int(constant(2.7)) == 2
    assert bool(constant(0.0)) is False
    assert [1, 2, 3][constant(1)] == 2
    with pytest.raises(TypeError):
        [1, 2, 3][constant(1.0)]
    with pytest.raises(ValueError, match="truth value of an array"):
        bool(constant([1.0, 2.0]))


def test_len_and_iteration():
    with pytest.raises(TypeError, match="Scalar tensor has no `len\\(\\)`"):
        len(constant(1.0))
    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor."):
        iter(constant(1.0))
    rows = list(constant([[1.0, 2.0], [3.0, 4.0]]))
    assert len(rows) == 2 and rows[1].numpy().tolist() == [3.0, 4.0]


def test_tensors_are_unhashable_but_have_refs():
    t = constant(1.0)
    with pytest.raises(TypeError, match="Tensor is unhashable. Instead, use tensor.ref\\(\\)"):
        hash(t)
    v = Variable(1.0)
    with pytest.raises(TypeError, match="Variable is unhashable. Instead, use variable.ref"):
        hash(v)
    d = {t.ref(): "t", v.ref(): "v"}
    assert d[t.ref()] == "t" and d[v.experimental_ref()] == "v"
    assert t.ref().deref() is t


def test_comparisons_return_bool_tensors():
    t = constant([1.0, 2.0])
    assert (t == [1.0, 3.0]).numpy().tolist() == [True, False]
    assert (t != [1.0, 3.0]).numpy().tolist() == [False, True]
    assert repr(t == constant([1.0, 2.0, 3.0])) == (
        "<tf.Tensor: shape=(), dtype=bool, numpy=False>"
    )
    assert (t == None) is False  # noqa: E711 - Tensor.__eq__ with None is what is tested
    assert (t > 1.5).dtype == "bool" and (t <= 1.0).numpy().tolist() == [True, False]
    assert (Variable(1.0) == Variable(1.0)).numpy()
    with pytest.raises(InvalidArgumentError, match="Equal"):
        constant(1.0) == constant(1)  # noqa: B015


def test_arithmetic_operators():
    a = constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose((a @ a).numpy(), [[7, 10], [15, 22]])
    np.testing.assert_allclose((1 - a).numpy(), [[0, -1], [-2, -3]])
    np.testing.assert_allclose((2 / a).numpy(), 2 / a.numpy())
    np.testing.assert_allclose((a**2).numpy(), a.numpy() ** 2)
    np.testing.assert_allclose((2**a).numpy(), 2 ** a.numpy())
    np.testing.assert_allclose((-a).numpy(), -a.numpy())
    np.testing.assert_allclose(abs(-a).numpy(), a.numpy())
    np.testing.assert_allclose((a % 3).numpy(), a.numpy() % 3)
    assert ((a > 1) & (a < 4)).numpy().tolist() == [[False, True], [True, False]]
    assert (~constant([True, False])).numpy().tolist() == [False, True]


def test_getitem():
    x = constant(np.arange(12.0, dtype=np.float32).reshape(3, 4))
    assert x[1].numpy().tolist() == [4, 5, 6, 7]
    assert x[:, None].shape == (3, 1, 4)
    assert x[..., 1:3].shape == (3, 2)
    assert x[constant(1)].shape == (4,)
    assert x[[0, 2]].numpy()[:, 0].tolist() == [0, 8]
    assert x[x > 9].numpy().tolist() == [10, 11]
    with pytest.raises(InvalidArgumentError, match="out of bounds"):
        x[5]


def test_keras_mask_attribute_is_writable():
    t = constant([1.0])
    assert t._keras_mask is None
    t._keras_mask = constant([True])
    assert t._keras_mask.numpy().tolist() == [True]


def test_copy_and_pickle():
    t = constant([1.0, 2.0])
    assert copy.deepcopy(t) is t
    assert pickle.loads(pickle.dumps(t)).numpy().tolist() == [1.0, 2.0]
    v = Variable([1.0, 2.0], name="w")
    w = copy.deepcopy(v)
    w.assign([3.0, 4.0])
    assert v.numpy().tolist() == [1.0, 2.0] and w.name == "w:0"
    u = pickle.loads(pickle.dumps(v))
    assert u.name == "w:0" and u.numpy().tolist() == [1.0, 2.0]


# --------------------------------------------------------------------------- Variable
def test_variable_basics():
    v = Variable([[1.0, 2.0]], name="dense/kernel")
    assert v.name == "dense/kernel:0" and v.trainable and v.dtype == "float32"
    assert v.shape == (1, 2)
    assert Variable(1.0).name == "Variable:0"
    assert not Variable(1.0, trainable=False).trainable
    assert Variable(np.array([1.0])).dtype == "float64"  # numpy keeps float64, as TF
    assert Variable(lambda: np.ones(2, np.float32)).shape == (2,)
    assert Variable(1, dtype="float32").dtype == "float32"


def test_variable_assign_in_place():
    v = Variable([1.0, 2.0])
    buffer = v._value
    written = v.assign([3.0, 4.0])  # as TF's eager mode: the variable, named UnreadVariable
    assert written.name == "UnreadVariable" and written._value is buffer
    assert isinstance(written, Variable) and written.trainable
    v.assign_add(constant([1.0, 1.0]))
    v.assign_sub(np.array([0.5, 0.5]))
    assert v._value is buffer
    assert v.numpy().tolist() == [3.5, 4.5]
    snapshot, as_array = v.numpy(), np.asarray(v)
    v.assign([0.0, 0.0])
    assert snapshot.tolist() == [3.5, 4.5]  # numpy() of a Variable is a copy
    assert as_array.tolist() == [3.5, 4.5]
    with pytest.raises(
        ValueError,
        match="Cannot assign value to variable ' Variable:0': Shape "
        "mismatch.The variable shape \\(2,\\), and the "
        "assigned value shape \\(3,\\) are incompatible.",
    ):
        v.assign([1.0, 2.0, 3.0])


def test_variable_read_is_a_snapshot():
    v = Variable([1.0, 2.0])
    r = v.read_value()
    c = convert_to_tensor(v)
    v.assign([5.0, 6.0])
    assert r.numpy().tolist() == [1.0, 2.0] and c.numpy().tolist() == [1.0, 2.0]


def test_variable_arithmetic_gives_tensors():
    v = Variable([1.0, 2.0])
    out = v + 1
    assert type(out).__name__ == "EagerTensor" and isinstance(out, Tensor)
    assert repr(out) == (
        "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>"
    )


def test_variable_constraint_is_kept():
    def nonneg(w):
        return ops.maximum(w, 0.0)

    v = Variable([1.0], constraint=nonneg)
    assert v.constraint is nonneg
    with pytest.raises(ValueError, match="must be a callable"):
        Variable([1.0], constraint=3)


# --------------------------------------------------------------------------- TensorShape
def test_tensorshape_api():
    s = TensorShape([None, 3])
    assert s.rank == 2 and s.as_list() == [None, 3] and s.dims == [None, 3]
    assert s[0] is None and s[1:] == TensorShape([3])
    assert s == (None, 3) and s != (2, 3)
    assert not s.is_fully_defined() and s.num_elements() is None
    assert TensorShape([2, 3]).num_elements() == 6
    assert s.is_compatible_with((5, 3)) and not s.is_compatible_with((5, 4))
    assert s.merge_with((5, None)) == (5, 3)
    assert s.concatenate([4]) == (None, 3, 4) and s + (4,) == (None, 3, 4)
    assert len(s) == 2 and list(s) == [None, 3]
    assert hash(TensorShape([1, 2])) == hash(TensorShape((1, 2)))
    assert TensorShape(None).rank is None
    with pytest.raises(ValueError, match="Cannot take the length of shape with unknown rank."):
        len(TensorShape(None))
    with pytest.raises(ValueError, match="as_list\\(\\) is not defined on an unknown"):
        TensorShape(None).as_list()
    assert TensorShape([-1, 2]) == (None, 2)
