# 과대적합 막기: Dropout(학습할 때만 작동)과 L2 가중치 규제.
# 학습 정확도와 검증 정확도의 차이가 보이도록 숫자 2,000개로 학습합니다.
import tensorflow as tf

(X_train, y_train), (X_test, y_test) = tf.keras.datasets.mnist.load_data()
X_train = X_train[:2000].reshape(2000, -1) / 255.
y_train = y_train[:2000]
X_test = X_test.reshape(len(X_test), -1) / 255.

input_ = tf.keras.Input(shape=(784,))
dense1 = tf.keras.layers.Dense(128, activation='relu', kernel_regularizer='l2')(input_)
drop1 = tf.keras.layers.Dropout(0.2)(dense1)
dense2 = tf.keras.layers.Dense(64, activation='relu',
                               kernel_regularizer=tf.keras.regularizers.l2(0.001))(drop1)
drop2 = tf.keras.layers.Dropout(0.2)(dense2)
output = tf.keras.layers.Dense(10, activation='softmax')(drop2)

model = tf.keras.models.Model(input_, output)
model.summary()
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(X_train, y_train, epochs=6, batch_size=32, validation_data=(X_test, y_test))

print(f"train accuracy {history.history['accuracy'][-1]:.3f}, "
      f"validation accuracy {history.history['val_accuracy'][-1]:.3f}")
