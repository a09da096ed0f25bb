# Draw a digit: a small MNIST model trains, then the digit pad opens. Draw a digit on it
# with the mouse or a finger: after every stroke the drawing (28x28) goes to model.predict
# and the ten probabilities are shown as bars. Any model of the session with an input of
# shape (28, 28), (784,) or (28, 28, 1) works, e.g. the MNIST examples' models.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=3, batch_size=64, verbose=2)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.3f}")

try:
    from pynn_runner.digitpad import open_pad  # the playground's digit pad
except ImportError:  # on a computer there is no pad
    print("The digit pad is part of the playground in the browser.")
else:
    open_pad()
    print("Now draw a digit on the pad.")
