# fit이 하는 일을 직접 써 보기: tf.GradientTape와 optimizer.apply_gradients로 만든 학습 단계.
import time

import numpy as np
import tensorflow as tf

(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = (x_train[:3200] / 255.0).reshape(-1, 784).astype(np.float32)
y_train = y_train[:3200].astype(np.float32)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
    tf.keras.layers.Dense(10, activation='softmax'),
])
model.summary()

loss_func = tf.keras.losses.SparseCategoricalCrossentropy()
optimizer = tf.keras.optimizers.Adam()


def train_step(features, labels):
    with tf.GradientTape() as tape:
        predictions = model(features)
        loss = loss_func(labels, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def train_model(batch_size=32):
    start = time.time()
    for epoch in range(5):
        for step in range(0, len(x_train), batch_size):
            loss = train_step(x_train[step:step + batch_size], y_train[step:step + batch_size])
        print(f'Epoch {epoch}: last batch loss = {float(loss):.4f}')
    print(f"It took {time.time() - start:.1f} seconds")


train_model()
