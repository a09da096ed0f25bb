"""Layer configs written by tf.keras 2.15 (layer_configs.json, recorded by
record_layer_configs.py) load in pynn and serialize back unchanged, so JSON and `.keras`
files travel both ways."""

import json
import os

import pytest

import pynn.keras.layers as layers_module
from pynn.keras.utils.generic_utils import deserialize_keras_object, serialize_keras_object

with open(os.path.join(os.path.dirname(__file__), "layer_configs.json")) as f:
    CONFIGS = json.load(f)

LAYER_CLASSES = {name: obj for name, obj in vars(layers_module).items() if isinstance(obj, type)}


def _jsonable(value):
    return json.loads(json.dumps(value))


@pytest.mark.parametrize(
    "config", CONFIGS, ids=[f"{c['class_name']}-{i}" for i, c in enumerate(CONFIGS)]
)
def test_tf_keras_config_round_trips_through_pynn(config):
    layer = deserialize_keras_object(config, LAYER_CLASSES, "layer")
    assert type(layer).__name__ == config["class_name"]
    assert _jsonable(serialize_keras_object(layer)) == config
