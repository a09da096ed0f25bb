"""Shared code is contained: the attacks of a hostile share link, tried in real Chromium.

* User code runs in a worker inside an opaque-origin sandbox iframe: it cannot read or change
  the site's cache, its localStorage drafts or IndexedDB, nor fetch the site's files; the page
  hands the worker only files of the build.
* Fake protocol messages posted by user code change nothing: the run stays alive and
  stoppable, and the page does not say Python failed.
* A link that expands to 500 M characters is refused at once; every program the Share button
  makes (control characters included) is opened by the page again.
* The page has a Content-Security-Policy and its normal flow violates nothing in it.
"""

import json
import os
import shutil
import subprocess
import time

import pytest

pytestmark = pytest.mark.browser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CACHE_DIGESTS = """async () => {
    const out = {};
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const bytes = await (await cache.match(request)).arrayBuffer();
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
            out[`${name} ${request.url}`] = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        }
    }
    return out;
}"""

STORAGE = """async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    databases: (await indexedDB.databases()).map((db) => db.name).sort(),
})"""

# Everything a share link's code might try against the site's storage, each reported as
# "ATTACK <name>: blocked <error>" or "ATTACK <name>: REACHED <what>".
ATTACK = r"""
import js

def attempt(name, action):
    try:
        result = action()
    except BaseException as exc:  # noqa: BLE001
        print(f"ATTACK {name}: blocked {type(exc).__name__}")
    else:
        print(f"ATTACK {name}: REACHED {str(result)[:60]!r}")

def import_caches():
    from js import caches
    return caches.open("pynn-poison")

def import_local_storage():
    from js import localStorage
    localStorage.setItem("pynn.playground.code", "print('poisoned draft')")
    return localStorage.getItem("pynn.playground.code")

def import_indexed_db():
    from js import indexedDB
    return indexedDB.open("pynn-poison")

def read_site_file(path):
    def read():
        request = js.XMLHttpRequest.new()
        request.open("GET", js.self.origin_site + path, False)
        request.send()
        return f"{request.status} {request.responseText[:40]}"
    return read

js.self.origin_site = "ORIGIN/"
attempt("from js import caches", import_caches)
attempt("self.caches.open", lambda: js.self.caches.open("pynn-poison"))
attempt("globalThis.caches", lambda: js.globalThis.caches.keys())
attempt("from js import localStorage", import_local_storage)
attempt("from js import indexedDB", import_indexed_db)
attempt("navigator.serviceWorker", lambda: js.navigator.serviceWorker.register("sw.js"))
attempt("read app.js", read_site_file("app.js"))
attempt("read sw.js", read_site_file("sw.js"))
attempt("parent window", lambda: js.parent.localStorage)
attempt("document", lambda: js.document.cookie)
for path in ("sw.js?poison=1", "index.html", "../index.html", "https://example.com/x.js", "app.js"):
    js.postMessage(js.JSON.parse('{"type": "file_request", "path": %s}' % repr(path).replace("'", '"')))
print("origin", js.self.origin)
"""


