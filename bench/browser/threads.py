"""The kernel threads in the playground: 1 thread against 2, in the same page and the same run.

    python3 bench/browser/threads.py [--json out.json] [--write] [--profile]

`--write` puts the figures into bench/RESULTS.md as its "Kernel threads" section (bench/run.py
also runs this and puts the rows into its table).

Opens the built playground (dist/, from `bash build.sh`) in headless Chromium, served by
tools/serve.py with the cross-origin isolation headers, so the worker has its kernel threads
(web/src/worker/kernel-pool.js), and runs one program through the editor and Run:

* GEMM 512: a float32 (512 x 512) @ (512 x 512) by numpy's einsum, by pynn's kernel on 1
  thread (in place, no copy), on 2 threads as pynn uses them (operands copied into the threads'
  shared memory and the product back; a kind of product whose measured speed-up is below 1.1x
  rests on one thread for a while) and on 2 threads forced (gemm.THREADS_ADAPTIVE = False:
  every product on the threads), taking turns, the best of 9 each;
* the tutorial CNN epoch (bench/cnn.py: Conv2D 32, Conv2D 64, Dense 128, Dense 10, 1,000 MNIST
  samples, batch 32, adam; a fresh model's first epoch, as bench/browser/run.py times it) the
  same three ways, in the order 1, 2, forced, forced, 2, 1, the best of 2 each; with how many of
  the products ran on the threads and how many were declined while resting.

`--profile` adds where one more epoch's time goes, on 1 thread, on 2 threads as pynn uses
them and on 2 threads forced: each convolution's forward and backward pass
(pynn.ops.conv_kernels), each kind of product (gemm.matmul), Adam's kernel, the gradient through
the conv layers' bias and relu, and the rest (the loss, small ops, Python), timed by wrapping
those functions in the page, with how many of each part's calls went to the threads. From
these it gives the ceiling of the 2-thread speed-up (Amdahl: the parts that never reach the
threads, even forced, stay as they are; every other part at most as much faster as the best
that GEMM 512 or a threaded part reached in the run; and with the copies shared out perfectly),
and, from pynn.ops.gemm.thread_times, where the threaded
calls' time went: copies in and back, this thread's part, waiting, the kernel worker's part.

The threads need a second core that is free: on a shared machine, run it when the load is low
(the load average is reported before and after).
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DIST = os.path.join(ROOT, "dist")


def _browser_bench():
    """bench/browser/run.py (its Chromium flags), loaded by path as bench/run.py loads it."""
    spec = importlib.util.spec_from_file_location("bench_browser", os.path.join(HERE, "run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The program the page runs: bench/common.py and bench/cnn.py are written into the working
# folder (their text is inlined below) and imported from there.
PROGRAM = r"""
import json, sys, time
for name, text in FILES.items():
    with open(name, "w") as f:
        f.write(text)
sys.path.insert(0, ".")
import numpy as np
from pynn.ops import gemm
import cnn
from common import best_of_each, mnist_like

out = {"status": gemm.kernel_status(), "threads": gemm.kernel_threads()}
rng = np.random.default_rng(0)
a = rng.standard_normal((512, 512)).astype(np.float32)
b = rng.standard_normal((512, 512)).astype(np.float32)
bt = np.ascontiguousarray(b.T)

# (threads, adaptive): 1 thread; 2 threads as pynn uses them (a kind of product that does not
# gain rests); 2 threads forced (every product that can be split is, whatever it gains).
SETTINGS = {"one": (1, True), "two": (2, True), "forced": (2, False)}

def use(name):
    threads, adaptive = SETTINGS[name]
    gemm.set_threads(threads)
    gemm.THREADS_ADAPTIVE = adaptive

def on(name, fn):
    def timed():
        use(name)
        fn()
    return timed

product = lambda: gemm.matmul(a, b)
out["gemm"] = dict(zip(["einsum", "one", "two", "forced"], best_of_each(
    [lambda: np.einsum("mk,nk->mn", a, bt), on("one", product), on("two", product),
     on("forced", product)], repeat=9)))
exact = a.astype(np.float64) @ b.astype(np.float64)
use("forced")
out["gemm"]["error"] = float(np.max(np.abs(gemm.matmul(a, b) - exact)) / np.max(np.abs(exact)))

x, y = mnist_like(cnn.N, flat=False)
epochs = {name: [] for name in SETTINGS}
products = {}
for name in ("one", "two", "forced", "forced", "two", "one"):
    use(name)
    epoch = cnn.pynn_epoch(x, y)
    before = gemm.thread_stats()
    start = time.perf_counter()
    epoch()
    epochs[name].append(time.perf_counter() - start)
    after = gemm.thread_stats()
    for key in after:
        products.setdefault(name, {}).setdefault(key, 0)
        products[name][key] += after[key] - before[key]
