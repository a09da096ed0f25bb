# Source: the classic beginner mistakes from the Keras 2 guides and Stack Overflow questions on
# tf.keras ("Input 0 of layer ... is incompatible", "You must compile your model before
# training", unknown names, labels out of range, unbuilt summary, cardinality, bad Dense units).
# Each mistake prints the exception type and its first message line, as tf.keras 2.15 does.
import re

import numpy as np
import tensorflow as tf
from tensorflow import keras


def message_lines(e):
    """The message a student reads, without tf.function's traceback decoration: tf.keras 2.15
    wraps errors raised inside `fit`/`predict` in "in user code: File ..." blocks and
    "Graph execution error" node listings; the last line then carries the message."""
    text = re.sub(r"\{\{function_node [^}]*\}\} ", "", str(e).strip())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and lines[0] == "in user code:":
        lines = [re.sub(r"^\w+Error: ", "", lines[-1])]
    elif lines and lines[0] == "Graph execution error:":
        lines = [line for line in lines if not line.startswith(("File ", "[["))][2:]
    # fit and predict trace the model with an unknown batch size: tf.keras names it None
    lines = [re.sub(r"(shape=\(|Shapes \(| and \()\d+,", r"\1None,", line) for line in lines]
    # the labels are listed in the order the (shuffled) batch holds them
    return [re.sub(r"Label values: ([\d ]+)$",
                   lambda m: "Label values (sorted): " + " ".join(sorted(m.group(1).split())),
                   line) for line in lines]


def attempt(label, fn):
    try:
        fn()
        print("CHECK", label, "-> no error")
    except Exception as e:  # noqa: BLE001 - the point is to show what is raised
        print("CHECK", label, "->", type(e).__name__)
        for line in message_lines(e):
            print("     ", line)


def mlp():
    model = keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(4,)),
                              keras.layers.Dense(3, activation="softmax")])
    return model


np.random.seed(0)
x = np.random.random((10, 4)).astype("float32")
y = np.random.randint(0, 3, (10,))

model = mlp()
attempt("fit before compile", lambda: model.fit(x, y, verbose=0))
attempt("evaluate before compile", lambda: model.evaluate(x, y, verbose=0))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
attempt("wrong input shape to fit", lambda: model.fit(np.zeros((10, 5)), y, verbose=0))
attempt("wrong input rank to predict", lambda: model.predict(np.zeros((10, 2, 2)), verbose=0))
attempt("mismatched x/y lengths", lambda: model.fit(x, y[:7], verbose=0))
attempt("sparse labels out of range", lambda: model.fit(x, y + 5, verbose=0))
bad_loss = mlp()
attempt("unknown loss", lambda: bad_loss.compile(optimizer="adam", loss="cross_entropy"))
attempt("fit with an unknown loss", lambda: bad_loss.fit(x, y, verbose=0))
attempt("unknown optimizer", lambda: mlp().compile(optimizer="adamm", loss="mse"))
attempt("unknown activation", lambda: keras.layers.Dense(3, activation="rellu"))
attempt("unknown initializer", lambda: keras.layers.Dense(3, kernel_initializer="glorot"))
attempt("Dense units=0", lambda: keras.layers.Dense(0))
attempt("Dense units='abc'", lambda: keras.layers.Dense("abc"))
attempt("Dense units=-3", lambda: keras.layers.Dense(-3))
unbuilt = keras.Sequential([keras.layers.Dense(3)])
attempt("summary of an unbuilt model", lambda: unbuilt.summary())
attempt("count_params of an unbuilt model", lambda: unbuilt.count_params())
attempt("empty data", lambda: model.fit(np.zeros((0, 4)), np.zeros((0,)), verbose=0))
cat = mlp()
cat.compile(optimizer="sgd", loss="categorical_crossentropy")
attempt("sparse labels with categorical loss", lambda: cat.fit(x, y, verbose=0))
attempt("Conv2D on 2-D input", lambda: keras.Sequential(
    [keras.layers.Conv2D(4, 3, input_shape=(28, 28))]))
attempt("kernel larger than input", lambda: keras.Sequential(
    [keras.layers.Conv2D(4, 5, input_shape=(3, 3, 1))]))
attempt("LSTM on 2-D input", lambda: keras.Sequential(
    [keras.layers.LSTM(4, input_shape=(10,))]))
attempt("set_weights with wrong shapes", lambda: model.layers[0].set_weights(
    [np.zeros((3, 8)), np.zeros(8)]))
attempt("Input shape as an int", lambda: keras.Input(shape=784))
a = keras.Input((3,))
b = keras.Input((4,))
attempt("Add of different shapes", lambda: keras.layers.Add()([a, b]))
attempt("tf ops on mismatched dtypes", lambda: tf.constant([1, 2]) + tf.constant([1.0, 2.0]))
attempt("matmul shape mismatch", lambda: tf.matmul(tf.ones((2, 3)), tf.ones((2, 3))))
