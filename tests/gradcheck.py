"""Finite-difference gradient checks in float64, for primitives and layers.

    from tests.gradcheck import check_gradients

    check_gradients(lambda x, w: ops.matmul(x, w), x_np, w_np)

`fn` maps Tensors (one per array, float64, watched) to a Tensor or a list/tuple of Tensors.
The output is contracted with a fixed random cotangent, so every output element is checked.
Integer/bool arrays are passed through as constants and not differentiated.
For layers, build them with `dtype="float64"` or pass a closure over float64 weights, and list
the weights in `params` to check their gradients too.
"""

import numpy as np

from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Tensor, Variable

__all__ = ["check_gradients", "numeric_gradient"]


def _outputs(result):
    if isinstance(result, (list, tuple)):
        return [r for r in result if r is not None]
    return [result]


def _scalar(fn, tensors, cotangents):
    outs = _outputs(fn(*tensors))
    total = 0.0
    for out, c in zip(outs, cotangents, strict=True):
        total += float(np.sum(np.asarray(out._value, np.float64) * c))
    return total


def numeric_gradient(f, array, eps=1e-6):
    """Central differences of the scalar function `f()` w.r.t. `array` (modified in place)."""
    grad = np.zeros_like(array, dtype=np.float64)
    flat = array.reshape(-1)
    gflat = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f()
        flat[i] = old - eps
        down = f()
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def check_gradients(fn, *arrays, params=(), atol=1e-6, rtol=1e-5, eps=1e-6, seed=0):
    """Assert that tape gradients of `fn(*tensors)` match central finite differences.

    arrays: numpy arrays / Python values; float ones become float64 Tensors and are checked.
    params: Variables used inside `fn` (e.g. a float64 layer's weights), also checked.
    Returns the analytic gradients (list: inputs then params) for further assertions.
    """
    rng = np.random.default_rng(seed)
    values = []
    for a in arrays:
        v = np.array(a._value if isinstance(a, Tensor) else a)
        if v.dtype.kind == "f":
            v = v.astype(np.float64)
        values.append(v)
    tensors = [Tensor(v) for v in values]
    float_pos = [i for i, v in enumerate(values) if v.dtype.kind == "f"]
    params = list(params)
    for p in params:
        if not isinstance(p, Variable) or p._value.dtype != np.float64:
            raise TypeError(f"params must be float64 Variables, got {p!r}")

    with GradientTape(persistent=True) as tape:
        for i in float_pos:
            tape.watch(tensors[i])
        outs = _outputs(fn(*tensors))
    cotangents = [rng.standard_normal(o._value.shape) for o in outs]
    sources = [tensors[i] for i in float_pos] + params
    analytic = tape.gradient(
        outs,
        sources,
        output_gradients=[c.astype(o._value.dtype) for o, c in zip(outs, cotangents, strict=True)],
    )

    def f():
        return _scalar(fn, tensors, cotangents)

    names = [f"input {i}" for i in float_pos] + [getattr(p, "name", "param") for p in params]
    arrays_to_poke = [tensors[i]._value for i in float_pos] + [p._value for p in params]
    for name, arr, got in zip(names, arrays_to_poke, analytic, strict=True):
        want = numeric_gradient(f, arr, eps)
        got = np.zeros_like(want) if got is None else np.asarray(got._value, np.float64)
        if got.shape != want.shape:
            raise AssertionError(f"gradient of {name} has shape {got.shape}, expected {want.shape}")
        if not np.allclose(got, want, atol=atol, rtol=rtol):
            err = np.max(np.abs(got - want))
            raise AssertionError(
                f"gradient of {name} is wrong (max abs error {err:.3g})\n"
                f"analytic:\n{got}\nnumeric:\n{want}"
            )
    return analytic
