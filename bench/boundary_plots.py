"""What redrawing the decision boundary during fit costs in the playground: the XOR and
two-moons examples, each trained with its boundary callback and without it (the same program
with `callbacks=[]`), runs interleaved, timed by the programs themselves ("trained N epochs in
X s", Python's clock inside the page), and the share of the training the callback itself spent
drawing (the examples print it). Target: with/without <= 1.10 (issue: "training speed stays
within 10%"). On a loaded 2-core machine the page's main thread decoding each new picture
competes with Python for a core, so the end-to-end ratio is noisy there; the drawing share is
what the callback controls.

    python3 bench/boundary_plots.py [--runs 3]

Needs dist/ (bash build.sh) and Debian's Chromium."""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys

from common import CHROMIUM_ARGS, ROOT

DIST = os.path.join(ROOT, "dist")
TARGET = 1.10
EXAMPLES = {"xor": "xor.py", "two-moons": "two_moons_boundary.py"}
TRAINED = re.compile(r"trained \d+ epochs in ([\d.]+) s, boundary drawn (\d+) times in ([\d.]+) s")


def program(name, with_boundary):
    with open(os.path.join(ROOT, "web", "examples", EXAMPLES[name]), encoding="utf-8") as f:
        code = f.read()
    if not with_boundary:
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("boundary_plots: dist/ is missing; run `bash build.sh` first")

    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tools", "serve.py"), "--dir", DIST, "--port", "0"]
        + ["--quiet"],
        stdout=subprocess.PIPE,
        text=True,
    )
    times = {(name, w): [] for name in EXAMPLES for w in (True, False)}
    draws = {name: [] for name in EXAMPLES}
    shares = {name: [] for name in EXAMPLES}  # the program's own drawing time / training time
    try:
        url = server.stdout.readline().split(" at ", 1)[1].split()[0]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]", timeout=300_000)
            for name in EXAMPLES:
                run(page, program(name, False))  # warm-up: first imports, kernels, matplotlib
                for _ in range(args.runs):
                    for with_boundary in (True, False):
                        seconds, drawn, drawing = run(page, program(name, with_boundary))
                        times[(name, with_boundary)].append(seconds)
                        if with_boundary:
                            draws[name].append(drawn)
                            shares[name].append(drawing / seconds)
            browser.close()
    finally:
        server.terminate()
        server.wait()

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average: {load} on {os.cpu_count()} cores; {args.runs} runs each, interleaved")
    results = {}
    for name in EXAMPLES:
        with_s = statistics.median(times[(name, True)])
        without_s = statistics.median(times[(name, False)])
        ratio = with_s / without_s
        results[name] = {"with_s": times[(name, True)], "without_s": times[(name, False)]}
        verdict = "ok" if ratio <= TARGET else f"ABOVE the {TARGET:.2f} target"
        print(
            f"{name}: training {with_s:.2f} s with the boundary redrawn "
            f"({statistics.median(draws[name]):.0f} draws taking "
            f"{100 * statistics.median(shares[name]):.1f}% of it), {without_s:.2f} s without: "
            f"{ratio:.3f}x ({verdict})"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
