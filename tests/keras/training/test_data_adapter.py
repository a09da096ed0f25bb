"""How `fit` turns x / y / sample_weight into batches (pynn.keras.engine.data_adapter)."""

import numpy as np
import pytest

from pynn import keras
from pynn.core.tensor import constant
from pynn.keras.engine import data_adapter
from pynn.keras.engine.data_adapter import DataHandler
from pynn.tf import data as tf_data


def test_nested_python_lists_are_one_array_lists_of_arrays_are_inputs():
    x = data_adapter.to_arrays([[0, 1], [1, 0], [1, 1]])
    assert isinstance(x, np.ndarray) and x.shape == (3, 2)
    pair = data_adapter.to_arrays([np.zeros((3, 2)), np.ones((3, 1))])
    assert isinstance(pair, list) and [a.shape for a in pair] == [(3, 2), (3, 1)]
    named = data_adapter.to_arrays({"a": [1.0, 2.0], "b": np.zeros((2, 3))})
    assert named["a"].dtype == np.float32 and named["b"].shape == (2, 3)


def test_floats_become_float32_integers_stay():
    assert data_adapter.to_arrays(np.zeros(4, np.float64)).dtype == np.float32
    assert data_adapter.to_arrays(np.arange(4)).dtype == np.arange(4).dtype
    tensor = constant([[1.0, 2.0]])
    assert data_adapter.to_arrays(tensor).shape == (1, 2)


def test_generators_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Unsupported input type generator"):
        data_adapter.to_arrays(x for x in range(3))


def test_batches_keep_order_and_a_short_last_batch():
    x = np.arange(10, dtype="float32")[:, None]
    handler = DataHandler(x, x * 2, batch_size=4, shuffle=False)
    assert handler.inferred_steps == 3
    batches = list(handler.batches())
    assert [step for step, _ in batches] == [0, 1, 2]
    assert [b[0].shape[0] for _, b in batches] == [4, 4, 2]
    xb, yb, sw = batches[2][1]
    np.testing.assert_array_equal(xb[:, 0], [8, 9])
    np.testing.assert_array_equal(yb[:, 0], [16, 18])
    assert sw is None


def test_shuffle_follows_the_global_seed():
    x = np.arange(20, dtype="float32")[:, None]

    def first_epoch():
        keras.utils.set_random_seed(3)
        handler = DataHandler(x, x, batch_size=5, shuffle=True)
        return np.concatenate([b[0][:, 0] for _, b in handler.batches()])

    a, b = first_epoch(), first_epoch()
    np.testing.assert_array_equal(a, b)
    assert sorted(a) == list(range(20)) and not np.array_equal(a, np.arange(20))


def test_batch_shuffle_keeps_batches_whole():
    x = np.arange(12, dtype="float32")[:, None]
    handler = DataHandler(x, batch_size=4, shuffle="batch")
    for _, (xb, _, _) in handler.batches():
        assert xb[0, 0] % 4 == 0 and np.all(np.diff(xb[:, 0]) == 1)


def test_validation_split_takes_the_last_fraction():
    x = np.arange(10, dtype="float32")
    (tx, ty, tw), (vx, vy, vw) = data_adapter.train_validation_split((x, x + 1, None), 0.3)
    np.testing.assert_array_equal(tx, x[:7])
    np.testing.assert_array_equal(vx, [7, 8, 9])
    np.testing.assert_array_equal(ty, x[:7] + 1)
    np.testing.assert_array_equal(vy, [8, 9, 10])
    assert tw is None and vw is None
    with pytest.raises(
        ValueError,
        match="Training data contains 1 samples, which is not "
        "sufficient to split it into a validation and training set as "
        "specified by `validation_split=0.1`",
    ):
        data_adapter.train_validation_split((x[:1], None, None), 0.1)


