"""`ResultArray`: the numpy arrays pynn hands back to user code (`Tensor.numpy()`,
`model.predict`, `predict_on_batch`, array-valued `evaluate` results).

Tutorials written for tf.keras 2.15 ran on numpy 1.x, where a one-element array converts to a
Python number with only a DeprecationWarning: the XOR tutorial prints each row of `predict`'s
output with `"%.2f" % y`. numpy 2 (CPython, and Pyodide's 2.4.3) raises `TypeError: only
0-dimensional arrays can be converted to Python scalars` there instead. A `ResultArray` is a
plain ndarray in every respect (a zero-copy view, same data, dtype, printing, pickling, numpy
semantics) except that `float()`, `int()` and `complex()` of a one-element array return its
element with numpy 1.26's DeprecationWarning, as tutorials expect.

It must not leak into pynn's internals: `convert_to_tensor`, `Tensor(...)` and `Variable`
store plain arrays (`as_plain`), so training and the kernels never see the subclass (no ufunc
overhead, no surprises), and pickling or `np.save` stores a plain ndarray. `type(x)` prints as
`<class 'numpy.ndarray'>` like the arrays tf.keras returns.
"""

import warnings

import numpy as np

_ndarray = np.ndarray

_DEPRECATED = (
    "Conversion of an array with ndim > 0 to a scalar is deprecated, and will error "
    "in future. Ensure you extract a single element from your array before "
    "performing this operation. (Deprecated NumPy 1.25.)"
)


def _element(array):
    """The one element of a size-1 array with ndim > 0, warning as numpy 1.26 did."""
    if array.ndim and array.size == 1:
        warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=3)
        return array.reshape(())
    return array.view(_ndarray)


class ResultArray(np.ndarray):
    """An ndarray whose one-element instances convert to Python numbers (numpy 1.x rules)."""

    def __float__(self):
        return float(_element(self))

    def __int__(self):
        return int(_element(self))

    def __complex__(self):
        return complex(_element(self))

    def __array_wrap__(self, array, context=None, return_scalar=False):
        # reductions and ufuncs give numpy scalars where a plain ndarray's do (`pred.mean()`
        # is np.float32, not a 0-d array); arrays stay ResultArrays
        if return_scalar or array.ndim == 0:
            return array[()]
        return array.view(ResultArray)

    def __repr__(self):
        return repr(self.view(_ndarray))

    def __reduce__(self):
        return self.view(_ndarray).__reduce__()

    def __reduce_ex__(self, protocol):
        return self.view(_ndarray).__reduce_ex__(protocol)


# printed as numpy's own class (`print(type(model.predict(x)))` shows what tf.keras shows)
ResultArray.__module__ = "numpy"
ResultArray.__name__ = ResultArray.__qualname__ = "ndarray"


def as_result(array):
    """`array` as a ResultArray view (0-d arrays and numpy scalars are returned unchanged)."""
    if type(array) is _ndarray and array.ndim:
        return array.view(ResultArray)
    return array


def as_plain(array):
    """`array` as a plain ndarray view (for pynn's internals)."""
    if type(array) is _ndarray:
        return array
    return array.view(_ndarray)
