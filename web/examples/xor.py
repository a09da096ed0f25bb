# XOR with a small MLP, written as a class (from the "MLP.py / xor_classifier.py" lecture).
# Two inputs, one hidden layer of sigmoid units, one sigmoid output, SGD on mean squared error.
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

    def fit(self, x, y, batch_size, epochs):
        self.logic_op_model.fit(x=x, y=y, batch_size=batch_size, epochs=epochs, verbose=2)

    def predict(self, x, batch_size):
        prediction = self.logic_op_model.predict(x=x, batch_size=batch_size)
        return prediction


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
    mlp_classifier.fit(x=input_data, y=xor_labels, batch_size=batch_size, epochs=epochs)

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
