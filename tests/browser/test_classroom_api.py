"""A sample of the classroom API in the playground itself (Pyodide, numpy 2.4.3): the XOR
tutorial's `"%.2f" % y` on a row of predict's output, string tensors and TextVectorization on
Korean text, an image augmentation layer, and tf.__version__ (their numbers are pinned to
tf.keras 2.15 on CPython by tests/parity/test_preprocessing.py)."""

import pytest

pytestmark = pytest.mark.browser

PROGRAM = """
import numpy as np
import tensorflow as tf
from tensorflow import keras

print("version", tf.__version__)
x = tf.constant([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
inputs = keras.Input(shape=[2])
outputs = keras.layers.Dense(1, activation="sigmoid",
                             kernel_initializer="ones")(keras.layers.Dense(
                                 4, activation="sigmoid", kernel_initializer="ones")(inputs))
model = keras.Model(inputs, outputs)
prediction = model.predict(x, batch_size=1, verbose=0)
for row, y in zip(x, prediction):
    print("%d XOR %d => %.2f" % (row[0], row[1], y))

print(tf.constant(["안녕", "세계"]))
layer = keras.layers.TextVectorization(max_tokens=8, output_sequence_length=4)
layer.adapt(["나는 학교에 간다.", "학교에 간다 간다"])
print(layer.get_vocabulary())
print(layer(["학교에 간다 새"]).numpy().tolist())
images = np.arange(2 * 4 * 4 * 3, dtype="uint8").reshape(2, 4, 4, 3)
rotated = keras.layers.RandomRotation((0.25, 0.25))(images, training=True).numpy()
print(np.round(rotated[0, 0, :, 0], 1).tolist())
"""


def test_seed_idioms_text_and_images_run_in_pyodide(warm):
    warm.set_code(PROGRAM)
    warm.run_and_wait()
    text = warm.output_text()
    assert "version 2.15.1" in text, text
    assert "0 XOR 0 => 0.88" in text and "1 XOR 1 => 0.97" in text, text
    assert r"tf.Tensor([b'\xec\x95\x88\xeb\x85\x95' b'\xec\x84\xb8\xea\xb3\x84']" in text, text
    assert "['', '[UNK]', '간다', '학교에', '나는']" in text, text
    assert "[[3, 2, 1, 0]]" in text, text
    assert "[9.0, 21.0, 33.0, 45.0]" in text, text
