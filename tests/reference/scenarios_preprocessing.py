"""Text and image preprocessing, compared on everything printed (`preprocessing` family):
keras.preprocessing (pad_sequences, Tokenizer, ImageDataGenerator), the lookup,
TextVectorization, image and encoding layers, string tensors, tf.strings, tf.image and the
tf.data extras (element_spec, repr, reduce, padded_batch, window/flat_map, from_generator),
with Korean text throughout. Names: `tf`, `keras`, `layers`, `np`."""

from textwrap import dedent

S = {}


def scenario(name, code):
    assert name not in S, name
    S[name] = dedent(code).strip() + "\n"


KOREAN = '["나는 학교에 간다.", "The cat sat on the MAT!", "the dog ate; the cat ran", "학교에 간다 간다"]'

scenario(
    "string_tensors_print_as_bytes",
    """
    t = tf.constant(["안녕", "세계"])
    print(t); print(repr(t)); print(t.numpy()); print(t[0]); print(t[0].numpy())
    print(t.dtype, t.shape)
    print(tf.constant("hello 세계"))
    print(tf.constant([["a", "b"], ["가", "나"]]))
""",
)

scenario(
    "tf_strings_basics",
    """
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
""",
)

scenario(
    "pad_sequences",
    """
    pad_sequences = keras.preprocessing.sequence.pad_sequences
    seqs = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10]]
    print(pad_sequences(seqs))
    print(pad_sequences(seqs, maxlen=4, padding="post", truncating="post", value=-1))
    print(keras.preprocessing.sequence.pad_sequences(seqs, maxlen=2).dtype)
""",
)

scenario(
    "tokenizer_korean",
    """
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
""",
)

scenario(
    "text_vectorization_int",
    f"""
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
""",
)

scenario(
    "text_vectorization_modes",
    f"""
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
""",
)

scenario(
    "text_vectorization_in_a_model",
    f"""
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
""",
)

scenario(
    "string_and_integer_lookup",
    """
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
""",
)

for _name, _code in {
    "lookup_error_output_mode": 'layers.StringLookup(output_mode="bad")',
    "lookup_error_repeated": 'layers.StringLookup(vocabulary=["a", "a"])',
    "lookup_error_not_adapted": 'layers.StringLookup(output_mode="multi_hot")(tf.constant(["a"]))',
    "lookup_error_no_oov": 'layers.StringLookup(vocabulary=["a"], num_oov_indices=0)'
    '(tf.constant(["z"]))',
    "text_vectorization_error_length": 'layers.TextVectorization(output_mode="count", '
    "output_sequence_length=3)",
    "text_vectorization_error_rank": 'layers.TextVectorization(vocabulary=["a"])'
    '(tf.constant([["a", "b"]]))',
}.items():
    scenario(_name, _code)

SCENARIOS = S

# ---------------------------------------------------------------------------- images
IMAGES = "np.random.default_rng(0).integers(0, 256, (2, 5, 6, 3)).astype('uint8')"

scenario(
    "image_layers_deterministic",
    f"""
    x = {IMAGES}
    def show(name, y):
        print(name, y.shape, y.dtype, np.round(np.asarray(y), 3).tolist())
    show("rescaling", layers.Rescaling(1. / 255)(x[:1, :2, :2]))
    show("rescaling_offset", layers.Rescaling(1. / 127.5, offset=-1)(x[:1, :2, :2]))
    show("resizing_down", layers.Resizing(3, 4)(x))
    show("resizing_up", layers.Resizing(7, 9)(x[:1]))
    show("resizing_nearest", layers.Resizing(3, 4, interpolation="nearest")(x))
    show("resizing_aspect", layers.Resizing(4, 4, crop_to_aspect_ratio=True)(x))
    show("resizing_single", layers.Resizing(2, 3)(x[0]))
    show("center_crop", layers.CenterCrop(3, 4)(x))
    show("center_crop_up", layers.CenterCrop(6, 8)(x[:1]))
    for layer in [layers.RandomFlip(), layers.RandomRotation(0.2), layers.RandomZoom(0.2),
                  layers.RandomTranslation(0.1, 0.1), layers.RandomContrast(0.5)]:
        y = layer(x, training=False)
        print(type(layer).__name__, "inference", y.dtype, np.array_equal(y, x.astype("float32")))
    print(layers.Rescaling(0.5).get_config())
    print(layers.Resizing(3, 4).get_config())
    print(layers.RandomRotation(0.2, seed=1).get_config())
    print(layers.RandomZoom(0.1, 0.2).get_config())
    print(layers.Resizing(3, 4).compute_output_shape((None, 5, 6, 3)))
""",
)

