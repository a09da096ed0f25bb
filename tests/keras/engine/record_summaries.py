"""Records the expected `summary()` texts of test_summary.py from tf.keras 2.15.

Run with the reference install: `~/.cache/reftf/bin/python tests/keras/engine/record_summaries.py`.
It executes every case below under TensorFlow and rewrites test_summary.py with the printed
text embedded as literals (CI never needs TensorFlow).
"""

import os
import textwrap

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

CASES = []


def case(name, doc, code, call="model.summary()"):
    CASES.append((name, doc, textwrap.dedent(code).strip("\n"), call))


case(
    "sequential_mlp",
    "The MNIST MLP of the tutorials, with `input_shape` on the first layer.",
    """
model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
""",
)
case(
    "functional_mlp",
    "A Functional model lists its InputLayer with a list-wrapped shape.",
    """
inputs = keras.Input(shape=(784,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dense(64, activation="relu")(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
""",
)
case(
    "deferred_sequential",
    "Built by its first call on a batch of 3: the summary shows batch size 3.",
    """
model = keras.Sequential([
    layers.Dense(2, activation="relu", name="layer1"),
    layers.Dense(3, activation="relu", name="layer2"),
    layers.Dense(4, name="layer3"),
])
model(np.ones((3, 3), dtype="float32"))
""",
)
case(
    "sequential_with_input",
    "`model.add(keras.Input(...))` then layers.",
    """
model = keras.Sequential()
model.add(keras.Input(shape=(4,)))
model.add(layers.Dense(2, activation="relu", name="layer1"))
""",
)
case(
    "multi_input_connected_to",
    "Two inputs, a shared layer and TFOpLambda layers: the Connected to column.",
    """
a = keras.Input((32,), name="a")
b = keras.Input((32,), name="b")
shared = layers.Dense(16, name="shared")
x1 = shared(a)
x2 = shared(b)
merged = layers.concatenate([x1, x2])
out1 = layers.Dense(1, name="out1")(merged)
out2 = layers.Dense(3, name="out2")(x2 + x1)
model = keras.Model([a, b], [out1, out2])
""",
)
case(
    "nested_expand",
    "A model used as a layer, expanded, with the Trainable column.",
    """
inner_in = keras.Input((8,))
inner = keras.Model(inner_in, layers.Dense(4)(layers.Dense(6)(inner_in)), name="inner")
outer_in = keras.Input((8,))
model = keras.Model(outer_in, layers.Dense(2)(inner(outer_in)), name="outer")
inner.trainable = False
""",
    call="model.summary(expand_nested=True, show_trainable=True)",
)
case(
    "nested_sequentials",
    "Sequential models nested in a Sequential.",
    """
block = keras.Sequential([layers.Dense(2, input_shape=(2,))])
model = keras.Sequential([block, keras.Sequential([layers.Dense(3), layers.Dense(2)])])
""",
    call="model.summary(expand_nested=True)",
)
case(
    "subclassed",
    "A subclassed model: output shapes are `multiple`, an unused layer shows `0 (unused)`.",
    """
class TwoLayers(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(8, activation="relu")
        self.out = layers.Dense(1)
        self.spare = layers.Dense(5)

    def call(self, x, training=None):
        return self.out(self.hidden(x))

model = TwoLayers()
model(np.zeros((2, 3), dtype="float32"))
""",
)
case(
    "long_names",
    "Long layer names and shapes wrap the way tf.keras 2.15 wraps them.",
    """
a = keras.Input((4,), name="first_input_with_a_long_name")
b = keras.Input((4,), name="second_input_with_a_long_name")
x = layers.Dense(3, name="a_really_long_layer_name_that_wraps_around")(a)
y = layers.Dense(3, name="another_really_long_layer_name_for_wrapping")(b)
z = layers.concatenate([x, y, x * y], name="concatenate_everything_together_please")
model = keras.Model([a, b], z, name="a_model_with_a_long_name")
""",
)
case(
    "line_length_positions",
    "`line_length` and absolute `positions`.",
    """
inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, layers.Dense(5)(inputs))
""",
    call="model.summary(line_length=80, positions=[30, 55, 67, 80])",
)
case(
    "non_trainable",
    "Frozen layers count as non-trainable params.",
    """
model = keras.Sequential([
    layers.Dense(100, input_shape=(200,)),
    layers.Dense(10, trainable=False),
])
""",
)
case(
    "layer_range",
    "`layer_range` prints a slice of the layers.",
    """
model = keras.Sequential([
    layers.Dense(4, input_shape=(3,), name="first"),
    layers.Dense(4, name="second"),
    layers.Dense(4, name="third"),
])
""",
    call='model.summary(layer_range=["sec", "third"])',
)
case(
    "big_model_size",
    "Sizes switch to MB above 1024 KB.",
    """
model = keras.Sequential([layers.Dense(1000, input_shape=(1000,)), layers.Dense(10)])
""",
)

