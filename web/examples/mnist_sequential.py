# MNIST with a Sequential MLP (784-64-64-10), as in the "Sequential" lecture.
# The bundled MNIST subset has 8,750 training and 1,250 test digits.
import tensorflow as tf

(X_train, y_train), (X_test, y_test) = tf.keras.datasets.mnist.load_data()
print(X_train.shape, y_train.shape, X_test.shape, y_test.shape)

# Normalize (MinMaxScaler)
X_train = X_train / 255.
X_test = X_test / 255.

# flatten
X_train = X_train.reshape(len(X_train), -1)
X_test = X_test.reshape(len(X_test), -1)

model = tf.keras.models.Sequential([
    tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dense(10, activation='softmax')
])
model.summary()

model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(X_train, y_train, epochs=3, batch_size=32, validation_split=0.1)

test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=2)
print(f"test accuracy: {test_accuracy:.3f}")
