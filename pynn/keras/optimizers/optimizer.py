"""`keras.optimizers.Optimizer`: the base class of the tf.keras 2.15 optimizers.

`apply_gradients` runs the same steps as tf.keras, in the same order: refresh the
scheduled learning rate, build the slot variables on first use, drop `None`
gradients, clip, apply decoupled weight decay, update every variable, update the
moving averages (EMA), count the iteration, apply variable constraints.

The per-variable update is plain numpy on the variables' arrays, written in place:
a subclass implements `_update(grad, value, slots, coefficients)` where `value` and
`slots` are numpy arrays and `coefficients` are the step's scalars computed once by
`_coefficients(lr, dtype)`. Custom optimizers written the Keras way (override
`build` and `update_step(gradient, variable)` with tf ops) work as well.

Who owns a variable's array. For speed, the first `apply_gradients` of an elementwise
optimizer (SGD, Adam, RMSprop ...) on at most `_FLAT_LIMIT` float weights of one dtype moves
the model's variables and each kind of slot into one flat numpy buffer apiece: afterwards
`variable._value` is a *view* of the optimizer's buffer (`_pack_slots`), and one numpy call
per operation updates the whole model (`_apply_flat_update`). The contract that keeps this
safe:
* a Variable's values may change only in place (`assign`, `assign_add`, `assign_sub`, or
  `variable._value[...] = ...`); all of these write through the view into the buffer;
* a Variable whose array is *replaced* (`assign` of a new shape, `set_weights` paths that
  rebind, user code setting `_value`) is detected at the next step (`variable._value is not
  view`) and the optimizer falls back, for good, to updating variable by variable;
* the buffer lives as long as the optimizer; a variable shared by two optimizers is owned by
  the last one that packed it, and the first one falls back as above.
Deciding this here (rather than in the Variable) keeps Tensors plain numpy holders; the
alternative, a buffer owned by the model, would make every layer aware of the optimizer.
"""

import itertools
import logging
import re

import numpy as np

from pynn.core.autodiff import GradientTape
from pynn.core.tensor import Tensor, Variable
from pynn.core.tracing import active as _tracing
from pynn.core.tracing import effect as tracing_effect
from pynn.core.tracing import effect_call, paused
from pynn.keras import initializers
from pynn.keras.optimizers.schedules import learning_rate_schedule

_logger = logging.getLogger("pynn")

# Models with at most this many weights update through one flat buffer per slot kind
# (for them numpy call overhead dominates; larger models update variable by variable).
_FLAT_LIMIT = 1 << 26  # elements: larger models update variable by variable


def _array(x):
    """The numpy array behind a Tensor, a Variable, an array or a number."""
    value = getattr(x, "_value", None)
    if value is None:
        value = np.asarray(x)
    return value


def _shared_name(variable):
    name = getattr(variable, "name", None) or "Variable"
    return name.removesuffix(":0")


class CallableList(list):
    """`optimizer.variables` works both as a property and as `variables()`."""

    def __call__(self):
        return self


