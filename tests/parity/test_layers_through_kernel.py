"""The layer parity scenarios (test_layers.py: forward passes and gradients against tf.keras
2.15) again, with every float32 2-D product computed by the playground's kernel
(web/kernels/gemm.c, compiled for this machine) instead of BLAS: Dense, the convolutions,
the recurrent layers and the small models all multiply matrices through it."""

import pytest
import test_layers

from pynn.ops import gemm

SCENARIOS = test_layers.SCENARIOS


@pytest.fixture
def counted_kernel(gemm_kernel, monkeypatch):
    """The kernel, counting its products."""
    calls = []
    product = gemm._Kernel.product

    def counted(self, a, b):
        calls.append(a.shape)
        return product(self, a, b)

    monkeypatch.setattr(gemm._Kernel, "product", counted)
    return calls


def _uses_products(name):
    code = SCENARIOS[name]["code"]
    return any(word in code for word in ("Dense", "Conv", "LSTM", "GRU", "SimpleRNN", "model_"))


NAMES = [n for n in SCENARIOS if _uses_products(n) or n.startswith("model_")]


@pytest.mark.parametrize("name", NAMES)
def test_forward_through_the_kernel_matches_tf_keras(name, counted_kernel):
    test_layers.test_layer_forward_matches_tf_keras(name)
    if (
        SCENARIOS[name]["input_dtypes"] == ["float32"]
        and "Depthwise" not in SCENARIOS[name]["code"]
    ):
        assert counted_kernel, "no product went through the kernel"


@pytest.mark.parametrize("name", [n for n in NAMES if SCENARIOS[n]["gradient_sources"]])
def test_gradients_through_the_kernel_match_tf_keras(name, counted_kernel):
    test_layers.test_layer_gradients_match_tf_keras(name)