scenario(
    "image_transforms_with_fixed_factors",
    f"""
    x = {IMAGES}.astype("float32")
    def show(name, y):
        print(name, y.shape, np.round(np.asarray(y), 3).tolist())
    show("rotate_quarter", layers.RandomRotation((0.25, 0.25))(x, training=True))
    show("rotate_small", layers.RandomRotation((0.05, 0.05))(x, training=True))
    for fill in ["reflect", "wrap", "constant", "nearest"]:
        show("rotate_" + fill, layers.RandomRotation((0.1, 0.1), fill_mode=fill,
                                                     fill_value=7.0)(x, training=True))
    show("rotate_nearest_interp", layers.RandomRotation((0.1, 0.1), interpolation="nearest")(
        x, training=True))
    show("zoom_in", layers.RandomZoom((-0.5, -0.5))(x, training=True))
    show("zoom_out", layers.RandomZoom((0.3, 0.3), (0.6, 0.6), fill_mode="constant")(
        x, training=True))
    show("translate", layers.RandomTranslation((0.2, 0.2), (-0.3, -0.3))(x, training=True))
    show("translate_wrap", layers.RandomTranslation((0.4, 0.4), (0.5, 0.5),
                                                    fill_mode="wrap")(x, training=True))
    show("single_image", layers.RandomRotation((0.25, 0.25))(x[0], training=True))
""",
)

scenario(
    "category_encoding_and_discretization",
    """
    print(layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")([3, 2, 0, 1]))
    print(layers.CategoryEncoding(num_tokens=4)([[0, 1], [0, 0], [1, 2], [3, 1]]))
    print(layers.CategoryEncoding(num_tokens=4, output_mode="count")(
        [[0, 1], [0, 0], [1, 2], [3, 1]], count_weights=[[.1, .2], [.1, .1], [.2, .3], [.4, .2]]))
    print(layers.CategoryEncoding(num_tokens=3).compute_output_shape((None, 2)))
    x = np.array([[-1.5, 1.0, 3.4, .5], [0.0, 3.0, 1.3, 0.0]])
    print(layers.Discretization(bin_boundaries=[0., 1., 2.])(x))
    d = layers.Discretization(num_bins=4, epsilon=0.01)
    d.adapt(x)
    print(d.bin_boundaries, d(x))
    d2 = layers.Discretization(num_bins=3, output_mode="one_hot")
    d2.adapt(np.random.default_rng(1).normal(size=(200, 1)))
    print(np.round(d2.bin_boundaries, 4).tolist(), d2(np.array([[-2.0], [0.0], [2.0]])))
    d3 = layers.Discretization(bin_boundaries=[0.5], output_mode="count")
    print(d3(np.array([[0.1, 0.7, 0.9]])), d3.get_config())
    layers.CategoryEncoding(num_tokens=3)(np.array([[0, 5]]))
""",
)

scenario(
    "tf_image_basics",
    f"""
    x = {IMAGES}
    def show(name, y):
        print(name, y.shape, y.dtype, np.round(np.asarray(y), 3).tolist())
    show("resize", tf.image.resize(x, (3, 4)))
    show("resize_nearest", tf.image.resize(x, [3, 4], method="nearest"))
    show("resize_single", tf.image.resize(x[0], (4, 4)))
    show("resize_aspect", tf.image.resize(x, (3, 3), preserve_aspect_ratio=True))
    show("flip_lr", tf.image.flip_left_right(x[:1, :2, :3]))
    show("flip_ud", tf.image.flip_up_down(x[0, :2, :3]))
    show("gray", tf.image.rgb_to_grayscale(x[:1, :2, :2]))
    show("gray_float", tf.image.rgb_to_grayscale(x[:1, :2, :2].astype("float32") / 255))
    show("to_float", tf.image.convert_image_dtype(x[0, :1, :2], tf.float32))
    show("to_uint8", tf.image.convert_image_dtype(tf.constant([[0.0, 0.5, 1.0]]), tf.uint8))
    show("to_int16", tf.image.convert_image_dtype(x[0, :1, :2], tf.int16))
    show("contrast", tf.image.adjust_contrast(x[0, :2, :2].astype("float32"), 2.0))
    show("central_crop", tf.image.central_crop(x, 0.5))
    show("gray_rgb", tf.image.grayscale_to_rgb(tf.constant([[[1.0], [2.0]]])))
""",
)

