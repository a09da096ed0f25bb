"""BatchNormalization, LayerNormalization and the Normalization preprocessing layer."""

import numpy as np
import pytest

from pynn import keras
from pynn.keras import layers
from tests.gradcheck import check_gradients

R = np.random.default_rng(2)


def test_batchnorm_weights_defaults_and_trainability():
    bn = layers.BatchNormalization()
    bn(np.zeros((2, 3, 3, 4), "float32"))
    assert [w.name for w in bn.weights] == [
        "batch_normalization/gamma:0",
        "batch_normalization/beta:0",
        "batch_normalization/moving_mean:0",
        "batch_normalization/moving_variance:0",
    ]
    assert [w.name for w in bn.trainable_weights] == [
        "batch_normalization/gamma:0",
        "batch_normalization/beta:0",
    ]
    assert (bn.momentum, bn.epsilon) == (0.99, 1e-3)
    assert bn.count_params() == 16


def test_batchnorm_training_uses_batch_statistics_and_updates_moving_ones():
    bn = layers.BatchNormalization(momentum=0.5)
    x = (R.standard_normal((64, 3)) * 4 + 2).astype("float32")
    y = bn(x, training=True).numpy()
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(y.var(axis=0), x.var(axis=0) / (x.var(axis=0) + 1e-3), rtol=1e-4)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.5 * x.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.numpy(), 0.5 + 0.5 * x.var(axis=0), rtol=1e-5)


def test_batchnorm_inference_uses_moving_statistics():
    bn = layers.BatchNormalization()
    x = (R.standard_normal((8, 3)) * 4 + 2).astype("float32")
    np.testing.assert_allclose(bn(x).numpy(), x / np.sqrt(1 + 1e-3), rtol=1e-6)
    before = bn.moving_mean.numpy().copy()
    bn(x, training=False)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), before)


def test_frozen_batchnorm_runs_in_inference_mode_even_when_training():
    bn = layers.BatchNormalization()
    x = np.full((2, 3), 5.0, "float32")
    bn(x)
    bn.trainable = False
    np.testing.assert_allclose(bn(x, training=True).numpy(), 5 / np.sqrt(1.001), rtol=1e-6)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), 0)


def test_fit_updates_the_moving_statistics_of_a_cnn():
    model = keras.Sequential(
        [
            keras.Input(shape=(6, 6, 1)),
            layers.Conv2D(4, 3),
            layers.BatchNormalization(),
            layers.GlobalAveragePooling2D(),
            layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    bn = model.layers[1]
    assert len(model.non_trainable_weights) == 2
    model.fit(
        R.random((16, 6, 6, 1)).astype("float32"),
        R.integers(0, 2, 16),
        epochs=1,
        batch_size=8,
        verbose=0,
    )
    assert np.any(bn.moving_mean.numpy() != 0)
    assert np.any(bn.moving_variance.numpy() != 1)


def test_batchnorm_rejects_what_pynn_does_not_implement():
    with pytest.raises(ValueError, match="renorm"):
        layers.BatchNormalization(renorm=True)
    with pytest.raises(TypeError, match="argument 'axis'"):
        layers.BatchNormalization(axis="channels")
    with pytest.raises(ValueError, match="Invalid value for `axis`"):
        layers.BatchNormalization(axis=3)(np.zeros((2, 3), "float32"))


def test_layernorm_normalizes_each_sample():
    ln = layers.LayerNormalization()
    x = (R.standard_normal((3, 10)) * 5 + 1).astype("float32")
    y = ln(x).numpy()
    np.testing.assert_allclose(y.mean(axis=1), 0, atol=1e-5)
    assert ln.epsilon == 1e-3
    assert [w.name for w in ln.weights] == [
        "layer_normalization/gamma:0",
        "layer_normalization/beta:0",
    ]
    assert ln.get_config()["axis"] == [1]


def test_normalization_adapt_then_call():
    norm = layers.Normalization()
    data = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]], "float32")
    norm.adapt(data)
    np.testing.assert_allclose(norm.mean, [[2.0, 20.0]])
    np.testing.assert_allclose(norm(data).numpy(), (data - data.mean(0)) / data.std(0), rtol=1e-5)
    assert [w.name for w in norm.weights] == ["mean:0", "variance:0", "count:0"]
    assert int(norm.count.numpy()) == 3
    assert norm.count_params() == 5


def test_normalization_adapt_merges_batches_exactly():
    data = R.standard_normal((100, 3)).astype("float32") * [1, 2, 3]
    norm = layers.Normalization(axis=None)
    norm.adapt(data, batch_size=7)
    assert float(norm.adapt_mean.numpy()) == pytest.approx(data.mean(), rel=1e-5)
    assert float(norm.adapt_variance.numpy()) == pytest.approx(data.var(), rel=1e-5)


def test_normalization_with_given_statistics_and_invert():
    norm = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 9.0])
    np.testing.assert_allclose(norm(np.array([[3.0, 5.0]], "float32")).numpy(), [[1, 1]])
    assert norm.weights == []
    inverse = layers.Normalization(mean=2.0, variance=4.0, invert=True)
    np.testing.assert_allclose(inverse(np.array([[1.0, 2.0]], "float32")).numpy(), [[4, 6]])
    with pytest.raises(ValueError, match="both `mean` and `variance` must be set"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="Cannot `adapt` a Normalization layer"):
        norm.adapt(np.zeros((2, 2), "float32"))


def test_adapted_normalization_in_a_model():
    data = (R.standard_normal((50, 4)) * 3 + 5).astype("float32")
    norm = layers.Normalization()
    norm.adapt(data)
    model = keras.Sequential([norm, layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(data, data[:, :1], epochs=1, verbose=0)
    assert model.predict(data, verbose=0).shape == (50, 1)


@pytest.mark.parametrize(
    "make,shape,kwargs",
    [
        (lambda: layers.BatchNormalization(dtype="float64"), (4, 3), {"training": True}),
        (lambda: layers.BatchNormalization(axis=1, dtype="float64"), (3, 2, 4), {"training": True}),
        (lambda: layers.BatchNormalization(dtype="float64"), (4, 3), {"training": False}),
        (lambda: layers.LayerNormalization(dtype="float64"), (3, 4), {}),
        (lambda: layers.LayerNormalization(axis=[1, 2], dtype="float64"), (2, 3, 2), {}),
    ],
)
def test_normalization_gradients(make, shape, kwargs):
    layer = make()
    x = R.standard_normal(shape)
    layer(x)
    check_gradients(
        lambda t: layer(t, **kwargs), x, params=layer.trainable_weights, atol=1e-5, rtol=1e-4
    )


def test_normalization_mean_and_variance_are_tensors():
    # "Basic regression": normalizer.adapt(train_features); print(normalizer.mean.numpy())
    norm = layers.Normalization(axis=-1)
    data = np.array([[1.0, 10.0], [3.0, 30.0]], "float32")
    norm.adapt(data)
    np.testing.assert_allclose(norm.mean.numpy(), [[2.0, 20.0]])
    np.testing.assert_allclose(norm.variance.numpy(), [[1.0, 100.0]])
    fixed = layers.Normalization(mean=2.0, variance=4.0)
    fixed.build((None, 3))
    assert fixed.mean.numpy().shape == (1, 3)
    np.testing.assert_allclose(fixed(np.full((1, 3), 4.0, "float32")).numpy(), 1.0)
