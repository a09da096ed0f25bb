# 서브클래싱한 CNN(__init__과 call이 있는 keras.Model)을 MNIST 일부로 학습합니다.
# 브라우저에서는 합성곱이 느린 부분이라 숫자 1,000개로만 학습합니다.
import numpy as np
import tensorflow as tf
from tensorflow import keras

mnist = keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

x_train = x_train[..., np.newaxis][:1000]
y_train = y_train[:1000]
x_test = x_test[..., np.newaxis][:500]
y_test = y_test[:500]
print(len(x_train), len(x_test))


class KerasModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = keras.layers.Conv2D(8, 3, activation='relu')
        self.pool = keras.layers.MaxPool2D((2, 2))
        self.flatten = keras.layers.Flatten()
        self.dense = keras.layers.Dense(32, activation='relu')
        self.classifier = keras.layers.Dense(10, activation='softmax')

    def call(self, x):
        x = self.conv(x)
        x = self.pool(x)
        x = self.flatten(x)
        x = self.dense(x)
        return self.classifier(x)


tf.random.set_seed(0)
model = KerasModel()
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(x_train, y_train, epochs=3, batch_size=32)
model.summary()
model.evaluate(x_test, y_test, verbose=2)
