"""Whole tutorial scripts, run as files: `python script.py` under TensorFlow when recording,
`python -m pynn run script.py` (the TensorFlow shim) when replaying.

These are the notebooks of /work/shared/seeds/ as plain scripts, with their own import lines
(`import tensorflow as tf`, `from tensorflow.keras.layers import Dense`, `from keras.models import
Model`, `import keras.backend as K`, ...), downloads replaced by random data of the same layout,
and long trainings shortened. Output is compared after masking timings and keeping only the last
redraw of each progress-bar line. With `mask_numbers` (scripts whose printed values depend on
random initial weights, which pynn draws differently from TensorFlow) every decimal number is
masked too, so those scripts check structure: summaries, shapes, names, counts, progress lines.
"""

from textwrap import dedent

S = {}


def script(name, code, mask_numbers=False, masks=()):
    """`masks`: extra regular expressions whose matches are masked on both sides (values that
    follow from random initial weights but are not decimal numbers, like a thresholded class)."""
    assert name not in S, name
    S[name] = {
        "code": dedent(code).strip() + "\n",
        "mask_numbers": mask_numbers,
        "masks": list(masks),
    }


script(
    "seed000_ai_open_innovation",
    """
    import numpy as np
    import tensorflow as tf

    # stands in for tf.keras.datasets.mnist.load_data(): same dtype and layout, fewer samples
    rng = np.random.default_rng(0)
    X_train = rng.integers(0, 256, (120, 28, 28)).astype('uint8')
    y_train = rng.integers(0, 10, 120).astype('uint8')
    X_train = X_train / 255.
    X_train = X_train.reshape(120, -1)

    model = tf.keras.models.Sequential([
        tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
        tf.keras.layers.Dense(64, activation='relu'),
        tf.keras.layers.Dense(10, activation='softmax')
    ])
    model.summary()

    class A:
        def __call__(self, x):
            self.x = x
            print(self.x)

    a = A()
    a(4)
    A()(4)

    input_layer = tf.keras.layers.Input(shape=(784,))
    input_layer = tf.keras.Input((784,))
    dense1 = tf.keras.layers.Dense(64, activation='relu')(input_layer)
    dense2 = tf.keras.layers.Dense(64, activation='relu')(dense1)
    output = tf.keras.layers.Dense(10, activation='softmax')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_layer, outputs=output)
    model_fn.summary()

    from tensorflow.keras.layers import Input, Dense
    from tensorflow.keras.models import Model

    input_ = Input((784,))
    dense1_ = Dense(64, activation='relu')(input_)
    dense2_ = Dense(64, activation='relu')(input_)
    dense3_ = Dense(64, activation='relu')(dense1_ + dense2_)
    out_ = Dense(10, activation='softmax')(dense3_)
    model_fn_ = Model(inputs=input_, outputs=out_)
    model_fn_.summary()

    from tensorflow import keras
    NUM_WORDS = 1000
    # stands in for keras.datasets.imdb.load_data(num_words=NUM_WORDS)
    sequences = [rng.integers(1, NUM_WORDS, rng.integers(5, 40)).tolist() for _ in range(64)]
    labels = rng.integers(0, 2, 64)

    def multi_hot_sequences(sequences, dimension):
        results = np.zeros((len(sequences), dimension))
        for i, word_indices in enumerate(sequences):
            results[i, word_indices] = 1.0
        return results

    X_train = multi_hot_sequences(sequences, dimension=NUM_WORDS)
    baseline_model = keras.Sequential([
        keras.layers.Dense(16, activation='relu', input_shape=(NUM_WORDS,)),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid')
    ])
    baseline_model.compile(optimizer='adam', loss='binary_crossentropy',
                           metrics=['accuracy', 'binary_crossentropy'])
    baseline_model.summary()
    history = baseline_model.fit(X_train, labels, epochs=2, batch_size=16, verbose=2)
    print(sorted(history.history))

    input_ = tf.keras.layers.Input((NUM_WORDS,))
    dense1 = tf.keras.layers.Dense(16, activation='relu', kernel_regularizer='l2')(input_)
    dense2 = tf.keras.layers.Dense(16, activation='relu', bias_regularizer='l2')(dense1)
    output = tf.keras.layers.Dense(1, activation='sigmoid')(dense2)
    model_fn = tf.keras.models.Model(inputs=input_, outputs=output)
    model_fn.compile(optimizer='adam', loss='binary_crossentropy',
                     metrics=['accuracy', 'binary_crossentropy'])
    model_fn.summary()
    print(len(model_fn.losses))
    model_fn.fit(X_train, labels, epochs=1)

    x = np.array([[1, 2], [2, 3], [3, 4]])
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, use_bias=False, kernel_initializer='one', input_shape=(2,)))
    model.summary()
    print(model.predict(x))
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, kernel_initializer='one', bias_initializer='ones',
                                    input_shape=(2,)))
    print(model.predict(x, verbose=0))
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(2, input_shape=(2,)))
    model2 = tf.keras.models.Sequential()
    model2.add(model)
    model2.summary()
    print(np.allclose(model2.predict(x, verbose=0), model.predict(x, verbose=0)))
    print([w.name for w in model.weights], [w.shape for w in model2.weights])
    print(model is model2.layers[0])
""",
    mask_numbers=True,
)

