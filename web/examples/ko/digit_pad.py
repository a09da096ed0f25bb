# 숫자 그리기: 작은 MNIST 모델을 학습한 다음 숫자 패드가 열립니다. 마우스나 손가락으로
# 숫자를 그려 보세요. 한 획을 그릴 때마다 그림(28x28)이 model.predict로 전달되고
# 열 개의 확률이 막대로 표시됩니다. 입력 모양이 (28, 28), (784,), (28, 28, 1)인 세션의 모델이면
# 어느 것이든 됩니다. 예: MNIST 예제들의 모델.
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
    from pynn_runner.digitpad import open_pad  # 플레이그라운드의 숫자 패드
except ImportError:  # 컴퓨터(CPython)에서는 패드가 없습니다
    print("The digit pad is part of the playground in the browser.")
else:
    open_pad()
    print("Now draw a digit on the pad.")
