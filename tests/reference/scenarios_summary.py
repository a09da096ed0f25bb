"""Summary scenarios: small Keras programs whose printed output must match tf.keras 2.15 byte for byte.

Each scenario is a code string run after `keras.backend.clear_session()` in a namespace holding
`tf`, `keras`, `layers` (= keras.layers) and `np`; everything it prints to stdout is recorded.
The code uses no import statements, so the same string runs under TensorFlow (recording) and under
pynn (`tf = pynn.tf`, `keras = pynn.keras`) in tests/parity. Seed scenarios follow the tutorials in
/work/shared/seeds/ with downloads replaced by random data of the same shape.

If the code raises, the exception type and message are recorded too.
"""

from textwrap import dedent

S = {}


def scenario(name, code):
    assert name not in S, name
    S[name] = dedent(code).strip() + "\n"


# ----------------------------------------------------------------- seed 000 (AI open innovation)
scenario(
    "seed000_sequential_mlp",
    """
    model = tf.keras.models.Sequential([
        tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
        tf.keras.layers.Dense(64, activation='relu'),
        tf.keras.layers.Dense(10, activation='softmax')
    ])
    model.summary()
""",
)

scenario(
    "seed000_functional_mlp",
    """
    model = tf.keras.models.Sequential([
        tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
        tf.keras.layers.Dense(64, activation='relu'),
        tf.keras.layers.Dense(10, activation='softmax')
    ])
    input_layer = tf.keras.layers.Input(shape=(784,))
    input_layer = tf.keras.Input((784,))
    dense1 = tf.keras.layers.Dense(64, activation='relu')(input_layer)
    dense2 = tf.keras.layers.Dense(64, activation='relu')(dense1)
    output = tf.keras.layers.Dense(10, activation='softmax')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_layer, outputs=output)
    model_fn.summary()
""",
)

scenario(
    "seed000_functional_add",
    """
    Input = tf.keras.layers.Input
    Dense = tf.keras.layers.Dense
    Model = tf.keras.models.Model
    input_ = Input((784,))
    dense1_ = Dense(64, activation='relu')(input_)
    dense2_ = Dense(64, activation='relu')(dense1_)
    output_ = Dense(10, activation='softmax')(dense2_)
    model_fn_ = Model(inputs=input_, outputs=output_)

    input_ = Input((784,))
    dense1_ = Dense(64, activation='relu')(input_)
    dense2_ = Dense(64, activation='relu')(input_)
    dense3_ = Dense(64, activation='relu')(dense1_ + dense2_)
    out_ = Dense(10, activation='softmax')(dense3_)
    model_fn_ = Model(inputs=input_, outputs=out_)
    model_fn_.summary()
""",
)

scenario(
    "seed000_imdb_models",
    """
    NUM_WORDS = 10000
    baseline_model = keras.Sequential([
        keras.layers.Dense(16, activation='relu', input_shape=(NUM_WORDS,)),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid')
    ])
    baseline_model.compile(optimizer='adam', loss='binary_crossentropy',
                           metrics=['accuracy', 'binary_crossentropy'])
    baseline_model.summary()

    input_ = tf.keras.layers.Input((NUM_WORDS,))
    dense1 = tf.keras.layers.Dense(16, activation='relu')(input_)
    dense2 = tf.keras.layers.Dense(16, activation='relu')(dense1)
    output = tf.keras.layers.Dense(1, activation='sigmoid')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_, outputs=output)
    model_fn.compile(optimizer='adam', loss='binary_crossentropy',
                     metrics=['accuracy', 'binary_crossentropy'])
    model_fn.summary()

    input_ = tf.keras.layers.Input((NUM_WORDS,))
    dense1 = tf.keras.layers.Dense(16, activation='relu')(input_)
    drop1 = tf.keras.layers.Dropout(0.2)
    dense2 = tf.keras.layers.Dense(16, activation='relu')(dense1)
    output = tf.keras.layers.Dense(1, activation='sigmoid')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_, outputs=output)
    model_fn.summary()

    input_ = tf.keras.layers.Input((NUM_WORDS,))
    dense1 = tf.keras.layers.Dense(16, activation='relu', kernel_regularizer='l2')(input_)
    dense2 = tf.keras.layers.Dense(16, activation='relu', bias_regularizer='l2')(dense1)
    output = tf.keras.layers.Dense(1, activation='sigmoid')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_, outputs=output)
    model_fn.compile(optimizer='adam', loss='binary_crossentropy',
                     metrics=['accuracy', 'binary_crossentropy'])
    model_fn.summary()
""",
)

