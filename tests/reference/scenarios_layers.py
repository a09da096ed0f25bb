"""Layer forward-parity scenarios.

Each scenario: `code` is an expression building a layer (or a small model) from `keras`, `layers`,
`tf`, `np`; `inputs` lists input specs; `call` holds keyword arguments of the measured call
(`training`), `init` says how the weights are chosen:

* "set"   – build the layer by calling it once, then `set_weights` to deterministic values drawn
            from a seeded numpy generator (recorded), then call again and record the output;
* "keep"  – the layer has no weights, or its weights are deterministic (initializers like 'ones');
* "adapt" – run `pre` (e.g. `layer.adapt(data)`) and keep the resulting weights.

Input specs: ("f", shape) float32 normal, ("d", shape) float64 normal, ("u", shape) float32
uniform in [0, 1),
("i", shape, high) int32 in [0, high) with zeros sprinkled in (padding for mask_zero).
With more than one input the layer is called on the list.
If `mask` is true, `layer.compute_mask(inputs)` is recorded as well.
"""

S = {}


def scenario(name, code, inputs, call=None, init="set", pre=None, mask=False):
    assert name not in S, name
    S[name] = {
        "code": code,
        "inputs": [list(i) for i in inputs],
        "call": call or {},
        "init": init,
        "pre": pre,
        "mask": mask,
    }


F2 = [("f", (4, 5))]
F3 = [("f", (2, 6, 3))]
IMG = [("f", (2, 7, 7, 3))]
IMG8 = [("f", (2, 8, 8, 4))]
SEQ = [("f", (2, 5, 3))]

# ----------------------------------------------------------------- core
for act in [
    "linear",
    "relu",
    "sigmoid",
    "softmax",
    "tanh",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "gelu",
    "exponential",
    "hard_sigmoid",
    "relu6",
    "silu",
]:
    scenario(f"dense_{act}", f"layers.Dense(3, activation='{act}')", F2)
scenario("dense_no_bias", "layers.Dense(4, use_bias=False)", F2)
scenario("dense_3d_input", "layers.Dense(4, activation='relu')", F3)
scenario(
    "dense_identity_constant_init",
    "layers.Dense(5, kernel_initializer='identity', "
    "bias_initializer=keras.initializers.Constant(0.3))",
    F2,
    init="keep",
)
scenario(
    "dense_float64_input",
    "layers.Dense(2, kernel_initializer='ones')",
    [("d", (3, 4))],
    init="keep",
)
scenario("dense_kernel_l2", "layers.Dense(3, kernel_regularizer='l2')", F2)
scenario(
    "dense_all_regularizers",
    "layers.Dense(3, kernel_regularizer=keras.regularizers.l1(0.1), "
    "bias_regularizer='l1_l2', activity_regularizer=keras.regularizers.l2(0.05))",
    F2,
)
scenario(
    "conv2d_l1_l2",
    "layers.Conv2D(2, 3, kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.02))",
    IMG,
)
scenario(
    "dense_ones_init",
    "layers.Dense(2, kernel_initializer='one', bias_initializer='ones')",
    F2,
    init="keep",
)
for act in [
    "relu",
    "sigmoid",
    "softmax",
    "tanh",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "gelu",
    "exponential",
    "hard_sigmoid",
    "linear",
]:
    scenario(f"activation_{act}", f"layers.Activation('{act}')", F3, init="keep")