script(
    "seed001_sequential_guide",
    """
    import tensorflow as tf
    from tensorflow import keras
    from tensorflow.keras import layers

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
    print(y.shape, y.dtype)
    print([layer.name for layer in model.layers])
    model.pop()
    print(len(model.layers))
    layer1 = layers.Dense(4)
    print(layer1.weights)
    model.add(layer1)
    print([layer.name for layer in model.layers])
    model(x)
    print([(w.name, tuple(w.shape)) for w in model.weights])
    model.summary()

    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(2, activation='relu', name='layer1'))
    model.summary()

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
    model.add(layers.GlobalMaxPooling2D())
    model.add(layers.Dense(10))
    model.summary()
""",
    mask_numbers=True,
)

script(
    "seed002_keras_docs",
    """
    import numpy as np
    import keras
    from keras.models import Sequential, Model
    from keras.layers import Dense, Activation, Input, Embedding, LSTM, TimeDistributed
    import keras.backend as K
    from keras.utils import to_categorical

    model = Sequential([
        Dense(32, input_shape=(784,)),
        Activation('relu'),
        Dense(10),
        Activation('softmax'),
    ])
    model.summary()

    def mean_pred(y_true, y_pred):
        return K.mean(y_pred)

    model = Sequential()
    model.add(Dense(32, activation='relu', input_dim=100))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy', mean_pred])
    data = np.random.random((100, 100))
    labels = np.random.randint(2, size=(100, 1))
    h = model.fit(data, labels, epochs=3, batch_size=32, verbose=0)
    print(sorted(h.history), len(h.history['loss']))

    model = Sequential()
    model.add(Dense(32, activation='relu', input_dim=100))
    model.add(Dense(10, activation='softmax'))
    model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
    labels = np.random.randint(10, size=(100, 1))
    one_hot_labels = to_categorical(labels, num_classes=10)
    print(one_hot_labels.shape, one_hot_labels.dtype, one_hot_labels.sum())
    h = model.fit(data, one_hot_labels, epochs=2, batch_size=32, verbose=2)

    inputs = Input(shape=(784,))
    x = Dense(64, activation='relu')(inputs)
    x = Dense(64, activation='relu')(x)
    predictions = Dense(10, activation='softmax')(x)
    model = Model(inputs=inputs, outputs=predictions)
    model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
    try:
        model.fit(data, labels, verbose=0)
    except ValueError as e:
        print('ValueError')

    x = Input(shape=(784,))
    y = model(x)
    input_sequences = Input(shape=(20, 784))
    processed_sequences = TimeDistributed(model)(input_sequences)
    print(processed_sequences.shape)

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
    model.compile(optimizer='rmsprop',
                  loss={'main_output': 'binary_crossentropy', 'aux_output': 'binary_crossentropy'},
                  loss_weights={'main_output': 1., 'aux_output': 0.2})
    model.summary()
    headline_data = np.random.randint(1, 10000, size=(64, 100))
    additional_data = np.random.random((64, 5))
    labels = np.random.randint(2, size=(64, 1))
    h = model.fit({'main_input': headline_data, 'aux_input': additional_data},
                  {'main_output': labels, 'aux_output': labels}, epochs=2, batch_size=32,
                  verbose=2)
    print(list(h.history))

    a = Input(shape=(280, 256))
    lstm = LSTM(32)
    encoded_a = lstm(a)
    try:
        assert lstm.output == encoded_a      # the tutorial's cell; tf.keras 2.15 refuses it
    except TypeError as e:
        print('TypeError:', e)

    tweet_a = Input(shape=(28, 16))
    tweet_b = Input(shape=(28, 16))
    shared_lstm = LSTM(64)
    encoded_a = shared_lstm(tweet_a)
    encoded_b = shared_lstm(tweet_b)
    merged_vector = keras.layers.concatenate([encoded_a, encoded_b], axis=-1)
    predictions = Dense(1, activation='sigmoid')(merged_vector)
    model = Model(inputs=[tweet_a, tweet_b], outputs=predictions)
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy'])
    model.summary()
    print(shared_lstm.get_output_at(0) is encoded_a, shared_lstm.get_output_at(1) is encoded_b)

    from keras.layers import Conv2D
    a = Input(shape=(32, 32, 3))
    b = Input(shape=(64, 64, 3))
    conv = Conv2D(16, (3, 3), padding='same')
    conved_a = conv(a)
    assert conv.input_shape == (None, 32, 32, 3)
    conved_b = conv(b)
    assert conv.get_input_shape_at(0) == (None, 32, 32, 3)
    assert conv.get_input_shape_at(1) == (None, 64, 64, 3)
    print('nodes ok')
""",
    mask_numbers=True,
)

