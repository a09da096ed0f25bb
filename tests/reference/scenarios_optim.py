"""Optimizer scenarios: three update steps from fixed variables.

`code` builds the optimizer from `keras`. Two variables, `v0` (3, 2) and `v1` (2,), start from
fixed values. Mode "grads" applies three recorded gradient sets with `apply_gradients`;
mode "minimize" calls `optimizer.minimize(loss, [v0, v1])` three times on the fixed loss
LOSS_CODE (a callable built from `tf` ops). The variables after each step are recorded.
Learning rates are large (0.1) so that a wrong formula moves the variables well past 1e-4.
"""

LOSS_CODE = ("lambda: tf.reduce_sum(tf.square(v0 - t0)) "
             "+ 0.5 * tf.reduce_sum(tf.square(v1 * v1 - 1.0))")

S = {}


def scenario(name, code, mode="grads"):
    assert name not in S, name
    S[name] = {"code": code, "mode": mode}


O = "keras.optimizers."
scenario("sgd", O + "SGD(learning_rate=0.1)")
scenario("sgd_default", O + "SGD()")
scenario("sgd_momentum", O + "SGD(learning_rate=0.1, momentum=0.9)")
scenario("sgd_nesterov", O + "SGD(learning_rate=0.1, momentum=0.9, nesterov=True)")
scenario("sgd_weight_decay", O + "SGD(learning_rate=0.1, weight_decay=0.05)")
scenario("rmsprop", O + "RMSprop(learning_rate=0.1)")
scenario("rmsprop_default", O + "RMSprop()")
scenario("rmsprop_momentum", O + "RMSprop(learning_rate=0.05, momentum=0.5)")
scenario("rmsprop_centered", O + "RMSprop(learning_rate=0.05, centered=True)")
scenario("rmsprop_centered_momentum", O + "RMSprop(learning_rate=0.05, rho=0.8, momentum=0.3, "
         "centered=True)")
scenario("adam", O + "Adam(learning_rate=0.1)")
scenario("adam_default", O + "Adam()")
scenario("adam_betas_epsilon", O + "Adam(learning_rate=0.1, beta_1=0.5, beta_2=0.9, epsilon=0.1)")
scenario("adam_amsgrad", O + "Adam(learning_rate=0.1, amsgrad=True)")
scenario("adamw", O + "AdamW(learning_rate=0.1)")
scenario("adamw_weight_decay", O + "AdamW(learning_rate=0.1, weight_decay=0.1, amsgrad=True)")
scenario("adagrad", O + "Adagrad(learning_rate=0.1)")
scenario("adagrad_initial_accumulator", O + "Adagrad(learning_rate=0.1, "
         "initial_accumulator_value=1.0, epsilon=1e-3)")
scenario("adadelta", O + "Adadelta(learning_rate=1.0)")
scenario("adadelta_rho", O + "Adadelta(learning_rate=0.5, rho=0.5, epsilon=1e-3)")
scenario("adamax", O + "Adamax(learning_rate=0.1)")
scenario("nadam", O + "Nadam(learning_rate=0.1)")
scenario("nadam_default", O + "Nadam()")
scenario("sgd_clipnorm", O + "SGD(learning_rate=0.1, clipnorm=0.5)")
scenario("sgd_clipvalue", O + "SGD(learning_rate=0.1, clipvalue=0.3)")
scenario("sgd_global_clipnorm", O + "SGD(learning_rate=0.1, global_clipnorm=0.5)")
scenario("adam_clipnorm", O + "Adam(learning_rate=0.1, clipnorm=0.5)")
scenario("rmsprop_clipvalue", O + "RMSprop(learning_rate=0.1, clipvalue=0.2)")
scenario("sgd_exponential_decay", O + "SGD(learning_rate=" + O + "schedules.ExponentialDecay("
         "0.1, decay_steps=1, decay_rate=0.5), momentum=0.5)")
scenario("sgd_exponential_decay_staircase", O + "SGD(learning_rate=" + O +
         "schedules.ExponentialDecay(0.2, decay_steps=2, decay_rate=0.5, staircase=True))")
scenario("adam_piecewise_constant", O + "Adam(learning_rate=" + O + "schedules."
         "PiecewiseConstantDecay([1, 2], [0.1, 0.05, 0.01]))")
scenario("sgd_inverse_time_decay", O + "SGD(learning_rate=" + O + "schedules.InverseTimeDecay("
         "0.1, decay_steps=1, decay_rate=1.0))")
scenario("sgd_polynomial_decay", O + "SGD(learning_rate=" + O + "schedules.PolynomialDecay("
         "0.1, decay_steps=4, end_learning_rate=0.01))")
scenario("adam_cosine_decay", O + "Adam(learning_rate=" + O + "schedules.CosineDecay("
         "0.1, decay_steps=4))")
# learning rate changed after construction (what LearningRateScheduler and students do)
scenario("sgd_set_learning_rate", "(opt := " + O + "SGD(0.1, momentum=0.5), "
         "setattr(opt, 'learning_rate', 0.02), opt)[-1]")
scenario("adam_set_lr_alias", "(opt := " + O + "Adam(0.1), setattr(opt, 'lr', 0.01), opt)[-1]")
scenario("get_adam_string", O + "get('adam')")
scenario("get_sgd_string", O + "get('sgd')")
scenario("get_rmsprop_string", O + "get('rmsprop')")
for name in ["SGD(learning_rate=0.1, momentum=0.9)", "Adam(learning_rate=0.1)",
             "RMSprop(learning_rate=0.1)", "Adagrad(learning_rate=0.2)", "Nadam(learning_rate=0.1)",
             "Adamax(learning_rate=0.1)", "Adadelta(learning_rate=1.0)", "AdamW(learning_rate=0.1)"]:
    scenario("minimize_" + name.split("(")[0].lower(), O + name, mode="minimize")

SCENARIOS = S
