"""Training-output scenarios: the text fit/evaluate/predict print, and History keys.

Each scenario is a code string run after PRELUDE (same namespace rules as the summary scenarios:
`tf`, `keras`, `layers`, `np`, `time`). Everything printed is recorded raw (with the `\\r` and
`\\b` characters of verbose=1). The parity test masks the timing parts (`ETA: 1s`, `0s 2ms/step`,
`25ms/epoch`), trailing padding and `\\b` runs, then compares the remaining text exactly and the
numbers within a small tolerance.

`Slow` sleeps 60 ms after every batch so that the progress bar (which redraws at most every 50 ms)
shows every step on both sides, whatever the machine's speed. `init_weights` gives every model the
same deterministic weights from a seeded numpy generator, and `shuffle=False` fixes the batch
order, so the printed losses are comparable.
"""

from textwrap import dedent

PRELUDE = (
    dedent("""
    class Slow(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            time.sleep(0.06)

        def on_test_batch_end(self, batch, logs=None):
            time.sleep(0.06)

        def on_predict_batch_end(self, batch, logs=None):
            time.sleep(0.06)


    def init_weights(model, seed=0):
        rng = np.random.default_rng(seed)
        model.set_weights([rng.uniform(-0.5, 0.5, np.shape(w)).astype('float32')
                           for w in model.get_weights()])


    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 4)).astype('float32')
    y_reg = (x @ np.array([[1.0], [-2.0], [0.5], [0.0]], dtype='float32')).astype('float32')
    y_bin = (x[:, :1] > 0).astype('float32')
    y_int = (np.abs(x[:, 0] * 2).astype('int64') % 3)
    y_cat = np.eye(3, dtype='float32')[y_int]
""").strip()
    + "\n"
)

S = {}


def scenario(name, code):
    assert name not in S, name
    S[name] = dedent(code).strip() + "\n"


scenario(
    "fit_verbose1_regression",
    """
    model = keras.Sequential([layers.Dense(8, activation='relu', input_shape=(4,)), layers.Dense(1)])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse', metrics=['mae'])
    history = model.fit(x, y_reg, epochs=2, batch_size=16, shuffle=False, verbose=1,
                        callbacks=[Slow()])
    print(history.history)
    print(history.params)
    print(history.epoch)
""",
)

scenario(
    "fit_verbose2_regression",
    """
    model = keras.Sequential([layers.Dense(8, activation='relu', input_shape=(4,)), layers.Dense(1)])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse', metrics=['mae', 'mse'])
    history = model.fit(x, y_reg, epochs=3, batch_size=16, shuffle=False, verbose=2)
    print(history.history)
""",
)

scenario(
    "fit_verbose_auto_and_zero",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer='sgd', loss='mse')
    model.fit(x, y_reg, epochs=1, batch_size=20, shuffle=False, callbacks=[Slow()])
    h = model.fit(x, y_reg, epochs=2, batch_size=20, shuffle=False, verbose=0)
    print(h.history)
""",
)

scenario(
    "fit_validation_split_verbose1",
    """
    model = keras.Sequential([layers.Dense(6, activation='tanh', input_shape=(4,)),
                              layers.Dense(1, activation='sigmoid')])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss='binary_crossentropy',
                  metrics=['accuracy'])
    history = model.fit(x, y_bin, epochs=2, batch_size=8, shuffle=False, validation_split=0.25,
                        verbose=1, callbacks=[Slow()])
    print(history.history)
""",
)

scenario(
    "fit_validation_data_verbose2",
    """
    model = keras.Sequential([layers.Dense(6, activation='relu', input_shape=(4,)),
                              layers.Dense(3, activation='softmax')])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss='categorical_crossentropy',
                  metrics=['accuracy'])
    history = model.fit(x[:32], y_cat[:32], epochs=2, batch_size=10, shuffle=False,
                        validation_data=(x[32:], y_cat[32:]), verbose=2)
    print(history.history)
""",
)

scenario(
    "accuracy_resolution",
    """
    for loss, y in [('binary_crossentropy', y_bin), ('categorical_crossentropy', y_cat),
                    ('sparse_categorical_crossentropy', y_int)]:
        units = 1 if loss.startswith('binary') else 3
        act = 'sigmoid' if units == 1 else 'softmax'
        model = keras.Sequential([layers.Dense(units, activation=act, input_shape=(4,))])
        init_weights(model)
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss=loss, metrics=['accuracy', 'acc'])
        h = model.fit(x, y, epochs=2, batch_size=40, shuffle=False, verbose=0)
        print(loss, h.history)
        print(model.evaluate(x, y, verbose=0))
        print(model.evaluate(x, y, verbose=0, return_dict=True))
        print(model.metrics_names)
