# Plotting cells of the TensorFlow tutorial "Basic regression: Predict fuel efficiency"
# (tensorflow.org/tutorials/keras/regression), unchanged; the Auto MPG table swapped for random
# numbers of its layout held in numpy arrays (no pandas), epochs cut. Cells split at `# %%`.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
train_features = rng.normal(5.0, 2.0, (314, 9)).astype("float32")
test_features = rng.normal(5.0, 2.0, (78, 9)).astype("float32")
w = rng.normal(size=9).astype("float32")
train_labels = train_features @ w + 20.0
test_labels = test_features @ w + 20.0
horsepower = train_features[:, 3]
horsepower_normalizer = layers.Normalization(input_shape=[1,], axis=None)
horsepower_normalizer.adapt(horsepower)
horsepower_model = tf.keras.Sequential([horsepower_normalizer, layers.Dense(units=1)])
horsepower_model.compile(optimizer=tf.optimizers.Adam(learning_rate=0.1),
                         loss='mean_absolute_error')
history = horsepower_model.fit(horsepower, train_labels, epochs=20, verbose=0,
                               validation_split=0.2)
# %%
def plot_loss(history):
  plt.plot(history.history['loss'], label='loss')
  plt.plot(history.history['val_loss'], label='val_loss')
  plt.ylim([0, 10])
  plt.xlabel('Epoch')
  plt.ylabel('Error [MPG]')
  plt.legend()
  plt.grid(True)
# %%
plot_loss(history)
# %%
x = tf.linspace(0.0, 250, 251)
y = horsepower_model.predict(x, verbose=0)
# %%
def plot_horsepower(x, y):
  plt.scatter(horsepower, train_labels, label='Data')
  plt.plot(x, y, color='k', label='Predictions')
  plt.xlabel('Horsepower')
  plt.ylabel('MPG')
  plt.legend()
# %%
plot_horsepower(x, y)
# %%
test_predictions = horsepower_model.predict(test_features[:, 3], verbose=0).flatten()

a = plt.axes(aspect='equal')
plt.scatter(test_labels, test_predictions)
plt.xlabel('True Values [MPG]')
plt.ylabel('Predictions [MPG]')
lims = [0, 50]
plt.xlim(lims)
plt.ylim(lims)
_ = plt.plot(lims, lims)
# %%
error = test_predictions - test_labels
plt.hist(error, bins=25)
plt.xlabel('Prediction Error [MPG]')
_ = plt.ylabel('Count')
