"""Saving scenarios: models built and saved by tf.keras 2.15, loaded by pynn.

`code` builds `model` (names `tf`, `keras`, `layers`, `np`); the recorder gives it deterministic
weights (seeded numpy, like the training scenarios), optionally compiles and trains it for one
step (`compile`), then writes `saved/NAME.keras` (model.save), `saved/NAME.weights.h5`
(save_weights) and records `model.to_json()`, `get_config()` class names and the predictions on
fixed inputs. The parity test loads each with pynn (`keras.models.load_model`,
`model_from_json` + `load_weights`, and the same code + `load_weights`) and compares predictions.
"""

S = {}


def scenario(name, code, inputs, compile_fit=False):
    assert name not in S, name
    S[name] = {"code": code, "inputs": [list(i) for i in inputs], "compile_fit": compile_fit}


scenario(
    "mlp",
    """
model = keras.Sequential([layers.Dense(8, activation='relu', input_shape=(4,)),
                          layers.Dropout(0.3),
                          layers.Dense(3, activation='softmax')])
""",
    [("f", (5, 4))],
)

scenario(
    "mlp_compiled_adam",
    """
model = keras.Sequential([layers.Dense(6, activation='tanh', input_shape=(4,)),
                          layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss='mse', metrics=['mae'])
""",
    [("f", (5, 4))],
    compile_fit=True,
)

scenario(
    "functional_two_inputs",
    """
a = keras.Input(shape=(4,), name='left')
b = keras.Input(shape=(3,), name='right')
h = layers.concatenate([layers.Dense(5, activation='relu', name='left_dense')(a), b])
h = layers.BatchNormalization(name='norm')(h)
out = layers.Dense(2, activation='sigmoid', name='out')(h)
model = keras.Model([a, b], out, name='two_inputs')
""",
    [("f", (5, 4)), ("f", (5, 3))],
)

scenario(
    "cnn",
    """
model = keras.Sequential([keras.Input(shape=(8, 8, 1)),
                          layers.Conv2D(4, 3, activation='relu', padding='same'),
                          layers.BatchNormalization(),
                          layers.MaxPooling2D(),
                          layers.Conv2D(6, 3),
                          layers.Flatten(),
                          layers.Dense(3, activation='softmax')])
""",
    [("f", (3, 8, 8, 1))],
)

scenario(
    "embedding_lstm",
    """
model = keras.Sequential([keras.Input(shape=(6,), dtype='int32'),
                          layers.Embedding(20, 4, mask_zero=True),
                          layers.LSTM(5, return_sequences=True),
                          layers.GRU(3),
                          layers.Dense(1, activation='sigmoid')])
""",
    [("i", (3, 6), 20)],
)

scenario(
    "bidirectional_timedistributed",
    """
inp = keras.Input(shape=(5, 3))
x = layers.Bidirectional(layers.SimpleRNN(4, return_sequences=True))(inp)
x = layers.TimeDistributed(layers.Dense(2))(x)
x = layers.LayerNormalization()(x)
out = layers.GlobalAveragePooling1D()(x)
model = keras.Model(inp, out)
""",
    [("f", (2, 5, 3))],
)

SCENARIOS = S
