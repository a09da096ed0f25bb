"""tf.data.Dataset pipelines, as TensorFlow 2 tutorials use them."""

import numpy as np
import pytest

from pynn import tf


def test_quickstart_pipeline_shuffles_and_batches():
    x = np.arange(20, dtype=np.float32).reshape(10, 2)
    y = np.arange(10)
    tf.random.set_seed(0)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(10000).batch(4)
    assert len(ds) == 3 and ds.cardinality().numpy() == 3
    batches = list(ds)
    assert [b[0].shape for b in batches] == [(4, 2), (4, 2), (2, 2)]
    assert all(isinstance(b[0], tf.Tensor) for b in batches)
    seen = np.concatenate([b[1].numpy() for b in batches])
    assert sorted(seen.tolist()) == list(range(10)) and seen.tolist() != list(range(10))
    for xb, yb in batches:  # rows stay paired with their labels
        np.testing.assert_array_equal(xb.numpy()[:, 0], 2 * yb.numpy())
    second = np.concatenate([b[1].numpy() for b in ds])
    assert second.tolist() != seen.tolist()  # reshuffled on every pass


def test_custom_training_loop_over_a_dataset():
    x = np.random.default_rng(0).random((64, 3), dtype=np.float32)
    y = x @ np.array([[1.0], [-2.0], [0.5]], np.float32)
    w = tf.Variable(tf.zeros((3, 1)))
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    for _ in range(200):
        for xb, yb in ds:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.matmul(xb, w) - yb))
            w.assign_sub(0.5 * tape.gradient(loss, w))
    np.testing.assert_allclose(w.numpy().ravel(), [1.0, -2.0, 0.5], atol=0.05)


def test_dicts_map_filter_take_skip_repeat():
    ds = tf.data.Dataset.from_tensor_slices({"a": np.arange(6.0), "b": np.arange(6)})
    doubled = ds.map(lambda d: (d["a"] * 2, d["b"]))
    assert [int(b) for _, b in doubled.skip(1).take(2)] == [1, 2]
    evens = tf.data.Dataset.range(10).filter(lambda v: v % 2 == 0)
    assert [int(v) for v in evens] == [0, 2, 4, 6, 8]
    rep = tf.data.Dataset.range(3).repeat(2)
    assert [int(v) for v in rep] == [0, 1, 2, 0, 1, 2] and len(rep) == 6
    assert tf.data.Dataset.range(3).repeat().cardinality().numpy() == tf.data.INFINITE_CARDINALITY
    with pytest.raises(TypeError, match="infinite"):
        len(tf.data.Dataset.range(3).repeat())
    batched = tf.data.Dataset.range(7).map(lambda v: v * 10).batch(3, drop_remainder=True)
    assert [b.numpy().tolist() for b in batched] == [[0, 10, 20], [30, 40, 50]]
    assert [v.numpy().tolist() for v in batched.unbatch()] == [0, 10, 20, 30, 40, 50]


def test_buffer_shuffle_seed_and_no_reshuffle():
    a = list(
        tf.data.Dataset.range(8)
        .shuffle(3, seed=4, reshuffle_each_iteration=False)
        .as_numpy_iterator()
    )
    assert sorted(a) == list(range(8))
    ds = tf.data.Dataset.range(8).shuffle(8, reshuffle_each_iteration=False)
    assert list(ds.as_numpy_iterator()) == list(ds.as_numpy_iterator())


def test_generator_zip_concatenate_enumerate_cache():
    def gen():
        yield from range(3)

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64)
    assert [int(v) for v in ds] == [0, 1, 2]
    z = tf.data.Dataset.zip((tf.data.Dataset.range(3), tf.data.Dataset.range(10, 13)))
    assert [(int(a), int(b)) for a, b in z] == [(0, 10), (1, 11), (2, 12)]
    c = tf.data.Dataset.range(2).concatenate(tf.data.Dataset.range(5, 6))
    assert [int(v) for v in c] == [0, 1, 5]
    assert [(int(i), int(v)) for i, v in tf.data.Dataset.range(5, 7).enumerate()] == [
        (0, 5),
        (1, 6),
    ]
    calls = []
    cached = tf.data.Dataset.range(3).map(lambda v: calls.append(1) or v).cache()
    assert [int(v) for v in cached] == [int(v) for v in cached] == [0, 1, 2]
    assert len(calls) == 3
    assert tf.data.AUTOTUNE == tf.data.experimental.AUTOTUNE == -1
    assert tf.data.Dataset.range(3).prefetch(tf.data.AUTOTUNE).cardinality().numpy() == 3


def test_slices_must_have_equal_rows():
    with pytest.raises(ValueError, match="same number of rows"):
        tf.data.Dataset.from_tensor_slices((np.zeros((3, 2)), np.zeros(4)))
