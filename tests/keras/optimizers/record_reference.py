"""Record three steps of every optimizer from tf.keras 2.15 into `reference_values.py`.

Run with the reference install (CI never needs TensorFlow):
    ~/.cache/reftf/bin/python tests/keras/optimizers/record_reference.py
"""

import os
import pprint

import numpy as np

# Each case is constructor text evaluated against `keras.optimizers` on both sides.
CASES = {
    "sgd": "SGD(learning_rate=0.1)",
    "sgd_momentum": "SGD(learning_rate=0.1, momentum=0.9)",
    "sgd_nesterov": "SGD(learning_rate=0.1, momentum=0.9, nesterov=True)",
    "rmsprop": "RMSprop(learning_rate=0.01)",
    "rmsprop_momentum": "RMSprop(learning_rate=0.01, momentum=0.5)",
    "rmsprop_centered": "RMSprop(learning_rate=0.01, rho=0.8, momentum=0.5, centered=True)",
    "adam": "Adam(learning_rate=0.01)",
    "adam_amsgrad": "Adam(learning_rate=0.01, beta_1=0.5, amsgrad=True)",
    "adamw": "AdamW(learning_rate=0.01, weight_decay=0.1)",
    "adagrad": "Adagrad(learning_rate=0.1)",
    "adadelta": "Adadelta(learning_rate=1.0)",
    "adamax": "Adamax(learning_rate=0.01)",
    "nadam": "Nadam(learning_rate=0.01)",
    "ftrl": "Ftrl(learning_rate=0.1)",
    "ftrl_regularized": "Ftrl(learning_rate=0.1, learning_rate_power=-0.7, "
    "l1_regularization_strength=0.01, l2_regularization_strength=0.02, "
    "l2_shrinkage_regularization_strength=0.05, beta=0.5)",
    "lion": "Lion(learning_rate=0.01)",
    "adafactor": "Adafactor(learning_rate=0.1)",
    "adafactor_schedule": "Adafactor(learning_rate=schedules.InverseTimeDecay(0.5, 1, 1.0), "
    "relative_step=False, clip_threshold=0.5)",
    "sgd_clipnorm": "SGD(learning_rate=0.1, clipnorm=1.0)",
    "sgd_clipvalue": "SGD(learning_rate=0.1, clipvalue=0.5)",
    "sgd_global_clipnorm": "SGD(learning_rate=0.1, global_clipnorm=1.0)",
    "sgd_weight_decay": "SGD(learning_rate=0.1, weight_decay=0.05)",
    "adam_exponential_decay": "Adam(learning_rate=schedules.ExponentialDecay(0.1, 1, 0.5))",
    "sgd_piecewise": "SGD(learning_rate=schedules.PiecewiseConstantDecay([1], [0.1, 0.01]))",
    "sgd_ema": "SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=2)",
}

KERNEL = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]], dtype=np.float32)
BIAS = np.array([0.1, -0.2], dtype=np.float32)


def gradients(step):
    """The (kernel, bias) gradients fed at `step` (0, 1, 2)."""
    k = np.cos(np.arange(6, dtype=np.float32).reshape(3, 2) * (step + 1)) * (step + 1)
    b = np.array([0.5, -2.0], dtype=np.float32) / (step + 1)
    return k.astype(np.float32), b


def main():
    import tensorflow as tf
    from tensorflow import keras

    namespace = dict(vars(keras.optimizers))
    results = {}
    for key, spec in CASES.items():
        optimizer = eval(spec, namespace)
        kernel = tf.Variable(KERNEL, name="kernel")
        bias = tf.Variable(BIAS, name="bias")
        steps = []
        for step in range(3):
            gk, gb = gradients(step)
            optimizer.apply_gradients([(tf.constant(gk), kernel), (tf.constant(gb), bias)])
            steps.append((kernel.numpy().tolist(), bias.numpy().tolist()))
        results[key] = {
            "steps": steps,
            "variables": [v.numpy().tolist() for v in optimizer.variables],
            "variable_names": [v.name for v in optimizer.variables],
        }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_values.py")
    with open(path, "w") as f:
        f.write('"""Recorded by record_reference.py from tf.keras 2.15; do not edit."""\n\n')
        f.write("OPTIMIZER_STEPS = ")
        f.write(pprint.pformat(results, width=100, sort_dicts=False))
        f.write("\n")


if __name__ == "__main__":
    main()
