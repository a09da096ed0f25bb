"""Fixtures for the playground's browser tests: the built site served locally, Debian's
Chromium driven by Playwright, and a page that records every request it makes.

The tests skip (loudly) only when numpy for Pyodide is missing from both dist/ and the
wheelhouse; a missing dist/ is built with build.sh first.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIST = os.path.join(ROOT, "dist")
ARTIFACTS = os.path.join(ROOT, "test-artifacts")
CHROMIUM = os.environ.get("PYNN_CHROMIUM", "/usr/bin/chromium")


def _chromium_args():
    """The flags every benchmark launches Chromium with (bench/chromium.py, loaded by path)."""
    spec = importlib.util.spec_from_file_location(
        "bench_chromium", os.path.join(ROOT, "bench", "chromium.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CHROMIUM_ARGS


CHROMIUM_ARGS = _chromium_args()
BOOT_TIMEOUT_MS = 180_000  # Pyodide's first start on a busy 2-core machine
RUN_TIMEOUT_MS = 240_000


def _numpy_wheel():
    with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
        config = json.load(f)
    wheel = config["pyodide"]["packages"]["numpy"]
    wheelhouse = os.path.expanduser(os.environ.get("PYNN_WHEELHOUSE") or config["wheelhouse"])
    return wheel["file"], wheel["sha256"], wheelhouse


def _skip_loudly(reason):
    print(f"\nSKIPPING the browser tests: {reason}", file=sys.__stderr__, flush=True)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dist():
    """dist/ built by build.sh (built now if missing)."""
    name, sha256, wheelhouse = _numpy_wheel()
    built = os.path.isfile(os.path.join(DIST, "pyodide", name)) and os.path.isfile(
        os.path.join(DIST, "index.html")
    )
    if not built:
        if not os.path.isfile(os.path.join(wheelhouse, name)):
            _skip_loudly(
                f"numpy for Pyodide is not in the wheelhouse: put {name} "
                f"(sha256 {sha256}) in {wheelhouse} or set PYNN_WHEELHOUSE"
            )
        result = subprocess.run(
            ["bash", os.path.join(ROOT, "build.sh")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"build.sh failed:\n{result.stdout}\n{result.stderr}"
    return DIST


class Server:
    """tools/serve.py on a free port, in a child process."""

    def __init__(self, directory, *options):
        self.process = subprocess.Popen(
            [
                sys.executable,
                os.path.join(ROOT, "tools", "serve.py"),
                "--dir",
                directory,
                "--port",
                "0",
                "--quiet",
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        line = self.process.stdout.readline()
        assert "http://" in line, f"serve.py did not start: {line}"
        self.url = line.split(" at ", 1)[1].split()[0]
        self.origin = self.url.rstrip("/")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(dist):
    server = Server(dist)
    yield server
    server.stop()


@pytest.fixture
def private_server(dist):
    """A server of its own, for a test that stops it (offline)."""
    server = Server(dist)
    yield server
    server.stop()


@pytest.fixture
def plain_server(dist):
    """A server without the cross-origin isolation headers, like most static hosts."""
    server = Server(dist, "--no-isolation")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - playwright loads only when a browser test runs

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set PYNN_CHROMIUM)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Playground:
    """One browser context on the playground, with every request it makes recorded."""

    def __init__(self, browser, origin, **context_options):
        self.origin = origin
        self.context = browser.new_context(
            **{"viewport": {"width": 1280, "height": 900}, **context_options}
        )
        self.context.set_default_timeout(RUN_TIMEOUT_MS)
        self.requests = []
        self.foreign = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._only_same_origin)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_same_origin(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, fragment=""):
        self.page.goto(self.origin + "/" + fragment)
        self.wait_ready(BOOT_TIMEOUT_MS)
        return self.page

    def wait_ready(self, timeout=RUN_TIMEOUT_MS):
        self.page.wait_for_selector("body[data-state=ready]", timeout=timeout)

    @property
    def output(self):
        return self.page.get_by_role("log", name="Output")

    def output_text(self):
        return self.output.inner_text()

    def editor_text(self):
        return self.page.evaluate(
            "() => Array.from(document.querySelectorAll('.cm-line'), l => l.textContent).join('\\n')"
        )

    def set_code(self, code):
        self.page.locator(".cm-content").click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code)

    def run_and_wait(self, timeout=RUN_TIMEOUT_MS):
        """Press Run and wait until the program has finished; return the seconds taken."""
        runs = self.runs()
        started = time.monotonic()
        self.page.get_by_role("button", name="Run", exact=True).click()
        self.wait_for_run(runs, timeout)
        return time.monotonic() - started

    def runs(self):
        """How many programs have finished (result or error) in this page."""
        return int(self.page.evaluate("Number(document.body.dataset.runs || 0)"))

    def wait_for_run(self, runs_before, timeout=RUN_TIMEOUT_MS):
        self.page.wait_for_function(
            "n => Number(document.body.dataset.runs || 0) > n", arg=runs_before, timeout=timeout
        )
        self.wait_ready(timeout)

    def choose_example(self, name):
        self.page.get_by_label("Examples").select_option(name)

    def screenshot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.join(ARTIFACTS, name)
        self.page.screenshot(path=path, full_page=True)
        return path

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs the built playground in Chromium")
    config.addinivalue_line("markers", "slow: takes many minutes (tests/run.sh still runs it)")


@pytest.fixture
def open_context(browser):
    """open_context(origin, **context_options) -> a new Playground (e.g. locale="ko-KR");
    each is closed and checked afterwards."""
    opened = []

    def open_(origin, **context_options):
        playground = Playground(browser, origin, **context_options)
        opened.append(playground)
        return playground

    yield open_
    for playground in opened:
        playground.close()
    for playground in opened:
        _check(playground)


def _check(playground):
    assert not playground.foreign, f"requests left the origin: {playground.foreign}"
    assert not playground.errors, f"uncaught errors in the page: {playground.errors}"


@pytest.fixture
def playground(open_context, server):
    """A fresh browser context on the playground (not opened yet)."""
    return open_context(server.origin)


@pytest.fixture(scope="module")
def warm(browser, server):
    """One opened playground shared by a module's tests (Pyodide starts once)."""
    playground = Playground(browser, server.origin)
    playground.open()
    yield playground
    playground.close()
    _check(playground)
