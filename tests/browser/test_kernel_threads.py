"""The kernel threads (web/src/worker/kernel-pool.js) in the playground: on a cross-origin
isolated page pynn's big float32 products run on several Web Workers over one shared memory,
with results equal to numpy's (and bit for bit to the one-thread kernel) for odd shapes,
transposed and strided operands and blocks that end mid-tile; training gives the same weights
with and without threads; Stop still stops a threaded fit; a plain host works through the
service worker's isolation. A page that is not isolated computes on one thread and says why.
Convolutions computed from the layer's input (web/kernels/conv.c) on the threads equal the
one-thread kernel's bit for bit and numpy's float64 within 1e-5, for odd shapes, strides 1 and 2,
'valid' and 'same', dilation, a batch of one and a non-contiguous input."""

import json
import re

import pytest

from tests.browser.test_kernels import CHECK_PRODUCTS
from tests.browser.test_playground import stop_seconds

pytestmark = pytest.mark.browser

CHECK = (
    CHECK_PRODUCTS
    + r"""
import js
import numpy as np
from pynn.ops import gemm

defaults = (gemm.KERNEL_MIN_MACS, gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY,
            gemm.THREADS_ADAPTIVE)
cores = int(js.navigator.hardwareConcurrency)
print("expect threads:", min(cores, 4))
print("status:", gemm.kernel_status())
gemm.KERNEL_MIN_MACS = 0  # every product below goes to the threads
gemm.THREAD_MIN_MACS = 0
gemm.THREAD_MIN_MACS_PER_COPY = 0
gemm.THREADS_ADAPTIVE = False  # threads even when the machine is too busy for them to pay
run = gemm._threads.run
threaded = [0]
def counting(a, b, n, **options):
    out = run(a, b, n, **options)
    threaded[0] += out is not None
    return out
gemm._threads.run = counting

rng = np.random.default_rng(7)
# Row splits (m >= n) and column splits (n > m), blocks that end mid-tile (m % 4, n % 8),
# depths past one 256-deep block, widths past one 512-wide block; each also equal bit for bit
# to the one-thread kernel.
checked, bad, differs = check_products(
    [(1, 9, 2), (5, 3, 7), (2, 17, 300), (9, 9, 9), (67, 13, 700), (13, 67, 257), (130, 70, 33),
     (6, 1100, 5), (301, 515, 260), (1027, 3, 64)],
    rng, lambda got, a, b: np.array_equal(got, gemm._kernel.product(a, b)))
print("products checked:", checked, "threaded:", threaded[0], "bad:", bad, "differ:", differs)
gemm._threads.run = run  # the module lives on in the page: put everything back
(gemm.KERNEL_MIN_MACS, gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY,
 gemm.THREADS_ADAPTIVE) = defaults
"""
)

TRAINING = r"""
import numpy as np
import tensorflow as tf
from pynn.ops import gemm

def train(threads):
    gemm.set_threads(threads)
    tf.keras.utils.set_random_seed(3)
    x = np.random.default_rng(1).random((96, 14, 14, 1)).astype("float32")
    y = np.arange(96) % 10
    model = tf.keras.Sequential([
        tf.keras.layers.Conv2D(16, 3, activation="relu", input_shape=(14, 14, 1)),
        tf.keras.layers.Conv2D(32, 3, activation="relu"),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=32, epochs=2, verbose=0)
    return model.get_weights(), gemm.kernel_threads()

defaults = gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY, gemm.THREADS_ADAPTIVE
gemm.THREAD_MIN_MACS = 1 << 14
gemm.THREAD_MIN_MACS_PER_COPY = 0
gemm.THREADS_ADAPTIVE = False
with_threads, used = train(None)
one_thread, used_one = train(1)
gemm.set_threads(None)  # the module lives on in the page: put everything back
gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY, gemm.THREADS_ADAPTIVE = defaults
print("threads used:", used, used_one, "threaded products:", gemm.thread_stats()["threaded"])
print("same weights:", all(np.array_equal(a, b) for a, b in zip(with_threads, one_thread)))
"""