scenario(
    "seed000_dense_options_and_nesting",
    """
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, use_bias=True, input_shape=(2,)))
    model.summary()
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, use_bias=False, input_shape=(2,)))
    model.summary()
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, use_bias=False, kernel_initializer='one', input_shape=(2,)))
    model.summary()
    x = np.array([[1, 2], [2, 3], [3, 4]])
    print(model.predict(x, verbose=0))
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, kernel_initializer='one', bias_initializer='ones',
                                    input_shape=(2,)))
    model.summary()
    print(model.predict(x, verbose=0))
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, input_shape=(2,)))
    print(model.predict(x, verbose=0).shape)
    model2 = tf.keras.models.Sequential()
    model2.add(model)
    model2.summary()
    print(model2.predict(x, verbose=0).shape)
    print([w.name for w in model.weights])
    print([w.name for w in model2.weights])
    print(model is model2.layers[0])
    model3 = tf.keras.models.Sequential()
    model3.add(model)
    model3.add(model2)
    model3.summary()
""",
)

scenario(
    "seed000_mobilenets",
    """
    from_apps = tf.keras.applications
    mn = from_apps.MobileNet(weights=None)
    mn2 = from_apps.MobileNetV2(weights=None)
    mn.summary()
    mn2.summary()
    print(len(mn.layers))
    print(len(mn2.layers))
""",
)

# ----------------------------------------------------------------- seed 001 (sequential guide)
scenario(
    "seed001_deferred_build",
    """
    model = keras.Sequential(
        [
            layers.Dense(2, activation='relu', name='layer1'),
            layers.Dense(3, activation='relu', name='layer2'),
            layers.Dense(4, name='layer3')
        ]
    )
    x = tf.ones((3, 3))
    y = model(x)
    print(x)
    print(y.shape)
    print(len(model.layers))
    model.pop()
    print(len(model.layers))
    layer1 = layers.Dense(4)
    print(layer1.weights)
    model.add(layer1)
    print(len(model.layers))
    y = model(x)
    print([w.name for w in model.weights])
    model.summary()
""",
)

scenario(
    "seed001_input_and_input_shape",
    """
    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(2, activation='relu', name='layer1'))
    model.summary()
    model = keras.Sequential()
    model.add(layers.Dense(2, activation='relu', input_shape=(4,), name='layer1'))
    model.summary()
""",
)

scenario(
    "seed001_incremental_convnet",
    """
    model = keras.Sequential()
    model.add(keras.Input(shape=(250, 250, 3)))
    model.add(layers.Conv2D(32, 5, strides=2, activation='relu'))
    model.add(layers.Conv2D(32, 3, activation='relu'))
    model.add(layers.MaxPooling2D(3))
    model.summary()
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.MaxPooling2D(3))
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.Conv2D(32, 3, activation="relu"))
    model.add(layers.MaxPooling2D(2))
    model.summary()
    model.add(layers.GlobalMaxPooling2D())
    model.add(layers.Dense(10))
    model.summary()
""",
)

# ----------------------------------------------------------------- seed 002 (Keras docs, Korean)
scenario(
    "seed002_sequential_activation",
    """
    Sequential = keras.models.Sequential
    Dense, Activation = keras.layers.Dense, keras.layers.Activation
    model = Sequential([
        Dense(32, input_shape=(784,)),
        Activation('relu'),
        Dense(10),
        Activation('softmax'),
    ])
    model.summary()
    model = Sequential()
    model.add(Dense(32, input_dim=784))
    model.add(Activation('relu'))
    model.summary()
    model = Sequential()
    model.add(Dense(32, activation='relu', input_dim=100))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy'])
    model.summary()
""",
)

scenario(
    "seed002_functional_first_and_time_distributed",
    """
    Input, Dense, Model = keras.layers.Input, keras.layers.Dense, keras.models.Model
    inputs = Input(shape=(784,))
    x = Dense(64, activation='relu')(inputs)
    x = Dense(64, activation='relu')(x)
    predictions = Dense(10, activation='softmax')(x)
    model = Model(inputs=inputs, outputs=predictions)
    model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
    model.summary()
    x = Input(shape=(784,))
    y = model(x)
    print(y.shape)
    input_sequences = Input(shape=(20, 784))
    processed_sequences = keras.layers.TimeDistributed(model)(input_sequences)
    print(processed_sequences.shape)
    video = Model(input_sequences, processed_sequences)
    video.summary()
""",
)

