"""TensorFlow functions and tensor operators tutorials use, on fixed inputs.

`code` is an expression of `tf` and the tensors below (tf.constant of fixed arrays, recreated on
each side). Recorded: the value (or list of values), its dtype and shape, and — when the result is
floating and `grad` is set — the gradient of sum(result * r) with respect to each float input the
expression names (r fixed random), from tf.GradientTape.

Inputs: a, b (3, 4) normal; p (3, 4) positive; v (4,) normal; m (4, 2) normal; i (3,) int32 in
[0, 4); lab (3, 4) one-hot; sl (3,) int32 sparse labels; bl (3, 4) in {0, 1}; t3 (2, 3, 4) normal.
"""

INPUT_NAMES = ["a", "b", "p", "v", "m", "t3"]  # float inputs (gradients may flow into them)

S = {}


def op(name, code, grad=True):
    assert name not in S, name
    S[name] = {"code": code, "grad": grad}


for fn in [
    "add",
    "subtract",
    "multiply",
    "divide",
    "maximum",
    "minimum",
    "squared_difference",
    "pow",
]:
    op(f"math_{fn}", f"tf.math.{fn}(p, p + b * b)" if fn == "pow" else f"tf.math.{fn}(a, b)")
for fn in [
    "negative",
    "square",
    "abs",
    "sign",
    "exp",
    "sigmoid",
    "tanh",
    "erf",
    "softplus",
    "round",
    "floor",
    "ceil",
    "reciprocal",
]:
    op(f"math_{fn}", f"tf.math.{fn}(a)", grad=fn not in ("sign", "round", "floor", "ceil"))
for fn in ["sqrt", "rsqrt", "log", "log1p"]:
    op(f"math_{fn}", f"tf.math.{fn}(p)")
op("add_broadcast", "tf.add(a, v)")
op("multiply_scalar", "tf.multiply(a, 3.0)")
op("operators", "(a + b) * 2.0 - b / (p + 1.0) + (-a) ** 2")
op("operator_matmul", "a @ m")
op("operator_getitem", "a[1:, ::2]")
op("operator_getitem_index", "t3[:, 1, -1]")
op("operator_compare", "a > b", grad=False)
op("operator_pow_int", "a ** 3")
for fn in [
    "reduce_sum",
    "reduce_mean",
    "reduce_max",
    "reduce_min",
    "reduce_prod",
    "reduce_std",
    "reduce_variance",
    "reduce_logsumexp",
]:
    op(f"{fn}_all", f"tf.math.{fn}(a)")
    op(f"{fn}_axis1", f"tf.math.{fn}(a, axis=1)")
    op(f"{fn}_axis0_keepdims", f"tf.math.{fn}(a, axis=0, keepdims=True)")
