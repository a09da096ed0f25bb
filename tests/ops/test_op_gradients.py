"""Every primitive's VJP against float64 finite differences.

Cases live in tests/ops/grad_cases_*.py (one per op family); a primitive registered with
@primitive but missing from every CASES / NON_DIFFERENTIABLE makes test_every_primitive_checked
fail.
"""

import glob
import importlib
import os

import numpy as np
import pytest

import pynn.ops  # noqa: F401  (registers every primitive)
from pynn.core.autodiff import primitive, registry
from tests.gradcheck import check_gradients

HERE = os.path.dirname(__file__)
CASES = {}
NON_DIFFERENTIABLE = set()
for path in sorted(glob.glob(os.path.join(HERE, "grad_cases_*.py"))):
    mod = importlib.import_module("tests.ops." + os.path.basename(path)[:-3])
    for name, cases in getattr(mod, "CASES", {}).items():
        CASES.setdefault(name, []).extend(cases)
    NON_DIFFERENTIABLE |= set(getattr(mod, "NON_DIFFERENTIABLE", ()))

PARAMS = [
    pytest.param(case[0], case[1], case[2] if len(case) > 2 else {}, id=f"{name}-{i}")
    for name, cases in sorted(CASES.items())
    for i, case in enumerate(cases)
]


def test_every_primitive_checked():
    missing = sorted(set(registry) - set(CASES) - NON_DIFFERENTIABLE)
    assert not missing, f"primitives without a gradient check: {missing}"


def test_no_stale_cases():
    stale = sorted((set(CASES) | NON_DIFFERENTIABLE) - set(registry))
    assert not stale, f"gradient cases for primitives that do not exist: {stale}"


@pytest.mark.parametrize("fn,args,tolerances", PARAMS)
def test_gradient(fn, args, tolerances):
    check_gradients(fn, *[np.array(a) for a in args], **tolerances)


def test_gradcheck_catches_a_wrong_vjp():
    @primitive
    def wrong_square(x):
        return x * x, lambda g: g * x  # should be 2 * g * x

    registry.pop("test_op_gradients.wrong_square")
    with pytest.raises(AssertionError, match="gradient of input 0 is wrong"):
        check_gradients(wrong_square, np.array([1.0, 2.0]))