scenario(
    "seed002_multi_input_multi_output",
    """
    Input, Embedding, LSTM, Dense = (keras.layers.Input, keras.layers.Embedding,
                                     keras.layers.LSTM, keras.layers.Dense)
    Model = keras.models.Model
    main_input = Input(shape=(100,), dtype='int32', name='main_input')
    x = Embedding(output_dim=512, input_dim=10000, input_length=100)(main_input)
    lstm_out = LSTM(32)(x)
    auxiliary_output = Dense(1, activation='sigmoid', name='aux_output')(lstm_out)
    auxiliary_input = Input(shape=(5,), name='aux_input')
    x = keras.layers.concatenate([lstm_out, auxiliary_input])
    x = Dense(64, activation='relu')(x)
    x = Dense(64, activation='relu')(x)
    x = Dense(64, activation='relu')(x)
    main_output = Dense(1, activation='sigmoid', name='main_output')(x)
    model = Model(inputs=[main_input, auxiliary_input], outputs=[main_output, auxiliary_output])
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', loss_weights=[1., 0.2])
    model.compile(optimizer='rmsprop',
                  loss={'main_output': 'binary_crossentropy', 'aux_output': 'binary_crossentropy'},
                  loss_weights={'main_output': 1., 'aux_output': 0.2})
    model.summary()
    print(model.input_names, model.output_names)
""",
)

scenario(
    "seed002_shared_lstm",
    """
    Input, LSTM, Dense, Model = (keras.layers.Input, keras.layers.LSTM, keras.layers.Dense,
                                 keras.models.Model)
    tweet_a = Input(shape=(280, 256))
    tweet_b = Input(shape=(280, 256))
    shared_lstm = LSTM(64)
    encoded_a = shared_lstm(tweet_a)
    encoded_b = shared_lstm(tweet_b)
    merged_vector = keras.layers.concatenate([encoded_a, encoded_b], axis=-1)
    predictions = Dense(1, activation='sigmoid')(merged_vector)
    model = Model(inputs=[tweet_a, tweet_b], outputs=predictions)
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy'])
    model.summary()
""",
)

scenario(
    "seed002_layer_nodes",
    """
    Input, LSTM, Conv2D = keras.layers.Input, keras.layers.LSTM, keras.layers.Conv2D
    a = Input(shape=(280, 256))
    lstm = LSTM(32)
    encoded_a = lstm(a)
    print(lstm.output is encoded_a)
    a = Input(shape=(280, 256))
    b = Input(shape=(280, 256))
    lstm = LSTM(32)
    encoded_a = lstm(a)
    encoded_b = lstm(b)
    try:
        lstm.output
    except AttributeError as e:
        print(type(e).__name__, e)
    print(lstm.get_output_at(0) is encoded_a)
    print(lstm.get_output_at(1) is encoded_b)
    a = Input(shape=(32, 32, 3))
    b = Input(shape=(64, 64, 3))
    conv = Conv2D(16, (3, 3), padding='same')
    conved_a = conv(a)
    print(conv.input_shape)
    print(conv.output_shape)
    conved_b = conv(b)
    print(conv.get_input_shape_at(0))
    print(conv.get_input_shape_at(1))
    print(conv.get_output_shape_at(1))
    try:
        conv.input_shape
    except AttributeError as e:
        print(type(e).__name__, e)
""",
)

