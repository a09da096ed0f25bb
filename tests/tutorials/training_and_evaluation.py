# Source: Keras guide "Training & evaluation with the built-in methods" (Keras 2 / tf.keras,
# tensorflow.org/guide/keras/train_and_evaluate); MNIST subset, one or two epochs each.
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

keras.utils.set_random_seed(0)

inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[:1500].reshape(1500, 784).astype("float32") / 255
x_test = x_test[:300].reshape(300, 784).astype("float32") / 255
y_train = y_train[:1500].astype("float32")
y_test = y_test[:300].astype("float32")
x_val = x_train[-300:]
y_val = y_train[-300:]
x_train = x_train[:-300]
y_train = y_train[:-300]

model.compile(
    optimizer=keras.optimizers.RMSprop(),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
print("Fit model on training data")
history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_data=(x_val, y_val),
                    verbose=2)
print("CHECK", sorted(history.history))
print("Evaluate on test data")
results = model.evaluate(x_test, y_test, batch_size=128, verbose=0)
print("CHECK test loss, test acc:", len(results))
print("Generate predictions for 3 samples")
predictions = model.predict(x_test[:3], verbose=0)
print("predictions shape:", predictions.shape)

model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["sparse_categorical_accuracy"])


def get_uncompiled_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def get_compiled_model():
    model = get_uncompiled_model()
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["sparse_categorical_accuracy"])
    return model


# Custom losses
def custom_mean_squared_error(y_true, y_pred):
    return tf.math.reduce_mean(tf.square(y_true - y_pred), axis=-1)


model = get_uncompiled_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=custom_mean_squared_error)
y_train_one_hot = tf.one_hot(y_train, depth=10)
print("CHECK one_hot", y_train_one_hot.shape, y_train_one_hot.dtype)
h = model.fit(x_train, y_train_one_hot, batch_size=64, epochs=1, verbose=0)
print("CHECK custom loss", sorted(h.history))


class CustomMSE(keras.losses.Loss):
    def __init__(self, regularization_factor=0.1, name="custom_mse"):
        super().__init__(name=name)
        self.regularization_factor = regularization_factor

    def call(self, y_true, y_pred):
        mse = tf.math.reduce_mean(tf.square(y_true - y_pred), axis=-1)
        reg = tf.math.reduce_mean(tf.square(0.5 - y_pred), axis=-1)
        return mse + reg * self.regularization_factor


model = get_uncompiled_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=CustomMSE())
h = model.fit(x_train, y_train_one_hot, batch_size=64, epochs=1, verbose=0)
print("CHECK CustomMSE", sorted(h.history))


# Custom metrics
class CategoricalTruePositives(keras.metrics.Metric):
    def __init__(self, name="categorical_true_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.true_positives = self.add_weight(name="ctp", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = tf.reshape(tf.argmax(y_pred, axis=1), shape=(-1, 1))
        values = tf.cast(y_true, "int32") == tf.cast(y_pred, "int32")
        values = tf.cast(values, "float32")
        if sample_weight is not None:
            sample_weight = tf.cast(sample_weight, "float32")
            values = tf.multiply(values, sample_weight)
        self.true_positives.assign_add(tf.reduce_sum(values))

    def result(self):
        return self.true_positives

    def reset_state(self):
        self.true_positives.assign(0.0)


model = get_uncompiled_model()
model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[CategoricalTruePositives()],
)
h = model.fit(x_train, y_train, batch_size=64, epochs=2, verbose=0)
print("CHECK custom metric", sorted(h.history))
print("CHECK true positives rise", h.history["categorical_true_positives"][1]
      > h.history["categorical_true_positives"][0])


# Handling losses and metrics that don't fit the standard signature
class ActivityRegularizationLayer(layers.Layer):
    def call(self, inputs):
        self.add_loss(tf.reduce_sum(inputs) * 0.1)
        return inputs


inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = ActivityRegularizationLayer()(x)
x = layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = layers.Dense(10, name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
h = model.fit(x_train, y_train, batch_size=64, epochs=1, verbose=0)
print("VALUE activity loss", h.history["loss"][0])

inputs = keras.Input(shape=(784,), name="digits")
x1 = layers.Dense(64, activation="relu", name="dense_1")(inputs)
x2 = layers.Dense(64, activation="relu", name="dense_2")(x1)
outputs = layers.Dense(10, name="predictions")(x2)
model = keras.Model(inputs=inputs, outputs=outputs)
model.add_loss(tf.reduce_sum(x1) * 0.1)
model.add_metric(keras.backend.std(x1), name="std_of_activation", aggregation="mean")
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
h = model.fit(x_train, y_train, batch_size=64, epochs=1, verbose=0)
print("CHECK add_metric", sorted(h.history))


class LogisticEndpoint(keras.layers.Layer):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
        self.accuracy_fn = keras.metrics.BinaryAccuracy()

    def call(self, targets, logits, sample_weights=None):
        loss = self.loss_fn(targets, logits, sample_weights)
        self.add_loss(loss)
        self.add_metric(self.accuracy_fn(targets, logits, sample_weights))
        return tf.nn.softmax(logits)


inputs = keras.Input(shape=(3,), name="inputs")
targets = keras.Input(shape=(10,), name="targets")
logits = keras.layers.Dense(10)(inputs)
predictions = LogisticEndpoint(name="predictions")(logits, targets)
model = keras.Model(inputs=[inputs, targets], outputs=predictions)
model.compile(optimizer="adam")
data = {"inputs": np.random.random((3, 3)), "targets": np.random.random((3, 10))}
h = model.fit(data, verbose=0)
print("CHECK endpoint", sorted(h.history))

# Automatically setting apart a validation holdout set
model = get_compiled_model()
h = model.fit(x_train, y_train, batch_size=64, validation_split=0.2, epochs=1, verbose=2)
print("CHECK validation_split", sorted(h.history))

# Training & evaluation from tf.data Datasets
model = get_compiled_model()
train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train))
train_dataset = train_dataset.shuffle(buffer_size=1024).batch(64)
test_dataset = tf.data.Dataset.from_tensor_slices((x_test, y_test))
test_dataset = test_dataset.batch(64)
h = model.fit(train_dataset, epochs=2, verbose=2)
print("CHECK dataset fit", sorted(h.history), h.history["loss"][1] < h.history["loss"][0])
print("Evaluate")
result = model.evaluate(test_dataset, verbose=0)
print("CHECK", sorted(dict(zip(model.metrics_names, result))))
model = get_compiled_model()
h = model.fit(train_dataset, epochs=2, steps_per_epoch=5, verbose=0)
print("CHECK steps_per_epoch", len(h.history["loss"]))
val_dataset = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(64)
h = model.fit(train_dataset, epochs=1, validation_data=val_dataset, validation_steps=2, verbose=0)
print("CHECK dataset validation", sorted(h.history))

# Sample weights and class weights
class_weight = {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 2.0, 6: 1.0, 7: 1.0, 8: 1.0, 9: 1.0}
model = get_compiled_model()
h = model.fit(x_train, y_train, class_weight=class_weight, batch_size=64, epochs=1, verbose=0)
print("CHECK class_weight", sorted(h.history))
sample_weight = np.ones(shape=(len(y_train),))
sample_weight[y_train == 5] = 2.0
model = get_compiled_model()
h = model.fit(x_train, y_train, sample_weight=sample_weight, batch_size=64, epochs=1, verbose=0)
print("CHECK sample_weight", sorted(h.history))
train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train, sample_weight))
train_dataset = train_dataset.shuffle(buffer_size=1024).batch(64)
model = get_compiled_model()
h = model.fit(train_dataset, epochs=1, verbose=0)
print("CHECK weighted dataset", sorted(h.history))

