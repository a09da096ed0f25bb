# %% file: MLP.py
# 다음 MLP Class 코드를 작성한다. (MLP.py)
# (수업 슬라이드의 코드 그대로입니다. 슬라이드 이미지에서 글자를 읽을 때 빠진 밑줄(_)과
#  멤버 함수의 들여쓰기만 되살렸습니다.)
import tensorflow as tf

class MLP:
    # "hidden_layer_conf" is the array indicates the number of layers (num_of_elements)
    # and the number of elements in each layer.
    def __init__(self, hidden_layer_conf, num_output_nodes):
        self.hidden_layer_conf = hidden_layer_conf
        self.num_output_nodes = num_output_nodes
        self.logic_op_model = None

    ### A member function of Class MLP
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
        sgd = tf.keras.optimizers.SGD(learning_rate=0.1)
        self.logic_op_model.compile(optimizer=sgd, loss="mse")

    ### A member function of Class MPL
    def fit(self, x, y, batch_size, epochs):
        self.logic_op_model.fit(x=x, y=y, batch_size=batch_size, epochs=epochs)

    def predict(self, x, batch_size):
        prediction = self.logic_op_model.predict(x=x, batch_size=batch_size)
        return prediction

# %% file: xor_classifier.py
# MLP Class를 사용하는 XOR classifier를 작성한다. (xor_classifier.py)
import tensorflow as tf
from MLP import MLP
def xor_classifier_example ():
  input_data = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
  input_data = tf.cast(input_data, tf.float32)
  xor_labels = tf.constant([0.0, 1.0, 1.0, 0.0])
  xor_labels = tf.cast(xor_labels, tf.float32)
  batch_size = 1
  epochs = 1500
  mlp_classifier = MLP(hidden_layer_conf=[4], num_output_nodes=1)
  mlp_classifier.build_model()
  mlp_classifier.fit(x=input_data, y=xor_labels, batch_size=batch_size, epochs=epochs)
### definition of xor classifier example () function (cont'd)
  ####### MLP XOR prediciton
  prediction = mlp_classifier.predict(x=input_data, batch_size=batch_size)
  input_and_result = zip(input_data, prediction)
  print("===== MLP XOR classifier result =====")
  for x, y in input_and_result:
    if y > 0.5:
      print("%d XOR %d => %.2f => 1" % (x[0], x[1], y))
    else:
      print("%d XOR %d => %.2f => 0" % (x[0], x[1], y))
# Entry point
if __name__ == '__main__':
  xor_classifier_example()