def test_class_weight_from_sparse_binary_and_one_hot_labels():
    weights = {0: 0.5, 1: 2.0, 2: 1.0}
    sparse = np.array([0, 2, 1])
    np.testing.assert_allclose(
        data_adapter.class_weight_to_sample_weight(weights, sparse), [0.5, 1.0, 2.0]
    )
    one_hot = np.eye(3)[sparse]
    np.testing.assert_allclose(
        data_adapter.class_weight_to_sample_weight(weights, one_hot), [0.5, 1.0, 2.0]
    )
    column = np.array([[0.0], [1.0]])
    np.testing.assert_allclose(
        data_adapter.class_weight_to_sample_weight({0: 1.0, 1: 3.0}, column, np.array([2, 2])),
        [2.0, 6.0],
    )
    with pytest.raises(
        ValueError,
        match="Expected `class_weight` to be a dict with keys from "
        "0 to one less than the number of classes",
    ):
        data_adapter.class_weight_to_sample_weight({1: 1.0}, sparse)
    with pytest.raises(ValueError, match="only supported for Models with a single output"):
        data_adapter.class_weight_to_sample_weight(weights, [sparse, sparse])


def test_cardinality_message_lists_every_array():
    with pytest.raises(ValueError) as info:
        DataHandler([np.zeros((5, 1)), np.zeros((4, 1))], np.zeros(5), np.zeros(3))
    assert str(info.value) == (
        "Data cardinality is ambiguous:\n  x sizes: 5, 4\n  y sizes: 5\n"
        "  sample_weight sizes: 3\n"
        "Make sure all arrays contain the same number of samples."
    )


def test_empty_data_and_bad_batch_size():
    with pytest.raises(ValueError, match="Expected input data to be non-empty."):
        DataHandler(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="Expected input data to be non-empty."):
        DataHandler(None)
    with pytest.raises(ValueError, match="`batch_size` must be a positive integer"):
        DataHandler(np.zeros((4, 3)), batch_size=0)


def test_unpack_and_pack():
    assert data_adapter.unpack_x_y_sample_weight((1, 2)) == (1, 2, None)
    assert data_adapter.unpack_x_y_sample_weight([1, 2, 3]) == (1, 2, 3)
    assert data_adapter.unpack_x_y_sample_weight("x") == ("x", None, None)
    assert data_adapter.pack_x_y_sample_weight("x", "y") == ("x", "y")
    assert data_adapter.pack_x_y_sample_weight(["a", "b"]) == (["a", "b"],)
    with pytest.raises(ValueError, match="Data is expected to be in format"):
        data_adapter.unpack_x_y_sample_weight((1, 2, 3, 4))


def test_fit_evaluate_predict_consume_a_tf_data_dataset():
    # "Customizing what happens in fit()" trains its GAN with `gan.fit(dataset)`, where the
    # dataset yields image batches only; Keras guides also pass `(x, y)` datasets everywhere.

    x = np.random.default_rng(0).random((10, 3)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    handler = DataHandler(tf_data.Dataset.from_tensor_slices((x, y)).batch(4), epochs=2)
    assert handler.inferred_steps == 3
    batches = [b for _ in handler.enumerate_epochs() for _, b in handler.batches()]
    assert len(batches) == 6 and batches[0][0].shape == (4, 3) and batches[2][1].shape == (2, 1)
    np.testing.assert_array_equal(batches[3][0], x[:4])  # each epoch iterates it again

    model = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])
    model.compile(optimizer="sgd", loss="mse")
    train = tf_data.Dataset.from_tensor_slices((x, y)).batch(4)
    history = model.fit(train, epochs=3, validation_data=train, verbose=0)
    assert sorted(history.history) == ["loss", "val_loss"] and len(history.history["loss"]) == 3
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert isinstance(model.evaluate(train, verbose=0), float)
    assert model.predict(tf_data.Dataset.from_tensor_slices(x).batch(4), verbose=0).shape == (10, 1)
    with pytest.raises(ValueError, match="`y` argument is not supported when using dataset"):
        model.fit(train, y, verbose=0)
