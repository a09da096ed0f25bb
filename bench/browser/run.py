"""pynn in Pyodide vs TensorFlow.js, side by side in the same headless Chromium run.

    python3 bench/browser/run.py [--only gemm,xor,mlp,cnn] [--no-tfjs-cnn] [--profile] [--json out.json]

The page (bench/browser/index.html) loads the playground's Pyodide (web/node_modules, as
build.sh) and numpy wheel (the wheelhouse), a pynn archive zipped from the working tree,
and TensorFlow.js 4.22 from bench/browser/node_modules (npm, bundled by esbuild into
bench/browser/build/ with its .wasm files next to it: nothing comes from a CDN). Both run on
the page's main thread, one after the other, each timing `fit` with performance.now()
(pynn: time.perf_counter, which is the same clock in Pyodide). The page is served without
COOP/COEP, so TF.js's wasm backend runs its SIMD build on one thread, like pynn.

pynn runs each workload twice: with the playground's compiled WebAssembly kernel (web/kernels/,
built here with web/kernels/build.sh and installed as the worker does; one thread) and with it
switched off (numpy's einsum, the path before the kernel). `gemm` times a 512x512x512 float32
product both ways. Workloads (as bench/xor.py, bench/mlp.py, bench/cnn.py): XOR 2-4-1 sigmoid SGD 0.1 MSE batch 1
1,500 epochs; MNIST MLP 784-64-64-10 adam batch 32, one epoch of 10,000 samples (best of 2);
the tutorial CNN, 1,000 samples batch 32, one epoch: TF.js's wasm backend has no
Conv2DBackpropFilter kernel, so TF.js trains it on its cpu backend (the wasm attempt is
reported). `--profile` adds a cProfile of pynn's MLP epoch and XOR steps inside Pyodide.
"""

import argparse
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))  # bench/: chromium.py

from chromium import CHROMIUM_ARGS  # noqa: E402  (after the path it is found on)

BUILD = os.path.join(HERE, "build")
WASM_DIR = os.path.join(HERE, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist")


def build():
    """node_modules (npm), the TF.js bundle and its wasm files, Pyodide and a fresh pynn wheel."""
    with open(os.path.join(ROOT, "site.config.json")) as fh:
        config = json.load(fh)["pyodide"]
    pyodide_dir = os.path.join(BUILD, "pyodide")
    os.makedirs(pyodide_dir, exist_ok=True)
    npm_pyodide = os.path.join(ROOT, "web", "node_modules", "pyodide")
    numpy_file = config["packages"]["numpy"]["file"]
    numpy_wheel = os.path.join(
        os.path.expanduser(os.environ.get("PYNN_WHEELHOUSE", "~/.cache/pynn/wheelhouse")),
        numpy_file,
    )
    # (pyodide.mjs, the loader, is bundled into the playground's worker, so it is not in the config's list)
    files = sorted(set(config["files"]) | {"pyodide.mjs"})
    for source in [os.path.join(npm_pyodide, f) for f in files] + [numpy_wheel]:
        if not os.path.isfile(source):
            sys.exit(
                f"bench/browser: {source} is missing (run `bash build.sh` once: it installs "
                "web/node_modules and the numpy wheel)"
            )
        shutil.copy(source, pyodide_dir)
    if not os.path.isdir(os.path.join(HERE, "node_modules", "@tensorflow", "tfjs")):
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
        )
    os.makedirs(BUILD, exist_ok=True)
    subprocess.run(
        ["bash", os.path.join(ROOT, "web", "kernels", "build.sh"), os.path.join(BUILD, "kernels")],
        check=True,
    )
    for path in glob.glob(os.path.join(WASM_DIR, "*.wasm")):
        shutil.copy(path, BUILD)
    bundle = os.path.join(BUILD, "tfjs_bench.js")
    source = os.path.join(HERE, "tfjs_bench.js")
    if not os.path.exists(bundle) or os.path.getmtime(bundle) < os.path.getmtime(source):
        subprocess.run(
            [
                os.path.join(HERE, "node_modules", ".bin", "esbuild"),
                source,
                "--bundle",
                "--minify",
                "--format=iife",
                "--log-level=error",
                f"--outfile={bundle}",
            ],
            check=True,
        )
    # The pynn package of the working tree as a zip Pyodide unpacks into site-packages (what
    # build.sh's wheel holds, minus the metadata, which importing does not need).
    wheel = os.path.join(BUILD, "pynn-0.0.0-py3-none-any.whl")
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, dirs, files in os.walk(os.path.join(ROOT, "pynn")):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in files:
                if not name.endswith((".pyc", ".pyo")):
                    path = os.path.join(folder, name)
                    archive.write(path, os.path.relpath(path, ROOT))
    return os.path.basename(wheel)


def _server():
    spec = importlib.util.spec_from_file_location(
        "pynn_serve", os.path.join(ROOT, "tools", "serve.py")
    )
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)

    # no isolation (no SharedArrayBuffer): TF.js wasm runs single-threaded, as pynn here
    httpd = serve.make_server(ROOT, port=0, quiet=True, isolation=False)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/bench/browser/index.html"


