"""Playground start-up: page open -> ready to run (cold and warm), and the page's own size.

    python3 bench/page_ready.py [--runs 3]

* cold: a fresh browser context (no HTTP cache, no service worker): everything is
  downloaded, Pyodide compiled and started, numpy and pynn imported.
* warm: a reload in the same context (service worker and caches in place).
"Ready" is when the page enables Run: Python is up with numpy, pynn and the
tensorflow/keras shim imported. The time is the page's own clock (performance.now()
at ready, from navigation start). Needs dist/ (bash build.sh) and Debian's Chromium.

Targets: warm <= 3 s on this machine; the page's own JS+CSS <= 1 MB
(app.js, app.css, worker.js, sw.js; Pyodide and the wheels excluded).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")
PAGE_FILES = ("app.js", "app.css", "worker.js", "sw.js")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WARM_TARGET_S = 3.0
SIZE_TARGET_BYTES = 1024 * 1024


def page_bytes():
    return {name: os.path.getsize(os.path.join(DIST, name)) for name in PAGE_FILES}


def ready_seconds(page, url, stages, reload=False):
    if reload:
        page.reload()
    else:
        page.goto(url)
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)
    stages.append(json.loads(page.evaluate("document.body.dataset.bootTimings")))
    stages[-1]["startup"] = page.evaluate("document.body.dataset.startup")
    return int(page.evaluate("document.body.dataset.readyMs")) / 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts (each then reloaded once)")
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("page_ready: dist/ is missing; run `bash build.sh` first")

    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [
            sys.executable,
            os.path.join(ROOT, "tools", "serve.py"),
            "--dir",
            DIST,
            "--port",
            "0",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    url = server.stdout.readline().split(" at ", 1)[1].split()[0]
    cold, warm, cold_stages, warm_stages = [], [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
            )
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                cold.append(ready_seconds(page, url, cold_stages))
                page.wait_for_selector(
                    "#offline-status:has-text('Available offline')", timeout=120_000
                )
                warm.append(ready_seconds(page, url, warm_stages, reload=True))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()

    for label, stages in (("cold", cold_stages), ("warm", warm_stages)):
        starts = [s.pop("startup") for s in stages]
        print(
            f"  {label} start-ups: {', '.join(starts)} (snapshot: from the build's memory "
            "snapshot; fresh: the ordinary start-up)"
        )
        for name in stages[0]:
            values = [s[name] / 1000 for s in stages]
            print(
                f"  {label} worker stage {name}: median {statistics.median(values):.2f} s "
                "after the worker started"
            )
    sizes = page_bytes()
    total = sum(sizes.values())
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    print(
        f"page open -> ready to run, cold: median {statistics.median(cold):.2f} s "
        f"(runs: {', '.join(f'{x:.2f}' for x in cold)})"
    )
    print(
        f"page open -> ready to run, warm: median {statistics.median(warm):.2f} s "
        f"(runs: {', '.join(f'{x:.2f}' for x in warm)})  target <= {WARM_TARGET_S:.0f} s: "
        f"{'OK' if statistics.median(warm) <= WARM_TARGET_S else 'MISSED'}"
    )
    print(
        f"page's own JS+CSS: {total:,} bytes ({', '.join(f'{k} {v:,}' for k, v in sizes.items())})"
        f"  target <= {SIZE_TARGET_BYTES:,}: {'OK' if total <= SIZE_TARGET_BYTES else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
