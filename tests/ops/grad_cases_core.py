"""Gradient-check cases for the primitives of pynn/ops/{math,array,reduction,nn}.py.

Each family keeps a `grad_cases_<family>.py` here with
  CASES: {"module.function": [(fn, args) or (fn, args, check_gradients kwargs), ...]}
         fn maps float64 Tensors to a Tensor
  NON_DIFFERENTIABLE: {"module.function", ...}     primitives that return no gradient
tests/ops/test_op_gradients.py runs them all and fails for a primitive with neither.
"""

import numpy as np

from pynn import ops

R = np.random.default_rng(1)


def rnd(*shape, low=-2.0, high=2.0):
    return R.uniform(low, high, size=shape)


def pos(*shape):
    return R.uniform(0.5, 2.0, size=shape)


def away_from_zero(*shape):
    v = R.uniform(0.3, 2.0, size=shape)
    return v * R.choice([-1.0, 1.0], size=shape)


CASES = {
    "math.add": [(ops.add, (rnd(2, 3), rnd(3))), (ops.add, (rnd(2, 1), rnd(1, 4)))],
    "math.subtract": [(ops.subtract, (rnd(2, 3), rnd(2, 1)))],
    "math.multiply": [(ops.multiply, (rnd(2, 3), rnd(3))), (lambda a: a * 3.0, (rnd(4),))],
    "math.divide": [(ops.divide, (rnd(2, 3), pos(1, 3)))],
    "math.mod": [(ops.mod, (pos(5) * 3 + 0.1, np.full(5, 0.7)))],
    "math.negative": [(ops.negative, (rnd(3, 2),))],
    "math.power": [(ops.power, (pos(2, 3), rnd(2, 3))), (lambda a: a**3, (rnd(4),))],
    "math.square": [(ops.square, (rnd(3, 2),))],
    "math.sqrt": [(ops.sqrt, (pos(4),))],
    "math.rsqrt": [(ops.rsqrt, (pos(4),))],
    "math.exp": [(ops.exp, (rnd(4),))],
    "math.log": [(ops.log, (pos(4),))],
    "math.log1p": [(ops.log1p, (pos(4),))],
    "math.expm1": [(ops.expm1, (rnd(4),))],
    "math.abs": [(ops.abs, (away_from_zero(2, 3),))],
    "math.sign": [(ops.sign, (away_from_zero(4),))],
    "math.reciprocal": [(ops.reciprocal, (away_from_zero(4),))],
    "math.sin": [(ops.sin, (rnd(4),))],
    "math.cos": [(ops.cos, (rnd(4),))],
    "math.tan": [(ops.tan, (rnd(4, low=-1, high=1),))],
    "math.round": [(ops.round, (rnd(4) + 0.25,))],
    "math.floor": [(ops.floor, (rnd(4) + 0.25,))],
    "math.ceil": [(ops.ceil, (rnd(4) + 0.25,))],
    "math.erf": [(ops.erf, (rnd(5),))],
    "math.maximum": [(ops.maximum, (rnd(3, 4), rnd(4)))],
    "math.minimum": [(ops.minimum, (rnd(3, 4), rnd(3, 1)))],
    "math.squared_difference": [(ops.squared_difference, (rnd(2, 3), rnd(3)))],
    "math._clip": [(lambda x: ops.clip(x, -1.0, 1.0), (rnd(10),))],
    "math._where": [
        (lambda x, y: ops.where(np.array([True, False, True]), x, y), (rnd(2, 3), rnd(3)))
    ],
    "math._matmul": [
        (ops.matmul, (rnd(2, 3), rnd(3, 4))),
        (ops.matmul, (rnd(2, 2, 3), rnd(3, 4))),
        (lambda a, b: ops.matmul(a, b, transpose_b=True), (rnd(2, 3), rnd(4, 3))),
    ],
    "math._einsum": [
        (lambda a, b: ops.einsum("bij,bjk->bik", a, b), (rnd(2, 2, 3), rnd(2, 3, 2))),
        (lambda a, b: ops.einsum("ij,k->ik", a, b), (rnd(2, 3), rnd(4))),
        (lambda a: ops.einsum("ij->j", a), (rnd(3, 2),)),
        (lambda a, b: ops.einsum("ij,ij", a, b), (rnd(2, 3), rnd(2, 3))),
    ],
    "math._cast": [
        (
            lambda x: ops.cast(ops.cast(x, "float32"), "float64") * 1.0,
            (rnd(3),),
            {"eps": 1e-2, "atol": 1e-4},
        )
    ],
    "array.identity": [(ops.identity, (rnd(3),))],
    "reduction._sum": [
        (ops.sum, (rnd(2, 3),)),
        (lambda x: ops.sum(x, axis=1), (rnd(2, 3),)),
        (lambda x: ops.sum(x, axis=(0, 2), keepdims=True), (rnd(2, 3, 2),)),
    ],
    "reduction._mean": [(ops.mean, (rnd(2, 3),)), (lambda x: ops.mean(x, axis=-1), (rnd(2, 3),))],
    "reduction._max": [(lambda x: ops.max(x, axis=1), (rnd(3, 4),)), (ops.max, (rnd(5),))],
    "reduction._min": [(lambda x: ops.min(x, axis=0, keepdims=True), (rnd(3, 4),))],
    "reduction._prod": [
        (lambda x: ops.prod(x, axis=1), (away_from_zero(2, 3),)),
        (lambda x: ops.prod(x, axis=0), (np.array([[0.0, 2.0], [3.0, 0.5]]),)),
    ],
    "reduction._logsumexp": [(lambda x: ops.logsumexp(x, axis=-1), (rnd(2, 4),))],
    "reduction._cumsum": [
        (lambda x: ops.cumsum(x, axis=1), (rnd(2, 4),)),
        (lambda x: ops.cumsum(x, axis=0, exclusive=True, reverse=True), (rnd(4, 2),)),
    ],
    "reduction._cumprod": [(lambda x: ops.cumprod(x, axis=0), (pos(4),))],
    "array._reshape": [(lambda x: ops.reshape(x, (3, -1)), (rnd(2, 3),))],
    "array._transpose": [(lambda x: ops.transpose(x, (1, 2, 0)), (rnd(2, 3, 4),))],
    "array._concat": [(lambda a, b: ops.concat([a, b], axis=1), (rnd(2, 3), rnd(2, 1)))],
    "array._stack": [(lambda a, b: ops.stack([a, b], axis=1), (rnd(2, 3), rnd(2, 3)))],
    "array._tile": [(lambda x: ops.tile(x, (2, 3)), (rnd(2, 2),))],
    "array._pad": [
        (lambda x: ops.pad(x, [[1, 0], [2, 1]]), (rnd(2, 3),)),
        (lambda x: ops.pad(x, [[1, 1], [2, 2]], mode="REFLECT"), (rnd(3, 4),)),
        (lambda x: ops.pad(x, [[1, 1]], mode="SYMMETRIC"), (rnd(3),)),
    ],
    "array._broadcast_to": [(lambda x: ops.broadcast_to(x, (3, 2, 4)), (rnd(2, 1),))],
    "array._reverse": [(lambda x: ops.reverse(x, [1]), (rnd(2, 3),))],
    "array._repeat": [
        (lambda x: ops.repeat(x, 2, axis=1), (rnd(2, 3),)),
        (lambda x: ops.repeat(x, 3), (rnd(2, 2),)),
    ],
    "array._getitem": [
        (lambda x: x[1:, ::2], (rnd(3, 4),)),
        (lambda x: x[np.array([0, 2, 0])], (rnd(3, 2),)),
        (lambda x: x[..., None, 1], (rnd(2, 3),)),
    ],
    "array._gather": [
        (lambda p: ops.gather(p, np.array([2, 0, 2])), (rnd(3, 2),)),
        (lambda p: ops.gather(p, np.array([[1], [0]]), axis=1), (rnd(2, 3),)),
    ],
    "array._gather_nd": [
        (lambda p: ops.gather_nd(p, np.array([[0, 1], [2, 0], [0, 1]])), (rnd(3, 2),))
    ],
    "array._take_along_axis": [
        (lambda x: ops.top_k(x, k=2)[0], (rnd(3, 5),)),
        (lambda x: ops.sort(x), (rnd(2, 4),)),
    ],
    "nn.relu": [(ops.relu, (away_from_zero(3, 4),))],
    "nn.relu6": [(ops.relu6, (away_from_zero(8) * 4,))],
    "nn._leaky_relu": [(lambda x: ops.leaky_relu(x, 0.3), (away_from_zero(6),))],
    "nn._elu": [(ops.elu, (away_from_zero(6),))],
    "nn.selu": [(ops.selu, (away_from_zero(6),))],
    "nn._gelu": [(ops.gelu, (rnd(6),)), (lambda x: ops.gelu(x, approximate=True), (rnd(6),))],
    "nn.sigmoid": [(ops.sigmoid, (rnd(6),))],
    "nn.tanh": [(ops.tanh, (rnd(6),))],
    "nn._softmax": [(ops.softmax, (rnd(2, 4),)), (lambda x: ops.softmax(x, axis=0), (rnd(3, 2),))],
    "nn._log_softmax": [(ops.log_softmax, (rnd(2, 4),))],
    "nn.softplus": [(ops.softplus, (rnd(6),))],
    "nn.softsign": [(ops.softsign, (away_from_zero(6),))],
    "nn.swish": [(ops.swish, (rnd(6),))],
    "nn.hard_sigmoid": [(ops.hard_sigmoid, (rnd(8, low=-4, high=4) + 0.01,))],
    "nn.hard_swish": [(ops.hard_swish, (rnd(8, low=-5, high=5) + 0.01,))],
    "nn.log_sigmoid": [(ops.log_sigmoid, (rnd(6),))],
    "nn._bias_add": [
        (ops.bias_add, (rnd(2, 3), rnd(3))),
        (lambda x, b: ops.bias_add(x, b, data_format="NCHW"), (rnd(2, 3, 2, 2), rnd(3))),
    ],
    "nn._dense": [
        (lambda x, k, b: ops.dense(x, k, b), (rnd(3, 4), rnd(4, 2), rnd(2))),
        (
            lambda x, k, b: ops.dense(x, k, b, activation="relu"),
            (away_from_zero(2, 3), rnd(3, 2), rnd(2, low=0.3, high=0.6)),
        ),
        (lambda x, k, b: ops.dense(x, k, b, activation="tanh"), (rnd(2, 5, 3), rnd(3, 4), rnd(4))),
    ],
    "nn._mean_squared_error": [
        (ops.mean_squared_error, (rnd(3, 4), rnd(3, 4))),
        (ops.mean_squared_error, (rnd(3, 1), rnd(3, 4))),
    ],
    "nn._softmax_xent": [
        (
            ops.softmax_cross_entropy_with_logits,
            (np.array([[0.2, 0.8, 0.0], [1.0, 0.0, 0.0]]), rnd(2, 3)),
        )
    ],
    "nn._sparse_softmax_xent": [
        (lambda z: ops.sparse_softmax_cross_entropy_with_logits(np.array([2, 0]), z), (rnd(2, 3),))
    ],
    "nn._sigmoid_xent": [
        (ops.sigmoid_cross_entropy_with_logits, (R.uniform(0, 1, (2, 3)), rnd(2, 3)))
    ],
}

NON_DIFFERENTIABLE = {
    "math.floordiv",
    "math.equal",
    "math.not_equal",
    "math.greater",
    "math.greater_equal",
    "math.less",
    "math.less_equal",
    "math.logical_and",
    "math.logical_or",
    "math.logical_xor",
    "math.logical_not",
    "math.bitwise_invert",
    "math.is_nan",
    "math.is_inf",
    "math.is_finite",
    "math.tensor_equals",
    "math.tensor_not_equals",
    "reduction._argmax",
    "reduction._argmin",
    "reduction._any",
    "reduction._all",
}
