"""Gradients of gradients: nested GradientTapes, jacobians of gradients, Hessian-vector products
and gradient penalties (pynn/ops/gradients.py, autodiff.backprop_tensors).

The guide cases run the code tf.keras 2.15 ran (tests/fixtures/higher_order.json, recorded by
tests/reference/record_higher_order.py) and must give its values; each second-order rule is
also checked in float64 against central differences of the first derivative.
"""

import json
import os

import numpy as np
import pytest

from pynn import keras, ops, tf
from pynn.core.autodiff import GradientTape, SecondOrderError
from pynn.core.tensor import Variable, constant

FIXTURE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "higher_order.json")
with open(FIXTURE) as _fh:
    CASES = json.load(_fh)["cases"]


@pytest.mark.parametrize("name", list(CASES))
def test_guide_examples_match_tf_keras(name):
    case = CASES[name]
    scope = {"tf": tf, "np": np, "keras": keras}
    exec(case["code"], scope)  # noqa: S102 - the recorded case
    for key, expected in case["result"].items():
        got = scope["result"][key]
        assert got is not None, key
        got = np.asarray(got)
        want = np.asarray(expected["values"], dtype=expected["dtype"]).reshape(expected["shape"])
        assert got.shape == want.shape, key
        assert got.dtype == want.dtype, key
        tol = 1e-10 if want.dtype == np.float64 else 2e-5
        np.testing.assert_allclose(got, want, rtol=tol, atol=tol, err_msg=f"{name}: {key}")


def test_x_cubed_at_two():
    x = constant(2.0)
    with GradientTape() as outer:
        outer.watch(x)
        with GradientTape() as inner:
            inner.watch(x)
            y = x**3
        dy = inner.gradient(y, x)
    d2y = outer.gradient(dy, x)
    assert float(dy) == 12.0 and float(d2y) == 12.0
    assert type(d2y).__name__ == "EagerTensor"


# f(x) for each rule; x is float64 of shape (3, 4) (positive where the op needs it)
FUNCTIONS = {
    "add_sub_mul_div": lambda x: ops.sum((x * x + 1.0) / (x - 3.0) - x * 0.5),
    "negative_square_sqrt": lambda x: ops.sum(ops.sqrt(ops.square(-x) + 1.0)),
    "exp_log_reciprocal": lambda x: ops.sum(
        ops.exp(x * 0.3) * ops.log(x + 2.0) + ops.reciprocal(x + 3.0)
    ),
    "sin_cos_abs": lambda x: ops.sum(ops.sin(x) * ops.cos(x) * ops.abs(x)),
    "power": lambda x: ops.sum(ops.power(x + 2.0, 2.5) + ops.power(1.5, x)),
    "maximum_minimum_where": lambda x: ops.sum(
        ops.maximum(x, 0.2) * ops.minimum(x, 0.5) * x + ops.where(x > 0.1, x * x, 2.0 * x)
    ),
    "activations": lambda x: ops.sum(
        ops.tanh(x) * ops.sigmoid(x) + ops.softplus(x) * ops.relu(x) ** 2
    ),
    "softmax_log_softmax": lambda x: ops.sum(ops.softmax(x) * ops.log_softmax(x, axis=0) * x),
    "matmul_transpose_reshape": lambda x: ops.sum(
        ops.square(ops.matmul(x, ops.transpose(x)) @ ops.reshape(x, (3, 4)))
    ),
    "reductions_broadcast": lambda x: (
        ops.sum(ops.mean(x, axis=1, keepdims=True) * x)
        + ops.square(ops.sum(ops.broadcast_to(ops.mean(x, axis=0), (2, 4))))
    ),
    "dense_bias_add_cast": lambda x: (
        ops.sum(
            ops.square(
                ops.dense(
                    x,
                    ops.cast(constant(np.linspace(-1, 1, 8).reshape(4, 2)), "float64"),
                    constant(np.array([0.1, -0.2])),
                    "tanh",
                )
            )
        )
        + ops.sum(ops.square(ops.bias_add(x, constant(np.ones(4)))))
    ),
    "squared_difference_mse": lambda x: (
        ops.sum(ops.squared_difference(x, 0.3)) + ops.sum(ops.mean_squared_error(x * 0.5, x * x))
    ),
}


