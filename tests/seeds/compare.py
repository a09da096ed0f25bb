"""What "runs as in tf.keras 2.15" means for a seed run cell by cell, shared by the CPython test
(tests/seeds/test_seed_cells.py) and the page's (tests/browser/test_seed_examples.py).

Per cell: the same exception (type; and message, where TensorFlow's is not Python's own
SyntaxError text), or none; the same summaries (model names, layer rows, parameter counts,
exactly); the same printed text once numbers, memory addresses and timings are masked (initial
weights are random, in both). Allowed differences, each for a reason outside pynn:
  * a dataset TensorFlow downloads and the playground does not bundle (IMDB, CIFAR-100): pynn
    raises its DatasetUnavailableError naming the dataset (TensorFlow, recorded without a
    network, fails to download);
  * numpy 2 prints `shape=(...)` after a summarized array (tf.keras 2.15 runs on numpy 1.26).
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "parity"))

from parity_utils import normalize_script_output  # noqa: E402 - tests/parity is not a package

HEX = re.compile(r"0x[0-9a-fA-F]+")
NUMPY2_SHAPE = re.compile(r",\s*shape=\(\d+(?:,\s*\d+)*,?\)(?=\)$)", re.MULTILINE)
DOWNLOAD = re.compile(r"URL fetch failure on (\S+?):? ")
DATASETS = ("imdb", "reuters", "cifar100", "cifar10", "fashion", "mnist", "boston")
SUMMARY_LINE = re.compile(r'^(Model: "|\s*(Total|Trainable|Non-trainable) params:|\s\S+ \(\w+\)\s)')


def normalize(text):
    text = NUMPY2_SHAPE.sub("", text)
    text = HEX.sub("0x?", text)
    text = re.sub(r"-?\b\d+\.(?![\d\w])", "<num>", text)  # numpy's `0.` and `1.`
    text = normalize_script_output(text, mask_numbers=True)
    # numpy pads columns to the widths of the (random) values: compare without the padding
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"(?<=[\[(]) | (?=[\]),])", "", text)


def summary_lines(text):
    return [line.rstrip() for line in text.splitlines() if SUMMARY_LINE.match(line)]


def error_text(error):
    return f"{error['type']}: {error['message']}" if error else None


def expected_error(reference):
    """(type, message or None, dataset or None) a cell must raise in pynn; None: no error."""
    error = reference["error"]
    if error is None:
        return None
    download = DOWNLOAD.search(error["message"])
    if download:  # the file's address names the dataset (imdb.npz, cifar-100-python.tar.gz)
        address = re.sub(r"[^a-z0-9]", "", download.group(1).lower())
        dataset = next((name for name in DATASETS if name in address), None)
        if dataset is not None:
            return ("DatasetUnavailableError", None, dataset)
    if error["type"] == "SyntaxError":  # Python's own wording changes between versions
        return ("SyntaxError", None, None)
    # an error inside a traced train step: TensorFlow wraps it in "in user code: ..." frames
    last = error["message"].strip().splitlines()[-1].strip()
    prefix = error["type"] + ": "
    message = last[len(prefix) :] if last.startswith(prefix) else error["message"]
    return (error["type"], message, None)


def cell_differences(index, reference, stdout, error):
    """Why a cell's run (its printed text, its error as {type, message} or None) differs from
    tf.keras's recorded one; [] when it does not."""
    problems = []
    expected = expected_error(reference)
    if expected is None:
        if error is not None:
            problems.append(f"cell {index}: raised {error_text(error)} (tf.keras: no error)")
    else:
        kind, message, dataset = expected
        if error is None:
            problems.append(
                f"cell {index}: no error, tf.keras raised {error_text(reference['error'])}"
            )
        elif error["type"] != kind or (message is not None and error["message"] != message):
            problems.append(f"cell {index}: raised {error_text(error)}, expected {kind}: {message}")
        elif dataset is not None and dataset not in error["message"]:
            problems.append(f"cell {index}: the dataset error does not name {dataset}")
        if dataset is not None:
            return problems  # TensorFlow printed its download attempt
    if summary_lines(stdout) != summary_lines(reference["stdout"]):
        problems.append(
            f"cell {index}: summaries differ:\n  tf.keras: {summary_lines(reference['stdout'])}"
            f"\n  pynn:     {summary_lines(stdout)}"
        )
    elif normalize(stdout) != normalize(reference["stdout"]):
        problems.append(
            f"cell {index}: printed text differs (numbers masked):\n--- tf.keras\n"
            f"{normalize(reference['stdout'])[:1500]}\n--- pynn\n{normalize(stdout)[:1500]}"
        )
    return problems
