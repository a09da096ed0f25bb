"""`model.summary()` is byte-identical to tf.keras 2.15.

Each expected text was printed by tf.keras 2.15.1 running the same code
(regenerate with `python tests/keras/engine/record_summaries.py` where TensorFlow 2.15 is installed).
"""

import numpy as np

from pynn import keras
from pynn.keras import layers


def summary_lines(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def test_sequential_mlp():
    """The MNIST MLP of the tutorials, with `input_shape` on the first layer."""
    model = keras.Sequential(
        [
            layers.Dense(64, activation="relu", input_shape=(784,)),
            layers.Dense(64, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " dense (Dense)               (None, 64)                50240     ",
        "                                                                 ",
        " dense_1 (Dense)             (None, 64)                4160      ",
        "                                                                 ",
        " dense_2 (Dense)             (None, 10)                650       ",
        "                                                                 ",
        "=================================================================",
        "Total params: 55050 (215.04 KB)",
        "Trainable params: 55050 (215.04 KB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_functional_mlp():
    """A Functional model lists its InputLayer with a list-wrapped shape."""
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    expected = [
        'Model: "model"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " input_1 (InputLayer)        [(None, 784)]             0         ",
        "                                                                 ",
        " dense (Dense)               (None, 64)                50240     ",
        "                                                                 ",
        " dense_1 (Dense)             (None, 64)                4160      ",
        "                                                                 ",
        " dense_2 (Dense)             (None, 10)                650       ",
        "                                                                 ",
        "=================================================================",
        "Total params: 55050 (215.04 KB)",
        "Trainable params: 55050 (215.04 KB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_deferred_sequential():
    """Built by its first call on a batch of 3: the summary shows batch size 3."""
    model = keras.Sequential(
        [
            layers.Dense(2, activation="relu", name="layer1"),
            layers.Dense(3, activation="relu", name="layer2"),
            layers.Dense(4, name="layer3"),
        ]
    )
    model(np.ones((3, 3), dtype="float32"))
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " layer1 (Dense)              (3, 2)                    8         ",
        "                                                                 ",
        " layer2 (Dense)              (3, 3)                    9         ",
        "                                                                 ",
        " layer3 (Dense)              (3, 4)                    16        ",
        "                                                                 ",
        "=================================================================",
        "Total params: 33 (132.00 Byte)",
        "Trainable params: 33 (132.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_sequential_with_input():
    """`model.add(keras.Input(...))` then layers."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(2, activation="relu", name="layer1"))
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " layer1 (Dense)              (None, 2)                 10        ",
        "                                                                 ",
        "=================================================================",
        "Total params: 10 (40.00 Byte)",
        "Trainable params: 10 (40.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_multi_input_connected_to():
    """Two inputs, a shared layer and TFOpLambda layers: the Connected to column."""
    a = keras.Input((32,), name="a")
    b = keras.Input((32,), name="b")
    shared = layers.Dense(16, name="shared")
    x1 = shared(a)
    x2 = shared(b)
    merged = layers.concatenate([x1, x2])
    out1 = layers.Dense(1, name="out1")(merged)
    out2 = layers.Dense(3, name="out2")(x2 + x1)
    model = keras.Model([a, b], [out1, out2])
    expected = [
        'Model: "model"',
        "__________________________________________________________________________________________________",
        " Layer (type)                Output Shape                 Param #   Connected to                  ",
        "==================================================================================================",
        " a (InputLayer)              [(None, 32)]                 0         []                            ",
        "                                                                                                  ",
        " b (InputLayer)              [(None, 32)]                 0         []                            ",
        "                                                                                                  ",
        " shared (Dense)              (None, 16)                   528       ['a[0][0]',                   ",
        "                                                                     'b[0][0]']                   ",
        "                                                                                                  ",
        " concatenate (Concatenate)   (None, 32)                   0         ['shared[0][0]',              ",
        "                                                                     'shared[1][0]']              ",
        "                                                                                                  ",
        " tf.__operators__.add (TFOp  (None, 16)                   0         ['shared[1][0]',              ",
        " Lambda)                                                             'shared[0][0]']              ",
        "                                                                                                  ",
        " out1 (Dense)                (None, 1)                    33        ['concatenate[0][0]']         ",
        "                                                                                                  ",
        " out2 (Dense)                (None, 3)                    51        ['tf.__operators__.add[0][0]']",
        "                                                                                                  ",
        "==================================================================================================",
        "Total params: 612 (2.39 KB)",
        "Trainable params: 612 (2.39 KB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "__________________________________________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_nested_expand():
    """A model used as a layer, expanded, with the Trainable column."""
    inner_in = keras.Input((8,))
    inner = keras.Model(inner_in, layers.Dense(4)(layers.Dense(6)(inner_in)), name="inner")
    outer_in = keras.Input((8,))
    model = keras.Model(outer_in, layers.Dense(2)(inner(outer_in)), name="outer")
    inner.trainable = False
    expected = [
        'Model: "outer"',
        "____________________________________________________________________________",
        " Layer (type)                Output Shape              Param #   Trainable  ",
        "============================================================================",
        " input_2 (InputLayer)        [(None, 8)]               0         Y          ",
        "                                                                            ",
        " inner (Functional)          (None, 4)                 82        N          ",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| input_1 (InputLayer)       [(None, 8)]               0         N         |",
        "|                                                                          |",
        "| dense_1 (Dense)            (None, 6)                 54        N         |",
        "|                                                                          |",
        "| dense (Dense)              (None, 4)                 28        N         |",
        "¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯",
        " dense_2 (Dense)             (None, 2)                 10        Y          ",
        "                                                                            ",
        "============================================================================",
        "Total params: 92 (368.00 Byte)",
        "Trainable params: 10 (40.00 Byte)",
        "Non-trainable params: 82 (328.00 Byte)",
        "____________________________________________________________________________",
    ]
    assert summary_lines(model, expand_nested=True, show_trainable=True) == expected


def test_nested_sequentials():
    """Sequential models nested in a Sequential."""
    block = keras.Sequential([layers.Dense(2, input_shape=(2,))])
    model = keras.Sequential([block, keras.Sequential([layers.Dense(3), layers.Dense(2)])])
    expected = [
        'Model: "sequential_2"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " sequential (Sequential)     (None, 2)                 6         ",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| dense (Dense)              (None, 2)                 6        |",
        "¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯",
        " sequential_1 (Sequential)   (None, 2)                 17        ",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| dense_1 (Dense)            (None, 3)                 9        |",
        "|                                                               |",
        "| dense_2 (Dense)            (None, 2)                 8        |",
        "¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯",
        "=================================================================",
        "Total params: 23 (92.00 Byte)",
        "Trainable params: 23 (92.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model, expand_nested=True) == expected


def test_subclassed():
    """A subclassed model: output shapes are `multiple`, an unused layer shows `0 (unused)`."""

    class TwoLayers(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(8, activation="relu")
            self.out = layers.Dense(1)
            self.spare = layers.Dense(5)

        def call(self, x, training=None):
            return self.out(self.hidden(x))

    model = TwoLayers()
    model(np.zeros((2, 3), dtype="float32"))
    expected = [
        'Model: "two_layers"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " dense (Dense)               multiple                  32        ",
        "                                                                 ",
        " dense_1 (Dense)             multiple                  9         ",
        "                                                                 ",
        " dense_2 (Dense)             multiple                  0 (unused)",
        "                                                                 ",
        "=================================================================",
        "Total params: 41 (164.00 Byte)",
        "Trainable params: 41 (164.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_long_names():
    """Long layer names and shapes wrap the way tf.keras 2.15 wraps them."""
    a = keras.Input((4,), name="first_input_with_a_long_name")
    b = keras.Input((4,), name="second_input_with_a_long_name")
    x = layers.Dense(3, name="a_really_long_layer_name_that_wraps_around")(a)
    y = layers.Dense(3, name="another_really_long_layer_name_for_wrapping")(b)
    z = layers.concatenate([x, y, x * y], name="concatenate_everything_together_please")
    model = keras.Model([a, b], z, name="a_model_with_a_long_name")
    expected = [
        'Model: "a_model_with_a_long_name"',
        "__________________________________________________________________________________________________",
        " Layer (type)                Output Shape                 Param #   Connected to                  ",
        "==================================================================================================",
        " first_input_with_a_long_na  [(None, 4)]                  0         []                            ",
        " me (InputLayer)                                                                                  ",
        "                                                                                                  ",
        " second_input_with_a_long_n  [(None, 4)]                  0         []                            ",
        " ame (InputLayer)                                                                                 ",
        "                                                                                                  ",
        " a_really_long_layer_name_t  (None, 3)                    15        ['first_input_with_a_long_name",
        " hat_wraps_around (Dense)                                           [0][0]']                      ",
        "                                                                                                  ",
        " another_really_long_layer_  (None, 3)                    15        ['second_input_with_a_long_nam",
        " name_for_wrapping (Dense)                                          e[0][0]']                     ",
        "                                                                                                  ",
        " tf.math.multiply (TFOpLamb  (None, 3)                    0         ['a_really_long_layer_name_tha",
        " da)                                                                t_wraps_around[0][0]',        ",
        "                                                                     'another_really_long_layer_na",
        "                                                                    me_for_wrapping[0][0]']       ",
        "                                                                                                  ",
        " concatenate_everything_tog  (None, 9)                    0         ['a_really_long_layer_name_tha",
        " ether_please (Concatenate)                                         t_wraps_around[0][0]',        ",
        "                                                                     'another_really_long_layer_na",
        "                                                                    me_for_wrapping[0][0]',       ",
        "                                                                     'tf.math.multiply[0][0]']    ",
        "                                                                                                  ",
        "==================================================================================================",
        "Total params: 30 (120.00 Byte)",
        "Trainable params: 30 (120.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "__________________________________________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_line_length_positions():
    """`line_length` and absolute `positions`."""
    inputs = keras.Input(shape=(10,))
    model = keras.Model(inputs, layers.Dense(5)(inputs))
    expected = [
        'Model: "model"',
        "________________________________________________________________________________",
        " Layer (type)                 Output Shape             Param #     ",
        "================================================================================",
        " input_1 (InputLayer)         [(None, 10)]             0           ",
        "                                                                                ",
        " dense (Dense)                (None, 5)                55          ",
        "                                                                                ",
        "================================================================================",
        "Total params: 55 (220.00 Byte)",
        "Trainable params: 55 (220.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "________________________________________________________________________________",
    ]
    assert summary_lines(model, line_length=80, positions=[30, 55, 67, 80]) == expected


def test_non_trainable():
    """Frozen layers count as non-trainable params."""
    model = keras.Sequential(
        [
            layers.Dense(100, input_shape=(200,)),
            layers.Dense(10, trainable=False),
        ]
    )
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " dense (Dense)               (None, 100)               20100     ",
        "                                                                 ",
        " dense_1 (Dense)             (None, 10)                1010      ",
        "                                                                 ",
        "=================================================================",
        "Total params: 21110 (82.46 KB)",
        "Trainable params: 20100 (78.52 KB)",
        "Non-trainable params: 1010 (3.95 KB)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_layer_range():
    """`layer_range` prints a slice of the layers."""
    model = keras.Sequential(
        [
            layers.Dense(4, input_shape=(3,), name="first"),
            layers.Dense(4, name="second"),
            layers.Dense(4, name="third"),
        ]
    )
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " second (Dense)              (None, 4)                 20        ",
        "                                                                 ",
        " third (Dense)               (None, 4)                 20        ",
        "                                                                 ",
        "=================================================================",
        "Total params: 56 (224.00 Byte)",
        "Trainable params: 56 (224.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model, layer_range=["sec", "third"]) == expected


def test_big_model_size():
    """Sizes switch to MB above 1024 KB."""
    model = keras.Sequential([layers.Dense(1000, input_shape=(1000,)), layers.Dense(10)])
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " dense (Dense)               (None, 1000)              1001000   ",
        "                                                                 ",
        " dense_1 (Dense)             (None, 10)                10010     ",
        "                                                                 ",
        "=================================================================",
        "Total params: 1011010 (3.86 MB)",
        "Trainable params: 1011010 (3.86 MB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_text_model_built_with_a_shape():
    """Embedding + pooling, built with `build((None, 200))`."""
    model = keras.Sequential(
        [
            layers.Embedding(10000, 16),
            layers.GlobalAveragePooling1D(),
            layers.Dense(16, activation="relu"),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.build((None, 200))
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " embedding (Embedding)       (None, None, 16)          160000    ",
        "                                                                 ",
        " global_average_pooling1d (  (None, 16)                0         ",
        " GlobalAveragePooling1D)                                         ",
        "                                                                 ",
        " dense (Dense)               (None, 16)                272       ",
        "                                                                 ",
        " dense_1 (Dense)             (None, 1)                 17        ",
        "                                                                 ",
        "=================================================================",
        "Total params: 160289 (626.13 KB)",
        "Trainable params: 160289 (626.13 KB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_recurrent_stack():
    """Recurrent layers keep unknown time steps as None."""
    model = keras.Sequential(
        [
            layers.Embedding(1000, 8, input_length=20),
            layers.LSTM(8, return_sequences=True),
            layers.SimpleRNN(4),
            layers.Dense(1),
        ]
    )
    expected = [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " embedding (Embedding)       (None, 20, 8)             8000      ",
        "                                                                 ",
        " lstm (LSTM)                 (None, 20, 8)             544       ",
        "                                                                 ",
        " simple_rnn (SimpleRNN)      (None, 4)                 52        ",
        "                                                                 ",
        " dense (Dense)               (None, 1)                 5         ",
        "                                                                 ",
        "=================================================================",
        "Total params: 8601 (33.60 KB)",
        "Trainable params: 8601 (33.60 KB)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model) == expected


def test_subclassed_with_nested_sequential():
    """A subclassed model holding a Sequential, expanded."""

    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.body = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(2)])
            self.head = layers.Dense(1)

        def call(self, x, training=None):
            return self.head(self.body(x))

    model = Net()
    model(np.ones((2, 3), dtype="float32"))
    expected = [
        'Model: "net"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " sequential (Sequential)     (2, 2)                    26        ",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| dense (Dense)              (2, 4)                    16       |",
        "|                                                               |",
        "| dense_1 (Dense)            (2, 2)                    10       |",
        "¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯",
        " dense_2 (Dense)             multiple                  3         ",
        "                                                                 ",
        "=================================================================",
        "Total params: 29 (116.00 Byte)",
        "Trainable params: 29 (116.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model, expand_nested=True) == expected


def test_subclassed_model_in_a_functional_model():
    """A subclassed model called on an Input."""

    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.body = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(2)])
            self.head = layers.Dense(1)

        def call(self, x, training=None):
            return self.head(self.body(x))

    inputs = keras.Input((3,))
    model = keras.Model(inputs, Net()(inputs))
    expected = [
        'Model: "model"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #   ",
        "=================================================================",
        " input_1 (InputLayer)        [(None, 3)]               0         ",
        "                                                                 ",
        " net (Net)                   (None, 1)                 29        ",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| sequential (Sequential)    (None, 2)                 26       |",
        "||¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯||",
        "|| dense (Dense)             (None, 4)                 16      ||",
        "||                                                             ||",
        "|| dense_1 (Dense)           (None, 2)                 10      ||",
        "|¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|",
        "| dense_2 (Dense)            multiple                  3        |",
        "¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯",
        "=================================================================",
        "Total params: 29 (116.00 Byte)",
        "Trainable params: 29 (116.00 Byte)",
        "Non-trainable params: 0 (0.00 Byte)",
        "_________________________________________________________________",
    ]
    assert summary_lines(model, expand_nested=True) == expected
