"""Records tf.keras 2.15 `summary()` text of MobileNet / MobileNetV2 (weights=None) into
mobilenet_summaries.json, read by test_mobilenet.py. Run with the reference install:

    ~/.cache/reftf/bin/python tests/keras/applications/record_mobilenet_summaries.py
"""

import contextlib
import io
import json
import os

CASES = [
    "MobileNet(weights=None)",
    "MobileNetV2(weights=None)",
    (
        "MobileNet(weights=None, input_shape=(128, 128, 3), alpha=0.5, depth_multiplier=2, "
        "classes=10)"
    ),
    "MobileNet(weights=None, include_top=False, pooling='avg', input_shape=(96, 96, 1))",
    "MobileNet(weights=None, include_top=False, pooling='max')",
    (
        "MobileNetV2(weights=None, input_shape=(96, 96, 3), alpha=0.35, classes=5, "
        "classifier_activation=None)"
    ),
    "MobileNetV2(weights=None, include_top=False, pooling='avg', alpha=1.4)",
    "MobileNetV2(weights=None, include_top=False, input_shape=(75, 75, 3))",
    "MobileNetV2(weights=None, input_shape=(65, 97, 3), alpha=0.75)",
]


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.keras.applications import MobileNet, MobileNetV2

    summaries = {}
    for code in CASES:
        tf.keras.backend.clear_session()
        model = eval(code, {"MobileNet": MobileNet, "MobileNetV2": MobileNetV2})
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            model.summary()
        summaries[code] = {
            "summary": text.getvalue(),
            "params": model.count_params(),
            "layers": len(model.layers),
        }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mobilenet_summaries.json")
    with open(path, "w") as f:
        json.dump(summaries, f, indent=1)
        f.write("\n")
    print(f"recorded {len(summaries)} summaries")


if __name__ == "__main__":
    main()
