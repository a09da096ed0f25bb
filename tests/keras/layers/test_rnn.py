"""Recurrent layers: SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers
from tests.gradcheck import check_gradients

RNG = np.random.default_rng(0)
X = RNG.normal(size=(2, 5, 4)).astype(np.float32)


def _numpy_lstm(x, kernel, recurrent, bias):
    """The LSTM equations written out in numpy (gates i, f, c, o)."""

    def sig(z):
        return 1 / (1 + np.exp(-z))

    units = recurrent.shape[0]
    h = np.zeros((x.shape[0], units))
    c = np.zeros((x.shape[0], units))
    outputs = []
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = np.split(z, 4, axis=-1)
        c = sig(f) * c + sig(i) * np.tanh(g)
        h = sig(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, 1), h, c


def test_lstm_weights_are_named_and_shaped_as_tf_keras():
    lstm = layers.LSTM(3)
    lstm(keras.Input((5, 4)))
    assert [(w.name, tuple(w.shape)) for w in lstm.weights] == [
        ("lstm/lstm_cell/kernel:0", (4, 12)),
        ("lstm/lstm_cell/recurrent_kernel:0", (3, 12)),
        ("lstm/lstm_cell/bias:0", (12,)),
    ]
    bias = lstm.get_weights()[2]
    np.testing.assert_array_equal(bias, np.r_[np.zeros(3), np.ones(3), np.zeros(6)])


def test_gru_bias_layout_depends_on_reset_after():
    assert layers.GRU(3)(X).shape == (2, 3)
    gru = layers.GRU(3)
    gru.build((None, 5, 4))
    assert [tuple(w.shape) for w in gru.weights] == [(4, 9), (3, 9), (2, 9)]
    gru_v1 = layers.GRU(3, reset_after=False)
    gru_v1.build((None, 5, 4))
    assert tuple(gru_v1.weights[2].shape) == (9,)


def test_lstm_matches_the_equations():
    lstm = layers.LSTM(3, return_sequences=True, return_state=True)
    lstm.build((None, 5, 4))
    weights = [RNG.normal(size=w.shape).astype(np.float32) * 0.5 for w in lstm.get_weights()]
    lstm.set_weights(weights)
    seq, h, c = lstm(X)
    want_seq, want_h, want_c = _numpy_lstm(X.astype(np.float64), *weights)
    np.testing.assert_allclose(seq.numpy(), want_seq, atol=1e-5)
    np.testing.assert_allclose(h.numpy(), want_h, atol=1e-5)
    np.testing.assert_allclose(c.numpy(), want_c, atol=1e-5)


@pytest.mark.parametrize(
    "make",
    [
        lambda: layers.SimpleRNN(3, return_sequences=True),
        lambda: layers.LSTM(3, return_sequences=True),
        lambda: layers.GRU(3, return_sequences=True),
    ],
)
def test_output_shapes_symbolic_and_eager_agree(make):
    layer = make()
    symbolic = layer(keras.Input((5, 4)))
    assert tuple(symbolic.shape) == (None, 5, 3)
    assert layer(X).shape == (2, 5, 3)


def test_return_state_gives_output_then_states():
    outputs = layers.LSTM(3, return_state=True)(keras.Input((5, 4)))
    assert [tuple(o.shape) for o in outputs] == [(None, 3)] * 3
    outputs = layers.GRU(3, return_state=True)(X)
    assert len(outputs) == 2
    np.testing.assert_allclose(outputs[0].numpy(), outputs[1].numpy())


def test_go_backwards_reads_the_sequence_reversed():
    forward = layers.SimpleRNN(3)
    forward.build((None, 5, 4))
    backward = layers.SimpleRNN(3, go_backwards=True)
    backward.build((None, 5, 4))
    backward.set_weights(forward.get_weights())
    np.testing.assert_allclose(backward(X).numpy(), forward(X[:, ::-1]).numpy(), atol=1e-6)


def test_masked_steps_carry_the_previous_output_and_state():
    lstm = layers.LSTM(3, return_sequences=True)
    mask = np.array([[True, True, True, False, False], [True] * 5])
    out = lstm(X, mask=mask).numpy()
    np.testing.assert_allclose(out[0, 3], out[0, 2])
    np.testing.assert_allclose(out[0, 4], out[0, 2])
    # the unmasked prefix equals running the truncated sequence
    np.testing.assert_allclose(out[0, :3], lstm(X[:1, :3]).numpy()[0], atol=1e-6)


def test_initial_state_is_used():
    gru = layers.GRU(3)
    state = np.ones((2, 3), np.float32)
    assert not np.allclose(gru(X, initial_state=[state]).numpy(), gru(X).numpy())
    with pytest.raises(ValueError, match="expects 1 state"):
        gru(X, initial_state=[state, state])


def test_rnn_rejects_2d_input():
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=2"):
        layers.LSTM(3)(keras.Input((10,)))


def test_dropout_only_while_training():
    lstm = layers.LSTM(3, dropout=0.5, recurrent_dropout=0.5)
    a = lstm(X, training=False).numpy()
    np.testing.assert_allclose(a, lstm(X, training=False).numpy())
    assert not np.allclose(a, lstm(X, training=True).numpy())


@pytest.mark.parametrize(
    "make",
    [
        lambda: layers.SimpleRNN(2, return_sequences=True, dtype="float64"),
        lambda: layers.LSTM(2, return_sequences=True, dtype="float64"),
        lambda: layers.GRU(2, return_sequences=True, dtype="float64"),
        lambda: layers.GRU(2, reset_after=False, dtype="float64"),
        lambda: layers.Bidirectional(layers.LSTM(2, dtype="float64"), dtype="float64"),
        lambda: layers.TimeDistributed(layers.Dense(2, dtype="float64"), dtype="float64"),
    ],
)
def test_gradients_match_finite_differences(make):
    layer = make()
    x = RNG.normal(size=(2, 3, 3))
    layer(x)
    check_gradients(lambda t: layer(t), x, params=layer.trainable_weights)


def test_bidirectional_concat_and_weights():
    bi = layers.Bidirectional(layers.LSTM(3, return_sequences=True))
    out = bi(keras.Input((5, 4)))
    assert tuple(out.shape) == (None, 5, 6)
    assert [w.name for w in bi.weights][:1] == ["bidirectional/forward_lstm/lstm_cell/kernel:0"]
    assert bi.weights[3].name == "bidirectional/backward_lstm/lstm_cell/kernel:0"
    y = bi(X).numpy()
    forward = bi.forward_layer(X).numpy()
    backward = bi.backward_layer(X).numpy()[:, ::-1]
    np.testing.assert_allclose(y, np.concatenate([forward, backward], -1), atol=1e-6)


@pytest.mark.parametrize("mode,width", [("sum", 3), ("mul", 3), ("ave", 3), ("concat", 6)])
def test_bidirectional_merge_modes(mode, width):
    assert layers.Bidirectional(layers.GRU(3), merge_mode=mode)(X).shape == (2, width)


def test_bidirectional_without_merge_returns_both_and_states():
    outputs = layers.Bidirectional(layers.LSTM(3, return_state=True), merge_mode=None)(X)
    assert len(outputs) == 6  # forward out, backward out, 2 forward states, 2 backward states
    with pytest.raises(ValueError, match="Invalid merge mode"):
        layers.Bidirectional(layers.LSTM(3), merge_mode="max")


def test_time_distributed_applies_the_same_dense_to_every_step():
    td = layers.TimeDistributed(layers.Dense(2))
    y = td(X)
    assert [w.name for w in td.weights] == ["time_distributed/kernel:0", "time_distributed/bias:0"]
    kernel, bias = td.get_weights()
    np.testing.assert_allclose(y.numpy(), X @ kernel + bias, atol=1e-6)
    assert tuple(td.compute_output_shape((None, 5, 4))) == (None, 5, 2)


def test_time_distributed_wraps_a_model():
    inner = keras.Sequential(
        [layers.Dense(4, activation="relu", input_shape=(4,)), layers.Dense(1)]
    )
    model = keras.Sequential([layers.TimeDistributed(inner, input_shape=(5, 4))])
    assert model.predict(X, verbose=0).shape == (2, 5, 1)


def test_config_round_trip_through_from_config():
    for layer in (
        layers.LSTM(3, return_sequences=True, go_backwards=True),
        layers.GRU(4, reset_after=False),
        layers.SimpleRNN(2, activation="relu"),
        layers.Bidirectional(layers.GRU(2), merge_mode="sum"),
        layers.TimeDistributed(layers.Dense(3)),
    ):
        config = layer.get_config()
        clone = type(layer).from_config(config)
        config.pop("name")
        clone_config = clone.get_config()
        clone_config.pop("name")
        if "layer" in config:  # the wrapped layer keeps its own (counter-derived) name
            config["layer"]["config"].pop("name")
            clone_config["layer"]["config"].pop("name")
        assert clone_config == config


def test_lstm_config_keys_in_tf_keras_order():
    assert list(layers.LSTM(3).get_config()) == [
        "name",
        "trainable",
        "dtype",
        "return_sequences",
        "return_state",
        "go_backwards",
        "stateful",
        "unroll",
        "time_major",
        "units",
        "activation",
        "recurrent_activation",
        "use_bias",
        "kernel_initializer",
        "recurrent_initializer",
        "bias_initializer",
        "unit_forget_bias",
        "kernel_regularizer",
        "recurrent_regularizer",
        "bias_regularizer",
        "activity_regularizer",
        "kernel_constraint",
        "recurrent_constraint",
        "bias_constraint",
        "dropout",
        "recurrent_dropout",
        "implementation",
    ]


def test_lstm_model_learns_a_sequence_sum():
    keras.utils.set_random_seed(1)
    x = RNG.random((256, 6, 1)).astype(np.float32)
    y = x.sum(axis=1)
    model = keras.Sequential([layers.LSTM(8, input_shape=(6, 1)), layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="mse")
    history = model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < 0.2 * history.history["loss"][0]
