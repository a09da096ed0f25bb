# Sequential MLP(784-64-64-10)로 MNIST 분류하기, "Sequential" 수업 내용 그대로.
# 함께 들어 있는 MNIST 일부에는 학습용 숫자 8,750개와 테스트용 1,250개가 있습니다.
import tensorflow as tf

(X_train, y_train), (X_test, y_test) = tf.keras.datasets.mnist.load_data()
print(X_train.shape, y_train.shape, X_test.shape, y_test.shape)

# 정규화 (MinMaxScaler)
X_train = X_train / 255.
X_test = X_test / 255.

# 펼치기 (flatten)
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
