"""pynn's `keras.datasets` against what tf.keras 2.15 returns (tests/fixtures/datasets.json,
recorded by tests/reference/record_datasets.py): tf.keras's own Fashion-MNIST loader, fed the
bundled subset from its cache, gives arrays identical to pynn's `load_data()`, down to dtype,
writeability and every byte; the loaders have tf.keras's signatures."""

import inspect
import json
import os

import pytest

from pynn.keras import datasets
from tests.reference.array_digest import describe

FIXTURE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "datasets.json")
with open(FIXTURE, encoding="utf-8") as fixture_file:
    REFERENCE = json.load(fixture_file)


def test_fashion_mnist_is_what_tf_keras_loads_from_the_same_images():
    (x_train, y_train), (x_test, y_test) = datasets.fashion_mnist.load_data()
    expected = REFERENCE["fashion_mnist"]
    assert type(x_train).__name__ == expected["type"]
    got = {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}
    for key, array in got.items():
        assert describe(array) == expected[key], key


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist"])
def test_bundled_loaders_have_tf_keras_signatures(name):
    function = getattr(datasets, name).load_data
    assert str(inspect.signature(function)) == REFERENCE["signatures"][f"{name}.load_data"]


@pytest.mark.parametrize("call", sorted(REFERENCE["offline_errors"]))
def test_datasets_not_shipped_fail_where_offline_tf_keras_fails(call):
    """tf.keras 2.15 without a network raises a bare `Exception('URL fetch failure on ...')`
    at the same call; pynn raises a RuntimeError subclass (so `except Exception` catches both)
    that says why and what is available instead."""
    expected = REFERENCE["offline_errors"][call]
    assert expected["type"] == "Exception" and "URL fetch failure" in expected["message"]
    module, function = call.split(".")
    with pytest.raises(Exception) as raised:  # the type tf.keras raises
        getattr(getattr(datasets, module), function)()
    assert isinstance(raised.value, datasets.DatasetUnavailableError)
    assert f"keras.datasets.{module}.{function}()" in str(raised.value)
    assert "fashion_mnist.load_data()" in str(raised.value)
