"""Charts follow runs, in a real browser: every Run starts clean, every fit gets its own
titled section with training and validation curves of a metric in one chart, and a fit that
fails before any data leaves no empty panel."""

import pytest

pytestmark = pytest.mark.browser

TWO_FITS = (
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "rng = np.random.default_rng(0)\n"
    "x = rng.random((200, 4)).astype('float32')\n"
    "y = (x.sum(axis=1) > 2).astype('float32')\n"
    "for name in ('first', 'second'):\n"
    "    model = tf.keras.Sequential([tf.keras.layers.Dense(8, activation='relu', input_shape=(4,)),\n"
    "                                 tf.keras.layers.Dense(1, activation='sigmoid')], name=name)\n"
    "    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n"
    "    model.fit(x, y, epochs=3, batch_size=20, validation_split=0.25, verbose=0)\n"
)

FAILING_FIT = (
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])\n"
    "model.compile(optimizer='sgd', loss='mse')\n"
    "model.fit(np.ones((8, 5)), np.ones((8, 1)), verbose=0)\n"
)


def sections(page):
    return page.locator("#charts .fit-chart")


def test_each_fit_gets_its_own_titled_chart_with_validation_beside_training(warm):
    playground, page = warm, warm.page
    playground.set_code(TWO_FITS)
    playground.run_and_wait()
    fits = sections(page)
    assert fits.count() == 2
    assert fits.nth(0).locator(".fit-title").inner_text() == "Training 1: first"
    assert fits.nth(1).locator(".fit-title").inner_text() == "Training 2: second"
    for i in range(2):
        fit = fits.nth(i)
        assert "Epoch 3/3" in fit.locator(".fit-status").inner_text()
        assert "done" in fit.locator(".fit-status").inner_text()
        metrics = fit.locator(".epoch-chart").evaluate_all("els => els.map(e => e.dataset.metric)")
        assert metrics == ["loss", "accuracy"]
        loss = fit.locator(".epoch-chart[data-metric=loss] figcaption").inner_text()
        assert "loss per epoch (3 points)" in loss and "val_loss" in loss
        accuracy = fit.locator(".epoch-chart[data-metric=accuracy] figcaption").inner_text()
        assert "val_accuracy" in accuracy
        assert fit.locator(".batch-chart figcaption").count() == 1
    playground.screenshot("charts-two-fits.png")

    # The next Run starts clean: a program without fit shows no charts at all.
    playground.set_code("print('no training')")
    playground.run_and_wait()
    assert sections(page).count() == 0
    assert page.locator("#charts").is_hidden()


def test_a_failed_fit_leaves_no_empty_panel(warm):
    playground, page = warm, warm.page
    playground.set_code(TWO_FITS)
    playground.run_and_wait()
    assert sections(page).count() == 2
    playground.set_code(FAILING_FIT)
    playground.run_and_wait()
    assert page.locator("#output .error-report").count() == 1
    assert sections(page).count() == 0
    assert page.locator("#charts").is_hidden()
    assert "no data yet" not in page.locator("#results").inner_text()
