"""Records tf.keras 2.15 outputs of the convolution / pooling / normalization / embedding /
reshaping layers into conv_fixtures.npz + conv_fixtures.json (read by test_conv_*.py).
Run with the reference install:

    ~/.cache/reftf/bin/python tests/keras/layers/record_conv_fixtures.py

Each scenario builds a layer from `code` (with `L = keras.layers`), calls it on a seeded
input, replaces its weights by seeded values (`set_weights`), calls it again (with `call`
keyword arguments) and stores the input, the weights, the output and the weights after the
call (BatchNormalization updates its moving statistics). TF's CPU kernels lack
channels_first convolutions and pooling, so for those the channels_last twin runs on
transposed data and the output is transposed back (`"twin": true`).
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (code, input shape, call kwargs, input kind)
SCENARIOS = {
    "conv2d_same_stride2_relu": (
        "L.Conv2D(4, 3, padding='same', strides=2, activation='relu')",
        (2, 7, 8, 3),
        {},
        "f",
    ),
    "conv2d_valid_rect": ("L.Conv2D(3, (3, 2), strides=(2, 1))", (2, 7, 6, 2), {}, "f"),
    "conv2d_dilated": ("L.Conv2D(3, 3, dilation_rate=2, padding='same')", (1, 8, 7, 2), {}, "f"),
    "conv2d_groups": ("L.Conv2D(6, 3, groups=3, padding='same')", (2, 6, 6, 6), {}, "f"),
    "conv2d_channels_first": (
        "L.Conv2D(4, (3, 2), data_format='channels_first')",
        (2, 3, 7, 8),
        {},
        "f",
    ),
    "conv2d_no_bias": ("L.Conv2D(2, 1, use_bias=False)", (2, 4, 4, 3), {}, "f"),
    "conv1d_causal_dilated": (
        "L.Conv1D(4, 3, padding='causal', dilation_rate=2)",
        (2, 9, 3),
        {},
        "f",
    ),
    "conv1d_same_stride2_cf": (
        ("L.Conv1D(4, 3, strides=2, padding='same', data_format='channels_first')"),
        (2, 3, 9),
        {},
        "f",
    ),
    "conv2d_transpose_same": (
        "L.Conv2DTranspose(4, 3, strides=2, padding='same')",
        (2, 4, 5, 3),
        {},
        "f",
    ),
    "conv2d_transpose_valid_outpad": (
        "L.Conv2DTranspose(4, 3, strides=2, output_padding=1)",
        (2, 4, 5, 3),
        {},
        "f",
    ),
    "conv2d_transpose_same_outpad": (
        ("L.Conv2DTranspose(3, 3, strides=2, padding='same', output_padding=1)"),
        (1, 4, 5, 2),
        {},
        "f",
    ),
    "conv2d_transpose_cf": (
        ("L.Conv2DTranspose(2, (3, 2), strides=(2, 1), data_format='channels_first')"),
        (2, 3, 4, 5),
        {},
        "f",
    ),
    "depthwise_same_stride2_mult2": (
        ("L.DepthwiseConv2D(3, strides=2, padding='same', depth_multiplier=2)"),
        (2, 7, 8, 3),
        {},
        "f",
    ),
    "depthwise_valid_relu": ("L.DepthwiseConv2D((2, 3), activation='relu')", (2, 5, 6, 4), {}, "f"),
    "separable_same_mult2": (
        "L.SeparableConv2D(5, 3, padding='same', depth_multiplier=2)",
        (2, 7, 8, 3),
        {},
        "f",
    ),
    "separable_stride2_cf": (
        ("L.SeparableConv2D(5, 3, strides=2, data_format='channels_first')"),
        (2, 3, 7, 8),
        {},
        "f",
    ),
    "max_pool2d_default": ("L.MaxPooling2D()", (2, 7, 8, 3), {}, "f"),
    "max_pool2d_same_overlap": ("L.MaxPool2D(3, 2, padding='same')", (2, 7, 8, 3), {}, "f"),
    "max_pool2d_cf": (
        "L.MaxPooling2D((2, 3), data_format='channels_first')",
        (2, 3, 7, 8),
        {},
        "f",
    ),
    "avg_pool2d_same": ("L.AveragePooling2D(3, 2, padding='same')", (2, 7, 8, 3), {}, "f"),
    "avg_pool2d_default": ("L.AvgPool2D()", (2, 7, 8, 3), {}, "f"),
    "max_pool1d_default": ("L.MaxPooling1D()", (2, 9, 3), {}, "f"),
    "max_pool1d_same_cf": (
        "L.MaxPool1D(3, 2, padding='same', data_format='channels_first')",
        (2, 3, 9),
        {},
        "f",
    ),
    "avg_pool1d_same": ("L.AveragePooling1D(3, 1, padding='same')", (2, 9, 3), {}, "f"),
    "global_max_pool2d": ("L.GlobalMaxPooling2D()", (2, 5, 6, 3), {}, "f"),
    "global_avg_pool2d_keepdims": (
        "L.GlobalAveragePooling2D(keepdims=True)",
        (2, 5, 6, 3),
        {},
        "f",
    ),
    "global_avg_pool2d_cf": (
        "L.GlobalAvgPool2D(data_format='channels_first')",
        (2, 3, 5, 6),
        {},
        "f",
    ),
    "global_max_pool1d_cf": (
        "L.GlobalMaxPooling1D(data_format='channels_first')",
        (2, 3, 9),
        {},
        "f",
    ),
    "global_avg_pool1d": ("L.GlobalAveragePooling1D()", (2, 9, 3), {}, "f"),
    "batchnorm_4d_training": ("L.BatchNormalization()", (4, 3, 3, 2), {"training": True}, "f"),
    "batchnorm_4d_inference": ("L.BatchNormalization()", (4, 3, 3, 2), {"training": False}, "f"),
    "batchnorm_axis1_training": (
        "L.BatchNormalization(axis=1, momentum=0.5)",
        (4, 3, 3, 2),
        {"training": True},
        "f",
    ),
    "batchnorm_unfused_training": (
        "L.BatchNormalization(fused=False, momentum=0.5)",
        (4, 3, 3, 2),
        {"training": True},
        "f",
    ),
    "batchnorm_2d_no_center": (
        "L.BatchNormalization(momentum=0.5, center=False)",
        (6, 3),
        {"training": True},
        "f",
    ),
    "batchnorm_two_axes": (
        "L.BatchNormalization(axis=[1, 2], momentum=0.5)",
        (6, 3, 4),
        {"training": True},
        "f",
    ),
    "batchnorm_3d_axis1_no_scale": (
        "L.BatchNormalization(axis=1, scale=False, epsilon=0.1)",
        (6, 3, 4),
        {"training": True},
        "f",
    ),
    "layernorm_default": ("L.LayerNormalization()", (4, 5), {}, "f"),
    "layernorm_two_axes": ("L.LayerNormalization(axis=[1, 2], epsilon=0.1)", (2, 3, 4), {}, "f"),
    "layernorm_axis1_no_center": ("L.LayerNormalization(axis=1, center=False)", (2, 3, 4), {}, "f"),
    "embedding": ("L.Embedding(10, 4)", (3, 5), {}, "i"),
    "zero_padding2d_default": ("L.ZeroPadding2D()", (2, 3, 4, 2), {}, "f"),
    "zero_padding2d_asym": ("L.ZeroPadding2D(((1, 2), (0, 3)))", (2, 3, 4, 2), {}, "f"),
    "zero_padding2d_cf": (
        "L.ZeroPadding2D((2, 1), data_format='channels_first')",
        (2, 2, 3, 4),
        {},
        "f",
    ),
    "cropping2d": ("L.Cropping2D(((1, 0), (1, 2)))", (2, 5, 6, 2), {}, "f"),
    "cropping2d_cf": ("L.Cropping2D(1, data_format='channels_first')", (2, 2, 5, 6), {}, "f"),
    "upsampling2d_nearest": ("L.UpSampling2D()", (2, 3, 4, 2), {}, "f"),
    "upsampling2d_nearest_cf": (
        "L.UpSampling2D((2, 3), data_format='channels_first')",
        (2, 2, 3, 4),
        {},
        "f",
    ),
    "upsampling2d_bilinear": (
        "L.UpSampling2D((2, 3), interpolation='bilinear')",
        (2, 3, 4, 2),
        {},
        "f",
    ),
}


def needs_twin(code):
    """TF's CPU kernels have no channels_first conv / pool / resize: run the twin."""
    return "channels_first" in code and not any(
        name in code for name in ("Pool1D", "Pooling1D", "Global", "Padding", "Cropping")
    )


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from tensorflow import keras

    arrays, meta = {}, {}
    for index, (name, (code, shape, call, kind)) in enumerate(SCENARIOS.items()):
        rng = np.random.default_rng(1000 + index)
        if kind == "i":
            x = rng.integers(0, 10, shape).astype(np.int32)
        else:
            x = (rng.standard_normal(shape) * 1.5 + 0.5).astype(np.float32)
        twin = needs_twin(code)
        layer = eval(
            code.replace(", data_format='channels_first'", "") if twin else code,
            {"L": keras.layers},
        )
        perm = (0,) + tuple(range(2, x.ndim)) + (1,)
        back = (0, x.ndim - 1) + tuple(range(1, x.ndim - 1))
        feed = x.transpose(perm) if twin else x
        layer(feed)
        weights = [
            rng.uniform(0.5, 1.5, w.shape).astype(np.float32)
            if "Normalization" in code
            else rng.standard_normal(w.shape).astype(np.float32)
            for w in layer.get_weights()
        ]
        layer.set_weights(weights)
        y = layer(feed, **call).numpy()
        arrays[f"{name}/x"] = x
        arrays[f"{name}/y"] = y.transpose(back) if twin else y
        for i, w in enumerate(weights):
            arrays[f"{name}/w{i}"] = w
        for i, w in enumerate(layer.get_weights()):
            arrays[f"{name}/after{i}"] = w
        meta[name] = {
            "code": code,
            "call": call,
            "weights": len(weights),
            "twin": twin,
            "weight_names": [w.name for w in layer.weights],
        }
    np.savez_compressed(os.path.join(HERE, "conv_fixtures.npz"), **arrays)
    with open(os.path.join(HERE, "conv_fixtures.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"recorded {len(meta)} scenarios")


if __name__ == "__main__":
    main()