def _log(*args):
    print(*args, file=sys.stderr, flush=True)


def measure(
    only=("gemm", "xor", "mlp", "cnn"),
    profile=False,
    numpy_rows=True,
    tfjs_cnn=True,
    chromium="/usr/bin/chromium",
):
    """Run the page; returns a dict of results (seconds, backends, versions, profiles)."""
    wheel = build()
    from playwright.sync_api import sync_playwright

    httpd, url = _server()
    out = {"load_average": os.getloadavg(), "cores": os.cpu_count()}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.set_default_timeout(0)
            page.on("console", lambda msg: msg.type == "error" and _log("page:", msg.text))
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]")
            out["chromium"] = browser.version
            out["tfjs"] = page.evaluate("tfBench.version")
            out["pynn_boot"] = page.evaluate("(w) => pynnBench.boot(w)", wheel)
            _log("booted", out["pynn_boot"])

            def py(call):
                start = time.perf_counter()
                result = json.loads(
                    page.evaluate(
                        "(c) => pynnBench.run(`import pyodide_steps\nresult = pyodide_steps.${c}`)",
                        call,
                    )
                )
                _log(
                    f"pynn {call}: {result if not isinstance(result, dict) else result.get('seconds', result)}"
                    f" ({time.perf_counter() - start:.1f} s wall)"
                )
                return result

            def tfjs(workload, backend, options=None):
                result = page.evaluate(
                    "([w, b, o]) => tfBench.run(w, b, o)", [workload, backend, options or {}]
                )
                _log(f"tfjs {workload} {backend}: {result}")
                return result

            if "gemm" in only:
                out["gemm"] = py("gemm()")
            if "xor" in only:
                # on, off, off, on: the page's first XOR runs slower (warm-up), whichever it is
                out["xor"] = {"pynn": py("xor()"), "pynn_off": py("xor(kernels=False)")}
                out["xor"]["pynn_off"] += py("xor(kernels=False)")
                out["xor"]["pynn"] += py("xor()")
                out["xor"]["tfjs_wasm"] = tfjs("xor", "wasm")
                if numpy_rows:
                    out["xor"]["numpy"] = py("xor_numpy()")
            if "mlp" in only:
                out["mlp"] = {
                    "pynn": py("mlp()"),
                    "pynn_off": py("mlp(kernels=False)"),
                    "tfjs_wasm": tfjs("mlp", "wasm"),
                }
                if numpy_rows:
                    out["mlp"]["numpy"] = py("mlp_numpy()")
            if "cnn" in only:
                out["cnn"] = {"pynn": py("cnn()"), "pynn_off": py("cnn(kernels=False)")}
                if tfjs_cnn:
                    out["cnn"].update(
                        tfjs_wasm=tfjs("cnn", "wasm", {"n": 64}), tfjs_cpu=tfjs("cnn", "cpu")
                    )
            if profile:
                out["profile_mlp"] = py("profile('mlp')")
                out["profile_xor"] = py("profile('xor')")
            browser.close()
    finally:
        httpd.shutdown()
    return out


def best(entry):
    """Fastest time of a result entry (a list of seconds or a TF.js info dict), or None."""
    if isinstance(entry, dict):
        entry = entry.get("seconds")
    return min(entry) if entry else None


def rows(results):
    """[(workload, name, seconds)] for the table."""
    table = []
    if results.get("gemm"):
        table += [
            ("gemm", "numpy einsum (Pyodide)", best(results["gemm"]["einsum"])),
            ("gemm", "pynn kernel, 1 thread (Pyodide)", best(results["gemm"]["kernel"])),
        ]
    for workload in ("xor", "mlp", "cnn"):
        entry = results.get(workload)
        if not entry:
            continue
        for key, name in (
            ("pynn_off", "pynn fit, kernels off (Pyodide)"),
            ("pynn", "pynn fit (Pyodide)"),
            ("numpy", "numpy loop (Pyodide)"),
            ("tfjs_wasm", "TF.js wasm fit"),
            ("tfjs_cpu", "TF.js cpu fit"),
        ):
            if key in entry:
                table.append((workload, name, best(entry[key])))
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="gemm,xor,mlp,cnn", help="comma-separated workloads")
    parser.add_argument(
        "--no-tfjs-cnn",
        action="store_true",
        help="skip TF.js on the CNN (its cpu backend takes ~12 minutes)",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile pynn inside Pyodide")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    results = measure(
        tuple(args.only.split(",")),
        profile=args.profile,
        tfjs_cnn=not args.no_tfjs_cnn,
        chromium=args.chromium,
    )
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    for workload, name, seconds in rows(results):
        shown = "n/a" if seconds is None else f"{seconds:.3f}"
        print(f"{workload:5s} {name:32s} {shown:>9s}")
    for key in ("profile_mlp", "profile_xor"):
        if key in results:
            print(f"\n{key}: {results[key]['seconds']:.3f} s for {results[key]['steps']} steps")
            print(results[key]["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
