"""Every example in the playground's menu runs on CPython through `python -m pynn run`, as it
does in the browser (the browser tests run XOR and MNIST there; this keeps the others honest)."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
    EXAMPLES = json.load(f)["examples"]

# What each example's output must contain once it has trained.
EXPECTED = {
    "xor": ["Total params: 17", "===== MLP XOR classifier result ====="],
    "mnist-sequential": ["Total params: 55050", "Epoch 3/3", "test accuracy:"],
    "mnist-functional": ["Total params: 55050", "Epoch 3/3"],
    "functional-merge": ["concatenate (Concatenate)", "test accuracy", "predicted:"],
    "dropout-l2": ["dropout (Dropout)", "validation accuracy"],
    "subclassed-cnn": ["conv2d (Conv2D)", "Epoch 3/3"],
    "gradient-tape": ["Epoch 4: last batch loss", "It took"],
    "two-moons": ["trained 60 epochs in", "final loss"],
    "digit-pad": ["test accuracy:", "The digit pad is part of the playground in the browser."],
}


def test_every_example_has_expectations():
    assert sorted(EXPECTED) == sorted(e["name"] for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_example_runs_on_cpython(example):
    path = os.path.join(ROOT, "web", "examples", example["file"])
    env = {**os.environ, "PYTHONPATH": ROOT, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-m", "pynn", "run", path], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for text in EXPECTED[example["name"]]:
        assert text in result.stdout, f"{text!r} missing from:\n{result.stdout[-3000:]}"