# ----------------------------------------------------------------- seed 003 (MLP class, XOR)
scenario(
    "seed003_xor_mlp",
    """
    input_layer = tf.keras.Input(shape=[2, ])
    hidden_layers = input_layer
    for num_hidden_nodes in [4]:
        hidden_layers = tf.keras.layers.Dense(units=num_hidden_nodes,
                                              activation=tf.keras.activations.sigmoid,
                                              use_bias=True)(hidden_layers)
    output = tf.keras.layers.Dense(units=1, activation=tf.keras.activations.sigmoid,
                                   use_bias=True)(hidden_layers)
    logic_op_model = tf.keras.Model(inputs=input_layer, outputs=output)
    sgd = tf.keras.optimizers.SGD(learning_rate=0.1)
    logic_op_model.compile(optimizer=sgd, loss="mse")
    logic_op_model.summary()
    input_layer = tf.keras.Input(shape=[2, ])
    hidden_layer1 = tf.keras.layers.Dense(units=3,
                                          activation=tf.keras.activations.sigmoid)(input_layer)
    hidden_layer2 = tf.keras.layers.Dense(units=3,
                                          activation=tf.keras.activations.sigmoid)(hidden_layer1)
    output_layer = tf.keras.layers.Dense(units=3,
                                         activation=tf.keras.activations.sigmoid)(hidden_layer2)
    logic_op_model = tf.keras.Model(inputs=input_layer, outputs=output_layer)
    logic_op_model.summary()
    input_data = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    input_data = tf.cast(input_data, tf.float32)
    print(input_data)
    print(tf.convert_to_tensor(value=[[0, 0], [0, 1], [1, 0], [1, 1]], dtype=tf.float32))
""",
)

# ----------------------------------------------------------------- seed 004 (three model styles, CNN)
scenario(
    "seed004_cnn_three_styles",
    """
    rng = np.random.default_rng(0)
    x_train = rng.random((64, 28, 28, 1)).astype('float32')
    y_train = rng.integers(0, 10, size=(64,))
    model = tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(32, 3, activation='relu'),
        tf.keras.layers.Conv2D(32, 3, activation='relu'),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation='relu'),
        tf.keras.layers.Dense(10, activation='softmax')
    ])
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, epochs=1, verbose=0)
    model.summary()

    inputs = keras.Input(shape=(28, 28, 1))
    x = keras.layers.Conv2D(32, 3, activation='relu')(inputs)
    x = keras.layers.Conv2D(64, 3, activation='relu')(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(128, activation='relu')(x)
    outputs = keras.layers.Dense(10, activation='softmax')(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.summary()

    class kerasModel(keras.Model):
        def __init__(self):
            super().__init__()
            self.Conv2D32 = keras.layers.Conv2D(32, 3, activation='relu')
            self.Conv2D64 = keras.layers.Conv2D(64, 3, activation='relu')
            self.Flatten = keras.layers.Flatten()
            self.Dense128 = keras.layers.Dense(128, activation='relu')
            self.Dense = keras.layers.Dense(10, activation='softmax')

        def call(self, x):
            x = self.Conv2D32(x)
            x = self.Conv2D64(x)
            x = self.Flatten(x)
            x = self.Dense128(x)
            output = self.Dense(x)
            return output

    model = kerasModel()
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, epochs=1, verbose=0)
    model.summary()
""",
)

scenario(
    "seed004_cifar_models",
    """
    rng = np.random.default_rng(0)
    x_train = rng.random((32, 32, 32, 3)).astype('float32')
    model = tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(16, 3, activation='relu'),
        tf.keras.layers.MaxPool2D((2, 2)),
        tf.keras.layers.Conv2D(32, 3, activation='relu'),
        tf.keras.layers.MaxPool2D((2, 2)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(256, activation='relu'),
        tf.keras.layers.Dense(100, activation='softmax')
    ])
    model(x_train[:2])
    model.summary()

    inputs = tf.keras.Input(shape=(32, 32, 3))
    x = tf.keras.layers.Conv2D(16, 3, activation='relu')(inputs)
    x = tf.keras.layers.MaxPool2D((2, 2))(x)
    x = tf.keras.layers.Conv2D(32, 3, activation='relu')(x)
    x = tf.keras.layers.MaxPool2D((2, 2))(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(256, activation='relu')(x)
    outputs = tf.keras.layers.Dense(100, activation='softmax')(x)
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    model.summary()

    class CustomModel(keras.Model):
        def __init__(self):
            super().__init__()
            self.conv1 = keras.layers.Conv2D(16, 3, activation='relu')
            self.maxpool1 = keras.layers.MaxPool2D((2, 2))
            self.conv2 = keras.layers.Conv2D(32, 3, activation='relu')
            self.maxpool2 = keras.layers.MaxPool2D((2, 2))
            self.flatten = keras.layers.Flatten()
            self.fc1 = keras.layers.Dense(256, activation='relu')
            self.fc2 = keras.layers.Dense(100, activation='softmax')

        def call(self, x):
            x = self.conv1(x)
            x = self.maxpool1(x)
            x = self.conv2(x)
            x = self.maxpool2(x)
            x = self.flatten(x)
            x = self.fc1(x)
            x = self.fc2(x)
            return x

    model = CustomModel()
    model(x_train[:2])
    model.summary()
""",
)

