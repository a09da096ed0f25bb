"""`keras.applications`: reference architectures, built without pretrained weights.

pynn cannot download the ImageNet weights, so `weights="imagenet"` (the default) builds the
architecture with random weights and a loud warning that its predictions mean nothing;
`weights=None` builds the same layers, names, shapes and parameter counts as tf.keras 2.15
(randomly initialized), and `weights="path/to/file"` loads a weights file you have.
"""

from pynn.keras.applications import mobilenet, mobilenet_v2
from pynn.keras.applications.mobilenet import MobileNet
from pynn.keras.applications.mobilenet_v2 import MobileNetV2

__all__ = ["MobileNet", "MobileNetV2", "mobilenet", "mobilenet_v2"]
