# Source: TensorFlow tutorial "Overfit and underfit" (tensorflow.org/tutorials/keras/overfit_and_underfit);
# the Higgs CSV swapped for random features of its layout (28 floats, binary label), tiny sizes.
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, regularizers

tf.keras.utils.set_random_seed(0)
FEATURES = 28
N_TRAIN = 256
N_VALIDATION = 64
BATCH_SIZE = 64
STEPS_PER_EPOCH = N_TRAIN // BATCH_SIZE

rng = np.random.default_rng(0)
features = rng.normal(size=(N_TRAIN + N_VALIDATION, FEATURES)).astype("float32")
labels = (features[:, :3].sum(axis=1) > 0).astype("float32")
packed_ds = tf.data.Dataset.from_tensor_slices((features, labels))
for feats, label in packed_ds.batch(1000).take(1):
    print("CHECK batch", feats.shape, label.shape)
validate_ds = packed_ds.take(N_VALIDATION).cache()
train_ds = packed_ds.skip(N_VALIDATION).take(N_TRAIN).cache()
validate_ds = validate_ds.batch(BATCH_SIZE)
train_ds = train_ds.shuffle(N_TRAIN).repeat().batch(BATCH_SIZE)

lr_schedule = tf.keras.optimizers.schedules.InverseTimeDecay(
    0.001, decay_steps=STEPS_PER_EPOCH * 1000, decay_rate=1, staircase=False)


def get_optimizer():
    return tf.keras.optimizers.Adam(lr_schedule)


print("CHECK schedule", [round(float(lr_schedule(s)), 8) for s in (0, 4000, 8000)])


def get_callbacks(name):
    return [tf.keras.callbacks.EarlyStopping(monitor='val_binary_crossentropy', patience=200)]


def compile_and_fit(model, name, optimizer=None, max_epochs=4):
    if optimizer is None:
        optimizer = get_optimizer()
    model.compile(optimizer=optimizer,
                  loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.BinaryCrossentropy(from_logits=True,
                                                               name='binary_crossentropy'),
                           'accuracy'])
    model.summary()
    history = model.fit(train_ds, steps_per_epoch=STEPS_PER_EPOCH, epochs=max_epochs,
                        validation_data=validate_ds, callbacks=get_callbacks(name), verbose=0)
    return history


tiny_model = tf.keras.Sequential([
    layers.Dense(16, activation='elu', input_shape=(FEATURES,)),
    layers.Dense(1)
])
size_histories = {}
size_histories['Tiny'] = compile_and_fit(tiny_model, 'sizes/Tiny')
h = size_histories['Tiny'].history
print("CHECK keys", sorted(h))
print("CHECK tiny falls", h['loss'][-1] < h['loss'][0])

l2_model = tf.keras.Sequential([
    layers.Dense(64, activation='elu', kernel_regularizer=regularizers.l2(0.001),
                 input_shape=(FEATURES,)),
    layers.Dense(64, activation='elu', kernel_regularizer=regularizers.l2(0.001)),
    layers.Dense(1)
])
h = compile_and_fit(l2_model, "regularizers/l2").history
print("CHECK l2 loss includes the penalty", h['loss'][-1] > h['binary_crossentropy'][-1])
result = l2_model(features[:3])
regularization_loss = tf.add_n(l2_model.losses)
print("CHECK regularization", len(l2_model.losses), regularization_loss.shape)

dropout_model = tf.keras.Sequential([
    layers.Dense(64, activation='elu', input_shape=(FEATURES,)),
    layers.Dropout(0.5),
    layers.Dense(64, activation='elu'),
    layers.Dropout(0.5),
    layers.Dense(1)
])
h = compile_and_fit(dropout_model, "regularizers/dropout").history
print("CHECK dropout epochs", len(h['loss']))

combined_model = tf.keras.Sequential([
    layers.Dense(64, kernel_regularizer=regularizers.l2(0.0001), activation='elu',
                 input_shape=(FEATURES,)),
    layers.Dropout(0.5),
    layers.Dense(1)
])
h = compile_and_fit(combined_model, "regularizers/combined").history
print("CHECK combined val keys", [k for k in sorted(h) if k.startswith("val_")])
