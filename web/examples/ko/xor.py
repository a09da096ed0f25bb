# 작은 MLP로 XOR 배우기, 클래스로 작성 ("MLP.py / xor_classifier.py" 수업에서).
# 입력 두 개, sigmoid 유닛의 은닉층 하나, sigmoid 출력 하나, 평균 제곱 오차에 SGD.
# 학습하는 동안 결정 경계를 그림 하나에 다시 그립니다(TensorFlow Playground처럼).
# 1초에 최대 4번, 그리고 그리는 데 쓴 시간이 학습 시간의 5%보다 적은 동안에만
# 그립니다.
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf


class MLP:
    # hidden_layer_conf: 은닉층마다의 유닛 수, 예: [4]
    def __init__(self, hidden_layer_conf, num_output_nodes):
        self.hidden_layer_conf = hidden_layer_conf
        self.num_output_nodes = num_output_nodes
        self.logic_op_model = None

    def build_model(self):
        input_layer = tf.keras.Input(shape=[2, ])
        hidden_layers = input_layer
        if self.hidden_layer_conf is not None:
            for num_hidden_nodes in self.hidden_layer_conf:
                hidden_layers = tf.keras.layers.Dense(units=num_hidden_nodes,
                                                      activation=tf.keras.activations.sigmoid,
                                                      use_bias=True)(hidden_layers)
        output = tf.keras.layers.Dense(units=self.num_output_nodes,
                                       activation=tf.keras.activations.sigmoid,
                                       use_bias=True)(hidden_layers)
        self.logic_op_model = tf.keras.Model(inputs=input_layer, outputs=output)
        sgd = tf.keras.optimizers.SGD(learning_rate=1.0)
        self.logic_op_model.compile(optimizer=sgd, loss="mse")

    def fit(self, x, y, batch_size, epochs, callbacks=None):
        self.logic_op_model.fit(x=x, y=y, batch_size=batch_size, epochs=epochs, verbose=2,
                                callbacks=callbacks)

    def predict(self, x, batch_size):
        prediction = self.logic_op_model.predict(x=x, batch_size=batch_size)
        return prediction


# fit 하는 동안 평면 위 모델의 출력과 XOR 점 네 개를 다시 그립니다: 첫 에포크 뒤에, 그다음은
# 최대 `every`초마다 한 번, 그리고 그리는 데 쓴 시간이 fit 이 진행된 시간의 `budget` 아래일
# 때만 (그래서 학습은 속도의 약 95%를 유지합니다); fit 이 끝나면 한 번 더 그립니다.
class BoundaryPlot(tf.keras.callbacks.Callback):

    def __init__(self, x, y, every=0.25, budget=0.05):
        super().__init__()
        self.x, self.y = np.asarray(x), np.asarray(y)
        self.every = every
        self.budget = budget
        xx, yy = np.meshgrid(np.linspace(-0.5, 1.5, 41), np.linspace(-0.5, 1.5, 41))
        self.grid = np.column_stack([xx.ravel(), yy.ravel()]).astype("float32")
        self.fig, self.ax = plt.subplots(figsize=(4, 3.6))
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
        self.draw_boundary(epoch, logs)
        self.drawn_at = time.perf_counter()
        self.took = self.drawn_at - started
        self.seconds += self.took
        self.draws += 1
        self.drawn_epoch = epoch

    def draw_boundary(self, epoch, logs):
        p = self.model.predict(self.grid, batch_size=len(self.grid), verbose=0)
        self.ax.cla()
        self.ax.imshow(p.reshape(41, 41), extent=(-0.5, 1.5, -0.5, 1.5), origin="lower",
                       cmap="RdBu", vmin=0, vmax=1, alpha=0.8)
        self.ax.scatter(self.x[:, 0], self.x[:, 1], c=self.y, cmap="RdBu", edgecolors="k", s=80)
        self.ax.set_title(f"XOR, epoch {epoch + 1}: loss {logs['loss']:.3f}")
        self.ax.set_xlabel("x1")
        self.ax.set_ylabel("x2")
        self.fig.canvas.draw()


def xor_classifier_example():
    tf.random.set_seed(1)
    input_data = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    input_data = tf.cast(input_data, tf.float32)
    xor_labels = tf.constant([0.0, 1.0, 1.0, 0.0])
    xor_labels = tf.cast(xor_labels, tf.float32)
    batch_size = 1
    epochs = 400

    mlp_classifier = MLP(hidden_layer_conf=[4], num_output_nodes=1)
    mlp_classifier.build_model()
    mlp_classifier.logic_op_model.summary()
    boundary = BoundaryPlot(input_data, xor_labels)
    started = time.perf_counter()
    mlp_classifier.fit(x=input_data, y=xor_labels, batch_size=batch_size, epochs=epochs,
                       callbacks=[boundary])
    print(f"trained {epochs} epochs in {time.perf_counter() - started:.2f} s, "
          f"boundary drawn {boundary.draws} times in {boundary.seconds:.2f} s")

    prediction = mlp_classifier.predict(x=input_data, batch_size=batch_size)
    input_and_result = zip(input_data, prediction)
    print("===== MLP XOR classifier result =====")
    for x, y in input_and_result:
        if y > 0.5:
            print(f"{int(x[0])} XOR {int(x[1])} => {float(y[0]):.2f} => 1")
        else:
            print(f"{int(x[0])} XOR {int(x[1])} => {float(y[0]):.2f} => 0")


if __name__ == '__main__':
    xor_classifier_example()
