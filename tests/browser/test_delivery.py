"""The service worker in a real browser: one download per file, checked files only, no
query-string variants, isolation on a host that sends no COOP/COEP, new builds behind a
"New version — reload" prompt, the page on its own without a service worker (src/sw.js,
src/offline.js, src/assets.js, src/pack.js). Offline reloads: test_playground.py.
"""

import hashlib
import json
import os
import re
import shutil
import sys

import pytest
from conftest import ARTIFACTS, BOOT_TIMEOUT_MS, ROOT, Server

sys.path.insert(0, os.path.join(ROOT, "bench"))
from first_visit import ALL_CACHED, EVERY_FILE_CACHED  # the same checks as the benchmark's

pytestmark = pytest.mark.browser

CACHE_KEYS = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) out.push(request.url);
  }
  return out;
}"""


def wait_all_cached(page):
    page.wait_for_function(ALL_CACHED, timeout=BOOT_TIMEOUT_MS, polling=500)
    assert page.evaluate(EVERY_FILE_CACHED)


def run_prints(playground, code, expected):
    playground.set_code(code)
    playground.run_and_wait()
    assert expected in playground.output_text()


@pytest.fixture
def copy_of_dist(dist, tmp_path):
    """A copy of dist/ that a test may change (a bad deploy, a new build)."""
    target = tmp_path / "dist"
    shutil.copytree(dist, target, ignore=shutil.ignore_patterns("*.whl"))
    return target


def served(directory, tmp_path, *options):
    log = tmp_path / f"access-{len(list(tmp_path.glob('access-*')))}.log"
    return Server(str(directory), "--access-log", str(log), *options), log


def requests_in(log):
    if not log.exists():
        return []
    return [line.split(" ", 1)[1] for line in log.read_text().splitlines()]


def test_first_visit_on_a_plain_host_downloads_each_file_once_and_is_isolated(
    open_context, dist, tmp_path
):
    server, log = served(dist, tmp_path, "--no-isolation")
    try:
        playground = open_context(server.origin)
        playground.open()
        page = playground.page
        # isolation comes from the service worker's headers (the host sends none)
        assert page.evaluate("crossOriginIsolated") is True
        ready = json.loads(page.evaluate("document.body.dataset.bootTimings") or "{}")
        assert ready is not None
        wait_all_cached(page)
        with open(os.path.join(dist, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        paths = [re.sub(r"^/", "", p) for p in requests_in(log)]
        # (Playwright's request routing turns the HTTP cache off, so the service worker's
        # install asks again for the page's own small files; bench/first_visit.py shows a
        # real first visit getting them once. Here: every large file once.)
        big = {
            p: paths.count(p)
            for p in paths
            if p in manifest["files"] and manifest["files"][p][1] > 1_000_000
        }
        assert big and all(count == 1 for count in big.values()), big
        assert sum(int(line.split()[0]) for line in log.read_text().splitlines()) < 20e6
        assert paths.count(manifest["pack"]["path"]) == 1
        for member in manifest["pack"]["members"]:
            assert member not in paths, f"{member} was downloaded as it is, besides the pack"
        # interrupt-based Stop is available (the sandbox got its shared buffer)
        run_prints(playground, "print(6 * 7)", "42")
        # a warm reload asks the server for nothing but the service worker's update check
        before = len(requests_in(log))
        page.reload()
        playground.wait_ready(BOOT_TIMEOUT_MS)
        assert set(requests_in(log)[before:]) <= {"/sw.js"}
    finally:
        server.stop()


def test_without_a_service_worker_the_page_decodes_the_pack_itself_and_does_not_loop(
    open_context, dist, tmp_path
):
    server, log = served(dist, tmp_path, "--no-isolation")
    try:
        playground = open_context(server.origin, service_workers="block")
        page = playground.open()
        assert page.evaluate("crossOriginIsolated") is False
        navigations = [p for p in requests_in(log) if p == "/"]
        assert len(navigations) == 1, "the page reloaded although it cannot be isolated"
        with open(os.path.join(dist, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        paths = [p.lstrip("/") for p in requests_in(log)]
        assert paths.count(manifest["pack"]["path"]) == 1
        assert not set(manifest["pack"]["members"]) & set(paths)
        run_prints(playground, "print('no service worker', 3 * 3)", "no service worker 9")
    finally:
        server.stop()


def test_a_poisoned_cache_entry_is_never_served(open_context, server):
    playground = open_context(server.origin)
    page = playground.open()
    wait_all_cached(page)
    # What shared code could do before the sandbox: replace the cached app.js and worker.js.
    page.evaluate("""async () => {
      const [name] = await caches.keys();
      const cache = await caches.open(name);
      const evil = 'document.documentElement.dataset.poisoned = "yes";';
      await cache.put(new URL('app.js', document.baseURI), new Response(evil, { headers: { 'Content-Type': 'text/javascript' } }));
      await cache.put(new URL('worker.js', document.baseURI), new Response('self.close()', { headers: { 'Content-Type': 'text/javascript' } }));
    }""")
    page.reload()
    playground.wait_ready(BOOT_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.dataset.poisoned") is None
    run_prints(playground, "print('clean', 2 + 3)", "clean 5")
    # and the entries were replaced by the build's own bytes
    wait_all_cached(page)
    app_js = page.evaluate("""async () => {
      const [name] = await caches.keys();
      const hit = await (await caches.open(name)).match(new URL('app.js', document.baseURI));
      const digest = await crypto.subtle.digest('SHA-256', await hit.arrayBuffer());
      return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    }""")
    # (bytes, not text: a JS string's length counts UTF-16 units, Python's code points)
    with open(os.path.join(server_dir(server), "app.js"), "rb") as f:
        assert app_js == hashlib.sha256(f.read()).hexdigest()


def server_dir(server):
    args = server.process.args
    return args[args.index("--dir") + 1]


def test_no_query_string_variants_are_cached(open_context, server):
    playground = open_context(server.origin)
    page = playground.open()
    wait_all_cached(page)
    before = sorted(page.evaluate(CACHE_KEYS))
    statuses = page.evaluate("""async () => Promise.all(
      ['site/site.json?copy=1', 'app.js?v=2', 'pyodide/pyodide.asm.wasm?x'].map(async (u) => (await fetch(u)).status))""")
    assert statuses == [200, 200, 200]
    after = sorted(page.evaluate(CACHE_KEYS))
    assert after == before
    assert not any("?" in key for key in after)


def test_a_truncated_worker_served_once_then_fixed_recovers_on_reload(
    open_context, copy_of_dist, tmp_path
):
    worker = copy_of_dist / "worker.js"
    good = worker.read_bytes()
    worker.write_bytes(good[: len(good) // 2])  # a bad deploy
    server, _ = served(copy_of_dist, tmp_path)
    try:
        playground = open_context(server.origin)
        page = playground.page
        page.goto(server.url)
        page.wait_for_selector("body[data-state=failed]", timeout=BOOT_TIMEOUT_MS)
        # nothing damaged was cached
        keys = page.evaluate(CACHE_KEYS)
        assert not any(key.endswith("/worker.js") for key in keys)
        worker.write_bytes(good)  # the server is fixed
        page.reload()
        playground.wait_ready(BOOT_TIMEOUT_MS)
        run_prints(playground, "print('recovered')", "recovered")
        wait_all_cached(page)
        playground.errors.clear()  # the failed start is expected to have been reported
    finally:
        server.stop()


def new_build(directory):
    """Turns the served copy into a "new build": app.js changes (it marks the page), and
    manifest.json and sw.js say so, exactly as a rebuild would."""
    app = directory / "app.js"
    old = app.read_bytes()
    new = old + b'\ndocument.documentElement.dataset.build = "2";\n'
    app.write_bytes(new)
    old_entry = f'"{hashlib.sha256(old).hexdigest()}",{len(old)}'
    new_entry = f'"{hashlib.sha256(new).hexdigest()}",{len(new)}'
    manifest = json.loads((directory / "manifest.json").read_text())
    version = manifest["version"]
    for name in ("manifest.json", "sw.js"):
        text = (directory / name).read_text()
        assert old_entry in text and version in text
        (directory / name).write_text(text.replace(old_entry, new_entry).replace(version, "0" * 16))


def test_a_new_build_is_offered_and_never_mixed(open_context, copy_of_dist, tmp_path):
    server, log = served(copy_of_dist, tmp_path)
    try:
        playground = open_context(server.origin)
        page = playground.open()
        wait_all_cached(page)
        new_build(copy_of_dist)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        banner = page.locator("#update")
        banner.wait_for(state="visible", timeout=BOOT_TIMEOUT_MS)
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, "new-version-prompt.png"))
        assert "New version" in banner.inner_text()
        # the open page keeps running the old build
        assert page.evaluate("document.documentElement.dataset.build") is None
        run_prints(playground, "print('still old')", "still old")
        # a plain reload still gives the whole old build (and the prompt again), never a mix
        page.reload()
        playground.wait_ready(BOOT_TIMEOUT_MS)
        assert page.evaluate("document.documentElement.dataset.build") is None
        banner.wait_for(state="visible", timeout=BOOT_TIMEOUT_MS)
        # accepting reloads into the new build
        with page.expect_navigation(timeout=BOOT_TIMEOUT_MS):
            banner.get_by_role("button").click()
        playground.wait_ready(BOOT_TIMEOUT_MS)
        assert page.evaluate("document.documentElement.dataset.build") == "2"
        assert page.locator("#update").is_hidden()
        # the pack was not downloaded again for a build whose big files did not change
        with open(copy_of_dist / "manifest.json", encoding="utf-8") as f:
            pack = json.load(f)["pack"]["path"]
        assert requests_in(log).count("/" + pack) == 1
    finally:
        server.stop()


def test_first_visit_shows_download_progress(open_context, dist, tmp_path):
    server, _ = served(dist, tmp_path, "--rate", "8")
    try:
        playground = open_context(server.origin)
        page = playground.page
        page.goto(server.url)
        progress = page.locator("#download")
        progress.wait_for(state="visible", timeout=BOOT_TIMEOUT_MS)
        page.wait_for_function(
            "() => document.querySelector('#download progress').value > 1e6",
            timeout=BOOT_TIMEOUT_MS,
        )
        text = progress.inner_text()
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, "first-visit-progress.png"))
        match = re.search(r"([\d.]+) MB of ([\d.]+) MB", text)
        assert match, text
        assert 0 < float(match.group(1)) < float(match.group(2)) <= 20
        playground.wait_ready(BOOT_TIMEOUT_MS)
        assert progress.is_hidden()
    finally:
        server.stop()
