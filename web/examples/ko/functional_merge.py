# 입력 두 개를 concatenate로 합치는 Functional 모델: 각 이미지를 위쪽 절반과 아래쪽 절반으로
# 나누고, 절반마다 각자의 Dense 가지를 거친 뒤 두 가지를 합칩니다.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, y_train = x_train[:4000], y_train[:4000]
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def halves(images):
    return images[:, :14, :].reshape(len(images), -1), images[:, 14:, :].reshape(len(images), -1)


top_input = keras.Input(shape=(14 * 28,), name="top")
bottom_input = keras.Input(shape=(14 * 28,), name="bottom")
top = layers.Dense(32, activation="relu")(top_input)
bottom = layers.Dense(32, activation="relu")(bottom_input)
merged = layers.concatenate([top, bottom])
hidden = layers.Dense(64, activation="relu")(merged)
output = layers.Dense(10, activation="softmax", name="digit")(hidden)

model = keras.Model(inputs=[top_input, bottom_input], outputs=output)
model.summary()

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(list(halves(x_train)), y_train, epochs=3, batch_size=64, validation_split=0.1)
loss, accuracy = model.evaluate(list(halves(x_test)), y_test, verbose=0)
print(f"test loss {loss:.4f}, test accuracy {accuracy:.3f}")

predictions = model.predict(list(halves(x_test[:8])), verbose=0)
print("predicted:", np.argmax(predictions, axis=1))
print("true:     ", y_test[:8])
