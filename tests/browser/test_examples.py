"""Every example in the playground's menu runs on CPython through `python -m pynn run`, as it
does in the browser (the browser tests run XOR and MNIST there; this keeps the others honest),
and gives the results it is there to show: its loss falls, its accuracy passes a bound, its
predictions and shapes are right."""

import json
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import example_files  # noqa: E402 - tools/ is not a package: the multi-file example format

with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
    # the programs; the seeds (web/examples/seeds/) have their own tests in tests/seeds/
    EXAMPLES = [e for e in json.load(f)["examples"] if not e["file"].startswith("seeds/")]

# What each example's output must contain once it has trained (its summary, its own lines).
EXPECTED = {
    "xor": ["Total params: 17", "boundary drawn", "===== MLP XOR classifier result ====="],
    "mnist-sequential": ["Total params: 55050", "Epoch 3/3", "test accuracy:"],
    "mnist-functional": ["Total params: 55050", "Epoch 3/3"],
    "functional-merge": ["concatenate (Concatenate)", "test accuracy", "predicted:"],
    "dropout-l2": ["dropout (Dropout)", "validation accuracy"],
    "subclassed-cnn": ["conv2d (Conv2D)", "Epoch 3/3"],
    "gradient-tape": ["Epoch 4: last batch loss", "It took"],
    "two-moons": ["trained 60 epochs in", "final loss"],
    "digit-pad": ["test accuracy:", "The digit pad is part of the playground in the browser."],
}

_NUMBER = r"(\d+(?:\.\d+)?)"


def lines(stdout):
    """The console's lines as a terminal shows them (a progress bar's redraws: the last one)."""
    return [line.split("\r")[-1].replace("\x08", "") for line in stdout.split("\n")]


def epoch_losses(stdout):
    """fit's loss at the end of each epoch ("Epoch k/N", then the epoch's final log line)."""
    losses, in_epoch = [], False
    for line in lines(stdout):
        if re.match(r"Epoch \d+/\d+$", line):
            in_epoch = True
        elif in_epoch and " - loss: " in line and "ETA" not in line:
            losses.append(float(re.search(r" - loss: " + _NUMBER, line).group(1)))
            in_epoch = False
    return losses


def last_evaluate_accuracy(stdout):
    """The accuracy of `evaluate(..., verbose=2)`'s line, the last line with one."""
    found = [
        float(m.group(1))
        for line in lines(stdout)
        if (m := re.search(r"^\d+/\d+ - \S+ - loss: [\d.]+ - accuracy: " + _NUMBER, line))
    ]
    assert found, stdout[-3000:]
    return found[-1]


def value(stdout, pattern):
    match = re.search(pattern, stdout, flags=re.MULTILINE)
    assert match, f"{pattern!r} not found in:\n{stdout[-3000:]}"
    return match


def loss_falls(stdout, epochs, factor=1.0):
    losses = epoch_losses(stdout)
    assert len(losses) == epochs, losses
    assert losses[-1] < losses[0] * factor, losses


def check_xor(out):
    loss_falls(out, 400, factor=0.2)
    rows = re.findall(r"^(\d) XOR (\d) => ([\d.]+) => (\d)$", out, flags=re.MULTILINE)
    assert len(rows) == 4, out[-2000:]
    for a, b, probability, answer in rows:
        assert int(answer) == int(a) ^ int(b), rows  # the network learned XOR
        assert (float(probability) > 0.5) == bool(int(answer)), rows


def check_mnist_sequential(out):
    shapes = value(out, r"^\((\d+), 28, 28\) \((\d+),\) \((\d+), 28, 28\) \((\d+),\)$")
    assert shapes.group(1) == shapes.group(2) and shapes.group(3) == shapes.group(4)
    loss_falls(out, 3)
    assert float(value(out, r"^test accuracy: " + _NUMBER).group(1)) >= 0.85


def check_mnist_functional(out):
    loss_falls(out, 3)
    assert last_evaluate_accuracy(out) >= 0.85


def check_functional_merge(out):
    loss_falls(out, 3)
    assert float(value(out, r"test accuracy " + _NUMBER).group(1)) >= 0.8
    predicted = value(out, r"^predicted: \[([\d ]+)\]").group(1).split()
    true = value(out, r"^true: +\[([\d ]+)\]").group(1).split()
    assert len(predicted) == len(true) == 8
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 6, (predicted, true)


def check_dropout_l2(out):
    loss_falls(out, 6)
    match = value(out, r"^train accuracy " + _NUMBER + r", validation accuracy " + _NUMBER)
    assert float(match.group(1)) >= 0.8 and float(match.group(2)) >= 0.8, match.group(0)


def check_subclassed_cnn(out):
    loss_falls(out, 3)
    assert last_evaluate_accuracy(out) >= 0.7


def check_gradient_tape(out):
    losses = [
        float(x)
        for x in re.findall(r"^Epoch \d: last batch loss = " + _NUMBER, out, flags=re.MULTILINE)
    ]
    assert len(losses) == 5 and losses[-1] < losses[0], losses


def check_two_moons(out):
    assert value(out, r"trained 60 epochs in [\d.]+ s, boundary drawn (\d+) times")
    match = value(out, r"^final loss " + _NUMBER + r", accuracy " + _NUMBER)
    assert float(match.group(1)) < 0.2 and float(match.group(2)) >= 0.9, match.group(0)


def check_digit_pad(out):
    loss_falls(out, 3)
    assert float(value(out, r"^test accuracy: " + _NUMBER).group(1)) >= 0.85


# What each example's results must show: the loss falls, the accuracy passes a bound well
# below what it reaches (so randomness cannot fail it), predictions and shapes are right.
CHECKS = {
    "xor": check_xor,
    "mnist-sequential": check_mnist_sequential,
    "mnist-functional": check_mnist_functional,
    "functional-merge": check_functional_merge,
    "dropout-l2": check_dropout_l2,
    "subclassed-cnn": check_subclassed_cnn,
    "gradient-tape": check_gradient_tape,
    "two-moons": check_two_moons,
    "digit-pad": check_digit_pad,
}


def test_every_example_has_expectations():
    names = sorted(e["name"] for e in EXAMPLES)
    assert sorted(EXPECTED) == names and sorted(CHECKS) == names


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_example_runs_on_cpython(example):
    path = os.path.join(ROOT, "web", "examples", example["file"])
    env = {**os.environ, "PYTHONPATH": ROOT, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    with open(path, encoding="utf-8") as f:
        several_files = len(example_files.split_files(f.read())) > 1
    if several_files:  # the files written into a folder, the last one run (as the page does)
        result = example_files.run(path, env=env, capture_output=True, text=True, timeout=600)
    else:
        result = subprocess.run(
            [sys.executable, "-m", "pynn", "run", path],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for text in EXPECTED[example["name"]]:
        assert text in result.stdout, f"{text!r} missing from:\n{result.stdout[-3000:]}"
    CHECKS[example["name"]](result.stdout)
