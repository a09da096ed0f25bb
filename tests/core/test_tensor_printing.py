"""Tensor, Variable, TensorShape and DType print exactly as TensorFlow 2.15 prints them.

The expected strings were recorded with tensorflow-cpu 2.15.1.
"""

import numpy as np

from pynn.core import dtypes
from pynn.core.tensor import Variable, constant
from pynn.core.tensor_shape import TensorShape


def test_tensor_str_matrix():
    assert str(constant(np.ones((2, 3)), dtype="float32")) == (
        "tf.Tensor(\n[[1. 1. 1.]\n [1. 1. 1.]], shape=(2, 3), dtype=float32)"
    )


def test_tensor_repr_matrix():
    assert repr(constant(np.ones((2, 3)), dtype="float32")) == (
        "<tf.Tensor: shape=(2, 3), dtype=float32, numpy=\n"
        "array([[1., 1., 1.],\n       [1., 1., 1.]], dtype=float32)>"
    )


def test_scalars():
    assert str(constant(1.0)) == "tf.Tensor(1.0, shape=(), dtype=float32)"
    assert repr(constant(1.0)) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>"
    assert repr(constant(3)) == "<tf.Tensor: shape=(), dtype=int32, numpy=3>"
    assert repr(constant(True)) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"
    assert repr(constant(1.5, dtypes.float64)) == (
        "<tf.Tensor: shape=(), dtype=float64, numpy=1.5>"
    )
    assert repr(constant("abc")) == "<tf.Tensor: shape=(), dtype=string, numpy=b'abc'>"


def test_vectors_and_others():
    assert str(constant([1.0, 2.0])) == "tf.Tensor([1. 2.], shape=(2,), dtype=float32)"
    assert repr(constant([1.0, 2.0])) == (
        "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>"
    )
    assert str(constant(["a", "b"])) == "tf.Tensor([b'a' b'b'], shape=(2,), dtype=string)"
    assert str(constant([[1, 2], [3, 4]])) == (
        "tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int32)"
    )
    assert repr(constant([1.5], dtypes.float16)) == (
        "<tf.Tensor: shape=(1,), dtype=float16, numpy=array([1.5], dtype=float16)>"
    )


def test_big_tensor_is_summarized():
    assert str(constant(np.zeros((100, 100), np.float32))) == (
        "tf.Tensor(\n[[0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n"
        " [0. 0. 0. ... 0. 0. 0.]\n ...\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n"
        " [0. 0. 0. ... 0. 0. 0.]], shape=(100, 100), dtype=float32)"
    )


def test_variable_repr():
    v = Variable([[1.0, 2.0], [3.0, 4.0]], name="dense/kernel")
    expected = (
        "<tf.Variable 'dense/kernel:0' shape=(2, 2) dtype=float32, numpy=\n"
        "array([[1., 2.],\n       [3., 4.]], dtype=float32)>"
    )
    assert repr(v) == expected
    assert str(v) == expected
    assert repr(Variable(1.0)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>"
    assert str(Variable([1.0, 2.0])) == (
        "<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>"
    )
    assert repr(Variable(0, trainable=False)) == (
        "<tf.Variable 'Variable:0' shape=() dtype=int32, numpy=0>"
    )


def test_tensorshape_text():
    assert str(TensorShape([3, 4])) == "(3, 4)"
    assert repr(TensorShape([3, 4])) == "TensorShape([3, 4])"
    assert repr(TensorShape([None, 4])) == "TensorShape([None, 4])"
    assert str(TensorShape([None, 4])) == "(None, 4)"
    assert repr(TensorShape(None)) == "TensorShape(None)"
    assert str(TensorShape(None)) == "<unknown>"
    assert (repr(TensorShape([])), str(TensorShape([]))) == ("TensorShape([])", "()")
    assert (repr(TensorShape([5])), str(TensorShape([5]))) == ("TensorShape([5])", "(5,)")


def test_dtype_text():
    assert repr(dtypes.float32) == "tf.float32"
    assert str(dtypes.float32) == "<dtype: 'float32'>"
    assert dtypes.float32.name == "float32"
    assert repr(dtypes.float16) == "tf.float16"


def test_format_of_scalars():
    assert f"{constant(1.5):.3f}" == "1.500"
    assert f"{constant([1.0, 2.0])}" == "[1. 2.]"


def test_newline_before_numpy_only_when_its_text_has_one():
    assert repr(Variable([[1.0, 2.0]], name="weights")) == (
        "<tf.Variable 'weights:0' shape=(1, 2) dtype=float32, numpy=array([[1., 2.]], "
        "dtype=float32)>"
    )
    assert repr(constant([[1.0, 2.0]])) == (
        "<tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[1., 2.]], dtype=float32)>"
    )
    assert str(constant([[1.0, 2.0]])) == "tf.Tensor([[1. 2.]], shape=(1, 2), dtype=float32)"