scenario(
    "image_data_generator_flow",
    """
    ImageDataGenerator = keras.preprocessing.image.ImageDataGenerator
    np.random.seed(0)
    x = np.random.randint(0, 256, (10, 6, 7, 3)).astype("uint8")
    y = np.arange(10)
    def show(name, a):
        print(name, a.shape, a.dtype, np.round(a, 3).tolist())
    plain = ImageDataGenerator(rescale=1. / 255).flow(x, y, batch_size=4, shuffle=False)
    print(len(plain))
    bx, by = plain[2]
    show("rescaled", bx)
    print(by)
    np.random.seed(1)
    gen = ImageDataGenerator(rotation_range=30, width_shift_range=0.2, height_shift_range=0.1,
                             shear_range=10, zoom_range=0.2, horizontal_flip=True,
                             vertical_flip=True, channel_shift_range=20.0)
    it = gen.flow(x, y, batch_size=3, seed=5)
    bx, by = next(it)
    show("augmented", bx)
    print(by)
    bx, by = it[1]
    show("augmented_getitem", bx)
    print(by)
    for mode in ["nearest", "reflect", "wrap", "constant"]:
        g = ImageDataGenerator(rotation_range=40, fill_mode=mode, cval=9.0)
        show(mode, g.random_transform(x[0].astype("float32"), seed=3))
    g = ImageDataGenerator(zoom_range=[0.5, 0.5], interpolation_order=0)
    show("zoom_nearest", g.random_transform(x[1].astype("float32"), seed=4))
    show("flip", ImageDataGenerator().apply_transform(x[2].astype("float32"),
                                                      {"flip_horizontal": True}))
    fw = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True)
    fw.fit(x)
    print(np.round(fw.mean, 3).tolist(), np.round(fw.std, 3).tolist())
    show("featurewise", fw.flow(x, batch_size=2, shuffle=False)[0])
    sw = ImageDataGenerator(samplewise_center=True, samplewise_std_normalization=True,
                            validation_split=0.3)
    train = sw.flow(x, y, batch_size=4, subset="training", shuffle=False)
    val = sw.flow(x, y, batch_size=4, subset="validation", shuffle=False)
    print(len(train), len(val), train[0][1], val[0][1])
    show("samplewise", val[0][0])
    model = keras.Sequential([keras.Input((6, 7, 3)), layers.Flatten(), layers.Dense(10)])
    model.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    h = model.fit(ImageDataGenerator(rescale=1. / 255, horizontal_flip=True).flow(
        x, y, batch_size=4), epochs=2, verbose=0)
    print(len(h.history["loss"]))
    ImageDataGenerator().flow(x[0], y)
""",
)

