# Source: TensorFlow tutorial "Basic classification: Classify images of clothing"
# https://www.tensorflow.org/tutorials/keras/classification
# (on pynn's bundled Fashion-MNIST subset; data subset and epochs cut)
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
print(tf.__version__[:1])

fashion_mnist = tf.keras.datasets.fashion_mnist
(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
class_names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
               'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']

print("CHECK train_images.shape[1:]", train_images.shape[1:], train_images.dtype)
print("CHECK train_labels.dtype", train_labels.dtype, train_labels.ndim)
train_images = train_images[:2000] / 255.0
train_labels = train_labels[:2000]
test_images = test_images[:500] / 255.0
test_labels = test_labels[:500]

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation='relu'),
    tf.keras.layers.Dense(10)
])
model.summary()

model.compile(optimizer='adam',
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])

history = model.fit(train_images, train_labels, epochs=3, verbose=0)
print("CHECK history keys", sorted(history.history.keys()))
print("CHECK epochs", len(history.history['loss']), history.epoch)
losses = history.history['loss']
print("CHECK loss falls", losses[-1] < losses[0])
print("CHECK accuracy > 0.7", history.history['accuracy'][-1] > 0.7)

test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print('\nTest accuracy:', test_acc > 0.7)
print("CHECK evaluate types", type(test_loss).__name__, type(test_acc).__name__)

probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
predictions = probability_model.predict(test_images, verbose=0)
print("CHECK predictions", predictions.shape, predictions.dtype)
print("CHECK rows sum to 1", bool(np.allclose(predictions.sum(axis=1), 1.0, atol=1e-5)))
print("CHECK argmax int", type(np.argmax(predictions[0])).__name__)
probability_model.summary()

# Grab an image from the test dataset and add it to a batch where it's the only member.
img = test_images[1]
print("CHECK img", img.shape)
img = (np.expand_dims(img, 0))
print("CHECK batch", img.shape)
predictions_single = probability_model.predict(img, verbose=0)
print("CHECK single", predictions_single.shape)
print("CHECK single agrees with batch",
      int(np.argmax(predictions_single[0])) == int(np.argmax(predictions[1])),
      bool(np.allclose(predictions_single[0], predictions[1], atol=1e-5)))
