"""Models with several inputs and outputs: per-output losses, weights, metrics and names."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers


def two_headed():
    main_in = keras.Input(shape=(5,), name="main_input")
    aux_in = keras.Input(shape=(3,), name="aux_input")
    hidden = layers.Dense(8, activation="relu")(layers.concatenate([main_in, aux_in]))
    main_out = layers.Dense(1, activation="sigmoid", name="main_output")(hidden)
    aux_out = layers.Dense(1, activation="sigmoid", name="aux_output")(hidden)
    return keras.Model(inputs=[main_in, aux_in], outputs=[main_out, aux_out])


def data(n=64):
    rng = np.random.default_rng(3)
    main = rng.random((n, 5)).astype("float32")
    aux = rng.random((n, 3)).astype("float32")
    return main, aux, (main.sum(1) > 2.5).astype("float32"), (aux.sum(1) > 1.5).astype("float32")


def test_history_names_per_output():
    main, aux, y_main, y_aux = data()
    model = two_headed()
    model.compile(
        optimizer="rmsprop",
        loss="binary_crossentropy",
        loss_weights=[1.0, 0.2],
        metrics=["accuracy"],
    )
    history = model.fit(
        [main, aux], [y_main, y_aux], epochs=2, batch_size=32, verbose=0, validation_split=0.25
    )
    assert list(history.history) == [
        "loss",
        "main_output_loss",
        "aux_output_loss",
        "main_output_accuracy",
        "aux_output_accuracy",
        "val_loss",
        "val_main_output_loss",
        "val_aux_output_loss",
        "val_main_output_accuracy",
        "val_aux_output_accuracy",
    ]
    h = history.history
    for epoch in range(2):
        assert h["loss"][epoch] == pytest.approx(
            h["main_output_loss"][epoch] + 0.2 * h["aux_output_loss"][epoch], rel=1e-5
        )


def test_dicts_keyed_by_input_and_output_names():
    main, aux, y_main, y_aux = data()
    model = two_headed()
    model.compile(
        optimizer="rmsprop",
        loss={"main_output": "binary_crossentropy", "aux_output": "mse"},
        loss_weights={"main_output": 1.0, "aux_output": 0.5},
        metrics={"main_output": ["accuracy"]},
    )
    history = model.fit(
        {"main_input": main, "aux_input": aux},
        {"main_output": y_main, "aux_output": y_aux},
        epochs=1,
        verbose=0,
    )
    assert list(history.history) == [
        "loss",
        "main_output_loss",
        "aux_output_loss",
        "main_output_accuracy",
    ]
    result = model.evaluate([main, aux], [y_main, y_aux], verbose=0)
    assert len(result) == 4
    main_pred, aux_pred = model.predict({"main_input": main, "aux_input": aux}, verbose=0)
    assert main_pred.shape == (64, 1) and aux_pred.shape == (64, 1)
    assert main_pred.dtype == np.float32


def test_unknown_output_name_in_loss_dict():
    model = two_headed()
    model.compile("sgd", loss={"main_output": "mse", "nope": "mse"})
    main, aux, y_main, y_aux = data(8)
    with pytest.raises(
        ValueError,
        match="Found unexpected losses or metrics that do not correspond to any Model output",
    ):
        model.fit([main, aux], [y_main, y_aux], verbose=0)


def test_one_loss_per_output_from_a_list():
    main, aux, y_main, y_aux = data()
    model = two_headed()
    model.compile("sgd", loss=["binary_crossentropy", "mse"], metrics=[["accuracy"], ["mae"]])
    logs = model.evaluate([main, aux], [y_main, y_aux], verbose=0, return_dict=True)
    assert list(logs) == [
        "loss",
        "main_output_loss",
        "aux_output_loss",
        "main_output_accuracy",
        "aux_output_mae",
    ]
    assert logs["loss"] == pytest.approx(
        logs["main_output_loss"] + logs["aux_output_loss"], rel=1e-5
    )


def test_multi_input_sequential_style_lists():
    a = keras.Input(shape=(2,))
    b = keras.Input(shape=(2,))
    out = layers.Dense(1)(layers.add([a, b]))
    model = keras.Model([a, b], out)
    model.compile("sgd", "mse")
    x = np.ones((10, 2), "float32")
    history = model.fit([x, x], np.ones(10), epochs=2, verbose=0)
    assert list(history.history) == ["loss"]


def test_dict_outputs_match_specs_by_key_and_log_by_layer_name():
    inputs = keras.Input((4,), name="x")
    hidden = layers.Dense(3)(inputs)
    model = keras.Model(
        inputs,
        {"zeta": layers.Dense(1, name="zz")(hidden), "alpha": layers.Dense(2, name="aa")(hidden)},
    )
    model.compile("sgd", loss={"zeta": "mse", "alpha": "mse"}, metrics={"alpha": "mae"})
    x = np.ones((8, 4), "float32")
    targets = {"zeta": np.ones((8, 1)), "alpha": np.zeros((8, 2))}
    history = model.fit(x, targets, verbose=0)
    assert list(history.history) == ["loss", "aa_loss", "zz_loss", "aa_mae"]  # as tf.keras
    predictions = model.predict(x, verbose=0)
    assert sorted(predictions) == ["alpha", "zeta"]
    assert predictions["alpha"].shape == (8, 2)
