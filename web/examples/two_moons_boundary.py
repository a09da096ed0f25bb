# Two moons: a small MLP learns to separate two interleaving half circles, and the decision
# boundary is redrawn while it trains, as TensorFlow Playground shows it.
# The callback redraws one figure in place (fig.canvas.draw()) at most 4 times a second,
# and never spends more than a tenth of the training time drawing.
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
n = 200
angle = rng.uniform(0, np.pi, n)
upper = np.column_stack([np.cos(angle), np.sin(angle)])
lower = np.column_stack([1 - np.cos(angle), 0.5 - np.sin(angle)])
x = (np.concatenate([upper, lower]) + rng.normal(0, 0.12, (2 * n, 2))).astype("float32")
y = np.concatenate([np.zeros(n), np.ones(n)]).astype("float32")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(2,)),
    tf.keras.layers.Dense(16, activation="tanh"),
    tf.keras.layers.Dense(16, activation="tanh"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(0.03), loss="binary_crossentropy",
              metrics=["accuracy"])

# the plane as a 60 x 60 grid of points, coloured by the model's prediction
xx, yy = np.meshgrid(np.linspace(-1.5, 2.5, 60), np.linspace(-1.0, 1.5, 60))
grid = np.column_stack([xx.ravel(), yy.ravel()]).astype("float32")
fig, ax = plt.subplots(figsize=(5, 4))


def draw_boundary(epoch, logs):
    ax.cla()
    p = model.predict(grid, batch_size=len(grid), verbose=0).reshape(xx.shape)
    ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.8)
    ax.scatter(x[:, 0], x[:, 1], c=y, cmap="RdBu", edgecolors="k", s=15)
    ax.set_title(f"epoch {epoch + 1}: loss {logs['loss']:.3f}, "
                 f"accuracy {logs['accuracy']:.2f}")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    fig.canvas.draw()


# Redraws the boundary at most every `every` seconds, and after the last epoch.
class BoundaryPlot(tf.keras.callbacks.Callback):

    def __init__(self, every=0.25):
        super().__init__()
        self.every = every
        self.next_draw = 0.0
        self.draws = 0
        self.seconds = 0.0  # spent drawing

    def on_epoch_end(self, epoch, logs=None):
        self.last = (epoch, logs)
        if time.perf_counter() >= self.next_draw:
            self.draw(epoch, logs)

    def draw(self, epoch, logs):
        started = time.perf_counter()
        draw_boundary(epoch, logs)
        self.draws += 1
        took = time.perf_counter() - started
        self.seconds += took
        # drawing takes at most a tenth of the time: wait 9x as long as the last draw took
        self.next_draw = time.perf_counter() + max(self.every, 9 * took)

    def on_train_end(self, logs=None):
        self.draw(*self.last)


boundary = BoundaryPlot()
started = time.perf_counter()
history = model.fit(x, y, batch_size=32, epochs=60, verbose=0, callbacks=[boundary])
print(f"trained 60 epochs in {time.perf_counter() - started:.2f} s, "
      f"boundary drawn {boundary.draws} times in {boundary.seconds:.2f} s")
print(f"final loss {history.history['loss'][-1]:.3f}, "
      f"accuracy {history.history['accuracy'][-1]:.2f}")
