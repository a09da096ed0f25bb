# Source: TensorFlow tutorial "Save and load models" (tensorflow.org/tutorials/keras/save_and_load),
# in its current form (weights checkpoints as `.weights.h5`; the older TF 2.15-era page used
# TensorFlow checkpoint prefixes `cp.ckpt`, which pynn refuses with a clear ValueError);
# MNIST's first 1000 samples as in the tutorial, fewer epochs.
import os

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
print("CHECK version", tf.version.VERSION[:2])

(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()
train_labels = train_labels[:1000]
test_labels = test_labels[:1000]
train_images = train_images[:1000].reshape(-1, 28 * 28) / 255.0
test_images = test_images[:1000].reshape(-1, 28 * 28) / 255.0


def create_model():
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(512, activation='relu', input_shape=(784,)),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10)
    ])
    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    return model


model = create_model()
model.summary()

checkpoint_path = "training_1/cp.weights.h5"
checkpoint_dir = os.path.dirname(checkpoint_path)
cp_callback = tf.keras.callbacks.ModelCheckpoint(filepath=checkpoint_path,
                                                 save_weights_only=True, verbose=1)
model.fit(train_images, train_labels, epochs=2, validation_data=(test_images, test_labels),
          callbacks=[cp_callback], verbose=0)
print("CHECK checkpoint dir", os.path.isdir(checkpoint_dir))

model = create_model()
loss, acc = model.evaluate(test_images, test_labels, verbose=0)
print("Untrained model, accuracy below 30%:", acc < 0.3)
model.load_weights(checkpoint_path)
loss, acc = model.evaluate(test_images, test_labels, verbose=0)
print("Restored model, accuracy above 75%:", acc > 0.75)

checkpoint_path = "training_2/cp-{epoch:04d}.weights.h5"
checkpoint_dir = os.path.dirname(checkpoint_path)
batch_size = 32
n_batches = len(train_images) / batch_size
n_batches = int(np.ceil(n_batches))
cp_callback = tf.keras.callbacks.ModelCheckpoint(
    filepath=checkpoint_path, verbose=1, save_weights_only=True, save_freq=2 * n_batches)
model = create_model()
os.makedirs(checkpoint_dir, exist_ok=True)
model.save_weights(checkpoint_path.format(epoch=0))
model.fit(train_images, train_labels, epochs=4, batch_size=batch_size, callbacks=[cp_callback],
          validation_data=(test_images, test_labels), verbose=0)
print("CHECK checkpoints", sorted(os.listdir(checkpoint_dir)))
latest = os.path.join(checkpoint_dir, max(os.listdir(checkpoint_dir)))
print("CHECK latest", latest)
model = create_model()
model.load_weights(latest)
loss, acc = model.evaluate(test_images, test_labels, verbose=0)
print("Restored model, accuracy above 75%:", acc > 0.75)

os.makedirs('./checkpoints', exist_ok=True)
model.save_weights('./checkpoints/my_checkpoint.weights.h5')
model = create_model()
model.load_weights('./checkpoints/my_checkpoint.weights.h5')
loss2, acc2 = model.evaluate(test_images, test_labels, verbose=0)
print("CHECK same accuracy", abs(acc2 - acc) < 1e-6)

# Save the entire model: the .keras format
model = create_model()
model.fit(train_images, train_labels, epochs=2, verbose=0)
model.save('my_model.keras')
print("CHECK the .keras archive", sorted(__import__("zipfile").ZipFile('my_model.keras').namelist()))
new_model = tf.keras.models.load_model('my_model.keras')
new_model.summary()
loss, acc = new_model.evaluate(test_images, test_labels, verbose=2)
print('Restored model, accuracy above 75%:', acc > 0.75)
print(new_model.predict(test_images, verbose=0).shape)
print("CHECK same predictions", np.allclose(new_model.predict(test_images[:5], verbose=0),
                                            model.predict(test_images[:5], verbose=0), atol=1e-5))

# HDF5 format
model = create_model()
model.fit(train_images, train_labels, epochs=2, verbose=0)
model.save('my_model.h5')
new_model = tf.keras.models.load_model('my_model.h5')
new_model.summary()
loss, acc = new_model.evaluate(test_images, test_labels, verbose=0)
print('Restored model, accuracy above 75%:', acc > 0.75)
print("CHECK config", new_model.get_config()["layers"][1]["class_name"],
      new_model.optimizer.__class__.__name__)