# ----------------------------------------------------------------- engine features
scenario(
    "sequential_deferred_build",
    """
    model = keras.Sequential([layers.Dense(2, activation='relu'), layers.Dense(3)])
    print(model.built)
    model(np.ones((3, 3), dtype='float32'))
    print(model.built)
    model.summary()
""",
)

scenario(
    "sequential_input_shape_variants",
    """
    keras.Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(1)]).summary()
    keras.Sequential([layers.Dense(4, input_dim=3), layers.Dense(1)]).summary()
    keras.Sequential([layers.Dense(4, batch_input_shape=(8, 3)), layers.Dense(1)]).summary()
    keras.Sequential([layers.Dense(4, input_shape=(3,), batch_size=16)]).summary()
    keras.Sequential([keras.Input(shape=(5, 3)), layers.Dense(2)], name='my_seq').summary()
    model = keras.Sequential()
    model.add(layers.Dense(4))
    model.build((None, 7))
    model.summary()
""",
)

scenario(
    "unbuilt_sequential_error",
    """
    model = keras.Sequential([layers.Dense(2)])
    model.summary()
""",
)

scenario(
    "unbuilt_subclassed_error",
    """
    class MyModel(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = layers.Dense(2)

        def call(self, x):
            return self.d(x)

    MyModel().summary()
""",
)

scenario(
    "functional_concatenate",
    """
    a = keras.Input(shape=(4,), name='left')
    b = keras.Input(shape=(6,), name='right')
    x = layers.concatenate([layers.Dense(3)(a), layers.Dense(5)(b)])
    y = layers.Dense(1, name='out')(x)
    model = keras.Model(inputs=[a, b], outputs=y)
    model.summary()
""",
)

scenario(
    "functional_merge_layers",
    """
    a = keras.Input(shape=(8,))
    b = keras.Input(shape=(8,))
    c = keras.Input(shape=(8,))
    s = layers.Add()([a, b, c])
    d = layers.Subtract()([a, b])
    m = layers.Multiply()([a, c])
    v = layers.Average()([a, b])
    mx = layers.Maximum()([s, d])
    mn = layers.Minimum()([m, v])
    dt = layers.Dot(axes=1)([mx, mn])
    cat = layers.Concatenate()([mx, mn, dt])
    model = keras.Model([a, b, c], cat)
    model.summary()
""",
)

scenario(
    "functional_multi_output",
    """
    inp = keras.Input(shape=(10,), name='features')
    h = layers.Dense(16, activation='relu', name='hidden')(inp)
    out1 = layers.Dense(1, activation='sigmoid', name='is_positive')(h)
    out2 = layers.Dense(3, activation='softmax', name='category')(h)
    model = keras.Model(inputs=inp, outputs=[out1, out2], name='two_heads')
    model.summary()
    print(model.output_names)
""",
)

scenario(
    "functional_dict_inputs_outputs",
    """
    a = keras.Input(shape=(3,), name='a')
    b = keras.Input(shape=(2,), name='b')
    h = layers.concatenate([a, b])
    model = keras.Model(inputs={'a': a, 'b': b},
                        outputs={'y': layers.Dense(1, name='y')(h),
                                 'z': layers.Dense(2, name='z')(h)})
    model.summary()
    print(model.input_names, model.output_names)
""",
)

scenario(
    "functional_shared_layer",
    """
    a = keras.Input(shape=(5,))
    b = keras.Input(shape=(5,))
    shared = layers.Dense(4, name='shared_dense')
    x = layers.add([shared(a), shared(b)])
    model = keras.Model([a, b], layers.Dense(1)(x))
    model.summary()
    print(shared.get_output_shape_at(0), shared.get_input_shape_at(1))
""",
)