scenario("activation_callable", "layers.Activation(tf.keras.activations.sigmoid)", F2, init="keep")
scenario("dropout_inference", "layers.Dropout(0.5)", F2, init="keep")
scenario(
    "dropout_inference_explicit", "layers.Dropout(0.3)", F2, call={"training": False}, init="keep"
)
scenario("flatten_2d", "layers.Flatten()", F3, init="keep")
scenario("flatten_4d", "layers.Flatten()", IMG, init="keep")
scenario("reshape", "layers.Reshape((3, 6))", F3, init="keep")
scenario("reshape_minus1", "layers.Reshape((-1, 2))", F3, init="keep")
scenario("permute", "layers.Permute((2, 1))", F3, init="keep")
scenario("permute_3d", "layers.Permute((3, 1, 2))", IMG, init="keep")
scenario("repeat_vector", "layers.RepeatVector(3)", F2, init="keep")
scenario("relu_layer", "layers.ReLU()", F2, init="keep")
scenario("relu_max_value", "layers.ReLU(max_value=0.5)", F2, init="keep")
scenario("relu_negative_slope", "layers.ReLU(negative_slope=0.1)", F2, init="keep")
scenario("relu_threshold", "layers.ReLU(threshold=0.2)", F2, init="keep")
scenario(
    "relu_all", "layers.ReLU(max_value=1.0, negative_slope=0.2, threshold=0.1)", F2, init="keep"
)
scenario("leaky_relu", "layers.LeakyReLU()", F2, init="keep")
scenario("leaky_relu_alpha", "layers.LeakyReLU(alpha=0.1)", F2, init="keep")
scenario("prelu", "layers.PReLU()", F3)
scenario("prelu_shared_axes", "layers.PReLU(shared_axes=[1])", F3)
scenario("elu_layer", "layers.ELU()", F2, init="keep")
scenario("elu_alpha", "layers.ELU(alpha=0.5)", F2, init="keep")
scenario("softmax_layer", "layers.Softmax()", F3, init="keep")
scenario("softmax_axis1", "layers.Softmax(axis=1)", F3, init="keep")
scenario("lambda_layer", "layers.Lambda(lambda t: t * 2.0 + 1.0)", F2, init="keep")

TWO = [("f", (3, 4)), ("f", (3, 4))]
THREE = [("f", (3, 4)), ("f", (3, 4)), ("f", (3, 4))]
scenario("add", "layers.Add()", THREE, init="keep")
scenario("subtract", "layers.Subtract()", TWO, init="keep")
scenario("multiply", "layers.Multiply()", THREE, init="keep")
scenario("average", "layers.Average()", THREE, init="keep")
scenario("maximum", "layers.Maximum()", THREE, init="keep")
scenario("minimum", "layers.Minimum()", THREE, init="keep")
scenario("concatenate", "layers.Concatenate()", [("f", (3, 4)), ("f", (3, 2))], init="keep")
scenario(
    "concatenate_axis1",
    "layers.Concatenate(axis=1)",
    [("f", (2, 3, 4)), ("f", (2, 2, 4))],
    init="keep",
)
scenario("dot_axes1", "layers.Dot(axes=1)", TWO, init="keep")
scenario("dot_normalize", "layers.Dot(axes=1, normalize=True)", TWO, init="keep")
scenario("dot_3d", "layers.Dot(axes=(2, 2))", [("f", (2, 3, 4)), ("f", (2, 5, 4))], init="keep")
scenario("dot_3d_axes1", "layers.Dot(axes=1)", [("f", (2, 3, 4)), ("f", (2, 3, 5))], init="keep")

