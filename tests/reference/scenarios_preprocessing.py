"""Text and image preprocessing, compared on everything printed (`preprocessing` family):
keras.preprocessing (pad_sequences, Tokenizer), the lookup and TextVectorization layers, string
tensors and tf.strings, with Korean text throughout. Names: `tf`, `keras`, `layers`, `np`."""

from textwrap import dedent

S = {}


def scenario(name, code):
    assert name not in S, name
    S[name] = dedent(code).strip() + "\n"


KOREAN = '["나는 학교에 간다.", "The cat sat on the MAT!", "the dog ate; the cat ran", "학교에 간다 간다"]'

scenario("string_tensors_print_as_bytes", """
    t = tf.constant(["안녕", "세계"])
    print(t); print(repr(t)); print(t.numpy()); print(t[0]); print(t[0].numpy())
    print(t.dtype, t.shape)
    print(tf.constant("hello 세계"))
    print(tf.constant([["a", "b"], ["가", "나"]]))
""")

scenario("tf_strings_basics", """
    print(tf.strings.split(tf.constant(["a b", "안녕 하세요 세계"])))
    print(tf.strings.split("a b  c"))
    print(tf.strings.split(tf.constant(["a,b", "c"]), sep=","))
    x = tf.strings.split(tf.constant(["a b", "c"]))
    print(x.to_list()); print(x.to_tensor()); print(x.shape, x[0])
    s = tf.constant(["안녕", "ab"])
    print(tf.strings.length(s), tf.strings.length(s, unit="UTF8_CHAR"))
    print(tf.strings.join(["a", "b"], separator="-"))
    print(tf.strings.join([tf.constant(["a", "b"]), tf.constant(["c", "d"])]))
    print(tf.strings.lower("HeLLo ÀB"), tf.strings.upper("abc"))
    print(tf.strings.lower("HeLLo ÀB", encoding="utf-8"))
    print(tf.strings.regex_replace(tf.constant(["Hello, World!", "안녕, 세계!"]), "[^a-z가-힣 ]", ""))
    print(tf.strings.regex_replace("a1b22", r"(\\d+)", r"<\\1>"))
    print(tf.strings.unicode_split("안녕", "UTF-8"))
    print(tf.strings.unicode_split(["안녕", "abc"], "UTF-8"))
    print(tf.strings.unicode_decode("안녕", "UTF-8"))
    print(tf.strings.unicode_decode(["안녕", "a"], "UTF-8"))
    print(tf.strings.unicode_encode([50504, 45397], "UTF-8"))
    print(tf.strings.to_number(["1.5", "2"]), tf.strings.to_number(["1", "2"], out_type=tf.int32))
    print(tf.strings.reduce_join(["a", "b", "c"]))
    print(tf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1, separator=" "))
    print(tf.strings.as_string([1.5, 2.0]), tf.strings.as_string([1, 2]))
    print(tf.strings.as_string(3.14159, precision=2))
    print(tf.strings.strip(" ab "), tf.strings.substr("hello", 1, 3))
    print(tf.strings.substr("안녕하세요", 1, 2, unit="UTF8_CHAR"))
    print(tf.ragged.constant([[1, 2, 3], [4]]))
""")

scenario("pad_sequences", """
    pad_sequences = keras.preprocessing.sequence.pad_sequences
    seqs = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10]]
    print(pad_sequences(seqs))
    print(pad_sequences(seqs, maxlen=4, padding="post", truncating="post", value=-1))
    print(keras.preprocessing.sequence.pad_sequences(seqs, maxlen=2).dtype)
""")

scenario("tokenizer_korean", """
    Tokenizer = keras.preprocessing.text.Tokenizer
    text_to_word_sequence = keras.preprocessing.text.text_to_word_sequence
    hashing_trick = keras.preprocessing.text.hashing_trick
    tokenizer_from_json = keras.preprocessing.text.tokenizer_from_json
    texts = ["나는 학교에 간다", "나는 밥을 먹는다. 학교에 간다!", "The cat sat on the mat",
             "the dog, the CAT"]
    tok = Tokenizer(num_words=5, oov_token="<OOV>")
    tok.fit_on_texts(texts)
    print(tok.word_index)
    print(tok.word_counts)
    print(sorted(tok.word_docs.items()), sorted(tok.index_docs.items()))
    print(tok.document_count)
    seqs = tok.texts_to_sequences(texts + ["새로운 문장 the"])
    print(seqs)
    print(tok.sequences_to_texts(seqs))
    for mode in ["binary", "count", "freq", "tfidf"]:
        print(mode, tok.texts_to_matrix(texts[:2], mode=mode).round(4).tolist())
    t2 = Tokenizer()
    t2.fit_on_texts(texts)
    print(t2.word_index, t2.texts_to_sequences(["학교에 the 없음"]))
    t3 = Tokenizer(char_level=True)
    t3.fit_on_texts(["안녕 안"])
    print(t3.word_index)
    print(text_to_word_sequence("Hello, World! 안녕하세요."))
    print(hashing_trick("a b c", 10, "md5"))
    print(tokenizer_from_json(tok.to_json()).texts_to_sequences(["나는 the"]))
    print(tok.get_config()["word_counts"])
    try:
        Tokenizer().sequences_to_matrix([[1]])
    except ValueError as e:
        print("ValueError", e)
    Tokenizer(foo=1)
""")