CONVOLUTIONS = r"""
import numpy as np
from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Variable
from pynn.ops import conv_kernels, gemm

defaults = (conv_kernels.CONV_MIN_MACS, gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY,
            gemm.THREADS_ADAPTIVE)
conv_kernels.CONV_MIN_MACS = gemm.THREAD_MIN_MACS = gemm.THREAD_MIN_MACS_PER_COPY = 0
gemm.THREADS_ADAPTIVE = False  # on the threads even when the machine is too busy for them to pay
conv = gemm._threads.conv if gemm.kernel_threads() > 1 else None
threaded = [0]
def counting(*args, **options):
    done = conv(*args, **options)
    threaded[0] += bool(done)
    return done
gemm._threads.conv = counting

def run(x, k, strides, padding, dilation, transpose, dtype=np.float32):
    xv, kv = Variable(x.astype(dtype)), Variable(k.astype(dtype))
    with GradientTape() as tape:
        xin = ops.transpose(xv, (0, 2, 1, 3)) if transpose else xv
        y = ops.conv2d(xin, kv, strides=strides, padding=padding, dilation_rate=dilation)
        loss = ops.sum(ops.square(y) * 0.5 + y)
    return [t.numpy() for t in (y, *tape.gradient(loss, [xv, kv]))]

cases = [((32, 26, 26, 32), (3, 3, 32, 64), 1, "valid", 1, False),
         ((1, 9, 7, 3), (3, 3, 3, 5), 2, "same", 1, False),
         ((3, 10, 11, 4), (5, 5, 4, 3), (2, 1), "same", 1, False),
         ((2, 8, 9, 2), (2, 3, 2, 6), 2, "valid", 1, True),
         ((1, 13, 12, 3), (3, 3, 3, 4), 1, "same", 2, False),
         ((5, 17, 5, 1), (1, 1, 1, 9), 1, "valid", 1, False),
         ((1, 40, 40, 3), (3, 3, 3, 7), 1, "same", 1, True)]
rng = np.random.default_rng(21)
bad, differ = [], []
for case in cases:
    x, k = rng.standard_normal(case[0]), rng.standard_normal(case[1])
    gemm.set_threads(None)
    many = run(x, k, *case[2:])
    gemm.set_threads(1)
    one = run(x, k, *case[2:])
    gemm.set_threads(None)
    exact = run(x, k, *case[2:], dtype=np.float64)  # numpy's im2col path in float64
    if not all(np.array_equal(a, b) for a, b in zip(many, one)):
        differ.append(case[:2])
    if not all(np.allclose(a, b, rtol=1e-5, atol=2e-5 * np.abs(b).max()) for a, b in zip(many, exact)):
        bad.append(case[:2])
print("convolutions:", len(cases), "threaded calls:", threaded[0], "bad:", bad, "differ:", differ)
print("checks passed:", gemm._kernel.conv_problem, gemm._threads.conv_problem)
gemm._threads.conv = conv  # the module lives on in the page: put everything back
(conv_kernels.CONV_MIN_MACS, gemm.THREAD_MIN_MACS, gemm.THREAD_MIN_MACS_PER_COPY,
 gemm.THREADS_ADAPTIVE) = defaults
"""

ENDLESS_FIT = r"""
import numpy as np
import tensorflow as tf
from pynn.ops import gemm

print("status:", gemm.kernel_status())
x = np.random.default_rng(0).random((4096, 28, 28, 1)).astype("float32")
y = np.arange(4096) % 10
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(64, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x, y, batch_size=64, epochs=100)
"""


# Three pairs of products forced onto the threads (a plain one and the same product through
# transposed views); prints, per call shape, how many calls and milliseconds thread_times added.
TIMES = r"""
import json, time
import numpy as np
from pynn.ops import gemm

gemm.kernel_threads()  # (loads and checks the threads: their own products come before `before`)
defaults = gemm.THREADS_ADAPTIVE
gemm.THREADS_ADAPTIVE = False
a = np.ones((300, 700), np.float32)
b = np.ones((700, 200), np.float32)
before = gemm.thread_times()
start = time.perf_counter()
for _ in range(3):
    gemm.matmul(a, b)
    gemm.matmul(b.T, a.T)
wall = (time.perf_counter() - start) * 1e3
after = gemm.thread_times()
gemm.THREADS_ADAPTIVE = defaults
added = {
    label: {key: value - before.get(label, {}).get(key, 0) for key, value in record.items()}
    for label, record in after.items()
}
print("TIMES " + json.dumps({"added": added, "wall": wall, "stats": gemm.thread_stats()}))
"""


def expected_threads(text):
    return int(re.search(r"expect threads: (\d+)", text).group(1))


def test_threaded_products_equal_numpy_and_the_one_thread_kernel(warm):
    warm.set_code(CHECK)
    warm.run_and_wait()
    text = warm.output_text()
    threads = expected_threads(text)
    assert threads >= 2, f"this browser reports one core: nothing to test\n{text}"
    assert re.search(
        rf"status: compiled kernel kernels-(relaxed|simd128)\.so, {threads} threads "
        r"\(threads-(relaxed|simd128)\.wasm\)",
        text,
    ), text
    checked, threaded = map(
        int, re.search(r"products checked: (\d+) threaded: (\d+)", text).groups()
    )
    assert checked == threaded == 80, text
    assert "bad: [] differ: []" in text, text


