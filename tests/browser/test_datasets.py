"""keras.datasets in the playground: the dataset files are not part of the first download;
a program that names a dataset gets its file fetched (through the page, once) before it runs,
and the service worker keeps it, so the dataset works offline after its first use (and after
a new build whose copy of it did not change)."""

import shutil

import pytest

from tests.browser.conftest import BOOT_TIMEOUT_MS
from tests.browser.test_delivery import new_build, requests_in, served, wait_all_cached

pytestmark = pytest.mark.browser

FASHION = """
from tensorflow import keras
import numpy as np
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
print('FASHION', x_train.shape, x_train.dtype, y_train.shape, y_train.dtype,
      x_test.shape, y_test.shape, np.bincount(y_test).tolist(), x_train.flags.writeable)
"""
FASHION_OUT = (
    "FASHION (6000, 28, 28) uint8 (6000,) uint8 (1000, 28, 28) (1000,) "
    "[100, 100, 100, 100, 100, 100, 100, 100, 100, 100] False"
)


def dataset_requests(playground, name=""):
    return [url for url in playground.requests if f"/datasets/{name}" in url]


def test_a_dataset_is_fetched_only_when_a_program_names_it_then_works_offline(
    open_context, private_server
):
    playground = open_context(private_server.origin)
    page = playground.open()
    page.wait_for_selector("#offline-status:has-text('Available offline')", timeout=120_000)
    assert dataset_requests(playground) == [], "a dataset file was part of the first download"

    playground.set_code("print('no data', sum(range(4)))")
    playground.run_and_wait()
    assert "no data 6" in playground.output_text()
    assert dataset_requests(playground) == []

    playground.set_code(FASHION)
    playground.run_and_wait()
    assert FASHION_OUT in playground.output_text(), playground.output_text()[-2000:]
    assert dataset_requests(playground, "fashion_mnist.npz"), playground.requests
    assert dataset_requests(playground, "mnist.npz") == [], "mnist was fetched for fashion_mnist"
    fetched = len(dataset_requests(playground))

    playground.run_and_wait()  # the worker keeps the file: no second request
    assert FASHION_OUT in playground.output_text()
    assert len(dataset_requests(playground)) == fetched

    private_server.stop()  # offline: the service worker kept the file
    playground.context.set_offline(True)
    page.reload()
    playground.wait_ready(timeout=180_000)
    playground.set_code(FASHION)
    playground.run_and_wait()
    assert FASHION_OUT in playground.output_text(), playground.output_text()[-2000:]


def test_a_dataset_named_only_at_run_time_gets_a_clear_message(playground):
    playground.open()
    playground.set_code(
        "from tensorflow import keras\n"
        "name = 'fashion' + '_' + 'mn' + 'ist'\n"
        "getattr(keras.datasets, name).load_data()\n"
    )
    playground.run_and_wait()
    out = playground.output_text()
    assert "DatasetUnavailableError" in out and "names it" in out, out[-2000:]
    assert dataset_requests(playground) == []


def test_a_dataset_used_before_a_new_build_stays_offline(open_context, dist, tmp_path):
    served_dist = tmp_path / "dist"
    shutil.copytree(dist, served_dist, ignore=shutil.ignore_patterns("*.whl"))
    server, log = served(served_dist, tmp_path)
    try:
        playground = open_context(server.origin)
        page = playground.open()
        wait_all_cached(page)
        playground.set_code(FASHION)
        playground.run_and_wait()
        assert FASHION_OUT in playground.output_text()
        new_build(served_dist)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        banner = page.locator("#update")
        banner.wait_for(state="visible", timeout=BOOT_TIMEOUT_MS)
        with page.expect_navigation(timeout=BOOT_TIMEOUT_MS):
            banner.get_by_role("button").click()
        playground.wait_ready(BOOT_TIMEOUT_MS)
        assert page.evaluate("document.documentElement.dataset.build") == "2"
        wait_all_cached(page)
    finally:
        server.stop()
    assert requests_in(log).count("/datasets/fashion_mnist.npz") == 1
    playground.context.set_offline(True)  # the new build kept the old build's copy
    page.reload()
    playground.wait_ready(BOOT_TIMEOUT_MS)
    playground.set_code(FASHION)
    playground.run_and_wait()
    assert FASHION_OUT in playground.output_text(), playground.output_text()[-2000:]
