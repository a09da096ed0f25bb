"""What predict / .numpy() hand back behave as tutorials written for tf.keras 2.15 (numpy 1.26)
expect under numpy 2: a one-element row converts to a Python number (with numpy 1.26's
DeprecationWarning), everything else is plain numpy, and the subclass never enters pynn."""

import pickle
import warnings

import numpy as np
import pytest

from pynn import keras, tf
from pynn.core.result_array import ResultArray


def _xor_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.layers.Dense(4, activation="sigmoid", input_shape=(2,)),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    return model


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")


def test_seed_003_formats_a_row_of_predict_output_with_percent_f():
    model = _xor_model()
    prediction = model.predict(tf.constant(X), batch_size=1, verbose=0)
    with pytest.warns(DeprecationWarning, match="Conversion of an array with ndim > 0"):
        lines = [
            "%d XOR %d => %.2f" % (x[0], x[1], y)  # noqa: UP031 - the tutorial's line
            for x, y in zip(tf.constant(X), prediction, strict=True)
        ]
    assert lines[0] == f"0 XOR 0 => {float(prediction[0, 0]):.2f}"
    with pytest.warns(DeprecationWarning):
        assert int(np.array([[3]]).view(ResultArray)) == 3
    with pytest.warns(DeprecationWarning):
        assert complex(prediction[1]) == complex(prediction[1, 0])


def test_the_warning_points_at_the_users_line():
    row = _xor_model().predict(X, verbose=0)[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        float(row)
    assert caught[0].filename == __file__


def test_only_one_element_converts_as_in_numpy():
    prediction = _xor_model().predict(X, verbose=0)
    with pytest.raises(TypeError, match="only 0-dimensional arrays|only length-1 arrays|size-1"):
        float(prediction)


def test_it_is_numpy_in_every_other_respect():
    prediction = _xor_model().predict(X, verbose=0)
    plain = np.asarray(prediction).view(np.ndarray)
    assert isinstance(prediction, np.ndarray)
    assert str(type(prediction)) == "<class 'numpy.ndarray'>"
    assert repr(prediction) == repr(plain) and str(prediction) == str(plain)
    assert prediction.dtype == np.float32 and prediction.shape == (4, 1)
    np.testing.assert_array_equal(prediction * 2 + 1, plain * 2 + 1)
    assert np.argmax(prediction) == np.argmax(plain)
    assert type(prediction[0, 0]) is np.float32
    # reductions give numpy scalars, as on a plain array (not 0-d ResultArrays)
    assert type(prediction.mean()) is np.float32 and type(np.sum(prediction > 0)) is np.int64
    assert type(prediction.sum(axis=0)) is ResultArray
    assert prediction.tolist() == plain.tolist()
    assert bool(prediction[0] > -1)
    restored = pickle.loads(pickle.dumps(prediction))
    assert type(restored) is np.ndarray
    np.testing.assert_array_equal(restored, plain)


def test_tensor_numpy_is_a_view_and_variables_copy():
    t = tf.constant([[1.5]])
    a = t.numpy()
    assert type(a) is ResultArray and np.shares_memory(a, t._value)
    with pytest.warns(DeprecationWarning):
        assert float(tf.constant([2.5]).numpy()) == 2.5
    assert type(tf.constant(3.0).numpy()) is np.float32  # 0-d: a numpy scalar, as TF
    v = tf.Variable([[1.0, 2.0]])
    b = v.numpy()
    assert type(b) is ResultArray and not np.shares_memory(b, v._value)


def test_the_subclass_never_enters_pynn():
    model = _xor_model()
    prediction = model.predict(X, verbose=0)
    for value in (
        tf.constant(prediction),
        tf.convert_to_tensor(prediction),
        tf.constant(prediction, dtype=tf.float64),
        tf.Variable(prediction),
        tf.constant(tf.constant([[1.0]]).numpy()),
        tf.add(prediction, 1.0),
    ):
        assert type(value._value) is np.ndarray
    inputs = tf.constant(X).numpy()
    model.fit(inputs, prediction, epochs=2, verbose=0)
    assert all(type(w._value) is np.ndarray for w in model.weights)
    assert all(type(w) is np.ndarray for w in model.get_weights())
    out = model(inputs)
    assert type(out._value) is np.ndarray


def test_predict_on_batch_and_multi_output_predict():
    inputs = keras.Input((2,))
    model = keras.Model(inputs, [keras.layers.Dense(1)(inputs), keras.layers.Dense(2)(inputs)])
    first, second = model.predict(X, verbose=0)
    assert type(first) is ResultArray and type(second) is ResultArray
    with pytest.warns(DeprecationWarning):
        assert isinstance(float(first[0]), float)
    assert type(model.predict_on_batch(X)[0]) is ResultArray