scenario(
    "nested_models",
    """
    inner_seq = keras.Sequential([layers.Dense(8, activation='relu', input_shape=(4,)),
                                  layers.Dense(8)], name='inner_seq')
    i = keras.Input(shape=(8,))
    inner_fn = keras.Model(i, layers.Dense(2)(layers.Dense(6)(i)), name='inner_fn')
    inp = keras.Input(shape=(4,))
    out = inner_fn(inner_seq(inp))
    model = keras.Model(inp, out, name='outer')
    model.summary()
    model.summary(expand_nested=True)
    seq = keras.Sequential([inner_seq, layers.Dense(3)], name='outer_seq')
    seq.summary()
    seq.summary(expand_nested=True)
""",
)

scenario(
    "show_trainable",
    """
    inp = keras.Input(shape=(6,))
    d1 = layers.Dense(4, name='frozen')
    d1.trainable = False
    x = d1(inp)
    x = layers.BatchNormalization()(x)
    out = layers.Dense(2)(x)
    model = keras.Model(inp, out)
    model.summary(show_trainable=True)
    seq = keras.Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(2)])
    seq.layers[0].trainable = False
    seq.summary(show_trainable=True)
    inner = keras.Sequential([layers.Dense(3, input_shape=(2,))], name='inner')
    inner.trainable = False
    outer = keras.Sequential([inner, layers.Dense(1)])
    outer.summary(show_trainable=True, expand_nested=True)
""",
)

scenario(
    "line_length_and_positions",
    """
    model = keras.Sequential([layers.Dense(64, input_shape=(32,)), layers.Dense(10)])
    model.summary(line_length=80)
    model.summary(line_length=50)
    model.summary(positions=[.4, .7, 1.])
    model.summary(line_length=100, positions=[30, 60, 90])
    a = keras.Input(shape=(4,))
    b = keras.Input(shape=(4,))
    fn = keras.Model([a, b], layers.Dense(2)(layers.concatenate([a, b])))
    fn.summary(line_length=120)
    fn.summary(line_length=70)
    fn.summary(positions=[.3, .5, .65, 1.])
""",
)

scenario(
    "long_names_wrap",
    """
    model = keras.Sequential([
        layers.Dense(3, input_shape=(2,), name='a_really_long_dense_layer_name_that_will_wrap'),
        layers.BatchNormalization(name='batch_normalization_with_a_long_name'),
        layers.Dense(2, name='x' * 70),
    ], name='a_model_with_a_quite_long_name_too')
    model.summary()
    inputs = [keras.Input(shape=(3,), name='input_number_%d_with_long_name' % i) for i in range(4)]
    merged = layers.concatenate(inputs, name='concatenate_all_of_the_long_named_inputs')
    out = layers.Dense(1, name='final_output_layer_with_long_name')(merged)
    fn = keras.Model(inputs, out)
    fn.summary()
    fn.summary(line_length=80)
    deep = keras.Input(shape=(2, 3, 4, 5, 6, 7, 8))
    keras.Model(deep, layers.Dense(1000000)(deep)).summary()
""",
)

scenario(
    "subclassed_model",
    """
    class Classifier(keras.Model):
        def __init__(self, n):
            super().__init__()
            self.hidden = [layers.Dense(16, activation='relu') for _ in range(2)]
            self.norm = layers.BatchNormalization()
            self.head = {'out': layers.Dense(n)}

        def call(self, x, training=None):
            for layer in self.hidden:
                x = layer(x)
            x = self.norm(x, training=training)
            return self.head['out'](x)

    model = Classifier(3)
    model(np.zeros((2, 5), dtype='float32'))
    model.summary()
    print(model.name, len(model.layers), len(model.weights), len(model.trainable_weights))
    model2 = Classifier(4)
    model2.build((None, 7))
    model2.summary()
""",
)

scenario(
    "tf_op_lambda_names",
    """
    x = keras.Input(shape=(4,), name='x')
    y = keras.Input(shape=(4,), name='y')
    s = x + y
    d = x - y
    p = x * 2.0
    q = y / 3.0
    n = -x
    c = tf.concat([s, d], axis=-1)
    r = tf.reduce_mean(c, axis=1, keepdims=True)
    m = tf.matmul(p, tf.transpose(q))
    z = tf.nn.relu(n) + r
    model = keras.Model([x, y], [z, m, c])
    model.summary()
    print([layer.name for layer in model.layers])
""",
)