# ----------------------------------------------------------------- conv / pooling
scenario("conv1d", "layers.Conv1D(4, 3)", [("f", (2, 8, 3))])
scenario(
    "conv1d_same_strides", "layers.Conv1D(4, 3, strides=2, padding='same')", [("f", (2, 9, 3))]
)
scenario(
    "conv1d_dilation", "layers.Conv1D(2, 2, dilation_rate=2, activation='relu')", [("f", (2, 8, 3))]
)
scenario("conv1d_causal", "layers.Conv1D(2, 3, padding='causal')", [("f", (2, 6, 3))])
scenario("conv2d_valid", "layers.Conv2D(4, 3)", IMG)
scenario("conv2d_same", "layers.Conv2D(4, 3, padding='same')", IMG)
scenario("conv2d_strides2_valid", "layers.Conv2D(3, (3, 2), strides=2)", IMG)
scenario("conv2d_strides2_same", "layers.Conv2D(3, 3, strides=(2, 2), padding='same')", IMG8)
scenario("conv2d_strides2_same_odd", "layers.Conv2D(3, 2, strides=2, padding='same')", IMG)
scenario("conv2d_dilation", "layers.Conv2D(2, 3, dilation_rate=2)", IMG)
scenario("conv2d_dilation_same", "layers.Conv2D(2, 3, dilation_rate=(2, 1), padding='same')", IMG)
scenario("conv2d_groups", "layers.Conv2D(6, 3, groups=2)", IMG8)
scenario("conv2d_relu_no_bias", "layers.Conv2D(5, 1, activation='relu', use_bias=False)", IMG)
scenario("conv2d_transpose", "layers.Conv2DTranspose(3, 3)", [("f", (2, 4, 4, 2))])
scenario(
    "conv2d_transpose_strides_same",
    "layers.Conv2DTranspose(3, 3, strides=2, padding='same')",
    [("f", (2, 4, 4, 2))],
)
scenario(
    "conv2d_transpose_strides_valid",
    "layers.Conv2DTranspose(2, (3, 2), strides=(2, 3))",
    [("f", (2, 3, 4, 2))],
)
scenario(
    "conv2d_transpose_output_padding",
    "layers.Conv2DTranspose(2, 3, strides=2, output_padding=1)",
    [("f", (2, 3, 3, 2))],
)
scenario("depthwise_conv2d", "layers.DepthwiseConv2D(3)", IMG)
scenario(
    "depthwise_conv2d_same_strides",
    "layers.DepthwiseConv2D(3, strides=2, padding='same', depth_multiplier=2)",
    IMG8,
)
scenario("separable_conv2d", "layers.SeparableConv2D(5, 3)", IMG)
scenario(
    "separable_conv2d_same",
    "layers.SeparableConv2D(4, 3, padding='same', depth_multiplier=2, activation='relu')",
    IMG,
)
scenario("maxpool1d", "layers.MaxPooling1D()", [("f", (2, 7, 3))], init="keep")
scenario(
    "maxpool1d_same",
    "layers.MaxPooling1D(3, strides=2, padding='same')",
    [("f", (2, 7, 3))],
    init="keep",
)
scenario("avgpool1d", "layers.AveragePooling1D(2)", [("f", (2, 7, 3))], init="keep")
scenario(
    "avgpool1d_same",
    "layers.AveragePooling1D(3, strides=2, padding='same')",
    [("f", (2, 7, 3))],
    init="keep",
)
scenario("maxpool2d", "layers.MaxPooling2D()", IMG, init="keep")
scenario("maxpool2d_alias", "layers.MaxPool2D((2, 2))", IMG8, init="keep")
scenario("maxpool2d_same", "layers.MaxPooling2D(3, strides=2, padding='same')", IMG, init="keep")
scenario("maxpool2d_pool3", "layers.MaxPooling2D(3)", IMG8, init="keep")
scenario("avgpool2d", "layers.AveragePooling2D()", IMG, init="keep")
scenario(
    "avgpool2d_same", "layers.AveragePooling2D(3, strides=2, padding='same')", IMG, init="keep"
)
scenario("global_maxpool1d", "layers.GlobalMaxPooling1D()", F3, init="keep")
scenario("global_avgpool1d", "layers.GlobalAveragePooling1D()", F3, init="keep")
scenario("global_maxpool2d", "layers.GlobalMaxPooling2D()", IMG, init="keep")
scenario("global_avgpool2d", "layers.GlobalAveragePooling2D()", IMG, init="keep")
scenario(
    "global_avgpool2d_keepdims", "layers.GlobalAveragePooling2D(keepdims=True)", IMG, init="keep"
)
scenario("zero_padding2d", "layers.ZeroPadding2D()", IMG, init="keep")
scenario("zero_padding2d_asym", "layers.ZeroPadding2D(((1, 0), (2, 1)))", IMG, init="keep")
scenario("cropping2d", "layers.Cropping2D(1)", IMG, init="keep")
scenario("cropping2d_asym", "layers.Cropping2D(((1, 2), (0, 1)))", IMG, init="keep")
scenario("upsampling2d", "layers.UpSampling2D()", [("f", (2, 3, 3, 2))], init="keep")
scenario("upsampling2d_size", "layers.UpSampling2D((2, 3))", [("f", (2, 3, 3, 2))], init="keep")
scenario(
    "upsampling2d_bilinear",
    "layers.UpSampling2D(2, interpolation='bilinear')",
    [("f", (2, 3, 3, 2))],
    init="keep",
)