case(
    "text_model_built_with_a_shape",
    "Embedding + pooling, built with `build((None, 200))`.",
    """
model = keras.Sequential([
    layers.Embedding(10000, 16),
    layers.GlobalAveragePooling1D(),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.build((None, 200))
""",
)
case(
    "recurrent_stack",
    "Recurrent layers keep unknown time steps as None.",
    """
model = keras.Sequential([
    layers.Embedding(1000, 8, input_length=20),
    layers.LSTM(8, return_sequences=True),
    layers.SimpleRNN(4),
    layers.Dense(1),
])
""",
)
case(
    "subclassed_with_nested_sequential",
    "A subclassed model holding a Sequential, expanded.",
    """
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.body = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(2)])
        self.head = layers.Dense(1)

    def call(self, x, training=None):
        return self.head(self.body(x))

model = Net()
model(np.ones((2, 3), dtype="float32"))
""",
    call="model.summary(expand_nested=True)",
)
case(
    "subclassed_model_in_a_functional_model",
    "A subclassed model called on an Input.",
    """
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.body = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(2)])
        self.head = layers.Dense(1)

    def call(self, x, training=None):
        return self.head(self.body(x))

inputs = keras.Input((3,))
model = keras.Model(inputs, Net()(inputs))
""",
    call="model.summary(expand_nested=True)",
)

out = []
for name, doc, code, call in CASES:
    keras.backend.clear_session()
    ns = {"keras": keras, "layers": layers, "np": np}
    exec(code, ns)  # noqa: S102 - the recorded case code
    lines = []
    printed = call.replace("summary(", "summary(print_fn=_p, ", 1).replace(", )", ")")
    exec(printed, dict(ns, _p=lines.append))  # noqa: S102 - the recorded summary call
    out.append((name, doc, code, call, "\n".join(lines)))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "test_summary.py"), "w") as f:
    f.write(
        '"""`model.summary()` is byte-identical to tf.keras 2.15.\n\n'
        "Each expected text was printed by tf.keras 2.15.1 running the same code\n"
        "(regenerate with `python tests/keras/engine/record_summaries.py` where TensorFlow 2.15 is installed).\n"
        '"""\n\nimport numpy as np\n\nfrom pynn import keras\nfrom pynn.keras import layers\n\n\n'
        "def summary_lines(model, **kwargs):\n    lines = []\n    model.summary(print_fn=lines.append, **kwargs)\n"
        "    return lines\n\n"
    )
    for name, doc, code, call, text in out:
        kwargs = call[len("model.summary(") : -1]
        f.write(f'\ndef test_{name}():\n    """{doc}"""\n')
        f.write(textwrap.indent(code, "    ") + "\n")
        body = "".join(f"        {line!r},\n" for line in text.rstrip("\n").split("\n"))
        f.write(f"    expected = [\n{body}    ]\n")
        f.write(f"    assert summary_lines(model{', ' + kwargs if kwargs else ''}) == expected\n\n")
print("wrote", len(out))
