"""A student's first visit: bytes over the wire, and page open -> ready to run.

    python3 bench/first_visit.py [--runs 2]

The built dist/ is served by tools/serve.py as a plain static host would serve it: no
compression and no cross-origin isolation headers (`--no-isolation`). Each run is a fresh
browser context (no HTTP cache, no service worker). The server counts every byte it sends
(headers included) until the page is ready AND the service worker holds the whole build
(offline use), i.e. the page and the service worker together. Then the page is reloaded
(warm: everything from the service worker's cache; no byte should leave the server but
sw.js's update check).

Targets (issue "browser speed"): first visit <= 20 MB over the wire (it was 138.5 MB,
measured the same way at the server before the manifest, pack and single download);
cold page-ready <= 3 s (from the first navigation, counting the one reload that gives the
page cross-origin isolation through the service worker on such a host).
"""

import argparse
import collections
import importlib.util
import os
import statistics
import sys
import threading

from chromium import CHROMIUM_ARGS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")


def _load_serve():
    """tools/serve.py (not a package), whose server counts the bytes it sends."""
    spec = importlib.util.spec_from_file_location("serve", os.path.join(ROOT, "tools", "serve.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = _load_serve()

BEFORE_BYTES = 138.5e6  # the first visit before this work, as measured in the issue
TARGET_BYTES = 20e6
COLD_TARGET_S = 3.0

# True once the service worker controls the page and has said that its cache holds the whole
# build (the page shows "Available offline"). Synchronous: Playwright's wait_for_function takes
# a returned promise itself as true.
ALL_CACHED = """() => navigator.serviceWorker.controller !== null &&
  document.getElementById('offline-status').dataset.status === 'offline.ready'"""
# For page.evaluate (which awaits): the cache holds every file of the build (and no other
# cache is left; lazy files used so far may be there too).
EVERY_FILE_CACHED = """async () => {
  const manifest = await (await fetch('manifest.json')).json();
  const names = await caches.keys();
  if (names.length !== 1) return false;
  const keys = new Set((await (await caches.open(names[0])).keys()).map((r) => r.url));
  return Object.keys(manifest.files)
    .filter((path) => !manifest.lazy.includes(path))
    .every((path) => keys.has(new URL(path === 'index.html' ? '' : path, document.baseURI).href));
}"""


def megabytes(n):
    return f"{n / 1e6:.1f} MB"


def one_visit(browser, url, server):
    context = browser.new_context()
    page = context.new_page()
    start = len(server.sent)
    page.goto(url)
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)
    cold = int(page.evaluate("document.body.dataset.readyMs")) / 1000
    isolated = page.evaluate("crossOriginIsolated")
    page.wait_for_function(ALL_CACHED, timeout=300_000, polling=500)
    assert page.evaluate(EVERY_FILE_CACHED), "'Available offline' but files are missing"
    first = server.sent[start:]
    mark = len(server.sent)
    page.reload()
    page.wait_for_selector("body[data-state=ready]", timeout=300_000)
    warm = int(page.evaluate("document.body.dataset.readyMs")) / 1000
    warm_requests = server.sent[mark:]
    context.close()
    return first, cold, warm, warm_requests, isolated


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--dist", default=DIST)
    parser.add_argument("--chromium", default=os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.dist, "manifest.json")):
        sys.exit("first_visit: dist/ is missing or has no manifest.json; run `bash build.sh` first")

    from playwright.sync_api import sync_playwright

    server = serve.make_server(args.dist, port=0, quiet=True, isolation=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
            )
            for _ in range(args.runs):
                results.append(one_visit(browser, url, server))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()

    first, _, _, warm_requests, isolated = results[-1]
    # per path: [full responses (over 1 kB: not a 304 revalidation), bytes]
    per_path = collections.defaultdict(lambda: [0, 0])
    for path, sent in first:
        per_path[path][0] += sent > 1000
        per_path[path][1] += sent
    total = sum(sent for _, sent in first)
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    print("first visit, plain static server (no compression, no COOP/COEP), page + service worker:")
    for path, (count, sent) in sorted(per_path.items(), key=lambda item: -item[1][1]):
        print(f"  {sent:>12,} bytes  {count}x in full  {path}")
    twice = [path for path, (count, _) in per_path.items() if count > 1]
    print(f"  files downloaded in full more than once: {', '.join(twice) or 'none'}")
    totals = [sum(sent for _, sent in r[0]) for r in results]
    print(
        f"first visit bytes over the wire: {total:,} ({megabytes(total)}; runs: "
        f"{', '.join(megabytes(t) for t in totals)}); before: {megabytes(BEFORE_BYTES)}; "
        f"ratio {total / BEFORE_BYTES:.3f}x; target <= {megabytes(TARGET_BYTES)}: "
        f"{'OK' if total <= TARGET_BYTES else 'MISSED'}"
    )
    print(f"cross-origin isolated through the service worker: {isolated}")
    colds = [r[1] for r in results]
    warms = [r[2] for r in results]
    print(
        f"page open -> ready, cold (first visit, incl. the isolation reload): median "
        f"{statistics.median(colds):.2f} s (runs: {', '.join(f'{x:.2f}' for x in colds)}); "
        f"target <= {COLD_TARGET_S:.0f} s: {'OK' if statistics.median(colds) <= COLD_TARGET_S else 'MISSED'}"
    )
    print(
        f"page open -> ready, warm (reload): median {statistics.median(warms):.2f} s "
        f"(runs: {', '.join(f'{x:.2f}' for x in warms)}); requests reaching the server: "
        f"{', '.join(f'{p} ({s:,} B)' for p, s in warm_requests) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
