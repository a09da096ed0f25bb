# 두 개의 달: 작은 MLP가 서로 맞물린 두 반원을 나누는 법을 배우고, 학습하는 동안
# TensorFlow Playground처럼 결정 경계를 다시 그립니다.
# 콜백은 그림 하나를 제자리에서 다시 그리고(fig.canvas.draw()) 1초에 최대 4번,
# 그리는 데 쓴 시간이 학습 시간의 5%보다 적은 동안에만 그립니다.
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

# 평면을 60 x 60 격자의 점으로 나누고, 모델의 예측값으로 색칠합니다
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


# fit 하는 동안 경계를 다시 그립니다: 첫 에포크 뒤에, 그다음은 최대 `every`초마다 한 번,
# 그리고 그리는 데 쓴 시간이 fit 이 진행된 시간의 `budget` 아래일 때만 (그래서 학습은
# 속도의 약 95%를 유지합니다); fit 이 끝나면 한 번 더 그립니다.
class BoundaryPlot(tf.keras.callbacks.Callback):

    def __init__(self, every=0.25, budget=0.05):
        super().__init__()
        self.every = every
        self.budget = budget
        self.draws = 0
        self.seconds = 0.0  # 그리는 데 쓴 시간

    def on_train_begin(self, logs=None):
        self.began = time.perf_counter()
        self.drawn_at = float("-inf")  # 첫 에포크의 그림을 바로 그리도록
        self.drawn_epoch = None
        self.took = 0.0  # 마지막으로 그리는 데 걸린 시간

    def on_epoch_end(self, epoch, logs=None):
        self.last = (epoch, logs)
        now = time.perf_counter()
        # 다음 그리기도 지난번만큼 걸린다고 어림합니다
        affordable = self.seconds + self.took < self.budget * (now - self.began)
        if now - self.drawn_at >= self.every and affordable:
            self.draw(epoch, logs)

    def on_train_end(self, logs=None):
        if self.last[0] != self.drawn_epoch:  # 마지막 에포크의 그림을 아직 안 그렸으면
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
