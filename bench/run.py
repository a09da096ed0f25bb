"""Every pynn benchmark in one run: a table of seconds and ratios, written to bench/RESULTS.md.

    python3 bench/run.py                 # CPython + browser (needs Chromium, web/node_modules)
    python3 bench/run.py --no-browser    # CPython only
    python3 bench/run.py --no-cpython    # browser only

CPython (this process; BLAS single-threaded on every side, tf.keras in a subprocess of
~/.cache/reftf/bin/python with TF_NUM_INTRAOP/INTEROP_THREADS=1):
  * MNIST MLP 784-64-64-10, 10,000 samples, batch 32, adam, one epoch (best of 7, numpy
    loop and pynn taking turns);
  * XOR 2-4-1 sigmoid, SGD 0.1, MSE, batch 1, 1,500 epochs (best of 2; tf.keras once);
  * the tutorial CNN, 1,000 samples, batch 32, adam, one epoch (best of 3; bench/cnn.py).
  Each: pynn `fit`, a hand-written numpy loop of the same math, tf.keras 2.15 `fit`.
Browser (bench/browser/run.py, one headless Chromium page): pynn in Pyodide with the compiled
WebAssembly kernel (web/kernels/, one thread) and with it switched off (numpy's einsum), a
512x512x512 float32 product both ways, vs TensorFlow.js
4.22 (wasm backend, SIMD, one thread; the CNN on TF.js's cpu backend, as its wasm backend has
no Conv2DBackpropFilter), plus the numpy loops in Pyodide, Pyodide+numpy+pynn start-up and
the playground's page-ready time (bench/page_ready.py, when dist/ is built), and the kernel
threads in the built playground (bench/browser/threads.py, when dist/ is built): GEMM 512 and
the CNN epoch on 1 and on 2 threads in one page.
A full run takes ~25 min here, 15 of them TF.js's cpu backend training the CNN
(`--no-tfjs-cnn` skips it).
"""

import argparse
import datetime
import importlib.util
import json
import os
import platform
import re
import subprocess
import sys

# isort: off
import common  # first: single-threaded BLAS before numpy loads
import numpy as np
# isort: on

import boundary_plots

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "RESULTS.md")


def _log(*args):
    print(*args, file=sys.stderr, flush=True)


def cpython_rows():
    import cnn
    import mlp
    import xor

    rows = []
    x, y = common.mnist_like(mlp.N)
    _log("cpython mlp ...")
    numpy_s, pynn_s = common.best_of_each([lambda: mlp.numpy_epoch(x, y), mlp.pynn_epoch(x, y)])
    rows += [
        ("MLP epoch", "CPython numpy loop", numpy_s),
        ("MLP epoch", "CPython pynn fit", pynn_s),
        ("MLP epoch", "CPython tf.keras 2.15 fit", common.reference_seconds(mlp.TF_CODE)),
    ]
    _log("cpython xor ...")
    rows += [("XOR 1,500 epochs", "CPython " + name, s) for name, s in xor.measure()]
    _log("cpython cnn ...")
    xc, yc = common.mnist_like(cnn.N, flat=False)
    rows += [
        ("CNN epoch", "CPython numpy loop", common.best_of(lambda: cnn.numpy_epoch(xc, yc))),
        ("CNN epoch", "CPython pynn fit", common.best_of(cnn.pynn_epoch(xc, yc))),
        ("CNN epoch", "CPython tf.keras 2.15 fit", common.reference_seconds(cnn.TF_CODE)),
    ]
    return [(w, n.replace("(baseline)", "").strip(), s) for w, n, s in rows]