if PROFILE:  # one more epoch each, its parts timed by wrapping the functions that do the work
    from pynn.ops import conv_kernels
    parts = {}
    def threaded():
        stats = gemm.thread_stats()
        return stats["threaded"] if stats else 0
    def timed(module, name, key):
        original = getattr(module, name)
        def wrapper(*args, **options):
            before = threaded()
            start = time.perf_counter()
            result = original(*args, **options)
            seconds = time.perf_counter() - start
            entry = parts.setdefault(key(*args), [0, 0.0, 0])
            entry[0] += 1
            entry[1] += seconds
            entry[2] += threaded() - before  # its calls that went to the kernel threads
            return result
        setattr(module, name, wrapper)
        return original
    def product(a, b):
        t = ("" if a.strides[0] >= a.strides[1] else "T") + ("" if b.strides[0] >= b.strides[1] else "T")
        return f"product {a.shape[0]}x{a.shape[1]} @ {b.shape[0]}x{b.shape[1]}{' (' + t + ')' if t else ''}"
    shape = lambda k: "x".join(map(str, k.shape))
    originals = [
        (gemm, "matmul", timed(gemm, "matmul", product)),
        (gemm, "adam_update", timed(gemm, "adam_update", lambda *a: "Adam update (kernel)")),
        (conv_kernels, "forward", timed(conv_kernels, "forward", lambda x, k, *a: f"conv {shape(k)} forward")),
        (conv_kernels, "backward", timed(conv_kernels, "backward", lambda x, k, *a: f"conv {shape(k)} backward")),
        (conv_kernels, "bias_relu_grad", timed(conv_kernels, "bias_relu_grad", lambda *a: "conv layers' bias and relu gradient")),
    ]
    out["profile"] = {}
    for name in ("one", "two", "forced"):
        use(name)
        epoch = cnn.pynn_epoch(x, y)
        epoch()  # the pool learns this model's kinds of calls
        parts.clear()
        times = gemm.thread_times()
        start = time.perf_counter()
        epoch()
        seconds = time.perf_counter() - start
        after = gemm.thread_times()
        out["profile"][name] = {
            "epoch": seconds,
            "parts": {k: list(v) for k, v in parts.items()},
            # where the threaded calls' time went (pynn.ops.gemm.thread_times), this epoch's
            "times": {
                label: {key: value - times.get(label, {}).get(key, 0) for key, value in t.items()}
                for label, t in after.items()
                if t["calls"] > times.get(label, {}).get("calls", 0)
            },
        }
    for module, name, original in originals:
        setattr(module, name, original)
use("two")
gemm.set_threads(None)
out["cnn"] = {**epochs, "products": products}
print("BENCH " + json.dumps(out))
"""


def _program(profile=False):
    files = {}
    for name in ("common.py", "cnn.py"):
        with open(os.path.join(ROOT, "bench", name), encoding="utf-8") as f:
            files[name] = f.read()
    return f"FILES = {files!r}\nPROFILE = {profile!r}\n{PROGRAM}"


def _serve():
    process = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tools", "serve.py"), "--dir", DIST, "--port", "0"]
        + ["--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()
    if "http://" not in line:
        process.terminate()
        sys.exit(f"bench/browser/threads.py: tools/serve.py did not start: {line}")
    return process, line.split(" at ", 1)[1].split()[0]


def measure(chromium="/usr/bin/chromium", profile=False):
    """Run the program in the playground; returns its results with the load and the browser."""
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("bench/browser/threads.py: dist/ is missing (run `bash build.sh` first)")
    from playwright.sync_api import sync_playwright

    process, url = _serve()
    load_before = os.getloadavg()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=_browser_bench().CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.set_default_timeout(600_000)
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]")
            isolated = page.evaluate("crossOriginIsolated")
            cores = page.evaluate("navigator.hardwareConcurrency")
            page.locator(".cm-content").click()
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.press("Delete")
            page.keyboard.insert_text(_program(profile))
            started = time.perf_counter()
            page.get_by_role("button", name="Run", exact=True).click()
            page.wait_for_function("() => Number(document.body.dataset.runs || 0) > 0")
            text = page.get_by_role("log", name="Output").inner_text()
            version = browser.version
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    line = next((ln for ln in text.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        sys.exit(f"bench/browser/threads.py: the program failed:\n{text[-3000:]}")
    out = json.loads(line[len("BENCH ") :])
    out.update(
        isolated=isolated,
        cores=cores,
        chromium=version,
        seconds=time.perf_counter() - started,
        load_average=[load_before, os.getloadavg()],
    )
    return out


def rows(results):
    """[(workload, name, seconds)] for bench/run.py's table."""
    gemm, cnn = results["gemm"], results["cnn"]
    return [
        ("gemm", "pynn kernel, 1 thread (playground)", gemm["one"]),
        ("gemm", "pynn kernel, 2 threads (playground)", gemm["two"]),
        ("gemm", "pynn kernel, 2 threads forced (playground)", gemm["forced"]),
        ("cnn", "pynn fit, 1 thread (playground)", min(cnn["one"])),
        ("cnn", "pynn fit, 2 threads (playground)", min(cnn["two"])),
        ("cnn", "pynn fit, 2 threads forced (playground)", min(cnn["forced"])),
    ]


