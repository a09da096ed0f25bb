# 같은 MNIST MLP를 Functional API로: 텐서에 레이어를 호출한 다음 Model을 만듭니다.
import tensorflow as tf

(X_train, y_train), (X_test, y_test) = tf.keras.datasets.mnist.load_data()
X_train = X_train.reshape(len(X_train), -1) / 255.
X_test = X_test.reshape(len(X_test), -1) / 255.

input_ = tf.keras.Input(shape=(784,))
dense1 = tf.keras.layers.Dense(64, activation='relu')(input_)
dense2 = tf.keras.layers.Dense(64, activation='relu')(dense1)
output = tf.keras.layers.Dense(10, activation='softmax')(dense2)

model = tf.keras.models.Model(inputs=input_, outputs=output)
model.summary()

model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(X_train, y_train, epochs=3, batch_size=32)
model.evaluate(X_test, y_test, verbose=2)
