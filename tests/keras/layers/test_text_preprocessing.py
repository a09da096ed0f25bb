"""Text preprocessing beyond the printed parity (tests/parity/test_preprocessing.py): the
import paths tutorials use, the lookup layers inside fit's replayed step, config round trips,
and the errors."""

import numpy as np
import pytest

from pynn import keras, tf
from pynn.core.errors import InvalidArgumentError
from tests.keras.engine.test_step_replay import assert_replay_matches_eager
from tests.tf.test_shim_imports import run_python

TEXTS = np.array(
    ["나는 학교에 간다.", "The cat sat on the MAT!", "the dog ate; the cat ran", "학교에 간다 간다"]
    * 6
)
LABELS = np.arange(len(TEXTS)) % 2


def test_tutorial_import_paths():
    result = run_python("""
        from pynn import shim
        shim.install()
        from tensorflow.keras.preprocessing.sequence import pad_sequences
        from tensorflow.keras.preprocessing.text import Tokenizer
        from tensorflow.keras.layers import TextVectorization, StringLookup, IntegerLookup
        from keras.preprocessing import sequence, text
        import tensorflow as tf
        assert sequence.pad_sequences is pad_sequences is tf.keras.utils.pad_sequences
        tok = Tokenizer(oov_token="<OOV>")
        tok.fit_on_texts(["안녕 세계", "안녕"])
        print(pad_sequences(tok.texts_to_sequences(["안녕 친구"]), maxlen=3).tolist())
        print(tf.strings.split("안녕 세계"))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[[0, 2, 1]]",
        (
            r"tf.Tensor([b'\xec\x95\x88\xeb\x85\x95' b'\xec\x84\xb8\xea\xb3\x84'], shape=(2,), "
            "dtype=string)"
        ),
    ]


def _text_model(layer_factory):
    def build():
        layer = layer_factory()
        layer.adapt(TEXTS)
        model = keras.Sequential(
            [
                keras.Input(shape=(1,), dtype=tf.string),
                layer,
                keras.layers.Embedding(16, 4),
                keras.layers.GlobalAveragePooling1D(),
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile("adam", "binary_crossentropy")
        return model

    return build


def test_text_vectorization_trains_with_replayed_steps():
    assert_replay_matches_eager(
        _text_model(
            lambda: keras.layers.TextVectorization(max_tokens=16, output_sequence_length=6)
        ),
        TEXTS[:, None],
        LABELS,
        epochs=2,
        batch_size=4,
    )


def test_string_lookup_trains_with_replayed_steps():
    words = np.array([t.split()[0] for t in TEXTS])
    assert_replay_matches_eager(
        _text_model(lambda: keras.layers.StringLookup(max_tokens=16)),
        words[:, None],
        LABELS,
        epochs=2,
        batch_size=4,
    )


def test_multi_hot_text_model_replays():
    def build():
        layer = keras.layers.TextVectorization(max_tokens=16, output_mode="tf_idf")
        layer.adapt(TEXTS)
        model = keras.Sequential(
            [
                keras.Input(shape=(1,), dtype=tf.string),
                layer,
                keras.layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.compile("adam", "binary_crossentropy")
        return model

    assert_replay_matches_eager(build, TEXTS[:, None], LABELS, epochs=2, batch_size=4)


def test_config_round_trip_keeps_the_vocabulary():
    layer = keras.layers.TextVectorization(vocabulary=["학교에", "cat"], output_sequence_length=4)
    clone = keras.layers.TextVectorization.from_config(layer.get_config())
    assert clone.get_vocabulary() == ["", "[UNK]", "학교에", "cat"]
    np.testing.assert_array_equal(clone(["cat 학교에 x"]).numpy(), [[3, 2, 1, 0]])
    lookup = keras.layers.StringLookup(vocabulary=["a", "b"], output_mode="one_hot")
    clone = keras.layers.StringLookup.from_config(lookup.get_config())
    # a one-element 1-D input is not expanded before one-hot encoding, as in tf.keras
    np.testing.assert_array_equal(clone(tf.constant(["b"])).numpy(), [0, 0, 1])


def test_vocabulary_file(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("안녕\n세계\n", encoding="utf-8")
    layer = keras.layers.StringLookup(vocabulary=str(path))
    assert layer.get_vocabulary() == ["[UNK]", "안녕", "세계"]
    with pytest.raises(ValueError, match="does not exist"):
        keras.layers.StringLookup(vocabulary=str(tmp_path / "missing.txt"))


def test_errors():
    with pytest.raises(InvalidArgumentError, match="could not correctly convert string: x"):
        tf.strings.to_number(["1", "x"])
    with pytest.raises(TypeError, match="string Tensor"):
        tf.strings.lower(tf.constant([1.0]))
    with pytest.raises(ValueError, match="expects string inputs"):
        keras.layers.StringLookup(vocabulary=["a"])(tf.constant([1.0]))
    with pytest.raises(ValueError, match="salt` argument for `Hashing` can only be a tuple"):
        keras.layers.Hashing(4, salt=[1, 2, 3])
