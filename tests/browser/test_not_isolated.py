"""The playground's own features on a page that is not cross-origin isolated: a host without the
isolation headers where no service worker can add them (service workers blocked). Stop, the
output flood and fake messages are checked there too (test_playground, test_output,
test_sandbox); here the Files panel, share links and the autosaved draft."""

import os

from tests.browser.test_files_panel import download, files_panel, listed

CODE = (
    "with open('from_python.txt', 'w') as f:\n    f.write('written in the page')\nprint('saved')\n"
)


def test_files_share_links_and_drafts_work_without_isolation(open_context, plain_server, tmp_path):
    playground = open_context(plain_server.origin, service_workers="block")
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is False

    # Files: a file the program writes is listed and downloads; an upload reaches Python.
    playground.set_code(CODE)
    page.wait_for_timeout(800)  # the autosave
    playground.run_and_wait()
    assert "from_python.txt" in listed(page)
    name, data = download(page, "from_python.txt")
    assert (name, data) == ("from_python.txt", b"written in the page")
    upload = tmp_path / "numbers.csv"
    upload.write_text("1,2\n3,4\n")
    files_panel(page).locator("input[type=file]").set_input_files([os.fspath(upload)])
    page.wait_for_function(
        "() => document.querySelector('#files').innerText.includes('numbers.csv')"
    )
    playground.set_code(
        "import numpy as np\nprint('sum', np.loadtxt('numbers.csv', delimiter=',').sum())\n"
    )
    playground.run_and_wait()
    page.wait_for_function("() => document.getElementById('output').innerText.includes('sum 10.0')")

    # Share: the link opens the same program in another page, without running it.
    page.get_by_role("button", name="Share", exact=True).click()
    link = page.get_by_label("Share link").input_value()
    other = open_context(plain_server.origin, service_workers="block")
    other.open(link[len(plain_server.origin) + 1 :])
    assert "np.loadtxt('numbers.csv'" in other.editor_text()
    assert other.output_text().strip() == ""

    # The draft: the student's code comes back after a reload.
    playground.set_code("# my homework\n" + CODE)
    page.wait_for_timeout(800)  # the autosave
    page.goto(plain_server.origin + "/")
    playground.wait_ready()
    assert "# my homework" in playground.editor_text()
