"""Runs a program's `# %%` cells one after the other in one namespace, as the playground's
Shift+Enter does (pynn_runner/session.py: each cell's last expression shows its value), and
prints one JSON list: per cell its printed text and the exception it raised (type, message) or
null. A failing cell does not stop the next ones, as in a notebook run cell by cell.

    python tests/seeds/run_cells.py PROGRAM.py --pynn          # pynn (the shim installed)
    ~/.cache/reftf/bin/python tests/seeds/run_cells.py PROGRAM.py --reference MNIST.npz

--reference (tf.keras 2.15, on a machine without network): `mnist.load_data()` returns the
playground's bundled subset, so both run on the same data (TensorFlow would download the full
set), and `MobileNet()` / `MobileNetV2()` build without their ImageNet weights (TensorFlow would
download them; the architecture, summary and layers are the same either way)."""

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_session_module():
    """pynn_runner/session.py alone (the package's __init__ is the page's runner)."""
    path = os.path.join(ROOT, "web", "src", "worker", "pynn_runner", "session.py")
    spec = importlib.util.spec_from_file_location("pynn_runner_session", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def use_bundled_mnist(npz_path):
    import numpy as np  # noqa: PLC0415 - only in the reference run
    import tensorflow as tf  # noqa: PLC0415 - only in the reference run

    with np.load(npz_path) as data:
        arrays = {k: data[k] for k in data.files}

    def load_data(path="mnist.npz"):
        return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])

    tf.keras.datasets.mnist.load_data  # noqa: B018 - loads the lazy module before patching
    for name, module in list(sys.modules.items()):
        if name.endswith("datasets.mnist") and hasattr(module, "load_data"):
            module.load_data = load_data


def build_applications_without_downloads():
    import tensorflow as tf  # noqa: PLC0415 - only in the reference run

    tf.keras.applications.MobileNet  # noqa: B018 - loads the lazy modules before patching
    for name in ("MobileNet", "MobileNetV2"):
        original = getattr(tf.keras.applications, name)

        def architecture_only(*args, _original=original, **kwargs):
            if kwargs.get("weights", "imagenet") == "imagenet":
                kwargs["weights"] = None
            return _original(*args, **kwargs)

        for module in list(sys.modules.values()):
            if getattr(module, name, None) is original:
                setattr(module, name, architecture_only)


def run_cells(program, session):
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    results = []
    for first_line, source in session.split_cells(program):
        out = io.StringIO()
        error = None
        with contextlib.redirect_stdout(out):
            try:
                session.run_cell(source, first_line, namespace, "main.py", True)
            except Exception as exc:  # noqa: BLE001 - every cell's error is recorded
                error = {"type": type(exc).__name__, "message": str(exc)}
        results.append({"stdout": out.getvalue(), "error": error})
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("--pynn", action="store_true")
    parser.add_argument("--reference", metavar="MNIST_NPZ")
    args = parser.parse_args()
    if args.pynn:
        sys.path.insert(0, ROOT)
        from pynn import shim  # noqa: PLC0415 - installed only when asked

        shim.install()
    if args.reference:
        use_bundled_mnist(args.reference)
        build_applications_without_downloads()
    with open(args.program, encoding="utf-8") as f:
        program = f.read()
    results = run_cells(program, load_session_module())
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
