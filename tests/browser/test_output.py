"""The output console under a flood, in a real browser: the page keeps answering clicks,
Stop works at once, and the console keeps a bounded scrollback with a visible note.

Timings are taken on the page's own clock. The click targets (200 ms, Stop within 1 s) are
the issue's; bench/output_flood.py prints the same figures with the throughput ratio.
"""

import statistics
import time

import pytest

pytestmark = pytest.mark.browser

FLOOD = "i = 0\nwhile True:\n    print(i)\n    i += 1\n"

CLICK_PROBE = """() => {
    window.__clicks = [];
    document.addEventListener('click', (event) => {
        requestAnimationFrame(() => window.__clicks.push(performance.now() - event.timeStamp));
    }, true);
}"""


def stop_seconds(page):
    """Click Stop; seconds on the page's clock until a new 'Stopped' line shows."""
    return page.evaluate("""() => new Promise((resolve) => {
        const old = new Set(document.querySelectorAll('#output .stopped'));
        let started = null;
        const done = () => {
            if (started !== null && [...document.querySelectorAll('#output .stopped')].some((el) => !old.has(el))) {
                observer.disconnect();
                resolve((performance.now() - started) / 1000);
            }
        };
        const observer = new MutationObserver(done);
        observer.observe(document.body, {childList: true, subtree: true});
        const stop = document.getElementById('stop');
        stop.addEventListener('click', (event) => { started = event.timeStamp; }, {capture: true, once: true});
        stop.click();
        done();
    })""")


def flood_then_stop(playground):
    page = playground.page
    page.evaluate(CLICK_PROBE)
    box = page.locator("#output").bounding_box()
    playground.set_code(FLOOD)
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("body[data-state=running]", state="attached")
    time.sleep(2.0)
    page.evaluate("window.__clicks = []")  # only the clicks during the flood
    for _ in range(5):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 10)
        time.sleep(0.2)
    page.wait_for_function("() => window.__clicks.length >= 5")
    clicks = page.evaluate("window.__clicks")
    stopped = stop_seconds(page)
    playground.wait_ready()
    return clicks, stopped


def check_flood(playground):
    clicks, stopped = flood_then_stop(playground)
    print(f"clicks under flood (ms): {[round(c) for c in clicks]}; Stop: {stopped:.2f} s")
    # The median (not the worst) of five clicks, with room for a loaded test machine (the
    # 200 ms target itself is checked by bench/output_flood.py): before batching, every click
    # under this flood waited about 11 s.
    assert statistics.median(clicks) < 500, clicks
    assert stopped < 1.0, f"Stop took {stopped:.2f} s"
    lines = playground.page.locator("#output .line").count()
    assert lines <= 1000, f"{lines} line elements on the page"  # blocks of lines, not one per line
    hidden = playground.page.locator("#output .hidden-lines")
    assert hidden.is_visible() and "earlier lines hidden" in hidden.inner_text()
    playground.set_code("print('after the flood')")
    playground.run_and_wait()
    assert "after the flood" in playground.output_text()
    assert not playground.page.locator("#output .hidden-lines").is_visible()


def test_a_print_flood_leaves_the_page_responsive_and_stoppable(playground):
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is True
    check_flood(playground)


def test_a_print_flood_without_isolation_too(open_context, plain_server):
    # A host without the isolation headers, where no service worker can add them either.
    playground = open_context(plain_server.origin, service_workers="block")
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is False
    check_flood(playground)


def test_the_console_keeps_the_last_5000_lines_and_says_how_many_are_hidden(warm):
    playground = warm
    playground.set_code(
        "import sys\nfor i in range(12000):\n    print('line', i)\n"
        "print('to stderr', file=sys.stderr)\n"
    )
    playground.run_and_wait()
    page = playground.page
    text = playground.output_text()
    kept = [line for line in text.splitlines() if line.startswith("line ")]
    assert kept[-1] == "line 11999"
    assert 5000 - 300 <= len(kept) <= 5000, len(kept)
    first_kept = int(kept[0].split()[1])
    note = page.locator("#output .hidden-lines").inner_text()
    assert f"{first_kept:,} earlier lines hidden" in note, note
    assert page.locator("#output .stderr", has_text="to stderr").count() == 1
    assert "Finished in" in text
    playground.screenshot("output-hidden-lines.png")


def test_progress_bars_arrive_collapsed_and_end_on_their_last_state(warm):
    playground = warm
    playground.set_code(
        "import sys\n"
        "for i in range(1, 20001):\n"
        "    sys.stdout.write(f'\\r{i}/20000 [' + '=' * (i * 20 // 20000) + ']')\n"
        "print()\nprint('done')\n"
    )
    playground.run_and_wait()
    lines = playground.output_text().splitlines()
    assert lines[0] == "20000/20000 [====================]", lines[:3]
    assert lines[1] == "done"