# ---------------------------------------------------------------------------- tf.data extras
scenario(
    "tf_data_extras",
    """
    ds = tf.data.Dataset.from_tensor_slices((np.arange(6, dtype="float32").reshape(3, 2),
                                             np.array([0, 1, 0])))
    print(ds)
    print(ds.element_spec)
    print(ds.batch(2))
    print(ds.batch(2, drop_remainder=True).element_spec)
    print(ds.map(lambda x, y: (x * 2, y)))
    print(ds.map(lambda x, y: x, num_parallel_calls=tf.data.AUTOTUNE))
    print(ds.shuffle(3).prefetch(tf.data.AUTOTUNE))
    print(ds.take(2), ds.skip(1), ds.repeat(2), ds.cache(), ds.filter(lambda x, y: y > 0))
    r = tf.data.Dataset.range(5)
    print(r, r.element_spec)
    print(r.reduce(np.int64(0), lambda s, x: s + x))
    print(ds.reduce((0.0, np.int64(0)), lambda s, e: (s[0] + tf.reduce_sum(e[0]), s[1] + e[1])))
    print(tf.data.Dataset.from_tensors([1, 2]))
    print(tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": [3.0, 4.0]}))
    print(tf.data.Dataset.zip((r, r)), r.batch(2).unbatch())
    print(tf.data.experimental.cardinality(r),
          tf.data.experimental.cardinality(r.filter(lambda x: x > 1)),
          tf.data.experimental.cardinality(r.repeat()))
    print(tf.data.AUTOTUNE, tf.data.experimental.AUTOTUNE)
    w = r.window(3, shift=1, drop_remainder=True)
    print(w)
    fm = w.flat_map(lambda x: x.batch(3))
    print(fm)
    print([a.numpy().tolist() for a in fm])
    print([[v.tolist() for v in x.as_numpy_iterator()] for x in r.window(2)])
    gen = tf.data.Dataset.from_generator(
        lambda: ([1] * i for i in range(1, 4)),
        output_signature=tf.TensorSpec(shape=(None,), dtype=tf.int32))
    print(gen, gen.element_spec)
    print([x.numpy().tolist() for x in gen])
    print([x.numpy().tolist() for x in gen.padded_batch(2)])
    print(gen.padded_batch(2))
    print([x.numpy().tolist() for x in gen.padded_batch(2, padded_shapes=[4], padding_values=-1)])
    g2 = tf.data.Dataset.from_generator(
        lambda: ((np.ones(2), 1) for _ in range(2)),
        output_signature=(tf.TensorSpec(shape=(2,), dtype=tf.float32),
                          tf.TensorSpec(shape=(), dtype=tf.int64)))
    print(g2, [(a.dtype, b.dtype) for a, b in g2])
    print(r.batch(2).element_spec, r.enumerate())
    series = np.arange(10, dtype="float32")
    d = (tf.data.Dataset.from_tensor_slices(series).window(5, shift=1, drop_remainder=True)
         .flat_map(lambda w: w.batch(5)).map(lambda w: (w[:-1], w[-1])))
    print(d)
    print([(a.numpy().tolist(), b.numpy().tolist()) for a, b in d.take(2)])
    print(len(ds), ds.cardinality())
    model = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    h = model.fit(d.batch(2).prefetch(tf.data.AUTOTUNE), epochs=2, verbose=0)
    print(len(h.history["loss"]))
""",
)

# ---------------------------------------------------------------------------- smaller gaps
scenario(
    "smaller_gaps",
    """
    import re
    def core(f):
        # tf.keras wraps errors raised inside fit/predict in its traced function's traceback;
        # the sentence that matters is the last "XxxError: ..." line
        try:
            f()
        except Exception as e:
            lines = [line.strip() for line in str(e).splitlines() if line.strip()]
            found = [line for line in lines if re.match(r"^[A-Za-z]+Error: ", line)]
            text = found[-1] if found else lines[0]
            print(type(e).__name__, "|", re.sub(r"^[A-Za-z]+Error: ", "", text))
    lstm = layers.LSTM(2, dropout=0.1)
    print(lstm.units, lstm.activation.__name__, lstm.recurrent_activation.__name__,
          lstm.dropout, lstm.recurrent_dropout, lstm.use_bias, lstm.unit_forget_bias,
          lstm.return_sequences, lstm.implementation)
    gru = layers.GRU(3)
    print(gru.units, gru.reset_after, gru.use_bias, gru.activation.__name__)
    rnn = layers.SimpleRNN(4)
    print(rnn.units, rnn.activation.__name__, rnn.dropout)
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    v[0, 1].assign(0.0)
    v[1].assign([9.0, 9.0])
    v[:, 0].assign([5.0, 6.0])
    print(v.numpy().tolist())
    print(tf.math.cumsum(tf.constant([1, 2, 3])), tf.cumsum([1, 2, 3]))
    print(tf.math.cumprod(tf.constant([1, 2, 3])))
    print(layers.LayerNormalization(axis=[1]).get_config()["axis"])
    print(layers.Dense(2).get_config()["units"], layers.Reshape([2, 3]).get_config()["target_shape"])
    m = keras.Sequential([layers.Dense(3, input_shape=(4,))])
    m.compile("sgd", "mse")
    core(lambda: m.fit(np.zeros((2, 5)), np.zeros((2, 3)), verbose=0))
    core(lambda: m.predict(np.zeros((2, 5)), verbose=0))
    core(lambda: m.evaluate(np.zeros((2, 5)), np.zeros((2, 3)), verbose=0))
    m2 = keras.Sequential([layers.Dense(3, input_shape=(4,), activation="softmax")])
    m2.compile("sgd", "categorical_crossentropy")
    core(lambda: m2.fit(np.zeros((2, 4)), np.zeros((2, 1)), verbose=0))
    m.compile("sgd", "mse", metrics=["acuracy"])
    core(lambda: m.fit(np.zeros((2, 4)), np.zeros((2, 3)), verbose=0))
    m.compile("sgd", "mse")
    batches = lambda: ((np.zeros((2, 4)), np.zeros((2, 3))) for _ in range(4))
    print(list(m.fit_generator(batches(), steps_per_epoch=2, epochs=1, verbose=0).history))
    print(m.evaluate_generator(batches(), steps=2, verbose=0))
    print(m.predict_generator((np.zeros((2, 4)) for _ in range(4)), steps=2, verbose=0).shape)
    sq = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
    print(sq.built, len(sq.layers), [w.name for w in sq.weights])
    sq2 = keras.Sequential([layers.Dense(2)])
    print(sq2.built, len(sq2.layers))
    core(lambda: layers.LSTM(2)(np.zeros((2, 3), "float32")))
""",
)