scenario("gaussian_noise_inference", "layers.GaussianNoise(0.5)", IMG, init="keep")
scenario("spatial_dropout2d_inference", "layers.SpatialDropout2D(0.5)", IMG, init="keep")
scenario(
    "gaussian_noise_inference_explicit",
    "layers.GaussianNoise(1.0)",
    F2,
    call={"training": False},
    init="keep",
)

# ----------------------------------------------------------------- normalization
scenario("batchnorm_inference", "layers.BatchNormalization()", F2)
scenario("batchnorm_inference_4d", "layers.BatchNormalization()", IMG)
scenario("batchnorm_training", "layers.BatchNormalization()", F2, call={"training": True})
scenario(
    "batchnorm_training_4d_momentum",
    "layers.BatchNormalization(momentum=0.9, epsilon=1e-3)",
    IMG,
    call={"training": True},
)
scenario(
    "batchnorm_axis1_no_scale",
    "layers.BatchNormalization(axis=1, scale=False)",
    F3,
    call={"training": True},
)
scenario("batchnorm_no_center_inference", "layers.BatchNormalization(center=False)", F3)
scenario("layernorm", "layers.LayerNormalization()", F3)
scenario("layernorm_axes", "layers.LayerNormalization(axis=[1, 2], epsilon=1e-5)", F3)
scenario(
    "layernorm_no_scale", "layers.LayerNormalization(scale=False, center=False)", F2, init="keep"
)
scenario(
    "normalization_adapt",
    "layers.Normalization()",
    F2,
    init="adapt",
    pre="layer.adapt(np.arange(40, dtype='float32').reshape(8, 5) ** 1.5)",
)
scenario(
    "normalization_adapt_axis_none",
    "layers.Normalization(axis=None)",
    F2,
    init="adapt",
    pre="layer.adapt(np.arange(40, dtype='float32').reshape(8, 5) ** 1.5)",
)
scenario(
    "normalization_mean_variance",
    "layers.Normalization(mean=[1., 2., 3.], variance=[1., 4., 9.])",
    F3,
    init="keep",
)
scenario(
    "normalization_invert",
    "layers.Normalization(mean=2.0, variance=4.0, invert=True)",
    F2,
    init="keep",
)

# ----------------------------------------------------------------- embedding / recurrent
TOK = [("i", (3, 6), 10)]
scenario("embedding", "layers.Embedding(10, 4)", TOK)
scenario("embedding_mask_zero", "layers.Embedding(10, 3, mask_zero=True)", TOK, mask=True)
for cell in ["SimpleRNN", "LSTM", "GRU"]:
    low = cell.lower()
    scenario(f"{low}", f"layers.{cell}(4)", SEQ)
    scenario(f"{low}_return_sequences", f"layers.{cell}(4, return_sequences=True)", SEQ)
    scenario(f"{low}_return_state", f"layers.{cell}(3, return_state=True)", SEQ)
    scenario(
        f"{low}_sequences_and_state",
        f"layers.{cell}(3, return_sequences=True, return_state=True)",
        SEQ,
    )
    scenario(f"{low}_go_backwards", f"layers.{cell}(4, go_backwards=True)", SEQ)
    scenario(
        f"{low}_go_backwards_sequences",
        f"layers.{cell}(3, go_backwards=True, return_sequences=True)",
        SEQ,
    )
    scenario(f"{low}_relu_no_bias", f"layers.{cell}(3, activation='relu', use_bias=False)", SEQ)
    scenario(
        f"{low}_dropout_inference", f"layers.{cell}(3, dropout=0.5, recurrent_dropout=0.5)", SEQ
    )