""",
)

scenario(
    "evaluate_predict_verbose1",
    """
    model = keras.Sequential([layers.Dense(3, activation='softmax', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    print(model.evaluate(x, y_int, batch_size=16, verbose=1, callbacks=[Slow()]))
    p = model.predict(x, batch_size=16, verbose=1, callbacks=[Slow()])
    print(p.shape, p.dtype)
    print(np.round(p[:3], 4))
""",
)

scenario(
    "evaluate_predict_verbose2",
    """
    model = keras.Sequential([layers.Dense(3, activation='softmax', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    print(model.evaluate(x, y_int, batch_size=16, verbose=2))
    p = model.predict(x, batch_size=16, verbose=2)
    print(p.shape)
""",
)

scenario(
    "evaluate_predict_defaults",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer='sgd', loss='mse', metrics=['mae'])
    print(model.evaluate(x, y_reg, callbacks=[Slow()]))
    p = model.predict(x, callbacks=[Slow()])
    print(p.shape)
""",
)

scenario(
    "multi_output_history_keys",
    """
    inp = keras.Input(shape=(4,), name='inp')
    h = layers.Dense(5, activation='relu', name='hidden')(inp)
    main = layers.Dense(1, activation='sigmoid', name='main_output')(h)
    aux = layers.Dense(3, activation='softmax', name='aux_output')(h)
    model = keras.Model(inp, [main, aux])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss={'main_output': 'binary_crossentropy',
                        'aux_output': 'sparse_categorical_crossentropy'},
                  loss_weights={'main_output': 1.0, 'aux_output': 0.2},
                  metrics={'main_output': ['accuracy'], 'aux_output': ['accuracy', 'mae']})
    history = model.fit(x, {'main_output': y_bin, 'aux_output': y_int}, epochs=2, batch_size=20,
                        shuffle=False, validation_split=0.5, verbose=2)
    print(list(history.history))
    print(history.history)
    print(model.metrics_names)
    print(model.evaluate(x, [y_bin, y_int], verbose=0))
    print(model.evaluate(x, [y_bin, y_int], verbose=2))
""",
)

scenario(
    "multi_output_list_metrics_verbose1",
    """
    inp = keras.Input(shape=(4,))
    h = layers.Dense(5, activation='relu')(inp)
    o1 = layers.Dense(1)(h)
    o2 = layers.Dense(1)(h)
    model = keras.Model(inp, [o1, o2])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss=['mse', 'mae'], metrics=['mse'])
    history = model.fit(x, [y_reg, y_reg * 0.5], epochs=1, batch_size=20, shuffle=False,
                        verbose=1, callbacks=[Slow()])
    print(list(history.history))
    print(history.history)
""",
)

scenario(
    "multi_input_functional",
    """
    a = keras.Input(shape=(4,), name='a')
    b = keras.Input(shape=(2,), name='b')
    h = layers.concatenate([layers.Dense(3)(a), b])
    out = layers.Dense(1, name='out')(h)
    model = keras.Model([a, b], out)
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse',
                  metrics=[keras.metrics.RootMeanSquaredError()])
    h = model.fit({'a': x, 'b': x[:, :2]}, y_reg, epochs=2, batch_size=40, shuffle=False,
                  verbose=2)
    print(h.history)
""",
)

scenario(
    "custom_metric_function",
    """
    def mean_pred(y_true, y_pred):
        return keras.backend.mean(y_pred)

    model = keras.Sequential([layers.Dense(1, activation='sigmoid', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy', mean_pred])
    h = model.fit(x, y_bin, epochs=2, batch_size=40, shuffle=False, verbose=2)
    print(h.history)
""",
)

scenario(
    "subclassed_fit",
    """
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.d1 = layers.Dense(6, activation='relu')
            self.d2 = layers.Dense(3)

        def call(self, inputs, training=None):
            return self.d2(self.d1(inputs))

    model = Net()
    model.build((None, 4))
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    h = model.fit(x, y_int, epochs=2, batch_size=16, shuffle=False, verbose=1, callbacks=[Slow()])
    print(h.history)
""",
)

scenario(
    "train_test_predict_on_batch",
    """
    model = keras.Sequential([layers.Dense(2, activation='softmax', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    yb = (y_int[:8] > 0).astype('int64')
    print(model.train_on_batch(x[:8], yb))
    print(model.train_on_batch(x[:8], yb, return_dict=True))
    print(model.test_on_batch(x[:8], yb))
    print(np.round(model.predict_on_batch(x[:2]), 5))
""",
)

scenario(
    "many_steps_progbar_width",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss='mse')
    xs = np.tile(x, (3, 1))
    ys = np.tile(y_reg, (3, 1))
    model.fit(xs, ys, epochs=1, batch_size=11, shuffle=False, verbose=1, callbacks=[Slow()])
    model.fit(xs, ys, epochs=1, batch_size=11, shuffle=False, verbose=2)
""",
)

scenario(
    "initial_epoch_and_callbacks",
    """
    model = keras.Sequential([layers.Dense(1, input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse')
    log = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: print('epoch', epoch, sorted(logs)))
    h = model.fit(x, y_reg, epochs=4, initial_epoch=2, batch_size=40, shuffle=False, verbose=2,
                  callbacks=[log])
    print(h.epoch, h.history)
    es = keras.callbacks.EarlyStopping(monitor='loss', patience=0, verbose=1)
    model.compile(optimizer=keras.optimizers.SGD(5.0), loss='mse')
    h = model.fit(x, y_reg, epochs=5, batch_size=40, shuffle=False, verbose=0, callbacks=[es])
    print(h.epoch)
""",
)

scenario(
    "fit_weights_after_training",
    """
    def show(model):
        for w in model.get_weights():
            print([round(float(v), 4) for v in np.ravel(w)])

    for opt in [keras.optimizers.SGD(0.05, momentum=0.9), keras.optimizers.Adam(0.02),
                keras.optimizers.RMSprop(0.01)]:
        model = keras.Sequential([layers.Dense(4, activation='tanh', input_shape=(4,)),
                                  layers.Dense(1)])
        init_weights(model)
        model.compile(optimizer=opt, loss='mse')
        model.fit(x, y_reg, epochs=3, batch_size=8, shuffle=False, verbose=0)
        show(model)
""",
)

scenario(
    "fit_sample_and_class_weight",
    """
    model = keras.Sequential([layers.Dense(3, activation='softmax', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    h = model.fit(x, y_int, epochs=2, batch_size=10, shuffle=False, verbose=0,
                  class_weight={0: 1.0, 1: 2.0, 2: 0.5})
    print(h.history)
    init_weights(model)
    sw = np.linspace(0.1, 1.0, len(x)).astype('float32')
    h = model.fit(x, y_int, epochs=2, batch_size=10, shuffle=False, verbose=0, sample_weight=sw)
    print(h.history)
    print(model.evaluate(x, y_int, sample_weight=sw, verbose=0))
""",
)

scenario(
    "fit_batchnorm_moving_stats",
    """
    model = keras.Sequential([layers.Dense(3, input_shape=(4,)), layers.BatchNormalization(),
                              layers.Dense(1)])
    init_weights(model)
    bn = model.layers[1]
    bn.set_weights([np.ones(3, 'float32'), np.zeros(3, 'float32'), np.zeros(3, 'float32'),
                    np.ones(3, 'float32')])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse')
    h = model.fit(x, y_reg, epochs=2, batch_size=10, shuffle=False, verbose=0)
    print(h.history)
    for w in bn.get_weights():
        print([round(float(v), 4) for v in w])
    print(model.evaluate(x, y_reg, verbose=0))
""",
)

scenario(
    "callbacks_messages",
    """
    import os
    import tempfile
    tmp = tempfile.mkdtemp()
    here = os.getcwd()
    os.chdir(tmp)  # ModelCheckpoint prints the path it writes: keep it relative
    try:
        model = keras.Sequential([layers.Dense(1, input_shape=(4,))])
        init_weights(model)
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss='mse')
        cbs = [keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1),
               keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=0,
                                                 min_delta=10.0, verbose=1),
               keras.callbacks.ModelCheckpoint('best.weights.h5', monitor='loss',
                                               save_best_only=True, save_weights_only=True,
                                               verbose=1),
               keras.callbacks.CSVLogger('log.csv')]
        h = model.fit(x, y_reg, epochs=3, batch_size=40, shuffle=False, verbose=0, callbacks=cbs)
        print(h.history)
        with open('log.csv') as f:
            print(f.read())
        print(sorted(os.listdir('.')))
        model.compile(optimizer=keras.optimizers.SGD(1e6), loss='mse')
        h = model.fit(x * 1e3, y_reg, epochs=3, batch_size=8, shuffle=False, verbose=0,
                      callbacks=[keras.callbacks.TerminateOnNaN()])
        print(len(h.history['loss']), h.epoch)
    finally:
        os.chdir(here)
""",
)

scenario(
    "custom_training_loop",
    """
    model = keras.Sequential([layers.Dense(5, activation='relu', input_shape=(4,)),
                              layers.Dense(3)])
    init_weights(model)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.Adam(0.05)
    acc = keras.metrics.SparseCategoricalAccuracy()
    for step in range(4):
        xb, yb = x[step * 10:(step + 1) * 10], y_int[step * 10:(step + 1) * 10]
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        acc.update_state(yb, logits)
        print(step, round(float(loss), 5), round(float(acc.result()), 5))
    print([round(float(v), 4) for v in np.ravel(model.get_weights()[2])])
""",
)

scenario(
    "multi_input_embedding_lstm_model",
    """
    main_input = keras.Input(shape=(10,), dtype='int32', name='main_input')
    e = layers.Embedding(output_dim=8, input_dim=50, input_length=10)(main_input)
    lstm_out = layers.LSTM(6)(e)
    auxiliary_output = layers.Dense(1, activation='sigmoid', name='aux_output')(lstm_out)
    auxiliary_input = keras.Input(shape=(5,), name='aux_input')
    h = layers.concatenate([lstm_out, auxiliary_input])
    h = layers.Dense(8, activation='relu')(h)
    main_output = layers.Dense(1, activation='sigmoid', name='main_output')(h)
    model = keras.Model(inputs=[main_input, auxiliary_input],
                        outputs=[main_output, auxiliary_output])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.RMSprop(0.01), loss='binary_crossentropy',
                  loss_weights=[1., 0.2], metrics=['accuracy'])
    drng = np.random.default_rng(5)
    headline = drng.integers(0, 50, size=(24, 10))
    extra = drng.random((24, 5)).astype('float32')
    labels = drng.integers(0, 2, size=(24, 1)).astype('float32')
    for p in model.predict([headline[:3], extra[:3]], verbose=0):
        print([round(float(v), 5) for v in np.ravel(p)])
    h = model.fit({'main_input': headline, 'aux_input': extra},
                  {'main_output': labels, 'aux_output': labels}, epochs=2, batch_size=8,
                  shuffle=False, verbose=2)
    print(h.history)
    for p in model.predict([headline[:3], extra[:3]], verbose=0):
        print([round(float(v), 5) for v in np.ravel(p)])
""",
)

scenario(
    "metric_object_names",
    """
    model = keras.Sequential([layers.Dense(1, activation='sigmoid', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss='binary_crossentropy',
                  metrics=[keras.metrics.AUC(), keras.metrics.AUC(curve='PR'),
                           keras.metrics.Precision(), keras.metrics.Recall(name='rec'),
                           'binary_accuracy', keras.metrics.BinaryAccuracy(threshold=0.3,
                                                                           name='acc_03')])
    h = model.fit(x, y_bin, epochs=2, batch_size=20, shuffle=False, validation_split=0.25,
                  verbose=0)
    print(list(h.history))
    print(h.history)
    print(model.metrics_names)
""",
)

scenario(
    "metric_duplicate_names_error",
    """
    model = keras.Sequential([layers.Dense(1, activation='sigmoid', input_shape=(4,))])
    init_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss='binary_crossentropy',
                  metrics=[keras.metrics.AUC(), keras.metrics.AUC(curve='PR'),
                           keras.metrics.Precision(), keras.metrics.Recall(name='rec'),
                           'binary_accuracy', keras.metrics.BinaryAccuracy(threshold=0.3)])
    h = model.fit(x, y_bin, epochs=2, batch_size=20, shuffle=False, validation_split=0.25,
                  verbose=0)
    print(list(h.history))
    print(h.history)
    print(model.metrics_names)
""",
)

SCENARIOS = S