def _gradient(f, x):
    with GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_second_order_rules_against_central_differences(name):
    f = FUNCTIONS[name]
    rng = np.random.default_rng(5)
    x0 = rng.uniform(0.2, 1.5, (3, 4)) * np.where(rng.random((3, 4)) < 0.3, -1, 1)
    if name in ("exp_log_reciprocal", "power", "negative_square_sqrt"):
        x0 = np.abs(x0)
    v = rng.normal(size=(3, 4))
    x = constant(x0)
    with GradientTape() as outer:
        outer.watch(x)
        g = _gradient(f, x)
        gv = ops.sum(g * constant(v))
    hvp = outer.gradient(gv, x)
    assert hvp is not None and hvp.dtype.name == "float64"
    eps = 1e-6
    plus = _gradient(f, constant(x0 + eps * v)).numpy()
    minus = _gradient(f, constant(x0 - eps * v)).numpy()
    np.testing.assert_allclose(hvp.numpy(), (plus - minus) / (2 * eps), rtol=1e-5, atol=1e-6)


def test_an_op_without_a_second_order_rule_raises_naming_it():
    pool = keras.layers.MaxPooling2D(2)
    image = constant(np.random.default_rng(0).normal(size=(1, 4, 4, 1)).astype("float32"))
    with GradientTape() as outer:
        outer.watch(image)
        with GradientTape() as inner:
            inner.watch(image)
            out = ops.sum(pool(image * image) ** 2)
        first = inner.gradient(out, image)  # the first derivative still works
        penalty = ops.sum(first * first)
    assert first.shape == (1, 4, 4, 1)
    with pytest.raises(SecondOrderError, match="MaxPool2d"):
        outer.gradient(penalty, image)


def test_conv_kernel_gradients_are_first_order_only():
    conv = keras.layers.Conv2D(2, 3, padding="same")
    image = constant(np.random.default_rng(0).normal(size=(2, 5, 5, 1)).astype("float32"))
    with GradientTape() as outer:
        with GradientTape() as inner:
            out = ops.sum(conv(image) ** 2)
        kernel_grad = inner.gradient(out, conv.kernel)
        total = ops.sum(kernel_grad**2)
    with pytest.raises(SecondOrderError, match="Conv2d"):
        outer.gradient(total, conv.kernel)


def test_gradient_penalty_through_a_conv_layer_matches_central_differences():
    rng = np.random.default_rng(2)
    kernel0 = rng.normal(size=(3, 3, 1, 2))
    image = constant(rng.normal(size=(2, 6, 6, 1)))

    def penalty(kernel_value):
        kernel = Variable(kernel_value)
        with GradientTape() as outer:
            with GradientTape() as inner:
                inner.watch(image)
                critic = ops.sum(ops.tanh(ops.conv2d(image, kernel, strides=2, padding="same")))
            grad = inner.gradient(critic, image)
            value = ops.sum(ops.square(grad))
        return float(value), outer.gradient(value, kernel).numpy()

    _, analytic = penalty(kernel0)
    direction = rng.normal(size=kernel0.shape)
    eps = 1e-6
    numeric = (penalty(kernel0 + eps * direction)[0] - penalty(kernel0 - eps * direction)[0]) / (
        2 * eps
    )
    np.testing.assert_allclose(np.sum(analytic * direction), numeric, rtol=1e-6)


def test_first_order_gradients_are_unchanged_without_an_outer_tape():
    w = Variable([[1.0, 2.0], [3.0, 4.0]])
    with GradientTape() as tape:
        y = ops.sum(ops.matmul(w, w))
    assert tape.gradient(y, w).numpy().tolist() == [[7.0, 11.0], [9.0, 13.0]]