def test_training_with_threads_gives_the_one_thread_weights(warm):
    warm.set_code(TRAINING)
    warm.run_and_wait()
    text = warm.output_text()
    used, used_one, products = map(
        int, re.search(r"threads used: (\d+) (\d+) threaded products: (\d+)", text).groups()
    )
    assert used >= 2 and used_one == 1 and products >= 20, text
    assert "same weights: True" in text, text


def test_thread_times_say_where_each_call_shapes_time_went(warm):
    warm.set_code(TIMES)
    warm.run_and_wait()
    text = warm.output_text()
    line = next((ln for ln in text.splitlines() if ln.startswith("TIMES ")), None)
    assert line, text
    result = json.loads(line[len("TIMES ") :])
    added = {label: t for label, t in result["added"].items() if t["calls"]}
    assert set(added) == {"product 300x700 @ 700x200", "product 200x700 @ 700x300 (TT)"}, added
    parts = ("copyInMs", "oursMs", "waitMs", "copyBackMs")
    for label, t in added.items():
        assert t["calls"] == 3, (label, t)
        assert all(t[key] >= 0 for key in parts), (label, t)
        assert t["oursMs"] > 0 and t["workersMs"] > 0, (label, t)
    # the calls' parts happen one after the other inside the loop
    assert sum(t[key] for t in added.values() for key in parts) <= result["wall"] + 1, result


def test_threaded_convolutions_equal_one_thread_and_numpy(warm):
    warm.set_code(CONVOLUTIONS)
    warm.run_and_wait()
    text = warm.output_text()
    # each case: forward and backward on the threads (a batch of one: its filter gradient's
    # slices are still split)
    assert re.search(r"convolutions: 7 threaded calls: 14 bad: \[\] differ: \[\]", text), text
    assert "checks passed: None None" in text, text


def test_stop_stops_a_threaded_fit(warm):
    playground, page = warm, warm.page
    playground.set_code(ENDLESS_FIT)
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function(
        "() => document.getElementById('output').innerText.includes('Epoch 1/100')"
    )
    page.wait_for_timeout(1500)  # well inside the threaded products
    assert " threads (threads-" in playground.output_text()
    stopped_after = stop_seconds(page, "#output .stopped")
    assert stopped_after < 1.0, f"Stop took {stopped_after:.2f} s"
    stopped = page.locator("#output .stopped").last.inner_text()
    assert "restarted" not in stopped, stopped  # interrupted: the same Python, its threads intact
    playground.wait_ready()
    playground.set_code(
        "import numpy as np\nfrom pynn.ops import gemm\n"
        "a = np.ones((512, 512), np.float32)\n"
        "print(gemm.kernel_threads(), float(gemm.matmul(a, a)[3, 4]))\n"
    )
    playground.run_and_wait()
    assert re.search(r"^([2-4]) 512\.0$", playground.output_text(), re.M), playground.output_text()


# One 512x512 product; prints its first value, the number of threads, and the kernel's status.
ONE_PRODUCT = (
    "import numpy as np\nfrom pynn.ops import gemm\n"
    "a = np.ones((512, 512), np.float32)\n"
    "print(float(gemm.matmul(a, a)[0, 0]), gemm.kernel_threads())\n"
    "print('status:', gemm.kernel_status())\n"
)


def test_a_page_that_is_not_isolated_computes_on_one_thread(open_context, plain_server):
    playground = open_context(plain_server.origin, service_workers="block")
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is False
    playground.set_code(ONE_PRODUCT)
    playground.run_and_wait()
    text = playground.output_text()
    assert "512.0 1" in text, text
    assert re.search(
        r"status: compiled kernel kernels-(relaxed|simd128)\.so, 1 thread: "
        r"the page is not cross-origin isolated",
        text,
    ), text


def test_threads_on_a_plain_host_isolated_by_the_service_worker(open_context, plain_server):
    # A host without the isolation headers: the service worker adds them (web/README.md,
    # "Delivery"), and the sandboxed worker's nested kernel workers start there too.
    playground = open_context(plain_server.origin)
    page = playground.open()
    assert page.evaluate("crossOriginIsolated") is True
    playground.set_code(ONE_PRODUCT)
    playground.run_and_wait()
    text = playground.output_text()
    cores = page.evaluate("navigator.hardwareConcurrency")
    assert f"512.0 {min(cores, 4)}" in text and " threads (threads-" in text, text