scenario(
    "layer_zoo_summary",
    """
    inp = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(8, 3, padding='same', activation='relu')(inp)
    x = layers.BatchNormalization()(x)
    x = layers.MaxPooling2D()(x)
    x = layers.DepthwiseConv2D(3)(x)
    x = layers.SeparableConv2D(8, 3, padding='same')(x)
    x = layers.Conv2DTranspose(4, 3, strides=2)(x)
    x = layers.ZeroPadding2D(1)(x)
    x = layers.Cropping2D(2)(x)
    x = layers.UpSampling2D()(x)
    x = layers.AveragePooling2D()(x)
    x = layers.Dropout(0.5)(x)
    g = layers.GlobalAveragePooling2D()(x)
    f = layers.Flatten()(x)
    f = layers.Dense(10)(f)
    f = layers.Reshape((2, 5))(f)
    f = layers.Permute((2, 1))(f)
    f = layers.LayerNormalization()(f)
    f = layers.Flatten()(f)
    out = layers.concatenate([g, f])
    out = layers.Activation('softmax')(out)
    model = keras.Model(inp, out)
    model.summary()
""",
)

scenario(
    "rnn_zoo_summary",
    """
    inp = keras.Input(shape=(12,), dtype='int32')
    x = layers.Embedding(100, 8, mask_zero=True)(inp)
    x = layers.SimpleRNN(6, return_sequences=True)(x)
    x = layers.GRU(5, return_sequences=True)(x)
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
    x = layers.TimeDistributed(layers.Dense(3))(x)
    x, h, c = layers.LSTM(7, return_state=True)(x)
    out = layers.concatenate([x, h, c])
    model = keras.Model(inp, out)
    model.summary()
    seq = keras.Sequential([layers.Embedding(50, 4, input_length=10), layers.Conv1D(6, 3),
                            layers.MaxPooling1D(2), layers.GRU(3, reset_after=False),
                            layers.RepeatVector(2), layers.GlobalMaxPooling1D()])
    seq.summary()
""",
)

scenario(
    "print_fn_and_params",
    """
    model = keras.Sequential([layers.Dense(3, input_shape=(4,)), layers.BatchNormalization(),
                              layers.PReLU(), layers.Dense(1)])
    lines = []
    model.summary(print_fn=lambda line, **kwargs: lines.append(line))
    print(len(lines))
    print('\\n'.join(lines))
    print(model.count_params())
""",
)

scenario(
    "lambda_and_misc_summary",
    """
    inp = keras.Input(shape=(6,), batch_size=4, name='batch4')
    a = layers.Lambda(lambda t: t[:, :2], name='first_two')(inp)
    b = layers.Lambda(lambda t: tf.reduce_sum(t, axis=1, keepdims=True))(inp)
    c = layers.RepeatVector(3)(layers.concatenate([a, b]))
    c = layers.Flatten()(layers.Permute((2, 1))(c))
    d = layers.Dropout(0.2)(layers.Dense(4, activation=tf.nn.relu)(c))
    e = layers.Activation('softmax')(layers.Dense(3, use_bias=False)(d))
    model = keras.Model(inp, [e, layers.Reshape((3, 1))(e)], name='misc')
    model.summary()
    model.summary(show_trainable=True, line_length=110)
    seq = keras.Sequential(name='with_lambda')
    seq.add(layers.Lambda(lambda t: t * 2.0, input_shape=(3,)))
    seq.add(layers.Dense(2))
    seq.summary()
""",
)

# ----------------------------------------------------------------- tensors print as TensorFlow's
scenario(
    "tensor_printing",
    """
    print(tf.constant(1.5))
    print(repr(tf.constant(1.5)))
    print(tf.constant([1, 2, 3]))
    print(repr(tf.constant([1, 2, 3])))
    print(tf.constant([[1.0, 2.5], [3.0, 4.0]]))
    print(repr(tf.constant([[1.0, 2.5], [3.0, 4.0]])))
    print(tf.constant([True, False]))
    print(tf.constant([[[1., 2.], [3., 4.]], [[5., 6.], [7., 8.]]]))
    print(tf.zeros((2, 0)))
    print(tf.ones((3, 4), dtype=tf.int32))
    print(tf.cast(tf.constant([1.7, -2.2]), tf.int64))
    print(tf.range(2000))
    print(tf.reshape(tf.range(1200, dtype=tf.float32), (40, 30)))
    print(tf.constant([1e-8, 1e8]))
    print(tf.constant(np.array([0.1, 0.25], dtype='float64')))
    v = tf.Variable([[1.0, 2.0]], name='weights')
    print(v)
    print(repr(v))
    w = tf.Variable(3, name='count')
    print(repr(w))
    print(tf.constant([[1.0, 2.0]]).shape, tf.constant([[1.0, 2.0]]).dtype)
    print(tf.constant([1.0]).numpy(), type(tf.constant([1.0]).numpy()).__name__)
    print(tf.float32, tf.int32, tf.bool, repr(tf.float32))
    print(tf.TensorShape([None, 3]), repr(tf.TensorShape([None, 3])), tf.TensorShape([2, 3]).as_list())
""",
)