script(
    "seed003_mlp_xor",
    """
    import tensorflow as tf


    class MLP:
        def __init__(self, hidden_layer_conf, num_output_nodes):
            self.hidden_layer_conf = hidden_layer_conf
            self.num_output_nodes = num_output_nodes
            self.logic_op_model = None

        def build_model(self):
            input_layer = tf.keras.Input(shape=[2, ])
            hidden_layers = input_layer
            if self.hidden_layer_conf is not None:
                for num_hidden_nodes in self.hidden_layer_conf:
                    hidden_layers = tf.keras.layers.Dense(units=num_hidden_nodes,
                                                          activation=tf.keras.activations.sigmoid,
                                                          use_bias=True)(hidden_layers)
            output = tf.keras.layers.Dense(units=self.num_output_nodes,
                                           activation=tf.keras.activations.sigmoid,
                                           use_bias=True)(hidden_layers)
            self.logic_op_model = tf.keras.Model(inputs=input_layer, outputs=output)
            sgd = tf.keras.optimizers.SGD(learning_rate=0.1)
            self.logic_op_model.compile(optimizer=sgd, loss="mse")

        def fit(self, x, y, batch_size, epochs):
            self.logic_op_model.fit(x=x, y=y, batch_size=batch_size, epochs=epochs)

        def predict(self, x, batch_size):
            prediction = self.logic_op_model.predict(x=x, batch_size=batch_size)
            return prediction


    def xor_classifier_example():
        input_data = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        input_data = tf.cast(input_data, tf.float32)
        xor_labels = tf.constant([0.0, 1.0, 1.0, 0.0])
        xor_labels = tf.cast(xor_labels, tf.float32)
        batch_size = 1
        epochs = 3
        mlp_classifier = MLP(hidden_layer_conf=[4], num_output_nodes=1)
        mlp_classifier.build_model()
        mlp_classifier.logic_op_model.summary()
        mlp_classifier.fit(x=input_data, y=xor_labels, batch_size=batch_size, epochs=epochs)
        prediction = mlp_classifier.predict(x=input_data, batch_size=batch_size)
        input_and_result = zip(input_data, prediction)
        print("===== MLP XOR classifier result =====")
        for x, y in input_and_result:
            # as the tutorial wrote it: `y` is a one-element row of predict's output
            if y > 0.5:
                print("%d XOR %d => %.2f => 1" % (x[0], x[1], y))
            else:
                print("%d XOR %d => %.2f => 0" % (x[0], x[1], y))


    if __name__ == '__main__':
        xor_classifier_example()
        my_array = [[0, 0], [0, 1], [1, 0], [1, 1]]
        input_data = tf.convert_to_tensor(value=my_array, dtype=tf.float32)
        print(input_data)
        print(tf.cast(tf.constant([[0, 0], [0, 1]]), tf.float32))
""",
    mask_numbers=True,
    masks=[r"(?m)=> [01]$"],
)