def page_ready():
    """(cold, warm, its output) from bench/page_ready.py --runs 1 --stages, or None without
    dist/."""
    if not os.path.isfile(os.path.join(common.ROOT, "dist", "index.html")):
        return None
    done = subprocess.run(
        [sys.executable, os.path.join(HERE, "page_ready.py"), "--runs", "1", "--stages"],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    found = dict(re.findall(r"ready to run, (cold|warm): median ([0-9.]+) s", done.stdout))
    if not found:
        _log("page_ready.py failed:", done.stdout[-1000:], done.stderr[-1000:])
        return None
    return float(found["cold"]), float(found["warm"]), done.stdout


def threads_bench():
    """bench/browser/threads.py (a script, not a package), loaded by path."""
    spec = importlib.util.spec_from_file_location(
        "bench_threads", os.path.join(HERE, "browser", "threads.py")
    )
    threads = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(threads)
    return threads


def browser_rows(profile=True, tfjs_cnn=True):
    spec = importlib.util.spec_from_file_location(
        "bench_browser", os.path.join(HERE, "browser", "run.py")
    )
    browser = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(browser)
    results = browser.measure(profile=profile, tfjs_cnn=tfjs_cnn)
    names = {
        "gemm": "GEMM 512x512x512",
        "xor": "XOR 1,500 epochs",
        "mlp": "MLP epoch",
        "cnn": "CNN epoch",
    }
    rows = [(names[w], "browser " + n, s) for w, n, s in browser.rows(results)]
    boot = results["pynn_boot"]
    rows.append(("start-up", "browser Pyodide+numpy+pynn import", boot["bootSeconds"]))
    ready = page_ready()
    if ready is not None:
        rows.append(("start-up", "playground page-ready, cold", ready[0]))
        rows.append(("start-up", "playground page-ready, warm", ready[1]))
        results["page_ready"] = ready[2]
    if os.path.isfile(os.path.join(os.path.dirname(HERE), "dist", "index.html")):
        threads = threads_bench()
        _log("playground kernel threads ...")
        results["threads"] = threads.measure(profile=True)
        rows += [(names[w], "browser " + n, s) for w, n, s in threads.rows(results["threads"])]
        _log("playground live decision boundaries ...")
        results["boundaries"] = boundary_plots.measure()
        rows += boundary_plots.rows(results["boundaries"])
    cnn_wasm = results.get("cnn", {}).get("tfjs_wasm", {})
    return rows, results, cnn_wasm.get("error")


def _get(rows, workload, name):
    for w, n, s in rows:
        if w == workload and n == name:
            return s
    return None


def targets(rows):
    """[(target, measured text, met?)] for the speed and start-up targets."""
    out = []

    def ratio(label, workload, a, b, limit, strict=False):
        sa, sb = _get(rows, workload, a), _get(rows, workload, b)
        if sa is None or sb is None:
            out.append((label, "not measured", None))
            return
        r = sa / sb
        out.append(
            (label, f"{r:.2f}x ({sa:.2f} s / {sb:.2f} s)", r < limit if strict else r <= limit)
        )

    ratio(
        "CPython MLP: pynn <= 1.25x numpy loop",
        "MLP epoch",
        "CPython pynn fit",
        "CPython numpy loop",
        1.25,
    )
    ratio(
        "CPython MLP: pynn < tf.keras 2.15",
        "MLP epoch",
        "CPython pynn fit",
        "CPython tf.keras 2.15 fit",
        1.0,
        strict=True,
    )
    ratio(
        "browser MLP: pynn <= 0.75x TF.js wasm",
        "MLP epoch",
        "browser pynn fit (Pyodide)",
        "browser TF.js wasm fit",
        0.75,
    )
    ratio(
        "browser XOR: pynn <= 0.5x TF.js wasm",
        "XOR 1,500 epochs",
        "browser pynn fit (Pyodide)",
        "browser TF.js wasm fit",
        0.5,
    )
    ratio(
        "browser CNN: pynn < TF.js cpu (its best backend that trains it)",
        "CNN epoch",
        "browser pynn fit (Pyodide)",
        "browser TF.js cpu fit",
        1.0,
        strict=True,
    )
    # the compiled WebAssembly kernel (web/kernels/) against the same page with it switched off
    ratio(
        "browser GEMM 512: kernel (1 thread) >= 3x numpy einsum",
        "GEMM 512x512x512",
        "browser pynn kernel, 1 thread (Pyodide)",
        "browser numpy einsum (Pyodide)",
        1 / 3,
    )
    ratio(
        "browser CNN: kernels <= 0.35x kernels off",
        "CNN epoch",
        "browser pynn fit (Pyodide)",
        "browser pynn fit, kernels off (Pyodide)",
        0.35,
    )
    ratio(
        "browser MLP: kernels <= 0.6x kernels off",
        "MLP epoch",
        "browser pynn fit (Pyodide)",
        "browser pynn fit, kernels off (Pyodide)",
        0.6,
    )
    ratio(
        "browser MLP: pynn <= 0.5x TF.js wasm",
        "MLP epoch",
        "browser pynn fit (Pyodide)",
        "browser TF.js wasm fit",
        0.5,
    )
    ratio(
        "browser XOR: kernels unchanged (<= 1.05x kernels off)",
        "XOR 1,500 epochs",
        "browser pynn fit (Pyodide)",
        "browser pynn fit, kernels off (Pyodide)",
        1.05,
    )
    # the kernel threads, in the built playground (cross-origin isolated)
    ratio(
        "browser CNN: 2 threads' epoch <= 0.625x 1 thread's (1.6x faster)",
        "CNN epoch",
        "browser pynn fit, 2 threads (playground)",
        "browser pynn fit, 1 thread (playground)",
        0.625,
    )
    # the examples' live decision boundaries, in the built playground (bench/boundary_plots.py)
    for workload in boundary_plots.WORKLOADS.values():
        ratio(
            f"browser {workload.split(',')[0]}: live boundary <= 1.10x the last picture only",
            workload,
            "browser fit, live (playground)",
            "browser fit, last picture only (playground)",
            boundary_plots.TARGET,
        )
    xor_s = _get(rows, "XOR 1,500 epochs", "browser pynn fit (Pyodide)")
    out.append(
        (
            "browser XOR <= 3 s",
            "not measured" if xor_s is None else f"{xor_s:.2f} s",
            None if xor_s is None else xor_s <= 3.0,
        )
    )
    return out


# The sections of RESULTS.md this script writes; any other section (another benchmark's, or
# notes written by hand) is kept as it is, after them.
OWN_SECTIONS = (
    "## MLP in Pyodide under cProfile",
    "## XOR in Pyodide under cProfile",
    "## Playground start-up, where the time goes",
)


def _sections_not_written_here(path):
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as fh:
        parts = fh.read().split("\n## ")[1:]
    return [
        "## " + p.rstrip("\n") + "\n" for p in parts if not ("## " + p).startswith(OWN_SECTIONS)
    ]


def markdown(rows, checks, notes):
    lines = ["| workload | what | seconds | vs first row |", "| --- | --- | ---: | ---: |"]
    first = {}
    for workload, name, seconds in rows:
        base = first.setdefault(workload, seconds)
        shown = "n/a" if seconds is None else f"{seconds:.3f}"
        rel = "" if seconds is None or not base else f"{seconds / base:.2f}x"
        lines.append(f"| {workload} | {name} | {shown} | {rel} |")
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    for label, text, met in checks:
        lines.append(f"| {label} | {text} | {'n/a' if met is None else ('yes' if met else 'NO')} |")
    lines += [""] + [f"* {note}" for note in notes]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-cpython", action="store_true")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS}")
    parser.add_argument(
        "--no-tfjs-cnn",
        action="store_true",
        help="skip TF.js training the CNN (its cpu backend takes ~12 minutes)",
    )
    parser.add_argument("--json", help="also write the raw results (rows, browser details) here")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    rows, notes, raw = [], [], {}
    if not args.no_cpython:
        rows += cpython_rows()
    if not args.no_browser:
        browser, raw, cnn_wasm_error = browser_rows(tfjs_cnn=not args.no_tfjs_cnn)
        rows += browser
        if cnn_wasm_error:
            notes.append(
                f"TF.js wasm cannot train the CNN: `{cnn_wasm_error[:120]}`; "
                "its cpu backend is used."
            )
        boot = raw["pynn_boot"]
        notes.append(
            f"browser: Chromium {raw.get('chromium')}, TF.js {raw.get('tfjs')} "
            f"(wasm SIMD, 1 thread), Pyodide {boot['pyodide']} (Python {boot['python']}, "
            f"numpy {boot['numpy']}, no BLAS)"
        )
    if raw.get("boundaries"):
        notes.append(
            "live boundaries (playground): " + "; ".join(boundary_plots.report(raw["boundaries"]))
        )
    if raw.get("threads"):
        t = raw["threads"]
        before, after = t["load_average"]
        notes.append(
            f"kernel threads (playground, {t['cores']} cores reported, isolated: {t['isolated']}): "
            f"{t['status']}; the 2-thread CNN epochs' products: {t['cnn']['products']}; "
            f"load average {before[0]:.1f} before / {after[0]:.1f} after that part"
        )
    rows.sort(
        key=lambda r: [
            "GEMM 512x512x512",
            "MLP epoch",
            "XOR 1,500 epochs",
            "CNN epoch",
            "start-up",
            *boundary_plots.WORKLOADS.values(),
        ].index(r[0])
    )
    checks = targets(rows)
    notes.insert(
        0,
        f"one run of `python3 bench/run.py`, {started:%Y-%m-%d %H:%M} UTC, "
        f"{platform.python_implementation()} {platform.python_version()}, numpy "
        f"{np.__version__}, {os.cpu_count()} cores, load average "
        f"{load_before[0]:.1f} before / {os.getloadavg()[0]:.1f} after",
    )
    text = markdown(rows, checks, notes)
    print(text)
    for key in ("profile_mlp", "profile_xor"):
        if key in raw:
            print(f"{key} (Pyodide): {raw[key]['seconds']:.3f} s for {raw[key]['steps']} steps")
            print(raw[key]["profile"])
    if not args.no_write:
        kept = _sections_not_written_here(RESULTS)
        with open(RESULTS, "w") as fh:
            fh.write(
                "# Benchmark results\n\nWritten by `python3 bench/run.py` (see its docstring "
                "for how each number is measured).\n\n" + text
            )
            for key in ("profile_mlp", "profile_xor"):
                if key in raw:
                    fh.write(
                        f"\n## {key[8:].upper()} in Pyodide under cProfile: "
                        f"{raw[key]['seconds']:.3f} s for {raw[key]['steps']} steps\n\n```\n"
                        + raw[key]["profile"].strip()
                        + "\n```\n"
                    )
            if "page_ready" in raw:
                fh.write(
                    "\n## Playground start-up, where the time goes (`bench/page_ready.py "
                    "--runs 1 --stages`)\n\n```\n" + raw["page_ready"].strip() + "\n```\n"
                )
            for section in kept:
                fh.write("\n" + section)
        if raw.get("threads"):
            threads_bench().write_results(raw["threads"])  # its section, from this run
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"rows": rows, "browser": raw}, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
