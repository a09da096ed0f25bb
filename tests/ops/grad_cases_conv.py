"""Gradient-check cases for the primitives of pynn/ops/{conv,pooling}.py.

Shapes are tiny (finite differences cost two forward passes per element) but cover every
code path: strides, TF "same" padding with its odd extra pixel, dilation, groups, depth
multipliers, output_padding-sized transposed outputs, overlapping pooling windows.
"""

import numpy as np

from pynn import ops

R = np.random.default_rng(7)


def rnd(*shape):
    return R.uniform(-2.0, 2.0, size=shape)


def distinct(*shape):
    """Values at least 0.01 apart, so a max never changes under finite differences."""
    return R.permutation(np.arange(int(np.prod(shape))) * 0.01 - 1.0).reshape(shape)


CASES = {
    "conv.conv2d": [
        (lambda x, k: ops.conv2d(x, k), (rnd(2, 5, 4, 3), rnd(3, 2, 3, 4))),
        (
            lambda x, k: ops.conv2d(x, k, strides=2, padding="same"),
            (rnd(1, 6, 5, 2), rnd(3, 3, 2, 3)),
        ),
        (
            lambda x, k: ops.conv2d(x, k, padding="same", dilation_rate=(2, 1)),
            (rnd(1, 6, 5, 2), rnd(3, 2, 2, 2)),
        ),
        (
            lambda x, k: ops.conv2d(x, k, strides=(1, 2), groups=2),
            (rnd(2, 4, 5, 4), rnd(2, 2, 2, 6)),
        ),
        (lambda x, k: ops.conv2d(x, k), (rnd(2, 3, 3, 3), rnd(1, 1, 3, 2))),
    ],
    "conv._conv2d_bias_activation": [
        (
            lambda x, k, b: ops.conv2d_bias_activation(x, k, b, strides=2, padding="same"),
            (rnd(1, 6, 5, 2), rnd(3, 3, 2, 3), rnd(3)),
        ),
        (  # relu: one filter positive, two negative; every pre-activation at least 0.069 from 0
            lambda x, k, b: ops.conv2d_bias_activation(x, k, b, activation="relu"),
            (
                R.uniform(0.3, 1.0, size=(2, 4, 4, 2)),
                R.uniform(0.05, 0.2, size=(2, 2, 2, 3)) * R.choice([-1.0, 1.0], size=3),
                np.array([0.5, 0.4, 0.6]),
            ),
        ),
    ],
    "conv.conv1d": [
        (lambda x, k: ops.conv1d(x, k, strides=2, padding="same"), (rnd(2, 7, 3), rnd(3, 3, 2))),
        (
            lambda x, k: ops.conv1d(x, k, padding=(4, 0), dilation_rate=2),
            (rnd(2, 6, 2), rnd(3, 2, 3)),
        ),
        (lambda x, k: ops.conv1d(x, k, groups=2), (rnd(1, 5, 4), rnd(2, 2, 4))),
    ],
    "conv.conv2d_transpose": [
        (
            lambda x, k: ops.conv2d_transpose(
                x, k, output_shape=(2, 6, 8, 2), strides=2, padding="same"
            ),
            (rnd(2, 3, 4, 3), rnd(3, 3, 2, 3)),
        ),
        (
            lambda x, k: ops.conv2d_transpose(x, k, output_shape=(1, 8, 9, 2), strides=2),
            (rnd(1, 3, 4, 2), rnd(3, 2, 2, 2)),
        ),
        (
            lambda x, k: ops.conv2d_transpose(
                x, k, output_shape=(1, 5, 5, 1), strides=2, padding="same"
            ),
            (rnd(1, 3, 3, 2), rnd(3, 3, 1, 2)),
        ),
    ],
    "conv.depthwise_conv2d": [
        (
            lambda x, k: ops.depthwise_conv2d(x, k, strides=2, padding="same"),
            (rnd(2, 5, 6, 3), rnd(3, 3, 3, 1)),
        ),
        (
            lambda x, k: ops.depthwise_conv2d(x, k, dilation_rate=2),
            (rnd(1, 6, 6, 2), rnd(2, 3, 2, 3)),
        ),
    ],
    "pooling.max_pool2d": [
        (lambda x: ops.max_pool2d(x, pool_size=2), (distinct(2, 4, 5, 3),)),
        (
            lambda x: ops.max_pool2d(x, pool_size=3, strides=2, padding="same"),
            (distinct(1, 5, 6, 2),),
        ),
        (lambda x: ops.max_pool2d(x, pool_size=(2, 3), strides=1), (distinct(1, 4, 4, 2),)),
    ],
    "pooling.avg_pool2d": [
        (lambda x: ops.avg_pool2d(x, pool_size=2), (rnd(2, 4, 5, 3),)),
        (lambda x: ops.avg_pool2d(x, pool_size=3, strides=2, padding="same"), (rnd(1, 5, 6, 2),)),
    ],
    "pooling.max_pool1d": [
        (lambda x: ops.max_pool1d(x, pool_size=3, strides=2, padding="same"), (distinct(2, 7, 3),)),
    ],
    "pooling.avg_pool1d": [
        (lambda x: ops.avg_pool1d(x, pool_size=2, strides=1), (rnd(2, 5, 3),)),
        (lambda x: ops.avg_pool1d(x, pool_size=3, strides=2, padding="same"), (rnd(1, 6, 2),)),
    ],
}
