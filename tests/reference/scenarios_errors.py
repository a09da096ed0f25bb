"""Bad-input scenarios: the exception tf.keras 2.15 raises.
Same namespace rules as the summary scenarios; the code is expected to raise.

The parity test requires the same exception type. With `exact` the message must be identical
(messages Keras itself words); otherwise it must contain every string of `contains` (the layer
name, the expected and received shapes or values) — TensorFlow's own kernels add op names and
device strings that pynn has no reason to imitate.
"""

from textwrap import dedent

S = {}


def scenario(name, code, exact=False, contains=()):
    assert name not in S, name
    S[name] = {"code": dedent(code).strip() + "\n", "exact": exact, "contains": list(contains)}


scenario(
    "dense_input_shape_mismatch",
    """
    model = keras.Sequential([layers.Dense(2, input_shape=(4,))])
    model(np.ones((3, 3), dtype='float32'))
""",
    exact=True,
)

scenario(
    "functional_input_shape_mismatch",
    """
    inp = keras.Input(shape=(4,))
    model = keras.Model(inp, layers.Dense(2)(inp))
    model.predict(np.ones((2, 5), dtype='float32'), verbose=0)
""",
    contains=['layer "model"', "expected shape=(None, 4)", "5)"],
)

scenario(
    "fit_before_compile",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
""",
    exact=True,
)

scenario(
    "evaluate_before_compile",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.evaluate(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
""",
    exact=True,
)

scenario(
    "unknown_activation",
    """
    layers.Dense(2, activation='relux')
""",
    exact=True,
)

scenario(
    "unknown_loss",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile(optimizer='sgd', loss='mean_squared_errorr')
    model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
""",
    contains=["mean_squared_errorr"],
)

scenario(
    "unknown_optimizer",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile(optimizer='adamm', loss='mse')
""",
    exact=True,
)

# unknown metric names: tf.keras 2.15 fails late with "TypeError: 'str' object is not callable"
# inside the train function -- not a behaviour worth pinning down.

scenario(
    "unknown_initializer",
    """
    layers.Dense(2, kernel_initializer='glorot_uniformm')
""",
    exact=True,
)

scenario(
    "sparse_labels_out_of_range",
    """
    model = keras.Sequential([layers.Dense(3, activation='softmax', input_shape=(2,))])
    model.compile(optimizer='sgd', loss='sparse_categorical_crossentropy')
    model.fit(np.ones((4, 2)), np.array([0, 1, 2, 5]), verbose=0)
""",
    contains=["label value of 5", "[0, 3)"],
)

scenario(
    "summary_unbuilt",
    """
    keras.Sequential([layers.Dense(2)]).summary()
""",
    exact=True,
)

scenario(
    "empty_fit_data",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile(optimizer='sgd', loss='mse')
    model.fit(np.zeros((0, 2)), np.zeros((0, 1)), verbose=0)
""",
    contains=[],
)

scenario(
    "x_y_length_mismatch",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile(optimizer='sgd', loss='mse')
    model.fit(np.ones((5, 2)), np.ones((4, 1)), verbose=0)
""",
    contains=["5", "4"],
)

scenario(
    "conv_kernel_larger_than_input",
    """
    model = keras.Sequential([layers.Conv2D(2, 5, input_shape=(3, 3, 1))])
""",
    contains=["conv2d"],
)

scenario(
    "conv_unknown_padding",
    """
    layers.Conv2D(2, 3, padding='full')
""",
    contains=["full"],
)

scenario(
    "lstm_fed_2d_input",
    """
    inp = keras.Input(shape=(4,))
    layers.LSTM(3)(inp)
""",
    exact=True,
)

scenario(
    "conv2d_fed_3d_input",
    """
    inp = keras.Input(shape=(4, 4))
    layers.Conv2D(3, 2)(inp)
""",
    exact=True,
)

scenario(
    "set_weights_wrong_shape",
    """
    layer = layers.Dense(2)
    layer.build((None, 4))
    layer.set_weights([np.ones((3, 2)), np.zeros(2)])
""",
    exact=True,
)

scenario(
    "set_weights_wrong_count",
    """
    layer = layers.Dense(2)
    layer.build((None, 4))
    layer.set_weights([np.ones((4, 2))])
""",
    contains=['layer "dense"', "weight list of length 1", "expecting 2 weights"],
)

scenario(
    "concatenate_shape_mismatch",
    """
    a = keras.Input(shape=(4, 3))
    b = keras.Input(shape=(5, 3))
    layers.Concatenate()([a, b])
""",
    exact=True,
)

scenario(
    "add_shape_mismatch",
    """
    a = keras.Input(shape=(4,))
    b = keras.Input(shape=(5,))
    layers.Add()([a, b])
""",
    exact=True,
)

scenario(
    "reshape_incompatible",
    """
    inp = keras.Input(shape=(6,))
    layers.Reshape((4, 2))(inp)
""",
    contains=['"reshape"', "total size of new array must be unchanged", "[6]", "[4, 2]"],
)

scenario(
    "dropout_bad_rate",
    """
    layers.Dropout(1.5)
""",
    exact=True,
)

scenario(
    "model_output_not_keras_tensor",
    """
    inp = keras.Input(shape=(2,))
    keras.Model(inp, np.ones((2, 2)))
""",
    contains=[],
)

scenario(
    "layer_output_multiple_nodes",
    """
    a = keras.Input(shape=(3,))
    b = keras.Input(shape=(3,))
    d = layers.Dense(2)
    d(a)
    d(b)
    d.get_output_at(2)
""",
    exact=True,
)

scenario(
    "input_shape_then_wrong_data_fit",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(784,))])
    model.compile(optimizer='rmsprop', loss='mse')
    model.fit(np.ones((8, 100)), np.ones((8, 1)), verbose=0)
""",
    contains=['layer "sequential"', "expected shape=(None, 784)", "100)"],
)

scenario(
    "multi_input_model_fed_one_array",
    """
    a = keras.Input(shape=(3,))
    b = keras.Input(shape=(2,))
    model = keras.Model([a, b], layers.Dense(1)(layers.concatenate([a, b])))
    model.predict(np.ones((4, 3)), verbose=0)
""",
    contains=['"model"', "2 input(s)", "1 input"],
)

scenario(
    "compile_without_loss_then_fit",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile(optimizer='sgd')
    model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
""",
    contains=["No loss found", "compile()"],
)

scenario(
    "graph_disconnected",
    """
    a = keras.Input(shape=(3,), name='a')
    b = keras.Input(shape=(3,), name='b')
    out = layers.Dense(1)(layers.add([a, b]))
    keras.Model(a, out)
""",
    contains=["Graph disconnected", "'b'"],
)

scenario(
    "to_categorical_label_too_large",
    """
    keras.utils.to_categorical([0, 5], num_classes=3)
""",
    contains=[],
)

SCENARIOS = S