scenario("text_vectorization_int", f"""
    data = {KOREAN}
    tv = layers.TextVectorization(max_tokens=12, output_sequence_length=6)
    tv.adapt(data)
    print(tv.get_vocabulary())
    print(tv(data))
    print(tv(["새로운 cat 학교에"]))
    print(tv.vocabulary_size())
    print(tv.get_config())
    tv6 = layers.TextVectorization()
    tv6.adapt(tf.data.Dataset.from_tensor_slices(data).batch(2))
    print(tv6(tf.constant(data)))
    tv7 = layers.TextVectorization(vocabulary=["학교에", "cat"], ragged=True)
    print(tv7(data))
    print(tv7.get_vocabulary(), tv7.get_config()["vocabulary"])
""")

scenario("text_vectorization_modes", f"""
    data = {KOREAN}
    tv2 = layers.TextVectorization(output_mode="multi_hot")
    tv2.adapt(data)
    print(tv2(data[:2]))
    tv3 = layers.TextVectorization(output_mode="count", ngrams=2)
    tv3.adapt(data)
    print(tv3.get_vocabulary()[:8], tv3(data[:1]))
    tv4 = layers.TextVectorization(output_mode="tf_idf")
    tv4.adapt(data)
    print(tv4(data[:2]))
    tv5 = layers.TextVectorization(split="character", standardize="lower")
    tv5.adapt(["안녕 ab", "ab"])
    print(tv5.get_vocabulary(), tv5(["안 b"]))
    tv8 = layers.TextVectorization(max_tokens=6, output_mode="multi_hot", pad_to_max_tokens=True)
    tv8.adapt(data)
    print(tv8(data[:1]))
    tv9 = layers.TextVectorization(standardize=None, split=None)
    tv9.adapt(["A b", "A b", "c"])
    print(tv9.get_vocabulary(), tv9(np.array([["A b"], ["z"]])))
    def custom(x):
        return tf.strings.regex_replace(tf.strings.lower(x), "[^a-z ]", "")
    tv10 = layers.TextVectorization(standardize=custom, output_sequence_length=3)
    tv10.adapt(["Hello, World!", "hello there"])
    print(tv10.get_vocabulary(), tv10(["HELLO world 안녕"]))
""")

scenario("text_vectorization_in_a_model", f"""
    data = {KOREAN}
    tv = layers.TextVectorization(max_tokens=12, output_sequence_length=6)
    tv.adapt(data)
    inp = keras.Input(shape=(1,), dtype=tf.string)
    x = tv(inp)
    print(x.shape, x.dtype)
    model = keras.Sequential([keras.Input(shape=(1,), dtype=tf.string), tv,
                              layers.Embedding(12, 4), layers.GlobalAveragePooling1D(),
                              layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    model.summary()
    h = model.fit(np.array(data)[:, None], np.array([1, 0, 0, 1]), epochs=3, verbose=0)
    print(len(h.history["loss"]), model.predict(np.array(data)[:, None], verbose=0).shape)
""")

scenario("string_and_integer_lookup", """
    sl = layers.StringLookup()
    sl.adapt(["a", "b", "b", "가", "c", "c", "c"])
    print(sl.get_vocabulary(), sl(tf.constant([["a", "c"], ["z", "가"]])))
    inv = layers.StringLookup(vocabulary=sl.get_vocabulary(), invert=True)
    print(inv(tf.constant([1, 2, 9])))
    sl2 = layers.StringLookup(vocabulary=["a", "b"], output_mode="one_hot")
    print(sl2(tf.constant(["a", "b", "z"])))
    sl3 = layers.StringLookup(vocabulary=["a", "b"], mask_token="", output_mode="multi_hot")
    print(sl3(tf.constant([["a", ""], ["b", "b"]])))
    print(sl3.get_config())
    sl4 = layers.StringLookup(vocabulary=["a", "b"], mask_token="[MASK]")
    print(sl4.get_vocabulary(), sl4(tf.constant(["[MASK]", "b", "q"])), sl4.vocabulary_size())
    il = layers.IntegerLookup()
    il.adapt([12, 36, 1138, 42, 12, 36, 36])
    print(il.get_vocabulary(), il(tf.constant([12, 1000, 36])))
    il2 = layers.IntegerLookup(vocabulary=[12, 36], mask_token=0, output_mode="count")
    print(il2(tf.constant([[12, 0, 36, 36]])))
    il3 = layers.IntegerLookup(vocabulary=[12, 36], num_oov_indices=2)
    print(il3(tf.constant([12, 7, 8, 36])), il3.get_vocabulary())
    print(layers.IntegerLookup(vocabulary=[12, 36], invert=True)(tf.constant([0, 1, 2, 5])))
    il4 = layers.IntegerLookup(output_mode="tf_idf")
    il4.adapt(np.array([[1, 1, 2], [2, 3, 3]]))
    print(il4.get_vocabulary(), il4(np.array([[1, 2, 2]])))
""")

for _name, _code in {
    "lookup_error_output_mode": 'layers.StringLookup(output_mode="bad")',
    "lookup_error_repeated": 'layers.StringLookup(vocabulary=["a", "a"])',
    "lookup_error_not_adapted": 'layers.StringLookup(output_mode="multi_hot")(tf.constant(["a"]))',
    "lookup_error_no_oov": 'layers.StringLookup(vocabulary=["a"], num_oov_indices=0)'
                           '(tf.constant(["z"]))',
    "text_vectorization_error_length": 'layers.TextVectorization(output_mode="count", '
                                       'output_sequence_length=3)',
    "text_vectorization_error_rank": 'layers.TextVectorization(vocabulary=["a"])'
                                     '(tf.constant([["a", "b"]]))',
}.items():
    scenario(_name, _code)

SCENARIOS = S
