"""Optimizer scenarios: three update steps from fixed variables.

`code` builds the optimizer from `keras`. Two variables, `v0` (3, 2) and `v1` (2,), start from
fixed values. Mode "grads" applies three recorded gradient sets with `apply_gradients`;
mode "minimize" calls `optimizer.minimize(loss, [v0, v1])` three times on the fixed loss
LOSS_CODE (a callable built from `tf` ops). The variables after each step are recorded.
Learning rates are large (0.1) so that a wrong formula moves the variables well past 1e-4.
"""

LOSS_CODE = (
    "lambda: tf.reduce_sum(tf.square(v0 - t0)) + 0.5 * tf.reduce_sum(tf.square(v1 * v1 - 1.0))"
)

S = {}


def scenario(name, code, mode="grads"):
    assert name not in S, name
    S[name] = {"code": code, "mode": mode}


OPT = "keras.optimizers."
scenario("sgd", OPT + "SGD(learning_rate=0.1)")
scenario("sgd_default", OPT + "SGD()")
scenario("sgd_momentum", OPT + "SGD(learning_rate=0.1, momentum=0.9)")
scenario("sgd_nesterov", OPT + "SGD(learning_rate=0.1, momentum=0.9, nesterov=True)")
scenario("sgd_weight_decay", OPT + "SGD(learning_rate=0.1, weight_decay=0.05)")
scenario("rmsprop", OPT + "RMSprop(learning_rate=0.1)")
scenario("rmsprop_default", OPT + "RMSprop()")
scenario("rmsprop_momentum", OPT + "RMSprop(learning_rate=0.05, momentum=0.5)")
scenario("rmsprop_centered", OPT + "RMSprop(learning_rate=0.05, centered=True)")
scenario(
    "rmsprop_centered_momentum",
    OPT + "RMSprop(learning_rate=0.05, rho=0.8, momentum=0.3, centered=True)",
)
scenario("adam", OPT + "Adam(learning_rate=0.1)")
scenario("adam_default", OPT + "Adam()")
scenario("adam_betas_epsilon", OPT + "Adam(learning_rate=0.1, beta_1=0.5, beta_2=0.9, epsilon=0.1)")
scenario("adam_amsgrad", OPT + "Adam(learning_rate=0.1, amsgrad=True)")
scenario("adamw", OPT + "AdamW(learning_rate=0.1)")
scenario("adamw_weight_decay", OPT + "AdamW(learning_rate=0.1, weight_decay=0.1, amsgrad=True)")
scenario("adagrad", OPT + "Adagrad(learning_rate=0.1)")
scenario(
    "adagrad_initial_accumulator",
    OPT + "Adagrad(learning_rate=0.1, initial_accumulator_value=1.0, epsilon=1e-3)",
)
scenario("adadelta", OPT + "Adadelta(learning_rate=1.0)")
scenario("adadelta_rho", OPT + "Adadelta(learning_rate=0.5, rho=0.5, epsilon=1e-3)")
scenario("adamax", OPT + "Adamax(learning_rate=0.1)")
scenario("nadam", OPT + "Nadam(learning_rate=0.1)")
scenario("nadam_default", OPT + "Nadam()")
scenario("sgd_clipnorm", OPT + "SGD(learning_rate=0.1, clipnorm=0.5)")
scenario("sgd_clipvalue", OPT + "SGD(learning_rate=0.1, clipvalue=0.3)")
scenario("sgd_global_clipnorm", OPT + "SGD(learning_rate=0.1, global_clipnorm=0.5)")
scenario("adam_clipnorm", OPT + "Adam(learning_rate=0.1, clipnorm=0.5)")
scenario("rmsprop_clipvalue", OPT + "RMSprop(learning_rate=0.1, clipvalue=0.2)")
scenario(
    "sgd_exponential_decay",
    OPT + "SGD(learning_rate=" + OPT + "schedules.ExponentialDecay("
    "0.1, decay_steps=1, decay_rate=0.5), momentum=0.5)",
)
scenario(
    "sgd_exponential_decay_staircase",
    OPT
    + "SGD(learning_rate="
    + OPT
    + "schedules.ExponentialDecay(0.2, decay_steps=2, decay_rate=0.5, staircase=True))",
)
scenario(
    "adam_piecewise_constant",
    OPT + "Adam(learning_rate=" + OPT + "schedules."
    "PiecewiseConstantDecay([1, 2], [0.1, 0.05, 0.01]))",
)
scenario(
    "sgd_inverse_time_decay",
    OPT + "SGD(learning_rate=" + OPT + "schedules.InverseTimeDecay("
    "0.1, decay_steps=1, decay_rate=1.0))",
)
scenario(
    "sgd_polynomial_decay",
    OPT + "SGD(learning_rate=" + OPT + "schedules.PolynomialDecay("
    "0.1, decay_steps=4, end_learning_rate=0.01))",
)
scenario(
    "adam_cosine_decay",
    OPT + "Adam(learning_rate=" + OPT + "schedules.CosineDecay(0.1, decay_steps=4))",
)
# learning rate changed after construction (what LearningRateScheduler and students do)
scenario(
    "sgd_set_learning_rate",
    "(opt := " + OPT + "SGD(0.1, momentum=0.5), setattr(opt, 'learning_rate', 0.02), opt)[-1]",
)
scenario("adam_set_lr_alias", "(opt := " + OPT + "Adam(0.1), setattr(opt, 'lr', 0.01), opt)[-1]")
scenario("get_adam_string", OPT + "get('adam')")
scenario("get_sgd_string", OPT + "get('sgd')")
scenario("get_rmsprop_string", OPT + "get('rmsprop')")
for name in [
    "SGD(learning_rate=0.1, momentum=0.9)",
    "Adam(learning_rate=0.1)",
    "RMSprop(learning_rate=0.1)",
    "Adagrad(learning_rate=0.2)",
    "Nadam(learning_rate=0.1)",
    "Adamax(learning_rate=0.1)",
    "Adadelta(learning_rate=1.0)",
    "AdamW(learning_rate=0.1)",
]:
    scenario("minimize_" + name.split("(")[0].lower(), OPT + name, mode="minimize")

SCENARIOS = S
