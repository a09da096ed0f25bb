"""Playground start-up: page open -> ready to run (cold and warm), where the time goes, and
the page's own size.

    python3 bench/page_ready.py [--runs 3]
    python3 bench/page_ready.py --dist dist --dist /tmp/old-dist    # two builds, taking turns

* cold: a fresh browser context (no HTTP cache, no service worker): everything is
  downloaded, Pyodide compiled and started, numpy and pynn imported.
* warm: a reload in the same context (service worker and caches in place).
"Ready" is when the page enables Run: Python is up with numpy, pynn and the
tensorflow/keras shim imported. The times are the page's own clock (from navigation start),
as are the stages: the page's performance marks (`pynn:*`, offline.js), the service worker's
(its own clock, converted through its time origin) and the Python worker's start-up timings
(`ready.timings`, converted through the worker's time origin). Several builds given with
--dist take turns, run by run, so the machine's load falls on all of them alike. The server
sends COOP/COEP (tools/serve.py), so no isolation reload is involved (bench/first_visit.py
measures a plain host). Needs dist/ (bash build.sh) and Debian's Chromium.

Targets: cold <= 3 s and warm <= 3 s on this machine; the page's own JS+CSS <= 1 MB
(app.js, app.css, worker.js, sw.js; Pyodide and the wheels excluded).
"""

import argparse
import collections
import os
import statistics
import subprocess
import sys

from chromium import CHROMIUM_ARGS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")
PAGE_FILES = ("app.js", "app.css", "worker.js", "sw.js")
COLD_TARGET_S = 3.0
WARM_TARGET_S = 3.0
SIZE_TARGET_BYTES = 1024 * 1024

# Every stage on the page's clock (ms from navigation start): the page's own entries, the
# service worker's marks and the files it fetched, and the worker's start-up timings.
STAGES = """async () => {
  const out = {};
  const first = (name, value) => { if (!(name in out)) out[name] = Math.round(value); };
  for (const e of performance.getEntries()) {
    if (e.entryType === 'paint') first(`page ${e.name}`, e.startTime);
    else if (e.entryType === 'mark' && e.name.startsWith('pynn:')) first(`page ${e.name.slice(5)}`, e.startTime);
    else if (e.entryType === 'resource' && /\\.(wasm|snap|bin|mjs|zst)$|worker\\.js$/.test(e.name))
      first(`page got ${e.name.split('/').pop()}`, e.responseEnd);
  }
  const timings = JSON.parse(document.body.dataset.bootTimings || '{}');
  if (timings.workerOrigin) {
    const shift = timings.workerOrigin - performance.timeOrigin;
    first('worker started', shift);
    for (const [name, ms] of Object.entries(timings))
      if (name !== 'workerOrigin') first(`worker ${name}`, shift + ms);
  }
  first('ready', Number(document.body.dataset.readyMs));
  return out;
}"""
SW_STAGES = """() => [performance.timeOrigin, performance.getEntries()
  .filter((e) => e.entryType === 'mark' && e.name.startsWith('pynn:sw '))
  .map((e) => [e.name.slice(8), e.startTime])]"""


def page_bytes(dist):
    return {name: os.path.getsize(os.path.join(dist, name)) for name in PAGE_FILES}


def open_and_wait(page, url, reload=False):
    if reload:
        page.reload()
    else:
        page.goto(url)
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)


def stages_of(page, context, since_sw=None):
    """The stages of the last page load; service-worker marks after `since_sw` (its clock)."""
    stages = page.evaluate(STAGES)
    origin = page.evaluate("performance.timeOrigin")
    for worker in context.service_workers:
        sw_origin, marks = worker.evaluate(SW_STAGES)
        for name, ms in marks:
            if since_sw is None or sw_origin + ms >= since_sw:
                stages.setdefault(f"sw {name}", round(sw_origin + ms - origin))
    stages["startup"] = page.evaluate("document.body.dataset.startup")
    return stages


def one_run(browser, url):
    context = browser.new_context()
    page = context.new_page()
    open_and_wait(page, url)
    cold = stages_of(page, context)
    page.wait_for_selector("#offline-status:has-text('Available offline')", timeout=120_000)
    warm_from = page.evaluate("performance.timeOrigin + performance.now()")
    open_and_wait(page, url, reload=True)
    warm = stages_of(page, context, since_sw=warm_from)
    context.close()
    return cold, warm


def print_stages(label, runs):
    starts = collections.Counter(r.pop("startup") for r in runs)
    print(
        f"  {label}: start-ups {dict(starts)} (snapshot: from the build's memory snapshot; "
        "fresh: the ordinary start-up); stages, median ms on the page's clock:"
    )
    names = sorted(
        {name for r in runs for name in r},
        key=lambda n: statistics.median([r[n] for r in runs if n in r]),
    )
    for name in names:
        values = [r[name] for r in runs if name in r]
        print(f"    {statistics.median(values):7.0f}  {name}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts (each then reloaded once)")
    parser.add_argument(
        "--dist",
        action="append",
        help="a built site (default dist/); give several to compare builds taking turns",
    )
    parser.add_argument("--stages", action="store_true", help="print where the time goes")
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    dists = args.dist or [DIST]
    for dist in dists:
        if not os.path.isfile(os.path.join(dist, "index.html")):
            sys.exit(f"page_ready: {dist} has no built site; run `bash build.sh` first")

    from playwright.sync_api import sync_playwright

    servers, urls = [], []
    for dist in dists:
        server = subprocess.Popen(
            [
                sys.executable,
                os.path.join(ROOT, "tools", "serve.py"),
                "--dir",
                dist,
                "--port",
                "0",
                "--quiet",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        servers.append(server)
        urls.append(server.stdout.readline().split(" at ", 1)[1].split()[0])
    results = {dist: ([], []) for dist in dists}
    load_before = os.getloadavg()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
            )
            for _ in range(args.runs):
                for dist, url in zip(dists, urls, strict=True):
                    cold, warm = one_run(browser, url)
                    results[dist][0].append(cold)
                    results[dist][1].append(warm)
            browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    load_after = os.getloadavg()

    print(
        f"load average: {' '.join(f'{x:.1f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.1f}' for x in load_after)} after, on {os.cpu_count()} cores"
    )
    for dist in dists:
        colds, warms = results[dist]
        cold = [r["ready"] / 1000 for r in colds]
        warm = [r["ready"] / 1000 for r in warms]
        if len(dists) > 1:
            print(f"{dist}:")
        if args.stages:
            print_stages("cold", colds)
            print_stages("warm", warms)
        print(
            f"page open -> ready to run, cold: median {statistics.median(cold):.2f} s "
            f"(runs: {', '.join(f'{x:.2f}' for x in cold)})  target <= {COLD_TARGET_S:.0f} s: "
            f"{'OK' if statistics.median(cold) <= COLD_TARGET_S else 'MISSED'}"
        )
        print(
            f"page open -> ready to run, warm: median {statistics.median(warm):.2f} s "
            f"(runs: {', '.join(f'{x:.2f}' for x in warm)})  target <= {WARM_TARGET_S:.0f} s: "
            f"{'OK' if statistics.median(warm) <= WARM_TARGET_S else 'MISSED'}"
        )
        sizes = page_bytes(dist)
        total = sum(sizes.values())
        print(
            f"page's own JS+CSS: {total:,} bytes "
            f"({', '.join(f'{k} {v:,}' for k, v in sizes.items())})"
            f"  target <= {SIZE_TARGET_BYTES:,}: {'OK' if total <= SIZE_TARGET_BYTES else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
