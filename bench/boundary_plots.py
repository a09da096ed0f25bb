"""What redrawing the decision boundary during fit costs in the playground: the XOR and
two-moons examples run three ways, interleaved, each timed by the program itself ("trained N
epochs in X s", Python's clock inside the page, around `fit`):
  * live: as written, the boundary redrawn during fit and once when fit ends;
  * last picture only: the same callback with live redrawing off (`boundary.every = inf`): only
    the picture drawn when fit ends, which the student also waits for;
  * no picture: `callbacks=[]`.
Target (issue: "training speed stays within 10%"): live / last picture only <= 1.10. Both
end with the same picture on the screen, so this is what redrawing during training adds to
what the student waits for. live / no picture (also printed) adds the last picture's own cost,
which a training of a third of a second (two moons) feels: ~10 ms is 3-4% of it. The drawing
share (the program's own drawing time / its training time) is what the callback's budget (5%
for the redrawing during training, plus the last picture) controls. The page's main thread
decodes each new picture while Python trains, so on a loaded 2-core machine the end-to-end
ratios are noisier than the share.

    python3 bench/boundary_plots.py [--runs 7]

Needs dist/ (bash build.sh) and Debian's Chromium. bench/run.py runs it too (when dist/ is
built) and puts the medians and the targets in its table."""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys

from chromium import CHROMIUM_ARGS
from common import ROOT

DIST = os.path.join(ROOT, "dist")
TARGET = 1.10
EXAMPLES = {"xor": "xor.py", "two-moons": "two_moons_boundary.py"}
TRAINED = re.compile(r"trained \d+ epochs in ([\d.]+) s, boundary drawn (\d+) times in ([\d.]+) s")


VARIANTS = ("live", "last picture only", "no picture")


def program(name, variant):
    with open(os.path.join(ROOT, "web", "examples", EXAMPLES[name]), encoding="utf-8") as f:
        code = f.read()
    # the programs print their times to 0.01 s; the bench reads them to 0.0001 s
    code, count = re.subn(r"(perf_counter\(\) - started|boundary\.seconds):\.2f", r"\1:.4f", code)
    assert count == 2, name
    if variant == "last picture only":
        code, count = re.subn(
            r"^( *)(boundary = BoundaryPlot\(.*\))$",
            r"\1\2\n\1boundary.every = float('inf')",
            code,
            flags=re.MULTILINE,
        )
        assert count == 1, name
    elif variant == "no picture":
        code, count = re.subn(r"callbacks=\[boundary\]", "callbacks=[]", code)
        assert count == 1, name
    return code


def run(page, code):
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    before = int(page.evaluate("Number(document.body.dataset.runs || 0)"))
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function(
        "n => Number(document.body.dataset.runs || 0) > n", arg=before, timeout=600_000
    )
    page.wait_for_selector("body[data-state=ready]", timeout=600_000)
    match = TRAINED.search(page.locator("#output").inner_text())
    assert match, page.locator("#output").inner_text()[-2000:]
    return float(match.group(1)), int(match.group(2)), float(match.group(3))


def measure(runs=7, chromium="/usr/bin/chromium"):
    """Each example `runs` times each way in one page; returns the times, drawings and load."""
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("boundary_plots: dist/ is missing; run `bash build.sh` first")
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tools", "serve.py"), "--dir", DIST, "--port", "0"]
        + ["--quiet"],
        stdout=subprocess.PIPE,
        text=True,
    )
    results = {name: {v: [] for v in (*VARIANTS, "drawings", "share")} for name in EXAMPLES}
    load_before = os.getloadavg()
    try:
        url = server.stdout.readline().split(" at ", 1)[1].split()[0]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]", timeout=300_000)
            for name, result in results.items():
                run(page, program(name, "live"))  # warm-up: first imports, kernels, matplotlib
                for _ in range(runs):
                    for variant in VARIANTS:
                        seconds, drawn, drawing = run(page, program(name, variant))
                        result[variant].append(seconds)
                        if variant == "live":
                            result["drawings"].append(drawn)
                            result["share"].append(drawing / seconds)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return {"examples": results, "runs": runs, "load": [load_before, os.getloadavg()]}


WORKLOADS = {
    "xor": "XOR example, 400 epochs, live boundary",
    "two-moons": "two-moons example, 60 epochs, live boundary",
}


def rows(results):
    """[(workload, name, median seconds)] for bench/run.py's table."""
    return [
        (WORKLOADS[name], f"browser fit, {variant} (playground)", statistics.median(times[variant]))
        for name, times in results["examples"].items()
        for variant in reversed(VARIANTS)
    ]


def report(results):
    (before, *_), (after, *_) = results["load"]
    lines = [
        f"load average {before:.1f} before / {after:.1f} after; {os.cpu_count()} cores; "
        f"{results['runs']} runs each way, interleaved; medians"
    ]
    for name, times in results["examples"].items():
        live, last, none = (statistics.median(times[v]) for v in VARIANTS)
        ratio = live / last
        verdict = "ok" if ratio <= TARGET else f"ABOVE the {TARGET:.2f} target"
        lines.append(
            f"{name}: training {live:.3f} s with the boundary redrawn live "
            f"({statistics.median(times['drawings']):.0f} drawings taking "
            f"{100 * statistics.median(times['share']):.1f}% of it), {last:.3f} s with the "
            f"last picture only, {none:.3f} s with no picture: live / last picture only "
            f"{ratio:.3f}x ({verdict}); live / no picture {live / none:.3f}x"
        )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    results = measure(args.runs, args.chromium)
    print("\n".join(report(results)))
    print(json.dumps(results["examples"]))


if __name__ == "__main__":
    main()