SECTION = "## Kernel threads in the playground (bench/browser/threads.py)"


def report(results):
    """The figures as Markdown lines."""
    gemm, cnn = results["gemm"], results["cnn"]
    best = {name: min(cnn[name]) for name in ("one", "two", "forced")}
    before, after = results["load_average"]

    def each(seconds):
        return ", ".join(f"{s:.2f}" for s in seconds)

    def used(name):
        p = cnn["products"][name]
        return f"{p['threaded']} threaded, {p['declined']} declined, {p['rests']} rests"

    return [
        f"`{results['status']}`; cross-origin isolated: {results['isolated']}, "
        f"{results['cores']} cores reported; Chromium {results['chromium']}; "
        f"load average {before[0]:.2f} before, {after[0]:.2f} after (2 cores).",
        "",
        "| workload | 1 thread | 2 threads | vs 1 | 2 threads forced | vs 1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| GEMM 512x512x512, best of 9 (numpy einsum {gemm['einsum'] * 1e3:.2f} ms) | "
        f"{gemm['one'] * 1e3:.2f} ms | {gemm['two'] * 1e3:.2f} ms | "
        f"{gemm['one'] / gemm['two']:.2f}x | {gemm['forced'] * 1e3:.2f} ms | "
        f"{gemm['one'] / gemm['forced']:.2f}x |",
        f"| tutorial CNN epoch, best of 2 | {best['one']:.2f} s | {best['two']:.2f} s | "
        f"{best['one'] / best['two']:.2f}x | {best['forced']:.2f} s | "
        f"{best['one'] / best['forced']:.2f}x |",
        "",
        f"CNN epochs, each: 1 thread {each(cnn['one'])} s; 2 threads {each(cnn['two'])} s "
        f"({used('two')}); forced {each(cnn['forced'])} s ({used('forced')}). "
        f"GEMM's largest error on 2 threads: {gemm['error']:.1e} of the largest value. "
        f"Target: the CNN epoch >= 1.6x faster on 2 threads: "
        f"{'met' if best['one'] / best['two'] >= 1.6 else 'NOT met'} in this run "
        f"({best['one'] / best['two']:.2f}x).",
        *profile_report(results.get("profile"), gemm),
    ]