scenario(
    "hashing",
    """
    strs = ["", "a", "b", "ab", "abcd", "hello", "안녕", "hello wor", "0123456789abcdefg",
            "x" * 31, "z" * 33, "학교에 간다 " * 5, "q" * 65, "k" * 128, "long text " * 40]
    print(tf.strings.to_hash_bucket_fast(strs, 1000))
    print(layers.Hashing(num_bins=3)([["A"], ["B"], ["C"], ["D"], ["E"]]))
    print(layers.Hashing(num_bins=3, mask_value="")([["A"], [""], ["C"]]))
    print(layers.Hashing(num_bins=5)(np.array([[10], [21], [-3]])))
    print(layers.Hashing(num_bins=4, output_mode="multi_hot")(np.array([["a", "b"], ["c", "a"]])))
    print(layers.Hashing(num_bins=4, output_mode="count")(np.array([[1, 2, 2]])))
    print(layers.Hashing(num_bins=3).get_config())
    sl = layers.StringLookup(vocabulary=["a", "b"], num_oov_indices=3)
    print(sl(tf.constant(["a", "x", "y", "z", "b", "학교"])), sl.get_vocabulary())
""",
)

scenario(
    "hashing_salted",
    """
    strs = ["", "a", "hello", "안녕", "0123456789abcdefg", "x" * 40]
    print(tf.strings.to_hash_bucket_strong(strs, 1000, key=[1, 2]))
    print(tf.strings.to_hash_bucket_strong(strs, 7, key=[-5, 2**40]))
    h = layers.Hashing(num_bins=5, salt=133)
    print(h([["A"], ["B"], ["C"], ["안녕"]]), h.salt, h.strong_hash)
    print(layers.Hashing(num_bins=5, salt=[133, 137])(np.array([[10], [21], [-3]])))
    print(layers.Hashing(num_bins=3, salt=(1, 2), mask_value="")([["A"], [""], ["C"]]))
    print(layers.Hashing(num_bins=4, salt=7, output_mode="multi_hot")(np.array([["a", "b"], ["c", "a"]])))
    print(layers.Hashing(num_bins=3, salt=[1, 2]).get_config())
    print(layers.Hashing(num_bins=3, salt=5).get_config()["salt"], layers.Hashing(3).strong_hash)
    for bad in ([1, 2, 3], "x", 1.5):
        try:
            layers.Hashing(num_bins=3, salt=bad)
        except ValueError as e:
            print("ValueError", e)
    try:
        tf.strings.to_hash_bucket_strong(["a"], 3, key=[1])
    except tf.errors.InvalidArgumentError:
        print("InvalidArgumentError")
    try:
        tf.strings.to_hash_bucket_strong(["a"], 3, key=5)
    except TypeError as e:
        print("TypeError", e)
""",
)

scenario(
    "variable_slices_and_assign_results",
    """
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    print(repr(v[0])); print(v[0]); print(repr(v[0, 1])); print(repr(v[:, 1]))
    print(type(v[0]).__name__ == type(tf.constant(1.0)).__name__, hasattr(v[0], "assign"))
    print(repr(v[0, 1].assign(0.0)))
    print(repr(v.assign([[5.0, 6.0], [7.0, 8.0]])))
    print(repr(v.assign_add([[1.0, 1.0], [1.0, 1.0]])), v.assign_sub([[1.0, 1.0], [1.0, 1.0]]).name)
    print(v.assign([[0.0, 0.0], [0.0, 0.0]], read_value=False))
    r = v.assign([[1.0, 1.0], [1.0, 1.0]])
    v.assign_add([[1.0, 1.0], [1.0, 1.0]])
    print(r.numpy().tolist(), r.shape, r.dtype, r.trainable)
    print(repr(v))
""",
)