op("reduce_sum_top", "tf.reduce_sum(t3, axis=[0, 2])")
op("reduce_mean_top", "tf.reduce_mean(a)")
op("reduce_max_top", "tf.reduce_max(a, axis=-1)")
op("argmax", "tf.argmax(a, axis=1)", grad=False)
op("argmax_default_axis", "tf.argmax(a)", grad=False)
op("argmin", "tf.math.argmin(a, axis=0)", grad=False)
op("matmul", "tf.matmul(a, m)")
op("matmul_transpose_b", "tf.matmul(a, b, transpose_b=True)")
op("linalg_matmul", "tf.linalg.matmul(t3, m)")
op("reshape", "tf.reshape(a, (2, 6))")
op("reshape_minus1", "tf.reshape(t3, [-1, 4])")
op("transpose", "tf.transpose(a)")
op("transpose_perm", "tf.transpose(t3, perm=[2, 0, 1])")
op("concat", "tf.concat([a, b], axis=0)")
op("concat_axis1", "tf.concat([a, b, p], axis=-1)")
op("stack", "tf.stack([a, b], axis=1)")
op("split", "tf.split(a, 2, axis=1)")
op("split_sizes", "tf.split(a, [1, 3], axis=1)")
op("unstack", "tf.unstack(a)")
op("expand_dims", "tf.expand_dims(v, 0)")
op("squeeze", "tf.squeeze(tf.reshape(v, (1, 4, 1)))")
op("tile", "tf.tile(v[None, :], [3, 2])")
op("pad", "tf.pad(a, [[1, 0], [0, 2]])")
op("pad_constant", "tf.pad(a, [[0, 1], [1, 1]], constant_values=2.0)")
op("gather", "tf.gather(a, [2, 0, 2])")
op("gather_vector", "tf.gather(v, i)")
op("gather_axis1", "tf.gather(a, [0, 3], axis=1)")
op("one_hot", "tf.one_hot(i, 4)", grad=False)
op("one_hot_values", "tf.one_hot(sl, 5, on_value=2.0, off_value=-1.0)", grad=False)
op("cast_int", "tf.cast(a * 3.0, tf.int32)", grad=False)
op("cast_float64", "tf.cast(a, tf.float64)")
op("cast_bool", "tf.cast(tf.cast(bl, tf.bool), tf.float32)", grad=False)
op("where", "tf.where(a > 0, a, b * 0.5)")
op("where_cond_only", "tf.where(a > 0.5)", grad=False)
op("clip_by_value", "tf.clip_by_value(a, -0.5, 0.5)")
op("zeros_like", "tf.zeros_like(a)", grad=False)
op("ones_like", "tf.ones_like(i)", grad=False)
op("ones", "tf.ones((2, 3))", grad=False)
op("zeros_int", "tf.zeros([2], dtype=tf.int32)", grad=False)
op("fill", "tf.fill([2, 2], 7.0)", grad=False)
op("range", "tf.range(1, 10, 2)", grad=False)
op("linspace", "tf.linspace(0.0, 1.0, 5)", grad=False)
op("eye", "tf.eye(3)", grad=False)
op("constant_shape", "tf.constant(2.0, shape=(2, 3))", grad=False)
op("convert_to_tensor", "tf.convert_to_tensor([[1, 2], [3, 4]], dtype=tf.float32)", grad=False)
op("convert_to_tensor_int", "tf.convert_to_tensor([1, 2, 3])", grad=False)
op("constant_float64_array", "tf.constant(np.array([1.5, 2.5]))", grad=False)
op("equal", "tf.equal(i, 2)", grad=False)
op("not_equal", "tf.not_equal(i, 2)", grad=False)
op("greater_equal", "tf.math.greater_equal(a, b)", grad=False)
op("less", "tf.less(a, 0.0)", grad=False)
op("logical_and", "tf.logical_and(a > 0, b > 0)", grad=False)
op("logical_or", "tf.math.logical_or(a > 0, b > 0)", grad=False)
op("logical_not", "tf.logical_not(a > 0)", grad=False)
op("reduce_any", "tf.reduce_any(a > 1.0, axis=1)", grad=False)
op("reduce_all", "tf.reduce_all(a > -3.0)", grad=False)
op("count_nonzero", "tf.math.count_nonzero(a > 0)", grad=False)
op("cumsum", "tf.math.cumsum(a, axis=1)")
op("top_k_values", "tf.math.top_k(a, k=2).values")
op("top_k_indices", "tf.math.top_k(a, k=2).indices", grad=False)
op("shape", "tf.shape(t3)", grad=False)
op("size", "tf.size(t3)", grad=False)
op("rank", "tf.rank(t3)", grad=False)
for fn in [
    "relu",
    "relu6",
    "sigmoid",
    "tanh",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "silu",
    "gelu",
    "log_softmax",
    "softmax",
]:
    op(f"nn_{fn}", f"tf.nn.{fn}(a * 4.0)")
op("nn_softmax_axis0", "tf.nn.softmax(a, axis=0)")
op("nn_gelu_approximate", "tf.nn.gelu(a, approximate=True)")
op("nn_leaky_relu", "tf.nn.leaky_relu(a)")
op("nn_leaky_relu_alpha", "tf.nn.leaky_relu(a, alpha=0.3)")
op("nn_bias_add", "tf.nn.bias_add(a, v)")
op("nn_l2_normalize", "tf.math.l2_normalize(a, axis=1)")
op("nn_l2_loss", "tf.nn.l2_loss(a)")
op("nn_sigmoid_xent", "tf.nn.sigmoid_cross_entropy_with_logits(labels=bl, logits=a * 3.0)")
op("nn_softmax_xent", "tf.nn.softmax_cross_entropy_with_logits(labels=lab, logits=a * 3.0)")
op(
    "nn_sparse_softmax_xent",
    "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=i, logits=a * 3.0)",
)
op("nn_moments_mean", "tf.nn.moments(a, axes=[0])[0]")
op("nn_moments_variance", "tf.nn.moments(a, axes=[0])[1]")
op("math_sigmoid_large", "tf.math.sigmoid(a * 50.0)")
op("keras_activations_sigmoid", "tf.keras.activations.sigmoid(a)")
op("keras_activations_softmax", "tf.keras.activations.softmax(a)")
op("keras_activations_relu_args", "tf.keras.activations.relu(a, alpha=0.1, max_value=1.0)")
op("keras_backend_mean", "tf.keras.backend.mean(a, axis=1)")
op("keras_backend_clip", "tf.keras.backend.clip(a, -0.2, 0.3)")
op("keras_backend_square_sum", "tf.keras.backend.sum(tf.keras.backend.square(a))")
op("keras_backend_epsilon_log", "tf.keras.backend.log(p + tf.keras.backend.epsilon())")
op(
    "keras_utils_to_categorical",
    "tf.keras.utils.to_categorical(np.array([0, 2, 1, 2]))",
    grad=False,
)
op(
    "keras_utils_to_categorical_n",
    "tf.keras.utils.to_categorical([1, 3], num_classes=5)",
    grad=False,
)

SCENARIOS = S
