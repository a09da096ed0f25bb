"""Every loss against tf.keras 2.15 (see record_reference.py), plus gradients and errors."""

import warnings

import numpy as np
import pytest

from pynn import ops
from pynn.core.autodiff import GradientTape
from pynn.core.errors import InvalidArgumentError
from pynn.core.tensor import Variable, constant
from pynn.keras import losses
from tests.keras.losses.record_reference import CASES, inputs
from tests.keras.losses.reference_values import LOSS_VALUES


def masked(x, mask):
    tensor = constant(x)
    tensor._keras_mask = constant(mask)
    return tensor


@pytest.mark.parametrize("key", list(CASES))
def test_loss_matches_tf_keras(key):
    namespace = {"losses": losses, "np": np, "T": constant, "M": masked, **inputs()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = eval(CASES[key], namespace)
    np.testing.assert_allclose(result.numpy(), LOSS_VALUES[key], rtol=1e-5, atol=1e-6)
    assert result.dtype.name == "float32"


def test_aliases_are_the_same_functions():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.mae is losses.MAE is losses.mean_absolute_error
    assert losses.mape is losses.mean_absolute_percentage_error
    assert losses.msle is losses.mean_squared_logarithmic_error
    assert losses.kld is losses.kullback_leibler_divergence is losses.kl_divergence
    assert losses.logcosh is losses.log_cosh
    assert losses.huber_loss is losses.huber
    assert losses.bce is losses.binary_crossentropy


@pytest.mark.parametrize(
    "name, expected",
    [
        ("mse", losses.mean_squared_error),
        ("mean_squared_error", losses.mean_squared_error),
        ("categorical_crossentropy", losses.categorical_crossentropy),
        ("sparse_categorical_crossentropy", losses.sparse_categorical_crossentropy),
        ("binary_crossentropy", losses.binary_crossentropy),
        ("huber_loss", losses.huber),
        ("logcosh", losses.log_cosh),
        ("kld", losses.kl_divergence),
    ],
)
def test_get_function_names(name, expected):
    assert losses.get(name) is expected


def test_get_class_names_returns_instances():
    loss = losses.get("CategoricalCrossentropy")
    assert isinstance(loss, losses.CategoricalCrossentropy)
    assert loss.name == "categorical_crossentropy"
    assert losses.get(loss) is loss
    assert losses.get(None) is None


def test_get_unknown_raises_like_keras():
    with pytest.raises(ValueError, match=r"Unknown loss function: 'msee'\. Please ensure you"):
        losses.get("msee")
    with pytest.raises(ValueError, match="Unknown loss function: 'accuracy'"):
        losses.get("accuracy")
    with pytest.raises(ValueError, match="Could not interpret loss function identifier: 3"):
        losses.get(3)


def test_config_and_serialization_match_keras():
    assert losses.MeanSquaredError().get_config() == {
        "reduction": "auto",
        "name": "mean_squared_error",
        "fn": "mean_squared_error",
    }
    assert losses.BinaryCrossentropy().get_config() == {
        "reduction": "auto",
        "name": "binary_crossentropy",
        "from_logits": False,
        "label_smoothing": 0.0,
        "axis": -1,
        "fn": "binary_crossentropy",
    }
    config = losses.serialize(losses.SparseCategoricalCrossentropy(from_logits=True))
    assert config["module"] == "keras.losses"
    clone = losses.deserialize(config)
    assert isinstance(clone, losses.SparseCategoricalCrossentropy)
    assert clone._fn_kwargs["from_logits"] is True
    with pytest.warns(UserWarning, match="should only be used for objects of type"):
        function_config = losses.serialize(losses.mse)
    assert losses.deserialize(function_config) is losses.mean_squared_error
    assert losses.get({"class_name": "Huber", "config": {"delta": 2.0}})._fn_kwargs == {
        "delta": 2.0
    }


def test_positional_arguments_follow_keras_order():
    assert losses.BinaryCrossentropy(True).from_logits is True
    assert losses.Huber(0.5)._fn_kwargs["delta"] == 0.5


def test_invalid_reduction():
    with pytest.raises(ValueError, match="Invalid Reduction Key: mean"):
        losses.MeanSquaredError(reduction="mean")


def test_sparse_labels_out_of_range_raise_invalid_argument():
    probs = np.full((2, 10), 0.1, np.float32)
    with pytest.raises(InvalidArgumentError) as info:
        losses.sparse_categorical_crossentropy(np.array([1, 10]), probs)
    assert str(info.value) == (
        "Received a label value of 10 which is outside the valid range of [0, 10).  "
        "Label values: 1 10"
    )
    with pytest.raises(InvalidArgumentError, match="label value of -1 .*Label values: 10 1 -1"):
        losses.sparse_categorical_crossentropy(np.array([10, 1, -1]), np.full((3, 10), 0.1))


def test_categorical_crossentropy_with_integer_labels_is_a_shape_error():
    with pytest.raises(ValueError, match=r"Shapes \(4, 1\) and \(4, 5\) are incompatible"):
        losses.categorical_crossentropy(
            np.zeros((4, 1), np.float32), np.full((4, 5), 0.2, np.float32)
        )


def test_softmax_output_is_scored_from_its_logits():
    logits = constant([[30.0, -30.0, 0.0]])
    probs = ops.softmax(logits)
    probs._keras_logits = logits
    from_logits = losses.categorical_crossentropy([[0.0, 1.0, 0.0]], logits, from_logits=True)
    # Without the logits the probability would be clipped at 1e-7 (loss 16.118).
    np.testing.assert_allclose(
        losses.categorical_crossentropy([[0.0, 1.0, 0.0]], probs).numpy(),
        from_logits.numpy(),
        rtol=1e-6,
    )
    with pytest.warns(UserWarning, match="received `from_logits=True`, but the `output`"):
        losses.categorical_crossentropy([[0.0, 1.0, 0.0]], probs, from_logits=True)


def test_losses_are_differentiable():
    w = Variable(np.array([[0.5, -0.25, 1.0]], np.float32))
    y_true = np.array([[0.0, 1.0, 0.0]], np.float32)
    for loss in (
        losses.MeanSquaredError(),
        losses.CategoricalCrossentropy(from_logits=True),
        losses.Huber(),
        losses.LogCosh(),
    ):
        with GradientTape() as tape:
            value = loss(y_true, w * 1.0)
        grad = tape.gradient(value, w)
        assert grad is not None and grad.shape == (1, 3)
    with GradientTape() as tape:
        value = losses.MeanSquaredError()(y_true, w * 1.0)
    np.testing.assert_allclose(
        tape.gradient(value, w).numpy(), 2 * (w.numpy() - y_true) / 3, rtol=1e-6
    )
    with GradientTape() as tape:
        value = losses.CategoricalCrossentropy(from_logits=True)(y_true, w * 1.0)
    softmax = np.exp(w.numpy()) / np.exp(w.numpy()).sum()
    np.testing.assert_allclose(tape.gradient(value, w).numpy(), softmax - y_true, rtol=1e-5)


def test_custom_loss_subclass():
    class MeanError(losses.Loss):
        def call(self, y_true, y_pred):
            return ops.mean(ops.subtract(y_pred, y_true), axis=-1)

    value = MeanError()(
        np.zeros((2, 2), np.float32),
        np.ones((2, 2), np.float32),
        sample_weight=np.array([1.0, 3.0], np.float32),
    )
    assert float(value) == 2.0