def profile_report(profile, gemm=None):
    """Where one epoch's time goes on 1 and on 2 threads, the ceiling it allows and where the
    threaded calls' time went, as Markdown lines ([] without a profile). ``gemm``: the GEMM 512
    times of the same run (a best speed-up of one call, for the ceiling)."""
    if not profile:
        return []
    one, two = profile["one"], profile["two"]
    forced = profile.get("forced")
    keys = sorted(
        set(one["parts"]) | set(two["parts"]), key=lambda k: -one["parts"].get(k, [0, 0])[1]
    )
    lines = [
        "",
        "Where one more epoch's time goes (`--profile`: the functions doing the work, wrapped and "
        f"timed in the page): 1 thread {one['epoch']:.2f} s, 2 threads {two['epoch']:.2f} s "
        f"({one['epoch'] / two['epoch']:.2f}x).",
        "",
        "| part of the epoch | calls | 1 thread | share | 2 threads | vs 1 |"
        + (" on the threads when forced |" if forced else ""),
        "| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if forced else ""),
    ]
    rest = [one["epoch"], two["epoch"]]
    # the parts no call of which went to the threads even when forced (small: those under 0.01 s)
    serial, serial_names, small = 0.0, [], 0
    threaded = []  # (name, 1 thread, 2 threads, copies) of the parts some call of which did
    for key in keys:
        calls, a = one["parts"].get(key, [0, 0.0])[:2]
        b = two["parts"].get(key, [0, 0.0])[1]
        rest = [rest[0] - a, rest[1] - b]
        on_threads = forced["parts"].get(key, [0, 0.0, 0])[2] if forced else None
        if forced and not on_threads:
            serial += a
            if a < 0.01 and b < 0.01:
                small += 1
            else:
                serial_names.append(key)
        elif forced:
            t = (forced.get("times") or {}).get(key, {})
            threaded.append((key, a, b, (t.get("copyInMs", 0) + t.get("copyBackMs", 0)) / 1e3))
        if a < 0.01 and b < 0.01:
            continue
        lines.append(
            f"| {key} | {calls} | {a:.3f} s | {a / one['epoch']:.0%} | {b:.3f} s | "
            f"{a / b if b else float('inf'):.2f}x |"
            + (f" {on_threads} of {forced['parts'].get(key, [0])[0]} |" if forced else "")
        )
    lines.append(
        f"| everything else (loss, small ops, the optimizer's other steps, Python; parts under "
        f"0.01 s) | | {rest[0]:.3f} s | {rest[0] / one['epoch']:.0%} | {rest[1]:.3f} s | "
        f"{rest[0] / rest[1]:.2f}x |" + (" 0 |" if forced else "")
    )
    if forced and gemm:
        serial += rest[0]
        share = serial / one["epoch"]
        # the best speed-up on 2 threads of one call (GEMM 512) or of a threaded part
        reached = {"GEMM 512": max(gemm["one"] / gemm["two"], gemm["one"] / gemm["forced"])}
        reached.update((key, a / b) for key, a, b, _ in threaded if a >= 0.01 and b > 0)
        name, best = max(reached.items(), key=lambda kv: kv[1])

        def ceiling(speedup):
            return 1 / (share + (1 - share) / speedup)

        needed = (
            f"needs every other part {(1 - share) / (1 / 1.6 - share):.2f}x faster on 2 threads"
            if share < 1 / 1.6
            else "is out of reach whatever the other parts gain"
        )
        # Only this thread can read Pyodide's memory: the copies are its time. At best the
        # threads share a part's computing and its copies equally: (1 thread + copies) / 2.
        copied = sum(copies for *_, copies in threaded)
        bound = serial + sum(min(a, (a + copies) / 2) for _, a, _, copies in threaded)
        lines += [
            "",
            f"Ceiling of this design here (Amdahl): the parts no call of which went to the "
            f"threads even when forced ({', '.join(serial_names + [f'{small} smaller ones'] * bool(small))} "
            f"and everything else) took {serial:.2f} s, {share:.0%} of the 1-thread epoch. "
            f"With every other part exactly 2x faster the epoch would be at most "
            f"{ceiling(2):.2f}x faster than on 1 thread; at the best speed-up that one call or "
            f"part reached in this run ({name}, {best:.2f}x), {ceiling(best):.2f}x. The target, "
            f"1.6x, {needed}. Only this thread can read Pyodide's memory, so the copies "
            f"to and from the kernel threads' memory ({copied:.2f} s in the forced epoch) are "
            f"its time: were every threaded part's computing and copies shared out exactly "
            f"equally between the 2 threads, with neither slowed by the other, the epoch would "
            f"be at most {one['epoch'] / bound:.2f}x faster.",
        ]
    if forced and forced.get("times"):
        lines += [
            "",
            "Where the threaded calls' time went, 2 threads forced (`pynn.ops.gemm.thread_times`, "
            "milliseconds per call): copying the operands into the threads' memory, this "
            "thread's part, waiting for the kernel worker after it, copying its results back; "
            "and the kernel worker's own computing.",
            "",
            "| call | calls | copy in | this thread | wait | copy back | kernel worker |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, t in sorted(forced["times"].items(), key=lambda kv: -kv[1]["oursMs"]):
            n = t["calls"]
            lines.append(
                f"| {label} | {n:.0f} | {t['copyInMs'] / n:.2f} | {t['oursMs'] / n:.2f} | "
                f"{t['waitMs'] / n:.2f} | {t['copyBackMs'] / n:.2f} | {t['workersMs'] / n:.2f} |"
            )
    return lines


def write_results(results):
    """Replaces (or adds) the section of bench/RESULTS.md."""
    path = os.path.join(ROOT, "bench", "RESULTS.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    section = "\n".join([SECTION, "", *report(results)]) + "\n"
    if SECTION in text:
        start = text.index(SECTION)
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("" if end < 0 else text[end:])
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--write", action="store_true", help="put the figures in bench/RESULTS.md")
    parser.add_argument("--profile", action="store_true", help="also time the epoch's parts")
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    results = measure(args.chromium, args.profile)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    print("\n".join(report(results)))
    if args.write:
        write_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
