# XOR with a small MLP, written as a class (from the "MLP.py / xor_classifier.py" lecture).
# Two inputs, one hidden layer of sigmoid units, one sigmoid output, SGD on mean squared error.
# While it trains, the decision boundary is redrawn in one figure (as TensorFlow Playground
# shows it): at most 4 times a second, and only while drawing has taken less than 5% of the
# training time.
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf


class MLP:
    # hidden_layer_conf: the number of units of each hidden layer, e.g. [4]
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


# Redraws the model's output over the plane, with the four XOR points, during fit: after the
# first epoch, then at most every `every` seconds and only while drawing stays under `budget`
# of the time fit has run (so training keeps ~95% of its speed); and once more when fit ends.
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