scenario(
    "gradient_tape_api",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    w = tf.Variable([[0.5], [-1.0], [2.0]], name='w')
    b = tf.Variable(0.25, name='b')
    unused = tf.Variable(1.0, name='unused')
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.matmul(tf.reshape(x, (1, 3)), w) + b
        z = tf.reduce_sum(y * y)
        s = tf.stop_gradient(z) * x
    print(tape.gradient(z, x))
    print(tape.gradient(z, [w, b]))
    grads = tape.gradient(z, {'w': w, 'pair': (b, unused)})
    print(sorted(grads), grads['pair'][1], grads['pair'][0])
    print(tape.gradient(s, x))
    print(tape.gradient(z, unused))
    del tape
    with tf.GradientTape() as tape:
        q = w * w
    print(tape.gradient(q, w))
    try:
        tape.gradient(q, w)
    except RuntimeError as e:
        print('RuntimeError:', e)
    c = tf.constant(3.0)
    with tf.GradientTape() as tape:
        r = c * c
    print(tape.gradient(r, c))
""",
)

scenario(
    "layer_and_model_reprs",
    """
    d = layers.Dense(3, name='d')
    d(np.zeros((1, 2), dtype='float32'))  # (d.build() alone names the weights 'kernel:0' in TF)
    print([w.name for w in d.weights], [tuple(w.shape) for w in d.weights])
    print(d.kernel.shape, d.bias.dtype, d.count_params(), d.built, d.trainable)
    print(d.get_config())
    model = keras.Sequential([layers.Dense(2, input_shape=(3,), name='a'), layers.Dense(1, name='b')])
    print(model.input_shape, model.output_shape, model.count_params())
    print([layer.name for layer in model.layers], model.name)
    print(model.get_layer('b').input_shape, model.get_layer(index=0).name)
    print(model.to_json()[:120])
    inp = keras.Input(shape=(4,), name='features')
    print(inp.shape, inp.dtype, inp.name)
    print(keras.Model(inp, layers.Dense(2)(inp)).inputs[0].shape)
""",
)

# ----------------------------------------------------------------- keras.applications
scenario(
    "mobilenet_default",
    """
    model = keras.applications.MobileNet(weights=None)
    model.summary()
    print(model.name, len(model.layers), model.count_params())
""",
)

scenario(
    "mobilenet_alpha050_128",
    """
    model = keras.applications.MobileNet(weights=None, alpha=0.5, input_shape=(128, 128, 3))
    model.summary()
""",
)

scenario(
    "mobilenet_notop_avg_160",
    """
    model = keras.applications.MobileNet(weights=None, include_top=False, pooling='avg',
                                         input_shape=(160, 160, 3))
    model.summary()
""",
)

scenario(
    "mobilenet_classes10_depth_multiplier",
    """
    model = keras.applications.MobileNet(weights=None, classes=10, depth_multiplier=2,
                                         input_shape=(96, 96, 3), dropout=0.2)
    model.summary()
""",
)

scenario(
    "mobilenetv2_default",
    """
    model = keras.applications.MobileNetV2(weights=None)
    model.summary()
    print(model.name, len(model.layers), model.count_params())
""",
)

scenario(
    "mobilenetv2_alpha035_96_classes10",
    """
    model = keras.applications.MobileNetV2(weights=None, alpha=0.35, input_shape=(96, 96, 3),
                                           classes=10)
    model.summary()
""",
)

scenario(
    "mobilenetv2_notop_max_alpha130",
    """
    model = keras.applications.MobileNetV2(weights=None, include_top=False, pooling='max',
                                           alpha=1.3, input_shape=(128, 128, 3))
    model.summary()
""",
)

SCENARIOS = S