class Optimizer:
    """Abstract optimizer base class (tf.keras 2.15 `keras.optimizers.Optimizer`).

    Args:
        name: name of the optimizer, used as prefix of its slot variables.
        weight_decay: if set, every step first does `w -= w * weight_decay * lr`.
        clipnorm: clip each gradient so that its L2 norm is at most this value.
        clipvalue: clip each gradient element to `[-clipvalue, clipvalue]`.
        global_clipnorm: clip all gradients together so that their global norm is
            at most this value.
        use_ema: keep an exponential moving average of the weights.
        ema_momentum: momentum of that average.
        ema_overwrite_frequency: every that many steps, overwrite the weights with
            their average (`None`: only in `finalize_variable_values`).
        jit_compile: accepted for compatibility; always `False` here (no XLA).
    """

    # Names of the slot variables a subclass creates for each model variable, in
    # tf.keras's creation order; "per variable" groups are interleaved per variable.
    _slot_names = ()
    # Whether `_update` is elementwise (then small models update through flat buffers).
    _elementwise = True

    def __init__(
        self,
        name,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        jit_compile=True,
        **kwargs,
    ):
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.jit_compile = False
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError(
                    "`ema_momentum` must be in the range [0, 1]. "
                    f"Received: ema_momentum={ema_momentum}"
                )
            if ema_overwrite_frequency and (
                not isinstance(ema_overwrite_frequency, int) or ema_overwrite_frequency < 1
            ):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer > 1 or None. "
                    f"Received: ema_overwrite_frequency={ema_overwrite_frequency}"
                )
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        if self.clipnorm is not None and self.global_clipnorm is not None:
            raise ValueError(
                "At most one of `clipnorm` and `global_clipnorm` can "
                f"be set. Received: clipnorm={self.clipnorm}, "
                f"global_clipnorm={self.global_clipnorm}."
            )
        self._variables = []
        self._iterations = Variable(0, name="iteration", dtype="int64", trainable=False)
        self._variables.append(self._iterations)
        self._learning_rate = None
        self._built = False
        self._index_dict = {}
        self._slots = []
        self._flat = None
        self._scratch_arrays = {}
        self._exclude_from_weight_decay = []
        self._exclude_from_weight_decay_names = []
        self._process_kwargs(kwargs)

    def _process_kwargs(self, kwargs):
        kwargs.pop("is_legacy_optimizer", None)
        # As in tf.keras 2.15, `lr=` is only warned about: the new optimizers ignore it.
        if kwargs.pop("lr", None):
            _logger.warning(
                "`lr` is deprecated in Keras optimizer, please use `learning_rate` or use "
                f"the legacy optimizer, e.g.,tf.keras.optimizers.legacy.{type(self).__name__}."
            )
        for key in kwargs:
            if key in ("decay", "gradient_aggregator", "gradient_transformers"):
                raise ValueError(
                    f"{key} is deprecated in the new Keras optimizer, please check the "
                    "docstring for valid arguments, or use the legacy optimizer, e.g., "
                    f"tf.keras.optimizers.legacy.{type(self).__name__}."
                )
            raise TypeError(
                f"{key} is not a valid argument, kwargs should be empty "
                " for `optimizer_experimental.Optimizer`."
            )

    # ------------------------------------------------------------ learning rate

    def _build_learning_rate(self, learning_rate):
        if isinstance(learning_rate, learning_rate_schedule.LearningRateSchedule):
            current = np.asarray(_array(learning_rate(self._iterations)))
            self._current_learning_rate = Variable(
                current, name="current_learning_rate", dtype=current.dtype.name, trainable=False
            )
            return learning_rate
        if callable(learning_rate) and not isinstance(learning_rate, Tensor):
            learning_rate = learning_rate()
        return Variable(
            np.asarray(_array(learning_rate), dtype=np.float32),
            name="learning_rate",
            dtype="float32",
            trainable=False,
        )

    @property
    def learning_rate(self):
        if self._learning_rate is None:
            raise ValueError(
                "Missing learning rate, please set self.learning_rate at optimizer creation time."
            )
        if isinstance(self._learning_rate, learning_rate_schedule.LearningRateSchedule):
            return self._current_learning_rate
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        if isinstance(learning_rate, learning_rate_schedule.LearningRateSchedule):
            self._learning_rate = learning_rate
            current = np.asarray(_array(learning_rate(self._iterations)))
            self._current_learning_rate = Variable(
                current, name="current_learning_rate", dtype=current.dtype.name, trainable=False
            )
            return
        if isinstance(self._learning_rate, learning_rate_schedule.LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its "
                "`learning_rate` constructor argument, hence its learning rate is not "
                "settable. If you need the learning rate to be settable, you should "
                "instantiate the optimizer with a float `learning_rate` argument."
            )
        self._learning_rate.assign(np.asarray(_array(learning_rate), dtype=np.float32))

    @property
    def lr(self):
        """Alias of `learning_rate`."""
        return self.learning_rate

    @lr.setter
    def lr(self, learning_rate):
        self.learning_rate = learning_rate

    def _compute_current_learning_rate(self):
        if isinstance(self._learning_rate, learning_rate_schedule.LearningRateSchedule):
            value = _array(self._learning_rate(self._iterations))
            self._current_learning_rate.assign(np.asarray(value, dtype=np.float32))

    @property
    def iterations(self):
        """The number of steps this optimizer has run (an int64 Variable)."""
        return self._iterations

    @iterations.setter
    def iterations(self, variable):
        if self._built:
            raise RuntimeError(
                "Cannot set `iterations` to a new Variable after the Optimizer weights "
                f"have been created. Here it is attempting to set `iterations` to {variable}."
                "Usually this means you are trying to set `iterations` after calling "
                "`apply_gradients()`. Please set `iterations` before calling "
                "`apply_gradients()`."
            )
        if not isinstance(variable, Variable):
            variable = Variable(variable, name="iteration", dtype="int64", trainable=False)
        self._variables[self._variables.index(self._iterations)] = variable
        self._iterations = variable

    # ------------------------------------------------------------ variables

    @property
    def variables(self):
        """The optimizer's variables: `iteration`, then the slots in creation order."""
        return CallableList(self._variables)

    def add_variable(self, shape, dtype=None, initializer="zeros", name=None):
        """Create an optimizer variable (not tied to a model variable)."""
        dtype = dtype or "float32"
        shape = () if shape is None else tuple(shape)
        if isinstance(initializer, str):
            initializer = initializers.get(initializer)
        value = _array(initializer(shape, dtype=dtype))
        variable = Variable(np.array(value, dtype=dtype), name=name, dtype=dtype, trainable=False)
        self._variables.append(variable)
        return variable

    def add_variable_from_reference(
        self, model_variable, variable_name, shape=None, initial_value=None
    ):
        """A slot variable shaped like `model_variable`, named `<opt>/<slot>/<var>`."""
        dtype = _array(model_variable).dtype
        if initial_value is None:
            ref_shape = _array(model_variable).shape if shape is None else tuple(shape)
            value = np.zeros(ref_shape, dtype=dtype)
        else:
            value = np.array(_array(initial_value), dtype=dtype)
        variable = Variable(
            value,
            name=f"{self.name}/{variable_name}/{_shared_name(model_variable)}",
            dtype=dtype.name,
            trainable=False,
        )
        self._variables.append(variable)
        return variable

    def build(self, var_list):
        """Create the slot variables for `var_list` (once; later calls do nothing).

        A custom optimizer overriding `build` calls `super().build(var_list)`, creates
        its own slots with `add_variable_from_reference`, and sets `self._built = True`,
        as with tf.keras.
        """
        if self._built:
            return
        var_list = list(var_list)
        # Keyed by id(); holding the list keeps those ids from being reused.
        self._built_variables = var_list
        self._index_dict = {self._var_key(v): i for i, v in enumerate(var_list)}
        if self.use_ema:
            self._model_variables_moving_average = [
                self.add_variable_from_reference(v, "average", initial_value=v) for v in var_list
            ]
        self._slots = self._build_slots(var_list)
        self._flat = self._pack_slots(var_list)
        if type(self).build is Optimizer.build:
            self._built = True

    def _var_key(self, variable):
        """The key of `variable` in `self._index_dict` (as in tf.keras)."""
        return id(variable)

    def _build_slots(self, var_list):
        """One tuple of slot Variables per model variable (default: one per name,
        interleaved per variable as the Keras optimizers create them)."""
        return [
            tuple(self.add_variable_from_reference(v, name) for name in self._slot_names)
            for v in var_list
        ]

    def _pack_slots(self, var_list):
        """Lay the variables and each kind of slot out in flat buffers (the Variables' arrays
        become views of them), so that a model's whole update is one numpy call per operation
        instead of one per operation and variable: what makes small models and small layers
        fast. Returns None when the variables do not allow it."""
        if (
            not var_list
            or not self._slots
            or len({len(s) for s in self._slots}) != 1
            or not self._elementwise
            or type(self).update_step is not Optimizer.update_step
        ):
            return None
        dtypes = {v._value.dtype for v in var_list}
        sizes = [v._value.size for v in var_list]
        if (
            len(dtypes) != 1
            or sum(sizes) > _FLAT_LIMIT
            or len({id(v) for v in var_list}) != len(var_list)
        ):
            return None
        dtype = dtypes.pop()
        spans = list(itertools.pairwise(np.concatenate([[0], np.cumsum(sizes)]).tolist()))
        total = spans[-1][1]

        def rehome(holders, flat):
            views = []
            for holder, (start, stop) in zip(holders, spans, strict=True):
                view = flat[start:stop].reshape(holder._value.shape)
                view[...] = holder._value
                holder._value = view  # same values, now inside `flat`
                views.append(view)
            return views

        buffers = []
        for j in range(len(self._slots[0])):
            flat = np.empty(total, dtype)
            rehome([slots[j] for slots in self._slots], flat)
            buffers.append(flat)
        weights = np.empty(total, dtype)
        views = rehome(var_list, weights)
        # the gradients are gathered into one more flat buffer every step
        return tuple(map(id, var_list)), buffers, views, (np.empty(total, dtype), weights)

    def set_weights(self, weights):
        if not self._built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been "
                "built. Please call `optimizer.build(trainable_variables)` to create the "
                "optimizer weights before calling `set_weights()`."
            )
        for variable, weight in zip(self._variables, weights, strict=True):
            weight = _array(weight)
            if tuple(variable.shape) != tuple(weight.shape):
                raise ValueError(
                    f"Optimizer variable {variable.name} has shape {tuple(variable.shape)} "
                    f"not compatible with provided weight shape {tuple(weight.shape)}."
                )
            variable.assign(weight)

    def get_weights(self):
        return [np.array(_array(v)) for v in self._variables]

    def save_own_variables(self, store):
        for i, variable in enumerate(self._variables):
            store[str(i)] = np.array(_array(variable))

    def load_own_variables(self, store):
        if len(store.keys()) != len(self._variables):
            msg = (
                f"Skipping variable loading for optimizer '{self.name}', because it has "
                f"{len(self._variables)} variables whereas the saved optimizer has "
                f"{len(store.keys())} variables. "
            )
            if len(self._variables) == 0:
                msg += "This is likely because the optimizer has not been called/built yet."
            _logger.warning(msg)
            return
        for i, variable in enumerate(self._variables):
            variable.assign(np.asarray(store[str(i)]))

    # ------------------------------------------------------------ weight decay

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Exclude variables (or variables whose name matches one of `var_names`)
        from weight decay; call before the optimizer is built."""
        if self._built:
            raise ValueError(
                "`exclude_from_weight_decay()` can only be configued before the optimizer is built."
            )
        self._exclude_from_weight_decay = [id(v) for v in var_list] if var_list else []
        self._exclude_from_weight_decay_names = var_names or []

    def _use_weight_decay(self, variable):
        if id(variable) in self._exclude_from_weight_decay:
            return False
        name = getattr(variable, "name", "") or ""
        return not any(
            re.search(pattern, name) is not None
            for pattern in self._exclude_from_weight_decay_names
        )

    # ------------------------------------------------------------ the step

    def compute_gradients(self, loss, var_list, tape=None):
        """`[(gradient, variable), ...]` of `loss` (a callable, or a Tensor with its tape)."""
        if not callable(loss) and tape is None:
            raise ValueError(
                "`tape` is required when a `Tensor` loss is passed. "
                f"Received: loss={loss}, tape={tape}."
            )
        if tape is None:
            tape = GradientTape()
        if callable(loss):
            with tape:
                if not callable(var_list):
                    tape.watch(var_list)
                loss = loss()
                if callable(var_list):
                    var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return list(zip(grads, var_list, strict=True))

    def minimize(self, loss, var_list, tape=None):
        """Compute the gradients of `loss` on `var_list` and apply them."""
        self.apply_gradients(self.compute_gradients(loss, var_list, tape))

    def apply_gradients(
        self, grads_and_vars, name=None, skip_gradients_aggregation=False, **kwargs
    ):
        """Apply `[(gradient, variable), ...]`; returns the `iterations` Variable. Inside a
        traced tf.function the update is recorded as a side effect that every call repeats."""
        if _tracing:
            return self._record_apply(
                list(grads_and_vars), name, skip_gradients_aggregation, kwargs
            )
        self._compute_current_learning_rate()
        grads_and_vars = list(grads_and_vars)
        if not grads_and_vars:
            return self._iterations
        for pair in grads_and_vars:
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(
                    "`grads_and_vars` must be a list of (gradient, variable) pairs. "
                    f"Received: {pair!r}"
                )
        self.build([v for _, v in grads_and_vars])
        grads_and_vars = _filter_empty_gradients(grads_and_vars)
        self._apply_arrays([_array(g) for g, _ in grads_and_vars], [v for _, v in grads_and_vars])
        return self._iterations

    def _record_apply(self, grads_and_vars, name, skip_gradients_aggregation, kwargs):
        """apply_gradients inside a recorded step (a traced tf.function): the arguments are
        checked once, now; the update itself is a side effect every replay repeats."""
        if (
            type(self).apply_gradients is not Optimizer.apply_gradients
            or not grads_and_vars
            or kwargs
            or any(
                not isinstance(pair, (tuple, list))
                or len(pair) != 2
                or not (pair[0] is None or isinstance(pair[0], Tensor))
                for pair in grads_and_vars
            )
        ):
            return effect_call(
                self.apply_gradients,
                grads_and_vars,
                name=name,
                skip_gradients_aggregation=skip_gradients_aggregation,
                **kwargs,
            )
        with paused():
            self.build([v for _, v in grads_and_vars])
        kept = _filter_empty_gradients(grads_and_vars)
        tracing_effect(
            self._apply_recorded, *[g for g, _ in kept], variables=tuple(v for _, v in kept)
        )
        return self._iterations

    def _apply_recorded(self, *grads, variables):
        self._compute_current_learning_rate()
        self._apply_arrays(list(grads), list(variables))

    def _apply_arrays(self, grads, variables):
        """The update itself: `grads` are numpy arrays, one per (built) variable. `fit`'s
        replayed steps call it directly, after `_compute_current_learning_rate()`."""
        grads = self._clip_gradients(grads)
        lr = self._step_learning_rate()
        # Like TF, overflowing weights become inf/nan silently (TerminateOnNaN reports them).
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            if self.weight_decay is not None:
                self._apply_weight_decay(variables, lr)
            self._apply_updates(grads, variables, lr)
        if self.use_ema:
            self._update_model_variables_moving_average(variables)
            if (
                self.ema_overwrite_frequency
                and (int(self._iterations._value) + 1) % self.ema_overwrite_frequency == 0
            ):
                self._overwrite_model_variables_with_average_value(variables)
        self._iterations._value += 1
        for variable in variables:
            constraint = getattr(variable, "constraint", None)
            if constraint is not None:
                variable.assign(_array(constraint(variable)))

    def _step_learning_rate(self):
        """The learning rate this step uses, a float32 scalar."""
        return np.float32(_array(self.learning_rate))

    def _apply_updates(self, grads, variables, lr):
        flat = self._flat
        if flat is not None and tuple(map(id, variables)) == flat[0]:
            self._apply_flat_update(grads, variables, lr, *flat[1:])
            return
        custom_update = type(self).update_step is not Optimizer.update_step
        coefficients = {}
        index = self._index_dict
        for grad, variable in zip(grads, variables, strict=True):
            key = id(variable)
            if key not in index:
                raise KeyError(
                    f"The optimizer cannot recognize variable {variable.name}. This usually "
                    "means you are trying to call the optimizer to update different parts "
                    "of the model separately. Please call `optimizer.build(variables)` with "
                    "the full list of trainable variables before the training loop or use "
                    f"legacy optimizer `tf.keras.optimizers.legacy.{type(self).__name__}."
                )
            if custom_update:
                self.update_step(grad if isinstance(grad, Tensor) else Tensor(grad), variable)
                continue
            value = variable._value
            dtype = value.dtype
            k = coefficients.get(dtype)
            if k is None:
                k = coefficients[dtype] = self._coefficients(lr, dtype)
            if grad.dtype != dtype:
                grad = grad.astype(dtype)
            self._update(grad, value, [s._value for s in self._slots[index[key]]], k)

    def _apply_flat_update(self, grads, variables, lr, buffers, views, work):
        """The update of every variable at once, on the flat weights and gradients."""
        grad, weights = work
        for variable, view in zip(variables, views, strict=True):
            if variable._value is not view:  # re-assigned elsewhere: update one by one
                self._flat = None
                self._apply_updates(grads, variables, lr)
                return
        np.concatenate([g.reshape(-1) for g in grads], out=grad, casting="same_kind")
        self._update(grad, weights, buffers, self._coefficients(lr, weights.dtype))

    def update_step(self, gradient, variable):
        """Override in custom optimizers: update `variable` from `gradient` (Tensors)."""
        raise NotImplementedError

    def _coefficients(self, lr, dtype):
        """The step's scalars (learning rate, bias corrections ...) in `dtype`."""
        return (dtype.type(lr),)

    def _update(self, grad, value, slots, k):
        raise NotImplementedError

    def _scratch(self, like, index=0):
        """A reusable work array shaped like `like` (fresh large arrays are slow to get)."""
        key = (like.shape, like.dtype, index)
        array = self._scratch_arrays.get(key)
        if array is None:
            array = self._scratch_arrays[key] = np.empty_like(like)
        return array

    def _step_as(self, dtype, offset=1):
        """`iterations + offset` as a `dtype` scalar (tf.keras's `local_step`)."""
        return dtype.type(int(self._iterations._value) + offset)

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return _clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            limit = self.clipvalue
            return [np.clip(g, g.dtype.type(-limit), g.dtype.type(limit)) for g in grads]
        return grads

    def _apply_weight_decay(self, variables, lr):
        for variable in variables:
            if self._use_weight_decay(variable):
                value = variable._value
                t = value.dtype.type
                value -= value * t(self.weight_decay) * t(lr)

    def _update_model_variables_moving_average(self, variables):
        momentum = self.ema_momentum
        for variable in variables:
            average = self._model_variables_moving_average[self._index_dict[id(variable)]]._value
            t = average.dtype.type
            average[...] = t(momentum) * average + t(1 - momentum) * variable._value

    def _overwrite_model_variables_with_average_value(self, variables):
        for variable in variables:
            average = self._model_variables_moving_average[self._index_dict[id(variable)]]
            variable.assign(np.array(average._value))

    def finalize_variable_values(self, var_list):
        """With `use_ema=True`, overwrite the weights with their moving averages."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(list(var_list))

    # ------------------------------------------------------------ config

    def _serialize_hyperparameter(self, hyperparameter):
        if isinstance(hyperparameter, learning_rate_schedule.LearningRateSchedule):
            return learning_rate_schedule.serialize(hyperparameter)
        if isinstance(hyperparameter, Variable):
            return hyperparameter.numpy()
        if callable(hyperparameter):
            return hyperparameter()
        return hyperparameter

    def get_config(self):
        return {
            "name": self.name,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "jit_compile": self.jit_compile,
            "is_legacy_optimizer": False,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = learning_rate_schedule.deserialize(
                config["learning_rate"], custom_objects=custom_objects
            )
        return cls(**config)

    def __repr__(self):
        # As tf.keras prints its objects: `<keras.src.optimizers.adam.Adam object at 0x..>`.
        module = type(self).__module__
        if module.startswith("pynn.keras."):
            module = "keras.src." + module[len("pynn.keras.") :]
        return f"<{module}.{type(self).__name__} object at {hex(id(self))}>"


def _filter_empty_gradients(grads_and_vars):
    filtered = [(g, v) for g, v in grads_and_vars if g is not None]
    if not filtered:
        names = ([v.name for _, v in grads_and_vars],)
        raise ValueError(
            f"No gradients provided for any variable: {names}. "
            f"Provided `grads_and_vars` is {tuple(grads_and_vars)}."
        )
    if len(filtered) < len(grads_and_vars):
        missing = [v.name for g, v in grads_and_vars if g is None]
        _logger.warning(
            "Gradients do not exist for variables %s when minimizing the loss. If you're "
            "using `model.compile()`, did you forget to provide a `loss` argument?",
            missing,
        )
    return filtered


def _clip_by_norm(grad, clip_norm):
    """`tf.clip_by_norm`: `g * clip_norm / max(||g||, clip_norm)`."""
    t = grad.dtype.type
    l2sum = np.sum(grad * grad, dtype=grad.dtype)
    norm = np.sqrt(l2sum) if l2sum > 0 else l2sum
    return (grad * t(clip_norm)) / np.maximum(norm, t(clip_norm))


def _clip_by_global_norm(grads, clip_norm):
    """`tf.clip_by_global_norm`: scale all by `clip_norm * min(1/norm, 1/clip_norm)`."""
    half_squared = [np.sum(g * g, dtype=g.dtype) / g.dtype.type(2) for g in grads]
    norm = np.sqrt(np.sum(np.array(half_squared, dtype=np.float32)) * np.float32(2))
    with np.errstate(divide="ignore"):
        scale = np.float32(clip_norm) * np.minimum(
            np.float32(1) / norm, np.float32(1) / np.float32(clip_norm)
        )
    scale = scale + (norm - norm)
    return [g * g.dtype.type(scale) for g in grads]
