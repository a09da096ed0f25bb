"""Record tf.keras 2.15's higher-order gradients into tests/fixtures/higher_order.json.

    ~/.cache/reftf/bin/python tests/reference/record_higher_order.py

The cases are the examples of the TensorFlow guide "Advanced automatic differentiation"
(nested tapes, a Dense layer's Hessian, jacobian / batch_jacobian, a Hessian-vector product,
an input-gradient penalty), with weights and inputs drawn from numpy so pynn can load the
very same values. Each case is code run with `tf`, `np` and `keras` bound; it sets `result`
to a dict of arrays. tests/core/test_higher_order.py runs the same code under pynn.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.path.dirname(HERE), "fixtures", "higher_order.json")

SETUP = """
rng = np.random.default_rng(0)
def dense(units, inputs, activation=None, dtype="float32"):
    layer = keras.layers.Dense(units, activation=activation, dtype=dtype)
    layer.build((None, inputs))
    layer.set_weights([rng.normal(size=(inputs, units)).astype(dtype),
                       rng.normal(size=(units,)).astype(dtype)])
    return layer
"""

CASES = {
    "cube_variable": """
x = tf.Variable(1.0)
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = x * x * x
    dy_dx = t1.gradient(y, x)
d2y_dx2 = t2.gradient(dy_dx, x)
result = {"dy_dx": dy_dx, "d2y_dx2": d2y_dx2}
""",
    "pow_at_two": """
x = tf.constant(2.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = x ** 3
    dy = t1.gradient(y, x)
result = {"dy": dy, "d2y": t2.gradient(dy, x)}
""",
    "elementwise_float64": """
x = tf.constant([0.3, -1.2, 2.0], dtype=tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(tf.exp(x) * tf.sin(x) + tf.sqrt(x * x + 1.0) / (2.0 + tf.cos(x))
                          + tf.tanh(x) ** 2 + tf.math.log(1.0 + x * x) - tf.nn.sigmoid(3.0 * x)
                          + tf.nn.softplus(x) * tf.square(x))
    g = t1.gradient(y, x)
result = {"g": g, "hessian": t2.jacobian(g, x)}
""",
    "matmul_softmax_float64": SETUP
    + """
w = tf.Variable(rng.normal(size=(4, 3)))
x = tf.constant(rng.normal(size=(5, 4)))
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        p = tf.nn.softmax(tf.matmul(x, w))
        loss = tf.reduce_mean(tf.reduce_sum(p * tf.math.log(p + 1.0), axis=-1))
    g = t1.gradient(loss, w)
result = {"g": g, "hessian": t2.jacobian(g, w)}
""",
    "dense_hessian": SETUP
    + """
layer1 = dense(8, 5, activation=tf.nn.relu)
layer2 = dense(2, 8)
x = tf.constant(rng.normal(size=(7, 5)).astype("float32"))
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        x1 = layer1(x)
        x2 = layer2(x1)
        loss = tf.reduce_mean(x2 ** 2)
    g = t1.gradient(loss, layer1.kernel)
h = t2.jacobian(g, layer1.kernel)
result = {"g": g, "h": h}
""",
    "dense_tanh_float64_hvp": SETUP
    + """
layer = dense(3, 4, activation="tanh", dtype="float64")
x = tf.constant(rng.normal(size=(6, 4)))
v = [tf.constant(rng.normal(size=w.shape)) for w in layer.trainable_variables]
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        loss = tf.reduce_mean(tf.square(layer(x) - 0.5))
    grads = t1.gradient(loss, layer.trainable_variables)
    gv = tf.add_n([tf.reduce_sum(g * u) for g, u in zip(grads, v)])
hvp = t2.gradient(gv, layer.trainable_variables)
result = {"kernel_hvp": hvp[0], "bias_hvp": hvp[1]}
""",
    "jacobians": SETUP
    + """
x = tf.linspace(-10.0, 10.0, 21)
delta = tf.Variable(0.0)
with tf.GradientTape() as tape:
    y = tf.nn.sigmoid(x + delta)
dy_dx = tape.jacobian(y, delta)
layer = dense(4, 3, activation=tf.nn.elu)
xb = tf.constant(rng.normal(size=(2, 3)).astype("float32"))
with tf.GradientTape(persistent=True) as tape:
    tape.watch(xb)
    yb = layer(xb)
j = tape.jacobian(yb, xb)
jb = tape.batch_jacobian(yb, xb)
result = {"dy_dx": dy_dx, "j": j, "jb": jb}
""",
    "batch_jacobian_of_gradient": SETUP
    + """
layer1 = dense(6, 3, activation=tf.nn.tanh)
layer2 = dense(1, 6)
x = tf.constant(rng.normal(size=(4, 3)).astype("float32"))
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(layer2(layer1(x)))
    g = t1.gradient(y, x)
result = {"g": g, "hessians": t2.batch_jacobian(g, x)}
""",
    "gradient_penalty": SETUP
    + """
layer = dense(10, 5, activation=tf.nn.relu)
x = tf.constant(rng.normal(size=(7, 5)).astype("float32"))
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        t1.watch(x)
        out = tf.reduce_sum(layer(x) ** 2)
    g1 = t1.gradient(out, x)
    g1_mag = tf.norm(g1)
dg1_mag = t2.gradient(g1_mag, layer.trainable_variables)
result = {"g1_mag": g1_mag, "d_kernel": dg1_mag[0], "d_bias": dg1_mag[1]}
""",
}


def run(code, tf, keras):
    scope = {"tf": tf, "np": np, "keras": keras}
    exec(code, scope)  # noqa: S102 - the cases above
    return {k: np.asarray(v) for k, v in scope["result"].items()}


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow import keras

    out = {}
    for name, code in CASES.items():
        values = run(code, tf, keras)
        out[name] = {
            "code": code,
            "result": {
                k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": v.ravel().tolist()}
                for k, v in values.items()
            },
        }
        print(name, {k: v.shape for k, v in values.items()})
    with open(FIXTURE, "w") as fh:
        json.dump({"tensorflow": tf.__version__, "cases": out}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
