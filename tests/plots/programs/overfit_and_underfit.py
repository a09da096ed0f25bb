# Plotting cells of the TensorFlow tutorial "Overfit and underfit"
# (tensorflow.org/tutorials/keras/overfit_and_underfit); the Higgs data swapped for random
# features of its layout, tiny sizes. tensorflow_docs is not installed, so its
# HistoryPlotter.plot is written out with the same matplotlib calls. Cells split at `# %%`.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

tf.keras.utils.set_random_seed(0)
FEATURES = 28
N_TRAIN = 256
BATCH_SIZE = 64
STEPS_PER_EPOCH = N_TRAIN // BATCH_SIZE
rng = np.random.default_rng(0)
features = rng.normal(size=(N_TRAIN + 64, FEATURES)).astype("float32")
labels = (features[:, :3].sum(axis=1) > 0).astype("float32")
lr_schedule = tf.keras.optimizers.schedules.InverseTimeDecay(
  0.001,
  decay_steps=STEPS_PER_EPOCH*1000,
  decay_rate=1,
  staircase=False)
# %%
step = np.linspace(0,100000)
lr = lr_schedule(step)
plt.figure(figsize = (8,6))
plt.plot(step/STEPS_PER_EPOCH, lr)
plt.ylim([0,max(plt.ylim())])
plt.xlabel('Epoch')
_ = plt.ylabel('Learning Rate')
# %%
size_histories = {}
for name, units in (('Tiny', 16), ('Small', 64)):
  model = tf.keras.Sequential([layers.Dense(units, activation='elu', input_shape=(FEATURES,)),
                               layers.Dense(1)])
  model.compile(optimizer=tf.keras.optimizers.Adam(lr_schedule),
                loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
                metrics=[tf.keras.losses.BinaryCrossentropy(from_logits=True,
                                                            name='binary_crossentropy')])
  size_histories[name] = model.fit(features[:N_TRAIN], labels[:N_TRAIN], batch_size=BATCH_SIZE,
                                   epochs=8, validation_data=(features[N_TRAIN:],
                                                              labels[N_TRAIN:]), verbose=0)
# %%
# tfdocs.plots.HistoryPlotter(metric='binary_crossentropy', smoothing_std=10).plot(size_histories)
metric = 'binary_crossentropy'
for index, (name, history) in enumerate(size_histories.items()):
  color = f'C{index}'
  plt.plot(history.epoch, history.history[metric], color=color, label=name.title() + ' Train')
  plt.plot(history.epoch, history.history['val_' + metric], '--', label=name.title() + ' Val',
           color=color)
plt.xlabel('Epochs')
plt.ylabel(metric.replace('_', ' ').title())
plt.legend()
plt.xlim([0, max(plt.xlim())])
plt.ylim([0.5, 0.7])
