# Source: TensorFlow tutorial "Basic regression: Predict fuel efficiency"
# (tensorflow.org/tutorials/keras/regression); the Auto MPG CSV swapped for random numbers of its
# layout (9 numeric features, target MPG) held in numpy arrays instead of a pandas DataFrame.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

tf.keras.utils.set_random_seed(0)
np.set_printoptions(precision=3, suppress=True)
rng = np.random.default_rng(0)
train_features = rng.normal(5.0, 2.0, (314, 9)).astype("float32")
test_features = rng.normal(5.0, 2.0, (78, 9)).astype("float32")
w = rng.normal(size=9).astype("float32")
train_labels = train_features @ w + 20.0
test_labels = test_features @ w + 20.0
horsepower = train_features[:, 3]

normalizer = tf.keras.layers.Normalization(axis=-1)
normalizer.adapt(np.array(train_features))
print("CHECK mean", normalizer.mean.shape, bool(np.allclose(normalizer.mean.numpy(),
                                                            train_features.mean(axis=0), atol=1e-3)))
first = np.array(train_features[:1])
print("CHECK normalized", normalizer(first).numpy().shape)

horsepower_normalizer = layers.Normalization(input_shape=[1, ], axis=None)
horsepower_normalizer.adapt(horsepower)
horsepower_model = tf.keras.Sequential([horsepower_normalizer, layers.Dense(units=1)])
horsepower_model.summary()
print("CHECK predict", horsepower_model.predict(horsepower[:10], verbose=0).shape)
horsepower_model.compile(optimizer=tf.optimizers.Adam(learning_rate=0.1),
                         loss='mean_absolute_error')
history = horsepower_model.fit(horsepower, train_labels, epochs=5, verbose=0,
                               validation_split=0.2)
print("CHECK history", sorted(history.history), len(history.epoch))
test_results = {}
test_results['horsepower_model'] = horsepower_model.evaluate(
    test_features[:, 3], test_labels, verbose=0)
x = tf.linspace(0.0, 250, 251)
y = horsepower_model.predict(x, verbose=0)
print("CHECK linspace", x.shape, x.dtype, y.shape)

linear_model = tf.keras.Sequential([normalizer, layers.Dense(units=1)])
print("CHECK untrained", linear_model.predict(train_features[:10], verbose=0).shape)
print("CHECK kernel", linear_model.layers[1].kernel.shape)
linear_model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.1),
                     loss='mean_absolute_error')
history = linear_model.fit(train_features, train_labels, epochs=20, verbose=0,
                           validation_split=0.2)
print("CHECK linear falls", history.history['loss'][-1] < history.history['loss'][0])
test_results['linear_model'] = linear_model.evaluate(test_features, test_labels, verbose=0)


def build_and_compile_model(norm):
    model = keras.Sequential([
        norm,
        layers.Dense(64, activation='relu'),
        layers.Dense(64, activation='relu'),
        layers.Dense(1)
    ])
    model.compile(loss='mean_absolute_error', optimizer=tf.keras.optimizers.Adam(0.001))
    return model


dnn_horsepower_model = build_and_compile_model(horsepower_normalizer)
dnn_horsepower_model.summary()
dnn_model = build_and_compile_model(normalizer)
dnn_model.summary()
history = dnn_model.fit(train_features, train_labels, validation_split=0.2, verbose=0, epochs=10)
print("CHECK dnn falls", history.history['loss'][-1] < history.history['loss'][0])
test_results['dnn_model'] = dnn_model.evaluate(test_features, test_labels, verbose=0)
print("CHECK results", sorted(test_results), all(isinstance(v, float) for v in test_results.values()))
test_predictions = dnn_model.predict(test_features, verbose=0).flatten()
print("CHECK flatten", test_predictions.shape)