script(
    "seed004_three_styles",
    """
    import tensorflow as tf
    from tensorflow import keras
    import numpy as np

    # stands in for keras.datasets.mnist.load_data()
    rng = np.random.default_rng(0)
    x_train = rng.integers(0, 256, (64, 28, 28)).astype('uint8')
    y_train = rng.integers(0, 10, 64).astype('uint8')
    x_test, y_test = x_train[:32], y_train[:32]
    x_train, x_test = x_train / 255.0, x_test / 255.0
    x_train = x_train[..., np.newaxis]
    x_test = x_test[..., np.newaxis]
    print(len(x_train), len(x_test))

    model = tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(32, 3, activation='relu'),
        tf.keras.layers.Conv2D(32, 3, activation='relu'),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation='relu'),
        tf.keras.layers.Dense(10, activation='softmax')
    ])
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, epochs=2)
    model.evaluate(x_test, y_test, verbose=2)
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
    model.fit(x_train, y_train, epochs=1, verbose=2)
    model.evaluate(x_test, y_test, verbose=2)
    model.summary()

    loss_func = tf.keras.losses.SparseCategoricalCrossentropy()
    optimizer = tf.keras.optimizers.Adam()

    def train_step(features, labels):
        with tf.GradientTape() as tape:
            predictions = model(features)
            loss = loss_func(labels, predictions)
            gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    for epoch in range(2):
        x_batch, y_batch = [], []
        for step, (x, y) in enumerate(zip(x_train, y_train)):
            x_batch.append(x)
            y_batch.append(y)
            if step % 32 == 31:
                loss = train_step(np.array(x_batch, dtype=np.float32),
                                  np.array(y_batch, dtype=np.float32))
                x_batch, y_batch = [], []
        print('Epoch %d: last batch loss = %.4f' % (epoch, float(loss)))
    prediction = model.predict(x_test, batch_size=x_test.shape[0], verbose=1)
    print(prediction.shape, np.argmax(prediction, axis=1).shape)
""",
    mask_numbers=True,
)

script(
    "shim_import_styles",
    """
    import tensorflow as tf
    from tensorflow import keras
    from tensorflow.keras import layers, models, optimizers, losses
    from tensorflow.keras.layers import Dense
    from tensorflow.keras.models import Sequential
    import keras as k2
    from keras.models import Model
    from keras.layers import Input
    import keras.backend as K
    import numpy as np

    print(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    print(tf.reduce_mean(tf.constant([1.0, 2.0, 4.0])))
    print(tf.ones((2, 3)).shape, tf.zeros([2]).dtype, tf.float32, tf.int32)
    print(tf.matmul(tf.ones((2, 3)), tf.ones((3, 1))))
    print(tf.nn.softmax(tf.constant([1.0, 2.0, 3.0])))
    print(tf.argmax(tf.constant([[1, 5, 3], [7, 2, 0]]), axis=1))
    print(tf.concat([tf.ones((1, 2)), tf.zeros((1, 2))], axis=0))
    print(K.epsilon(), K.floatx())
    v = tf.Variable([1.0, 2.0], name='v')
    print(v)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    print(tape.gradient(y, v))
    model = Sequential([Dense(2, kernel_initializer='ones', input_shape=(3,)),
                        layers.Dense(1, kernel_initializer='ones')])
    model.compile(optimizer=optimizers.SGD(0.1), loss=losses.MeanSquaredError())
    print(model.predict(np.ones((2, 3)), verbose=0))
    inp = Input(shape=(3,))
    m = Model(inp, k2.layers.Dense(1, kernel_initializer='zeros')(inp))
    print(type(m).__name__, m.output_shape, models.Model is Model)
    print(keras.layers.Dense is k2.layers.Dense, tf.keras.layers.Dense is Dense)
""",
)