# Passing data to multi-input, multi-output models
image_input = keras.Input(shape=(32, 32, 3), name="img_input")
timeseries_input = keras.Input(shape=(None, 10), name="ts_input")
x1 = layers.Conv2D(3, 3)(image_input)
x1 = layers.GlobalMaxPooling2D()(x1)
x2 = layers.Conv1D(3, 3)(timeseries_input)
x2 = layers.GlobalMaxPooling1D()(x2)
x = layers.concatenate([x1, x2])
score_output = layers.Dense(1, name="score_output")(x)
class_output = layers.Dense(5, name="class_output")(x)
model = keras.Model(inputs=[image_input, timeseries_input], outputs=[score_output, class_output])
model.summary()
model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()],
    metrics=[
        [keras.metrics.MeanAbsolutePercentageError(), keras.metrics.MeanAbsoluteError()],
        [keras.metrics.CategoricalAccuracy()],
    ],
)
model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={"score_output": keras.losses.MeanSquaredError(),
          "class_output": keras.losses.CategoricalCrossentropy()},
    metrics={"score_output": [keras.metrics.MeanAbsolutePercentageError(),
                              keras.metrics.MeanAbsoluteError()],
             "class_output": [keras.metrics.CategoricalAccuracy()]},
    loss_weights={"score_output": 2.0, "class_output": 1.0},
)
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss=[None, keras.losses.CategoricalCrossentropy()])
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss={"class_output": keras.losses.CategoricalCrossentropy()})
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()])
img_data = np.random.random_sample(size=(20, 32, 32, 3))
ts_data = np.random.random_sample(size=(20, 20, 10))
score_targets = np.random.random_sample(size=(20, 1))
class_targets = np.random.random_sample(size=(20, 5))
h = model.fit([img_data, ts_data], [score_targets, class_targets], batch_size=10, epochs=1,
              verbose=2)
print("CHECK multi-io", sorted(h.history))
h = model.fit({"img_input": img_data, "ts_input": ts_data},
              {"score_output": score_targets, "class_output": class_targets},
              batch_size=10, epochs=1, verbose=0)
train_dataset = tf.data.Dataset.from_tensor_slices(
    ({"img_input": img_data, "ts_input": ts_data},
     {"score_output": score_targets, "class_output": class_targets}))
train_dataset = train_dataset.shuffle(buffer_size=1024).batch(10)
h = model.fit(train_dataset, epochs=1, verbose=0)
print("CHECK multi-io dataset", sorted(h.history))

# Using callbacks
model = get_compiled_model()
callbacks = [
    keras.callbacks.EarlyStopping(monitor="val_loss", min_delta=1e-2, patience=2, verbose=1)
]
h = model.fit(x_train, y_train, epochs=3, batch_size=64, callbacks=callbacks,
              validation_split=0.2, verbose=0)
print("CHECK early stopping ran", 1 <= len(h.history["loss"]) <= 3)


class LossHistory(keras.callbacks.Callback):
    def on_train_begin(self, logs):
        self.per_batch_losses = []

    def on_batch_end(self, batch, logs):
        self.per_batch_losses.append(logs.get("loss"))


lh = LossHistory()
model.fit(x_train, y_train, epochs=1, batch_size=64, callbacks=[lh], verbose=0)
print("CHECK per batch losses", len(lh.per_batch_losses))

model = get_compiled_model()
callbacks = [
    keras.callbacks.ModelCheckpoint(
        filepath="mymodel_{epoch}.keras", save_best_only=True, monitor="val_loss", verbose=1)
]
model.fit(x_train, y_train, epochs=2, batch_size=64, callbacks=callbacks, validation_split=0.2,
          verbose=0)
print("CHECK checkpoints", sorted(f for f in os.listdir(".") if f.startswith("mymodel_"))[:1])

initial_learning_rate = 0.1
lr_schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate, decay_steps=100000, decay_rate=0.96, staircase=True)
optimizer = keras.optimizers.RMSprop(learning_rate=lr_schedule)
print("CHECK schedule", float(lr_schedule(0)), float(lr_schedule(200000)))