scenario("gru_reset_after_false", "layers.GRU(4, reset_after=False)", SEQ)
scenario(
    "gru_reset_after_false_sequences_state",
    "layers.GRU(3, reset_after=False, return_sequences=True, return_state=True)",
    SEQ,
)
scenario("lstm_unit_forget_bias_false", "layers.LSTM(3, unit_forget_bias=False)", SEQ)
scenario("lstm_hard_sigmoid", "layers.LSTM(3, recurrent_activation='hard_sigmoid')", SEQ)
scenario("bidirectional_lstm", "layers.Bidirectional(layers.LSTM(3))", SEQ)
scenario(
    "bidirectional_gru_sequences", "layers.Bidirectional(layers.GRU(3, return_sequences=True))", SEQ
)
for mode in ["sum", "mul", "ave"]:
    scenario(
        f"bidirectional_merge_{mode}",
        f"layers.Bidirectional(layers.SimpleRNN(3), merge_mode='{mode}')",
        SEQ,
    )
scenario(
    "bidirectional_merge_none",
    "layers.Bidirectional(layers.LSTM(2, return_sequences=True), merge_mode=None)",
    SEQ,
)
scenario(
    "bidirectional_return_state", "layers.Bidirectional(layers.LSTM(2, return_state=True))", SEQ
)
scenario(
    "time_distributed_dense", "layers.TimeDistributed(layers.Dense(4, activation='tanh'))", SEQ
)
scenario(
    "time_distributed_conv2d",
    "layers.TimeDistributed(layers.Conv2D(2, 2))",
    [("f", (2, 3, 4, 4, 1))],
)
scenario(
    "time_distributed_model",
    "layers.TimeDistributed(keras.Sequential([layers.Dense(4, activation='relu'), "
    "layers.Dense(2)]))",
    SEQ,
)

# ----------------------------------------------------------------- small models (masks flowing)
scenario(
    "model_embedding_mask_lstm",
    "keras.Sequential([layers.Embedding(10, 4, mask_zero=True), layers.LSTM(3)])",
    TOK,
)
scenario(
    "model_embedding_mask_gru_sequences",
    "keras.Sequential([layers.Embedding(10, 4, mask_zero=True), "
    "layers.GRU(3, return_sequences=True)])",
    TOK,
    mask=True,
)
scenario(
    "model_embedding_mask_bidirectional",
    "keras.Sequential([layers.Embedding(10, 4, mask_zero=True), "
    "layers.Bidirectional(layers.SimpleRNN(2))])",
    TOK,
)
scenario(
    "model_embedding_mask_pooling",
    "keras.Sequential([layers.Embedding(10, 4, mask_zero=True), layers.GlobalAveragePooling1D()])",
    TOK,
)
scenario(
    "model_cnn",
    "keras.Sequential([layers.Conv2D(4, 3, activation='relu'), layers.MaxPooling2D(), "
    "layers.Flatten(), layers.Dense(3, activation='softmax')])",
    IMG8,
)
scenario(
    "model_cnn_batchnorm_training",
    "keras.Sequential([layers.Conv2D(3, 3, padding='same'), layers.BatchNormalization(), "
    "layers.ReLU(), layers.GlobalAveragePooling2D()])",
    IMG8,
    call={"training": True},
)

SCENARIOS = S