def node_helper(*args):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to make share links for this test")
    result = subprocess.run(
        [node, os.path.join(ROOT, "tests", "web", "share_links.mjs"), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=os.path.join(ROOT, "web"),
    )
    return json.loads(result.stdout)


def wait_for_autosave(page):
    time.sleep(0.8)  # the editor saves 400 ms after the last change


def test_user_code_cannot_reach_the_sites_cache_drafts_or_files(playground):
    page = playground.open()
    page.wait_for_selector("#offline-status:has-text('Available offline')", timeout=120_000)
    cache_before = page.evaluate(CACHE_DIGESTS)
    assert any(key.endswith("/app.js") for key in cache_before), cache_before
    playground.set_code(ATTACK.replace("ORIGIN", playground.origin))
    wait_for_autosave(page)
    storage_before = page.evaluate(STORAGE)
    requests_before = len(playground.requests)

    playground.run_and_wait()
    text = playground.output_text()
    attempts = [line for line in text.splitlines() if line.startswith("ATTACK ")]
    assert len(attempts) == 10, text
    assert all(": blocked " in line for line in attempts), "\n".join(attempts)
    assert "origin null" in text

    # Nothing changed: the cache byte for byte, the drafts, the databases.
    assert page.evaluate(CACHE_DIGESTS) == cache_before
    assert page.evaluate(STORAGE) == storage_before
    # The page fetched none of the files outside the build the worker asked for. (The two
    # XHRs above did leave the sandbox: as cross-origin requests whose answers it cannot read.)
    during_run = playground.requests[requests_before:]
    assert sorted(url[len(playground.origin) :] for url in during_run) == ["/app.js", "/sw.js"]

    # The next visit starts from the same clean state and still runs.
    page.reload()
    playground.wait_ready()
    assert page.evaluate(CACHE_DIGESTS) == cache_before
    playground.set_code("print('after reload', 6 * 7)")
    playground.run_and_wait()
    assert "after reload 42" in playground.output_text()
    playground.screenshot("sandbox-attack-after-reload.png")


FAKES = r"""
import js, time
def post(text):
    js.postMessage(js.JSON.parse(text))
post('{"type": "error", "id": null, "kind": "LoadError", "message": "fake failure", "restart": false}')
post('{"type": "error", "id": 7, "kind": "FatalError", "message": "fake crash", "restart": true}')
post('{"type": "result", "id": 7, "seconds": 1}')
post('{"type": "ready", "pyodideVersion": "0", "pythonVersion": "0", "interruptible": false, "fromSnapshot": false, "timings": {}}')
post('{"type": "loading", "stage": "fake stage"}')
post('{"type": "stdout", "text": {"not": "text"}}')
post('{"type": "batch_end", "epoch": 0, "batch": 0, "step": 1, "logs": {"loss": "<img src=x onerror=alert(1)>"}}')
post('{"type": "no_such_message", "html": "<b>x</b>"}')
js.postMessage("just a string")
print("all posted", flush=True)
started = time.time()
while time.time() - started < 60:
    pass
print("not stopped")
"""


@pytest.mark.parametrize("isolated", [True, False], ids=["isolated", "not-isolated"])
def test_fake_messages_from_user_code_change_nothing(open_context, server, plain_server, isolated):
    # Not isolated: a host without the isolation headers, where no service worker adds them.
    playground = (
        open_context(server.origin)
        if isolated
        else open_context(plain_server.origin, service_workers="block")
    )
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is isolated
    playground.set_code(FAKES)
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("#output :text('all posted')")
    time.sleep(0.5)
    assert page.locator("body[data-state=running]").count() == 1
    assert page.get_by_role("button", name="Stop", exact=True).is_enabled()
    assert page.get_by_role("button", name="Run", exact=True).is_disabled()
    status = page.locator("#status").inner_text()
    assert "could not start" not in status and "fake" not in status, status
    text = playground.output_text()
    assert "fake" not in text and "not stopped" not in text, text
    assert page.locator("#charts img").count() == 0
    playground.screenshot(f"sandbox-fake-messages-{'isolated' if isolated else 'plain'}.png")

    page.get_by_role("button", name="Stop", exact=True).click()
    page.wait_for_selector("#output .stopped")
    playground.wait_ready()
    playground.set_code("print('still fine')")
    playground.run_and_wait()
    assert "still fine" in playground.output_text()


def alert_seconds(page, fragment):
    """Set location.hash and return the seconds, on the page's clock, until the alert shows."""
    return page.evaluate(
        """(fragment) => new Promise((resolve) => {
        const alert = document.getElementById('message');
        alert.hidden = true;
        const started = performance.now();
        const observer = new MutationObserver(() => {
            if (!alert.hidden) {
                observer.disconnect();
                resolve((performance.now() - started) / 1000);
            }
        });
        observer.observe(alert, {attributes: true, childList: true, characterData: true, subtree: true});
        location.hash = fragment;
    })""",
        fragment,
    )


def test_a_link_expanding_to_500_million_characters_is_refused_at_once(playground):
    bomb = node_helper("bomb-link", 32000)
    assert bomb["expandsTo"] > 500_000_000 and len(bomb["fragment"]) < 100_000
    page = playground.open()
    draft = "print('my draft')"
    playground.set_code(draft)
    wait_for_autosave(page)

    # Opened while the page is open (hashchange): refused, the editor keeps its program.
    seconds = alert_seconds(page, bomb["fragment"])
    assert "over 1 MB" in page.get_by_role("alert").inner_text()
    assert playground.editor_text() == draft
    # Decompressing it would take many seconds and gigabytes; refusing it takes a moment.
    assert seconds < 2.0, f"refusing the link took {seconds:.2f} s"

    # Opened as a new page load: refused, the autosaved draft is in the editor, Python runs.
    page.reload()
    playground.wait_ready()
    assert "over 1 MB" in page.get_by_role("alert").inner_text()
    assert playground.editor_text() == draft
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert loaded < 10_000, f"the page took {loaded / 1000:.1f} s to load"
    playground.run_and_wait()
    assert "my draft" in playground.output_text()
    playground.screenshot("sandbox-oversized-link.png")


NASTY = [
    "print('form feed')\n\f\nprint('after')",
    "print('\x1b[31mred\x1b[0m')  # ESC inside a string",
    "x = 1\x00# a NUL\n\x07\x08\x0b\x7f",
    "s = '\ufffd replacement, \u2028 line separator, \U0001f600 emoji, 한국어'",
    "# code=abc&n=3#code=%41%\n+ $ - & = ? #",
]


def test_every_program_the_share_button_makes_the_page_opens(playground, open_context):
    programs = [{"code": code} for code in NASTY] + node_helper("programs", 5, 12)
    page = playground.open()
    other_page = open_context(playground.origin).page
    for program in programs:
        playground.set_code(program["code"])
        page.get_by_role("button", name="Share", exact=True).click()
        link = page.get_by_label("Share link").input_value()
        if "link" in program:
            assert link == playground.origin + "/" + program["link"], repr(program["code"])
        # Opened in a fresh page: no complaint, and its Share makes the same link back.
        other_page.goto("about:blank")
        other_page.goto(link)
        other_page.wait_for_selector("#editor .cm-content")
        assert other_page.get_by_role("alert").is_hidden(), (
            repr(program["code"]),
            other_page.get_by_role("alert").inner_text(),
        )
        other_page.get_by_role("button", name="Share", exact=True).click()
        assert other_page.get_by_label("Share link").input_value() == link, repr(program["code"])


def test_the_page_has_a_content_security_policy_and_violates_none_of_it(playground):
    violations = []
    playground.context.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "'CSP violation:', e.violatedDirective, e.blockedURI))"
    )
    playground.page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    page = playground.open()
    policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert "'wasm-unsafe-eval'" in directives["script-src"] and "blob:" in directives["script-src"]
    assert "'unsafe-eval'" not in policy
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["connect-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "http" not in policy and "*" not in policy  # nothing off-origin
    # The sandbox iframe inherits it and has no way back to the site's origin.
    frame = page.locator("iframe.python-sandbox")
    assert frame.get_attribute("sandbox") == "allow-scripts"
    assert page.frames[1].evaluate("self.origin") == "null"

    # The normal flow: a training run with charts, Stop, Share, offline caching.
    page.wait_for_selector("#offline-status:has-text('Available offline')", timeout=120_000)
    playground.choose_example("xor")
    playground.run_and_wait()
    page.wait_for_selector("#charts:not([hidden])")
    playground.set_code("while True:\n    pass")
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("body[data-state=running]")
    page.get_by_role("button", name="Stop", exact=True).click()
    playground.wait_ready()
    page.get_by_role("button", name="Share", exact=True).click()
    playground.screenshot("sandbox-csp-normal-flow.png")
    assert violations == []
