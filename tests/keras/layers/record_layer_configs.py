"""Records tf.keras 2.15 layer configs into layer_configs.json (pynn must load them and
serialize them back identically). Run with the reference install:

    ~/.cache/reftf/bin/python tests/keras/layers/record_layer_configs.py
"""

import json
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras


def layers():
    L = keras.layers
    return [
        L.Dense(
            3,
            activation="softmax",
            kernel_initializer="he_normal",
            bias_regularizer="l1",
            kernel_constraint=keras.constraints.MinMaxNorm(0.5, 2.0),
            activity_regularizer=keras.regularizers.L1L2(0.1, 0.2),
        ),
        L.Dense(
            3,
            kernel_initializer=keras.initializers.VarianceScaling(2.0, "fan_out", "uniform"),
            kernel_regularizer=keras.regularizers.OrthogonalRegularizer(),
            bias_initializer=keras.initializers.RandomNormal(seed=1),
            use_bias=False,
        ),
        L.Dense(
            3,
            activation=L.LeakyReLU(0.2),
            kernel_initializer="orthogonal",
            bias_constraint="non_neg",
        ),
        L.Dense(2, activation=tf.nn.relu6, kernel_initializer="lecun_uniform"),
        L.Dense(
            2,
            activation="silu",
            kernel_initializer=keras.initializers.Identity(2.0),
            bias_initializer=keras.initializers.Constant(0.5),
        ),
        L.Activation("swish"),
        L.Activation("hard_sigmoid"),
        L.Dropout(0.2, noise_shape=(None, 1), seed=2),
        L.Flatten(data_format="channels_first"),
        L.Reshape((2, -1)),
        L.Permute((2, 1)),
        L.RepeatVector(4),
        L.LeakyReLU(0.1),
        L.PReLU(alpha_initializer="glorot_uniform", shared_axes=[1, 2]),
        L.ELU(0.7),
        L.Softmax(axis=[1, 2]),
        L.ThresholdedReLU(0.3),
        L.Masking(0.5),
        L.Identity(),
        L.ActivityRegularization(0.1, 0.2),
        L.Concatenate(axis=1),
        L.Add(),
        L.Subtract(),
        L.Multiply(),
        L.Average(),
        L.Maximum(),
        L.Minimum(),
        L.Dot(axes=(1, 2), normalize=True),
    ]


def main():
    configs = [keras.layers.serialize(layer) for layer in layers()]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layer_configs.json")
    with open(path, "w") as f:
        json.dump(configs, f, indent=1, default=lambda o: np.asarray(o).tolist())
        f.write("\n")


if __name__ == "__main__":
    main()
