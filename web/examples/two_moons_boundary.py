# Two moons: a small MLP learns to separate two interleaving half circles, and the decision
# boundary is redrawn while it trains, as TensorFlow Playground shows it.
# The callback redraws one figure in place (fig.canvas.draw()) at most 4 times a second,
# and only while drawing has taken less than 5% of the training time.
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


# Redraws the boundary during fit: after the first epoch, then at most every `every` seconds
# and only while drawing stays under `budget` of the time fit has run (so training keeps ~95%
# of its speed); and once more when fit ends.
class BoundaryPlot(tf.keras.callbacks.Callback):

    def __init__(self, every=0.25, budget=0.05):
        super().__init__()
        self.every = every
        self.budget = budget
        self.draws = 0
        self.seconds = 0.0  # spent drawing

    def on_train_begin(self, logs=None):
        self.began = time.perf_counter()
        self.drawn_at = float("-inf")  # so the first epoch's picture is drawn at once
        self.drawn_epoch = None
        self.took = 0.0  # how long the last drawing took

    def on_epoch_end(self, epoch, logs=None):
        self.last = (epoch, logs)
        now = time.perf_counter()
        # guess that the next drawing takes as long as the last one
        affordable = self.seconds + self.took < self.budget * (now - self.began)
        if now - self.drawn_at >= self.every and affordable:
            self.draw(epoch, logs)

    def on_train_end(self, logs=None):
        if self.last[0] != self.drawn_epoch:  # the last epoch's picture, unless drawn
            self.draw(*self.last)

    def draw(self, epoch, logs):
        started = time.perf_counter()
        draw_boundary(epoch, logs)
        self.drawn_at = time.perf_counter()
        self.took = self.drawn_at - started
        self.seconds += self.took
        self.draws += 1
        self.drawn_epoch = epoch


boundary = BoundaryPlot()
started = time.perf_counter()
history = model.fit(x, y, batch_size=32, epochs=60, verbose=0, callbacks=[boundary])
print(f"trained 60 epochs in {time.perf_counter() - started:.2f} s, "
      f"boundary drawn {boundary.draws} times in {boundary.seconds:.2f} s")
print(f"final loss {history.history['loss'][-1]:.3f}, "
      f"accuracy {history.history['accuracy'][-1]:.2f}")
