"""The playground in a real browser (Debian's Chromium, headless), against the built dist/.

Tests that only run programs share one opened page (`warm`: Pyodide starts once); tests
about start-up, links, restarts and offline use fresh browser contexts.
"""

import re
import time

import pytest

pytestmark = pytest.mark.browser


def epoch_losses(playground):
    """(first, last) epoch loss from the epoch chart's caption, e.g. 'loss 0.2500 → 0.0100'."""
    caption = playground.page.locator(
        ".fit-chart .epoch-chart[data-metric=loss] figcaption"
    ).last.inner_text()
    match = re.search(r"\bloss ([-+.\de]+) → ([-+.\de]+)", caption)
    assert match, f"no loss in the epoch chart caption: {caption!r}"
    return float(match.group(1)), float(match.group(2))


def test_controls_have_accessible_names(warm):
    playground, page = warm, warm.page
    for name in ("Run", "Stop", "Share"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1
    assert playground.output.count() == 1
    assert page.get_by_role("combobox", name="Examples").count() == 1
    assert page.get_by_role("button", name="Stop", exact=True).is_disabled()


def test_output_streams_as_text_with_progress_lines_redrawn_in_place(warm):
    playground = warm
    playground.set_code(
        "import sys\n"
        "print('<b>not bold</b>')\n"
        "for i in range(5):\n"
        "    sys.stdout.write(f'\\rstep {i}/4')\n"
        "print()\n"
        "print('to stderr', file=sys.stderr)\n"
    )
    playground.run_and_wait()
    text = playground.output_text()
    assert "<b>not bold</b>" in text
    assert playground.page.locator("#output b").count() == 0
    assert "step 4/4" in text and "step 3/4" not in text
    assert playground.page.locator("#output .stderr", has_text="to stderr").count() == 1
    assert "Finished in" in text


def test_traceback_points_at_the_users_line(warm):
    playground = warm
    playground.set_code("x = 1\n\ndef f():\n    return 1 / 0\n\nf()\n")
    playground.run_and_wait()
    text = playground.output_text()
    assert 'File "main.py", line 6, in <module>' in text
    assert 'File "main.py", line 4, in f' in text and "return 1 / 0" in text
    assert "ZeroDivisionError: division by zero" in text
    assert "pynn_runner" not in text


def test_keyboard_shortcut_runs(warm):
    playground = warm
    playground.set_code("print(6 * 7)")
    runs = playground.runs()
    playground.page.keyboard.press("Control+Enter")
    playground.wait_for_run(runs)
    assert "42" in playground.output_text()


def test_xor_example_trains_and_shows_the_summary(playground):
    playground.open("#example=xor")
    assert "class MLP" in playground.editor_text()
    assert playground.output_text().strip() == ""  # a link never runs by itself
    playground.run_and_wait()
    text = playground.output_text()
    assert 'Model: "model"' in text and "Total params: 17" in text, text[:2000]
    assert "===== MLP XOR classifier result =====" in text
    first, last = epoch_losses(playground)
    assert last < first
    assert re.search(r"0 XOR 1 => \S+ => 1", text) and re.search(r"1 XOR 1 => \S+ => 0", text)
    # the decision boundary was redrawn in place during fit, and shows the last epoch
    draws = int(re.search(r"boundary drawn (\d+) times", text).group(1))
    images = playground.page.locator("#output img.figure")
    assert images.count() == 1
    image = images.first
    assert int(image.get_attribute("data-draws")) >= min(draws, 3) >= 2
    assert image.get_attribute("alt").startswith("Figure 1: XOR, epoch 400: loss")
    image.scroll_into_view_if_needed()
    playground.screenshot("xor-boundary.png")


def test_mnist_example_trains_with_live_curves(warm):
    playground = warm
    playground.choose_example("mnist-sequential")
    page = playground.page
    runs = playground.runs()
    page.get_by_role("button", name="Run", exact=True).click()
    # Training may be over before a frame shows epoch 2 (it takes ~2 s here): any epoch will do.
    page.wait_for_selector(".fit-status:has-text('Epoch ')", timeout=300_000)
    playground.screenshot("mnist-mid-training.png")
    playground.wait_for_run(runs, timeout=300_000)
    text = playground.output_text()
    assert 'Model: "sequential"' in text and "Total params: 55050" in text, text[:2000]
    assert "Epoch 3/3" in text
    assert "ETA" not in text  # each progress bar was redrawn in place to its final line
    first, last = epoch_losses(playground)
    assert last < first
    batch_caption = page.locator(".fit-chart .batch-chart figcaption").inner_text()
    assert "loss" in batch_caption and "accuracy" in batch_caption


def stop_seconds(page, selector):
    """Press Stop and return the seconds, on the page's own clock, until `selector` shows."""
    return page.evaluate(
        """(selector) => new Promise((resolve) => {
        const started = performance.now();
        const done = () => {
            if (document.querySelector(selector)) {
                observer.disconnect();
                resolve((performance.now() - started) / 1000);
                return true;
            }
            return false;
        };
        const observer = new MutationObserver(done);
        observer.observe(document.body, {childList: true, subtree: true, attributes: true});
        [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Stop")
            .click();
        done();
    })""",
        selector,
    )


def test_stop_ends_an_endless_loop_and_keeps_the_code(warm):
    playground = warm
    code = "n = 0\nwhile True:\n    n += 1"
    playground.set_code(code)
    page = playground.page
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("body[data-state=running]")
    time.sleep(1.0)
    stopped_after = stop_seconds(page, "#output .stopped")
    assert stopped_after < 1.0, f"Stop took {stopped_after:.2f} s"
    assert "Stopped" in playground.output_text()
    assert playground.editor_text() == code
    playground.wait_ready()
    playground.set_code("print('still alive')")
    playground.run_and_wait()
    assert "still alive" in playground.output_text()


def test_stop_restarts_python_when_the_page_is_not_isolated(open_context, plain_server):
    # A host without the isolation headers, where no service worker can add them either.
    playground = open_context(plain_server.origin, service_workers="block")
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is False
    playground.set_code("while True:\n    pass")
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("body[data-state=running]")
    stopped_after = stop_seconds(page, "#output .stopped")
    assert stopped_after < 1.0, f"Stop took {stopped_after:.2f} s"
    assert "restarted" in page.locator("#output .stopped").last.inner_text()
    assert playground.editor_text() == "while True:\n    pass"
    playground.wait_ready(timeout=180_000)
    playground.set_code("print('fresh worker')")
    playground.run_and_wait()
    assert "fresh worker" in playground.output_text()


def test_memory_error_is_reported_and_python_restarts(playground):
    playground.open()
    # Five 1 GiB arrays do not fit in WebAssembly's 4 GiB of memory.
    playground.set_code(
        "import numpy as np\nblocks = [np.empty(2**30, np.uint8) for _ in range(5)]\n"
    )
    playground.page.get_by_role("button", name="Run", exact=True).click()
    playground.page.wait_for_selector("#output .error:has-text('Out of memory')")
    playground.wait_ready()
    playground.set_code("print('after restart')")
    playground.run_and_wait()
    assert "after restart" in playground.output_text()


def test_share_link_round_trips_the_code_without_running_it(playground, open_context):
    page = playground.open()
    code = "# 한국어 주석 & <symbols> ?#=+%\nprint('shared', 1 + 1)\n"
    playground.set_code(code)
    page.get_by_role("button", name="Share", exact=True).click()
    link = page.get_by_label("Share link").input_value()
    assert link.startswith(playground.origin + "/#n=")
    assert "&code=" in link

    other = open_context(playground.origin)
    other.open(link[len(playground.origin) + 1 :])
    assert other.editor_text() == code.rstrip("\n") + "\n" or other.editor_text() == code
    assert other.output_text().strip() == ""
    other.run_and_wait()
    assert "shared 2" in other.output_text()


def test_bad_links_and_oversized_programs_get_a_message(playground):
    page = playground.open("#code=N4Ig%%%truncated")
    alert = page.get_by_role("alert")
    assert "damaged or incomplete" in alert.inner_text()
    assert playground.editor_text().strip()  # the editor still has a program

    playground.page.goto(playground.origin + "/#example=no-such-example")
    playground.wait_ready()
    assert "no example called" in page.get_by_role("alert").inner_text()

    playground.set_code("# " + "x" * (1024 * 1024 + 10))
    page.get_by_role("button", name="Run", exact=True).click()
    assert "up to 1 MB" in page.get_by_role("alert").inner_text()
    assert page.locator("body[data-state=ready]").count() == 1


def test_reload_with_the_network_off_still_loads_and_runs(open_context, private_server):
    playground = open_context(private_server.origin)
    page = playground.open()
    page.wait_for_selector("#offline-status:has-text('Available offline')", timeout=120_000)
    private_server.stop()
    playground.context.set_offline(True)
    page.reload()
    playground.wait_ready(timeout=180_000)
    playground.set_code("import numpy as np\nprint('offline sum', int(np.arange(10).sum()))")
    playground.run_and_wait()
    assert "offline sum 45" in playground.output_text()
    assert all(
        url.startswith((private_server.origin, "data:", "blob:")) for url in playground.requests
    )
