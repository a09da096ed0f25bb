"""The Files panel in Chromium: files a program writes are listed and downloadable, uploads
land in the working folder (a tf.keras 2.15 model loads and predicts as recorded), files last
across runs and restarts of Python, can be deleted, and hostile names stay text."""

import io
import json
import os
import zipfile

import numpy as np
import pytest

from tests.browser.conftest import ARTIFACTS
from tests.dependencies import require_h5py

h5py = require_h5py(module_level=True)

pytestmark = pytest.mark.browser

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
with open(os.path.join(FIXTURES, "upload_models.json")) as f:
    UPLOAD = json.load(f)


def files_panel(page):
    return page.get_by_role("region", name="Files")


def listed(page):
    """{name: size text} as the panel shows them."""
    rows = files_panel(page).locator("li")
    return {
        rows.nth(i).locator(".file-name").inner_text(): rows.nth(i)
        .locator(".file-size")
        .inner_text()
        for i in range(rows.count())
    }


def run_and_read(playground, code, expect):
    """Run `code`; the output once it shows `expect` (the console draws once per frame)."""
    playground.set_code(code)
    playground.run_and_wait()
    playground.page.wait_for_function(
        "text => document.getElementById('output').innerText.includes(text)", arg=expect
    )
    return playground.output_text()


def download(page, name):
    with page.expect_download() as info:
        files_panel(page).get_by_role("link", name=name, exact=True).click()
    item = info.value
    with open(item.path(), "rb") as f:
        return item.suggested_filename, f.read()


def test_save_download_upload_load_and_delete(playground, tmp_path):
    page = playground.open()
    assert files_panel(page).is_visible()
    assert listed(page) == {}

    playground.set_code("""
import numpy as np
from tensorflow import keras
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3), keras.layers.Dense(1)])
model.compile(optimizer='adam', loss='mse')
model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, verbose=0,
          callbacks=[keras.callbacks.CSVLogger('log.csv')])
model.save('m.keras')
model.save('m.h5')
model.save_weights('w.weights.h5')
with open('<img src=x onerror=alert(1)>.txt', 'w') as f:
    f.write('hostile name')
print(model.predict(np.ones((1, 2)), verbose=0).tolist())
""")
    playground.run_and_wait()
    shown = listed(page)
    assert set(shown) == {
        "m.keras",
        "m.h5",
        "w.weights.h5",
        "log.csv",
        "<img src=x onerror=alert(1)>.txt",
    }, shown
    assert shown["log.csv"].endswith("bytes")
    assert files_panel(page).locator("img").count() == 0  # names are text, never HTML
    playground.screenshot("files-panel.png")

    name, data = download(page, "m.h5")
    assert name == "m.h5" and data[:8] == b"\x89HDF\r\n\x1a\n"
    with h5py.File(io.BytesIO(data), "r") as f:
        assert "model_weights" in f
    name, data = download(page, "m.keras")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "model.weights.h5" in archive.namelist()
    name, _ = download(page, "<img src=x onerror=alert(1)>.txt")
    assert not set(name) & set('<>:"/\\|?*'), name

    # files persist across runs: a new program reads what the last one wrote
    text = run_and_read(
        playground,
        "import os\nprint(sorted(os.listdir('.')))\nprint(open('log.csv').read()[:5])",
        "epoch",
    )
    assert "'m.keras'" in text

    # upload a tf.keras 2.15 model (.keras and legacy .h5) and load it
    upload = files_panel(page).locator("input[type=file]")
    folder = os.path.join(FIXTURES, "saved", "upload")
    upload.set_input_files([os.path.join(folder, n) for n in UPLOAD["files"]])
    page.wait_for_function("() => document.querySelectorAll('#files li').length >= 7")
    playground.set_code(f"""
import numpy as np
from tensorflow import keras
x = np.array({UPLOAD["x"]}, dtype='float32')
for name in ('tf_model.keras', 'tf_model.h5'):
    model = keras.models.load_model(name)
    print(name, model.predict(x, verbose=0).ravel().tolist())
""")
    playground.run_and_wait()
    playground.page.wait_for_function(
        "() => document.getElementById('output').innerText.includes('tf_model.h5')"
    )
    text = playground.output_text()
    expected = np.ravel(UPLOAD["predictions"])
    for name in UPLOAD["files"]:
        line = next(line for line in text.splitlines() if line.startswith(name))
        got = json.loads(line.split(" ", 1)[1])
        np.testing.assert_allclose(got, expected, atol=1e-5)

    # delete
    files_panel(page).get_by_role("button", name="Delete m.h5").click()
    assert "m.h5" not in listed(page)
    text = run_and_read(
        playground, "import os\nprint('gone', 'm.h5' not in os.listdir('.'))", "gone"
    )
    assert "gone True" in text


def test_files_survive_a_restart_of_python(playground):
    page = playground.open()
    playground.set_code("open('keep.txt', 'w').write('still here')\nraise MemoryError")
    playground.run_and_wait()  # MemoryError restarts Python (a new sandbox and worker)
    playground.wait_ready()
    assert "keep.txt" in listed(page)
    assert "still here" in run_and_read(playground, "print(open('keep.txt').read())", "still")


def test_an_upload_over_the_limit_gets_a_clear_message(playground):
    page = playground.open()
    big = {"name": "big.csv", "mimeType": "text/csv", "buffer": b"0" * (25 * 1024 * 1024)}
    files_panel(page).locator("input[type=file]").set_input_files([big])
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "big.csv is 25.0 MB; files up to 20.0 MB can be uploaded." in alert.inner_text()
    assert listed(page) == {}
    os.makedirs(ARTIFACTS, exist_ok=True)
