"""Every way the playground can fail to start shows a clear message, in the UI language,
instead of an endless "Loading Python…": opened from file:// (for real), no WebAssembly,
a page file missing or served with the wrong type, the worker missing. And dist/serve.py,
the teachers' one-command server, serves the folder it sits in.
"""

import os
import pathlib
import subprocess
import sys
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def problem_text(page):
    page.wait_for_selector("#start-problem:not([hidden])", timeout=60_000)
    return page.locator("#start-problem").inner_text()


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", ["opened as a file (file://)", "python3 serve.py", "http://127.0.0.1:8000/"]),
        ("ko", ["파일(file://)로 열렸습니다", "python3 serve.py"]),
    ],
)
def test_opened_as_a_file_the_page_says_why_and_how_to_serve_it(browser, dist, lang, expected):
    context = browser.new_context()
    try:
        page = context.new_page()
        url = pathlib.Path(dist, "index.html").as_uri() + f"?lang={lang}"
        page.goto(url)
        text = problem_text(page)
        for part in expected:
            assert part in text, text
        assert "Loading" not in page.locator("#status").inner_text()
        artifacts = os.path.join(os.path.dirname(dist), "test-artifacts")
        os.makedirs(artifacts, exist_ok=True)
        page.screenshot(path=os.path.join(artifacts, f"start-file-url-{lang}.png"), full_page=True)
    finally:
        context.close()


def test_no_webassembly_gets_a_message(playground):
    playground.context.add_init_script("delete globalThis.WebAssembly;")
    page = playground.page
    page.goto(playground.origin + "/")
    assert "no WebAssembly" in problem_text(page)


@pytest.mark.parametrize("how", ["missing", "wrong type"])
def test_a_missing_or_mistyped_app_file_gets_a_message(playground, how):
    def fulfill(route):
        if how == "missing":
            route.fulfill(status=404, body="not found", headers={"Content-Type": "text/plain"})
        else:
            route.fulfill(status=200, body="console.log(1)", headers={"Content-Type": "text/plain"})

    playground.context.route("**/app.js", fulfill)
    page = playground.page
    page.goto(playground.origin + "/")
    text = problem_text(page)
    assert "app.js" in text and "python3 serve.py" in text, text


def test_a_missing_worker_gets_a_message_not_endless_loading(playground):
    playground.context.route(
        "**/worker.js",
        lambda route: route.fulfill(status=404, body="", headers={"Content-Type": "text/plain"}),
    )
    page = playground.page
    page.goto(playground.origin + "/")
    text = problem_text(page)
    assert "Python could not start" in text, text
    assert page.locator("body[data-state=failed]").count() == 1


def test_dist_serve_py_serves_its_own_folder(dist, tmp_path):
    process = subprocess.Popen(
        [sys.executable, os.path.join(dist, "serve.py"), "--port", "0", "--quiet"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "http://" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        with urllib.request.urlopen(url) as response:
            assert b"start-check.js" in response.read()
            assert response.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        with urllib.request.urlopen(url + "app.js") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
    finally:
        process.terminate()
        process.wait(timeout=10)