# tf.function as TF traces it: side effects once per trace, symbolic prints, retracing on new
# signatures and its warning, input_signature / reduce_retracing, and a
# decorated GradientTape train step (weights start from constants, so values match TF's)
script(
    "tf_function_tracing",
    """
    import sys
    sys.stderr = sys.stdout      # TF's warnings and tf.print, in the compared output
    import numpy as np
    import tensorflow as tf
    from tensorflow import keras

    @tf.function
    def f(x, y, n=2):
        print("tracing f:", x, y)
        a = x + y
        print(a, x * y, x + 1.0, tf.reduce_mean(x), tf.matmul(tf.reshape(x, [1, 1]), [[2.0]]))
        return a * n

    print(f(tf.constant(1.0), tf.constant(2.0)))
    print(f(tf.constant(3.0), tf.constant(2.0)))
    print(f(tf.constant([1.0]), tf.constant([2.0])))
    print(f(tf.constant(1.0), tf.constant(2.0), n=3))
    print(type(f).__name__, f.experimental_get_tracing_count(), f.python_function.__name__)

    @tf.function
    def r(n):
        print("tracing r", n)
        return tf.constant(2.0) * n
    for i in range(7):
        r(i)
    r(3)
    print("count", r.experimental_get_tracing_count())

    v = tf.Variable(1.0)
    calls = []

    @tf.function
    def bump(step):
        calls.append(step)
        v.assign_add(step)
        return v.read_value()

    bump(tf.constant(1.0)); bump(tf.constant(2.0))
    print(bump(tf.constant(0.5)), len(calls))

    @tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
    def g(x):
        print("g tracing", x)
        return x * 2
    print(g(tf.constant([1.0, 2.0])))
    print(g(tf.constant([1.0, 2.0, 3.0])))
    print(g.experimental_get_tracing_count(), g.input_signature)
    try:
        g(tf.constant([1, 2]))
    except TypeError as e:
        print("TypeError", str(e).split(". Received")[0])

    @tf.function(reduce_retracing=True)
    def h(x):
        print("h tracing", x)
        return x + 1
    h(tf.zeros([2])); h(tf.zeros([3])); h(tf.zeros([4]))
    print("h count", h.experimental_get_tracing_count())

    @tf.function
    def from_numpy(x):
        print("numpy tracing", x)
        return x
    from_numpy(np.ones(2, np.float32)); from_numpy(np.zeros(2, np.float32))
    from_numpy(np.ones(3))
    print("numpy count", from_numpy.experimental_get_tracing_count())

    model = keras.Sequential([
        keras.layers.Dense(4, activation="relu", input_shape=(3,),
                           kernel_initializer=keras.initializers.Constant(0.1)),
        keras.layers.Dense(2, kernel_initializer=keras.initializers.Constant(
            [[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2], [0.2, 0.1]]))])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    acc = keras.metrics.SparseCategoricalAccuracy()
    optimizer.build(model.trainable_weights)   # TF traces twice if a trace makes variables

    @tf.function
    def train_step(x, y):
        print("tracing train_step", x, y)
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        acc.update_state(y, logits)
        return loss

    x = np.arange(24, dtype=np.float32).reshape(8, 3) / 24.0
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    for epoch in range(3):
        for i in range(0, 8, 4):
            loss = train_step(x[i:i + 4], y[i:i + 4])
        print("epoch", epoch, "loss %.5f" % float(loss), "acc %.4f" % float(acc.result()))
    print("train_step traces", train_step.experimental_get_tracing_count())
    print(np.round(model.layers[0].kernel.numpy(), 5))
""",
    masks=[r"0x[0-9a-f]+"],
)

SCENARIOS = S
