"""Embedding: lookups, mask_zero masks flowing into recurrent layers, shapes, errors."""

import numpy as np
import pytest

from pynn import keras
from pynn.core.errors import InvalidArgumentError
from pynn.keras import layers
from tests.gradcheck import check_gradients


def test_lookup_returns_rows_of_the_table():
    embedding = layers.Embedding(10, 4)
    tokens = np.array([[1, 2, 3], [9, 0, 1]])
    vectors = embedding(tokens).numpy()
    table = embedding.embeddings.numpy()
    assert vectors.shape == (2, 3, 4)
    np.testing.assert_array_equal(vectors[1, 0], table[9])
    assert embedding.embeddings.name == "embedding/embeddings:0"
    assert np.abs(table).max() <= 0.05


def test_float_indices_are_cast_like_tf():
    embedding = layers.Embedding(5, 2)
    np.testing.assert_array_equal(
        embedding(np.array([[1.0, 4.0]], "float32")).numpy(), embedding(np.array([[1, 4]])).numpy()
    )


def test_mask_zero_produces_a_mask():
    embedding = layers.Embedding(10, 4, mask_zero=True)
    out = embedding(np.array([[3, 1, 0, 0]]))
    np.testing.assert_array_equal(out._keras_mask.numpy(), [[True, True, False, False]])
    assert layers.Embedding(10, 4).compute_mask(np.array([[0]])) is None


def test_masked_padding_does_not_change_the_lstm_result():
    embedding = layers.Embedding(20, 3, mask_zero=True)
    lstm = layers.LSTM(5)
    model = keras.Sequential([embedding, lstm])
    padded = np.array([[4, 7, 2, 0, 0, 0]])
    unpadded = np.array([[4, 7, 2]])
    np.testing.assert_allclose(model(padded).numpy(), model(unpadded).numpy(), atol=1e-6)


def test_mask_flows_through_the_functional_api():
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(20, 3, mask_zero=True)(inputs)
    outputs = layers.GRU(4)(x)
    model = keras.Model(inputs, outputs)
    a = model.predict(np.array([[5, 6, 0, 0]]), verbose=0)
    b = model.predict(np.array([[5, 6]]), verbose=0)
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_input_length_lets_flatten_and_dense_follow():
    model = keras.Sequential(
        [
            layers.Embedding(1000, 8, input_length=10),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    assert model.output_shape == (None, 1)
    assert model.layers[0].output_shape == (None, 10, 8)
    assert model.count_params() == 1000 * 8 + 80 + 1


def test_embedding_first_in_a_sequential_builds_immediately():
    model = keras.Sequential([layers.Embedding(100, 4)])
    assert model.built
    assert model.output_shape == (None, None, 4)


def test_errors():
    with pytest.raises(ValueError, match="Both `input_dim` and `output_dim` should be positive"):
        layers.Embedding(0, 4)
    with pytest.raises(InvalidArgumentError, match=r"is not in \[0, 10\)"):
        layers.Embedding(10, 4)(np.array([[12]]))


def test_config_matches_tf_keras():
    config = layers.Embedding(10, 4).get_config()
    assert list(config) == [
        "name",
        "trainable",
        "dtype",
        "batch_input_shape",
        "input_dim",
        "output_dim",
        "embeddings_initializer",
        "embeddings_regularizer",
        "activity_regularizer",
        "embeddings_constraint",
        "mask_zero",
        "input_length",
    ]
    assert config["batch_input_shape"] == (None, None)
    assert config["embeddings_initializer"]["config"] == {
        "minval": -0.05,
        "maxval": 0.05,
        "seed": None,
    }


def test_embedding_gradient_accumulates_repeated_indices():
    embedding = layers.Embedding(6, 3, dtype="float64")
    tokens = np.array([[1, 2, 1], [5, 1, 0]])
    embedding(tokens)
    check_gradients(embedding, tokens, params=embedding.trainable_weights)
