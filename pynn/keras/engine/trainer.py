"""`Trainer`: the training half of `keras.Model` (compile, fit, evaluate, predict).

`Model` (training.py) inherits this mixin. The loops follow tf.keras 2.15:

* `fit` runs `train_step(data)` on every batch, where `data` is `(x, y)` or
  `(x, y, sample_weight)` (numpy arrays, or lists/dicts of them); `train_step`
  runs the model under a `GradientTape` with `training=True`, computes the compiled
  loss plus `model.losses`, applies the optimizer, updates the metrics and returns
  the logs. Subclasses may override `train_step`/`test_step`/`predict_step`, or
  `compute_loss`/`compute_metrics`, exactly as in Keras's "customizing what
  happens in fit" guide.
* Epoch logs are Python floats keyed by metric name (`loss`, `accuracy`,
  `val_loss`, `dense_2_loss`, ...); `fit` returns the `History`.

Speed: batches are numpy views; the metric values of a batch are only computed
when a callback reads them (the progress bar reads at most every 50 ms).
"""

import collections.abc
import warnings

import numpy as np

from pynn.core import tracing
from pynn.core.autodiff import GradientTape
from pynn.core.result_array import as_result
from pynn.keras import callbacks as callbacks_module
from pynn.keras import optimizers
from pynn.keras.engine import compile_utils, data_adapter, nest, step_shapes
from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.step_compiler import StepCompiler

_DEPRECATED = (
    "`Model.{0}_generator` is deprecated and will be removed in a future version. "
    "Please use `Model.{0}`, which supports generators."
)

_NOT_COMPILED = (
    "You must compile your model before training/testing. Use `model.compile(optimizer, loss)`."
)


def _verbosity(verbose):
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2) and not isinstance(verbose, (int, np.integer)):
        raise ValueError(f"`verbose` should be 0, 1, 2 or 'auto'. Received: verbose={verbose}")
    return int(verbose)


def _to_python(value):
    if hasattr(value, "_value"):
        value = value._value
    if isinstance(value, np.ndarray):
        return value.item() if value.ndim == 0 else as_result(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _python_logs(logs):
    return {key: _to_python(value) for key, value in logs.items()}


def _require_logs_dict(logs):
    if not isinstance(logs, collections.abc.Mapping):
        raise TypeError(
            "`train_step` and `test_step` must return a dict of metric values, like "
            f"{{'loss': 0.2, 'accuracy': 0.7}}. Received: {logs!r}"
        )


def _batch_logs(logs):
    """What batch hooks receive: lazily computed floats."""
    if isinstance(logs, callbacks_module.LazyLogs):
        return logs
    _require_logs_dict(logs)
    return callbacks_module.LazyLogs(lambda: _python_logs(logs))


def _to_numpy(value):
    if hasattr(value, "_value"):
        return value._value
    return np.asarray(value)


def _to_user(value):
    """What predict/evaluate hand back: numpy arrays whose one-element rows convert to Python
    numbers as on numpy 1.x (`ResultArray`), Python numbers for scalars."""
    return nest.map_structure(as_result, value)


def flatten_metrics_in_order(logs, metrics_names):
    """The logs as a list in `metrics_names` order (a single value is returned bare)."""
    results = [logs[name] for name in metrics_names if name in logs]
    results += [logs[key] for key in sorted(logs) if key not in metrics_names]
    if len(results) == 1:
        return results[0]
    return results


def _concat(batches):
    """Joins per-batch predictions (arrays, or lists/dicts of arrays) along axis 0."""
    first = batches[0]
    if isinstance(first, dict):
        return {key: _concat([b[key] for b in batches]) for key in first}
    if isinstance(first, (list, tuple)):
        return type(first)(_concat([b[i] for b in batches]) for i in range(len(first)))
    if len(batches) == 1:
        return batches[0]
    return np.concatenate(batches, axis=0)


class Trainer:
    """Mixin giving `Model` compile/fit/evaluate/predict. See the module docstring."""

    # Defaults readable before `compile` (Model.__init__ belongs to the engine).
    optimizer = None
    compiled_loss = None
    compiled_metrics = None
    loss = None
    history = None
    stop_training = False
    _is_compiled = False
    _run_eagerly = None
    _step_compiler = None  # the last fit's StepCompiler (how its steps ran)
    _step_programs = None  # its recorded steps, kept from fit to fit until compile()
    _eval_handler = None
    _in_fit = False
    _fit_variables = None
    _fit_layers = None

    # ------------------------------------------------------------------ compile

    def compile(
        self,
        optimizer="rmsprop",
        loss=None,
        metrics=None,
        loss_weights=None,
        weighted_metrics=None,
        run_eagerly=None,
        steps_per_execution=None,
        jit_compile=None,
        **kwargs,
    ):
        """Configures the model for training.

        Args:
            optimizer: name (`'adam'`), or an `Optimizer` instance.
            loss: name, function, `Loss` instance, or a list/dict of them (one per output).
            metrics: list of names/functions/`Metric`s (applied to every output), a list
                of lists (one per output), or a dict keyed by output name.
            loss_weights: list or dict of scalars weighting each output's loss.
            weighted_metrics: metrics that receive `sample_weight`/`class_weight`.
            run_eagerly: True runs every `fit` step as plain Python (no replay of a
                recorded step; slower, easier to debug).
            steps_per_execution, jit_compile: accepted for compatibility.
        """

        kwargs.pop("experimental_steps_per_execution", None)
        kwargs.pop("from_serialized", None)
        for legacy in ("cloning", "experimental_run_tf_function", "sample_weight_mode"):
            kwargs.pop(legacy, None)
        if kwargs.get("distribute") is not None:
            raise ValueError(
                "`distribute` argument in compile is not available in TF 2.0. Please create "
                f"the model under the `strategy.scope()`. Received: {kwargs['distribute']}."
            )
        if kwargs.get("target_tensors") is not None:
            raise ValueError(
                "`target_tensors` argument is not supported when executing "
                f"eagerly. Received: {kwargs['target_tensors']}."
            )
        invalid = set(kwargs) - {"distribute", "target_tensors"}
        if invalid:
            raise TypeError(
                f"Invalid keyword argument(s) in `compile()`: {(invalid,)}. Valid keyword "
                'arguments include "cloning", "experimental_run_tf_function", "distribute", '
                '"target_tensors", or "sample_weight_mode".'
            )
        self.optimizer = optimizers.get(optimizer)
        output_names = getattr(self, "output_names", None)
        if isinstance(loss, compile_utils.LossesContainer):
            self.compiled_loss = loss
        else:
            self.compiled_loss = compile_utils.LossesContainer(
                loss, loss_weights, output_names=output_names
            )
        self.compiled_metrics = compile_utils.MetricsContainer(
            metrics, weighted_metrics, output_names=output_names
        )
        self._run_eagerly = run_eagerly
        self._steps_per_execution = steps_per_execution or 1
        self._jit_compile = jit_compile
        self._compile_config = {
            "optimizer": optimizer,
            "loss": loss,
            "metrics": metrics,
            "loss_weights": loss_weights,
            "weighted_metrics": weighted_metrics,
            "run_eagerly": run_eagerly,
            "steps_per_execution": steps_per_execution,
            "jit_compile": jit_compile,
        }
        self._eval_handler = None
        self._step_programs = None  # recorded train steps belong to one compile
        self._is_compiled = True
        self.loss = loss or {}

    @property
    def run_eagerly(self):
        """True after `compile(run_eagerly=True)` or `tf.config.run_functions_eagerly(True)`:
        `fit` then runs every step as plain Python. Otherwise, as tf.keras traces its train
        function, `fit` records the first steps and replays them (see step_compiler.py)."""
        return bool(self._run_eagerly) or tracing.EAGER

    @run_eagerly.setter
    def run_eagerly(self, value):
        self._run_eagerly = value

    def _assert_compile_was_called(self):
        if not self._is_compiled:
            raise RuntimeError(_NOT_COMPILED)

    # ------------------------------------------------------------------ metrics

    @property
    def metrics(self):
        """The loss trackers and compiled metrics (known after the first batch)."""
        metrics = []
        if self._is_compiled:
            if self.compiled_loss is not None:
                metrics += self.compiled_loss.metrics
            if self.compiled_metrics is not None:
                metrics += self.compiled_metrics.metrics
        for layer in self._all_layers():
            metrics.extend(getattr(layer, "_metrics", None) or ())
        return metrics

    def _all_layers(self):
        """Every layer of the model (walked once per fit: losses and metrics read it)."""
        flatten_layers = getattr(self, "_flatten_layers", None)
        if self._in_fit and self.built and flatten_layers is not None:  # walked once per fit
            if self._fit_layers is None:
                self._fit_layers = flatten_layers()
            return self._fit_layers
        if flatten_layers is not None:
            return list(flatten_layers())
        return [self]

    @property
    def metrics_names(self):
        """`['loss', 'accuracy', ...]`: the names `evaluate` returns values for, in order."""
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        """Resets the state of every metric of the model."""
        for metric in self.metrics:
            metric.reset_state()

    def get_metrics_result(self):
        """`{name: result}` of every metric in `self.metrics` (Python floats)."""
        results = {}
        for metric in self.metrics:
            result = metric.result()
            if isinstance(result, dict):
                results.update(_python_logs(result))
            else:
                results[metric.name] = _to_python(result)
        return results

    def _validate_and_get_metrics_result(self, logs):
        """The model's metric results when the step returned exactly those keys."""
        _require_logs_dict(logs)
        if (
            isinstance(logs, callbacks_module.LazyLogs) and logs.metrics_only and not logs.computed
        ):  # exactly the metric results, computed now once
            return dict(logs.as_dict())
        results = self.get_metrics_result()
        if set(logs.keys()) == set(results):
            return results
        return _python_logs(dict(logs))

    # ------------------------------------------------------------------ steps

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        """The compiled loss plus the model's own losses (`add_loss`, regularizers)."""
        del x
        return self.compiled_loss(
            y, y_pred, sample_weight, regularization_losses=self._step_losses()
        )

    def compute_metrics(self, x, y, y_pred, sample_weight):
        """Updates the compiled metrics; returns the logs (computed when read)."""
        del x
        self.compiled_metrics.update_state(y, y_pred, sample_weight)
        return callbacks_module.LazyLogs(self.get_metrics_result, metrics_only=True)

    def _validate_target_and_loss(self, y, loss):
        if self.loss and y is None:
            raise ValueError(
                "Target data is missing. Your model was compiled with "
                f"loss={self.loss}, and therefore expects target data to be provided in `fit()`."
            )
        if loss is None:
            raise ValueError(
                "No loss found. You may have forgotten to provide a `loss` "
                "argument in the `compile()` method."
            )

    def train_step(self, data):
        """One training step on `data` = `(x, y)` or `(x, y, sample_weight)`; returns logs."""

        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        self._validate_target_and_loss(y, loss)
        self.optimizer.minimize(loss, self._step_variables(), tape=tape)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def _step_variables(self):
        # Inside `fit` the trainable variables are looked up once, after the first step
        # built the model: like tf.keras's traced train function, a change of
        # `trainable` takes effect at the next `fit`/`compile`.
        variables = self._fit_variables
        if variables is None:
            variables = self.trainable_variables
            if self._in_fit and self.built:
                self._fit_variables = variables
        return variables

    def _step_losses(self):
        # `self.losses`, with the layer tree walked once per fit (like the variables above);
        # each layer's losses are still read (and regularizers called) every step.

        if not self._in_fit or type(self).losses is not Layer.losses:
            return self.losses
        collected = []
        for layer in self._all_layers():
            collected.extend(layer._eager_losses)
            for fn in layer._callable_losses:
                value = fn()
                if value is not None:
                    collected.append(value)
        return collected

    def test_step(self, data):
        """One evaluation step: forward pass, loss and metrics update; returns logs."""
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self.compute_loss(x, y, y_pred, sample_weight)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        """The model's outputs for one batch of inputs."""
        x, _, _ = data_adapter.unpack_x_y_sample_weight(data)
        return self(x, training=False)

    # ------------------------------------------------------------------ fit

    def fit(
        self,
        x=None,
        y=None,
        batch_size=None,
        epochs=1,
        verbose="auto",
        callbacks=None,
        validation_split=0.0,
        validation_data=None,
        shuffle=True,
        class_weight=None,
        sample_weight=None,
        initial_epoch=0,
        steps_per_epoch=None,
        validation_steps=None,
        validation_batch_size=None,
        validation_freq=1,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
    ):
        """Trains the model for a fixed number of epochs; returns a `History`.

        `validation_split` holds out the LAST fraction of the samples (before any
        shuffling); `validation_data` is `(x_val, y_val)` or `(x_val, y_val, weights)`.
        """
        self._assert_compile_was_called()
        verbose = _verbosity(verbose)
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter.train_validation_split(
                (x, y, sample_weight), validation_split
            )
        validation = None
        if validation_data is not None:
            val_x, val_y, val_weight = data_adapter.unpack_x_y_sample_weight(validation_data)
            validation = {
                "x": val_x,
                "y": val_y,
                "sample_weight": val_weight,
                "batch_size": validation_batch_size or batch_size,
                "steps_per_epoch": validation_steps,
            }
        handler = data_adapter.DataHandler(
            x,
            y,
            sample_weight,
            batch_size=batch_size,
            steps_per_epoch=steps_per_epoch,
            initial_epoch=initial_epoch,
            epochs=epochs,
            shuffle=shuffle,
            class_weight=class_weight,
        )
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks,
                add_history=True,
                add_progbar=verbose != 0,
                add_defaults=True,
                model=self,
                verbose=verbose,
                epochs=epochs,
                steps=handler.inferred_steps,
            )
        self._eval_handler = None
        self.stop_training = False
        self._in_fit, self._fit_variables, self._fit_layers = True, None, None
        try:
            with step_shapes.in_step_loop():
                return self._fit_loop(handler, callbacks, validation, validation_freq)
        finally:
            self._in_fit, self._fit_variables, self._fit_layers = False, None, None

    def _fit_loop(self, handler, callbacks, validation, validation_freq):
        train_step = self.train_step
        # Keras's own train_step is recorded, then replayed (as tf.keras traces it into a
        # tf.function); a user's train_step may do anything, so it runs eagerly.
        if type(self).train_step is Trainer.train_step and not self.run_eagerly:
            if self._step_programs is None:
                self._step_programs = {}
            self._step_compiler = StepCompiler(self, self._step_programs)
            train_step = self._step_compiler.train_step
        callbacks.on_train_begin()
        training_logs = None
        logs = None  # kept across epochs: an epoch whose data ran out logs zeros, as tf.keras
        for epoch in handler.enumerate_epochs():
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            hooks = callbacks.wants_train_batch_hooks
            for step, data in handler.batches():
                if hooks:
                    callbacks.on_train_batch_begin(step)
                logs = train_step(data_adapter.pack_x_y_sample_weight(*data))
                if hooks:
                    callbacks.on_train_batch_end(step, _batch_logs(logs))
                if self.stop_training:
                    break
            if logs is None:
                raise ValueError(
                    "Unexpected result of `train_function` (Empty logs). This could be due "
                    "to issues in input pipeline that resulted in an empty dataset."
                )
            epoch_logs = dict(self._validate_and_get_metrics_result(logs))
            if validation is not None and self._should_eval(epoch, validation_freq):
                if self._eval_handler is None:  # built once, reused every epoch
                    self._eval_handler = data_adapter.DataHandler(**validation)
                val_logs = self._evaluate_loop(self._eval_handler, callbacks)
                epoch_logs.update({"val_" + name: value for name, value in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        callbacks.on_train_end(logs=training_logs)
        return self.history

    @staticmethod
    def _should_eval(epoch, validation_freq):
        epoch += 1
        if isinstance(validation_freq, int):
            return epoch % validation_freq == 0
        if isinstance(validation_freq, (list, tuple)):
            return epoch in validation_freq
        raise ValueError(
            "Expected `validation_freq` to be a list or int. Received: "
            f"validation_freq={validation_freq} of the type {type(validation_freq)}."
        )

    # ------------------------------------------------------------------ evaluate

    def evaluate(
        self,
        x=None,
        y=None,
        batch_size=None,
        verbose="auto",
        sample_weight=None,
        steps=None,
        callbacks=None,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
        return_dict=False,
        **kwargs,
    ):
        """Loss and metrics on the data: a scalar, a list in `metrics_names` order, or a dict."""
        self._assert_compile_was_called()
        unknown = set(kwargs) - {"_use_cached_eval_dataset"}
        if unknown:
            raise TypeError(f"Invalid keyword arguments: {sorted(unknown)}")
        verbose = _verbosity(verbose)
        handler = data_adapter.DataHandler(
            x, y, sample_weight, batch_size=batch_size, steps_per_epoch=steps
        )
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks,
                add_progbar=verbose != 0,
                add_defaults=True,
                model=self,
                verbose=verbose,
                epochs=1,
                steps=handler.inferred_steps,
            )
        with step_shapes.in_step_loop():
            logs = self._evaluate_loop(handler, callbacks)
        if return_dict:
            return logs
        return flatten_metrics_in_order(logs, self.metrics_names)

    def _evaluate_loop(self, handler, callbacks):
        test_step = self.test_step
        handler.restart()
        self.reset_metrics()
        callbacks.on_test_begin()
        hooks = callbacks.wants_test_batch_hooks
        logs = None
        for step, data in handler.batches():
            if hooks:
                callbacks.on_test_batch_begin(step)
            logs = test_step(data_adapter.pack_x_y_sample_weight(*data))
            if hooks:
                callbacks.on_test_batch_end(step, _batch_logs(logs))
        if logs is None:  # a generator that already ran out: no results, as tf.keras
            logs = {}
        logs = self._validate_and_get_metrics_result(logs)
        logs = dict(logs)
        callbacks.on_test_end(logs=logs)
        return logs

    # ------------------------------------------------------------------ predict

    def predict(
        self,
        x,
        batch_size=None,
        verbose="auto",
        steps=None,
        callbacks=None,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
    ):
        """The model's outputs for `x`, batch by batch, as numpy (list/dict for several)."""
        verbose = _verbosity(verbose)
        handler = data_adapter.DataHandler(x, batch_size=batch_size, steps_per_epoch=steps)
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks,
                add_progbar=verbose != 0,
                add_defaults=True,
                model=self,
                verbose=verbose,
                epochs=1,
                steps=handler.inferred_steps,
            )
        predict_step = self.predict_step
        hooks = callbacks.wants_predict_batch_hooks
        callbacks.on_predict_begin()
        outputs = []
        for step, data in handler.batches():
            if hooks:
                callbacks.on_predict_batch_begin(step)
            with step_shapes.in_step_loop():
                batch_outputs = nest.map_structure(
                    _to_numpy, predict_step(data_adapter.pack_x_y_sample_weight(*data))
                )
            outputs.append(batch_outputs)
            if hooks:
                callbacks.on_predict_batch_end(step, {"outputs": batch_outputs})
        callbacks.on_predict_end()
        return _to_user(_concat(outputs))

    # ------------------------------------------------------------------ 2.15 deprecations
    def fit_generator(
        self,
        generator,
        steps_per_epoch=None,
        epochs=1,
        verbose=1,
        callbacks=None,
        validation_data=None,
        validation_steps=None,
        validation_freq=1,
        class_weight=None,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
        shuffle=True,
        initial_epoch=0,
    ):
        """Deprecated in tf.keras 2.15 (it warns): `fit` reads generators."""
        warnings.warn(_DEPRECATED.format("fit"), stacklevel=2)
        return self.fit(
            generator,
            steps_per_epoch=steps_per_epoch,
            epochs=epochs,
            verbose=verbose,
            callbacks=callbacks,
            validation_data=validation_data,
            validation_steps=validation_steps,
            validation_freq=validation_freq,
            class_weight=class_weight,
            max_queue_size=max_queue_size,
            workers=workers,
            use_multiprocessing=use_multiprocessing,
            shuffle=shuffle,
            initial_epoch=initial_epoch,
        )

    def evaluate_generator(
        self,
        generator,
        steps=None,
        callbacks=None,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
        verbose=0,
    ):
        """Deprecated in tf.keras 2.15 (it warns): `evaluate` reads generators."""
        warnings.warn(_DEPRECATED.format("evaluate"), stacklevel=2)
        return self.evaluate(
            generator,
            steps=steps,
            max_queue_size=max_queue_size,
            workers=workers,
            use_multiprocessing=use_multiprocessing,
            verbose=verbose,
            callbacks=callbacks,
        )

    def predict_generator(
        self,
        generator,
        steps=None,
        callbacks=None,
        max_queue_size=10,
        workers=1,
        use_multiprocessing=False,
        verbose=0,
    ):
        """Deprecated in tf.keras 2.15 (it warns): `predict` reads generators."""
        warnings.warn(_DEPRECATED.format("predict"), stacklevel=2)
        return self.predict(
            generator,
            steps=steps,
            max_queue_size=max_queue_size,
            workers=workers,
            use_multiprocessing=use_multiprocessing,
            verbose=verbose,
            callbacks=callbacks,
        )

    # ------------------------------------------------------------------ single batches

    def train_on_batch(
        self,
        x,
        y=None,
        sample_weight=None,
        class_weight=None,
        reset_metrics=True,
        return_dict=False,
    ):
        """One gradient update on one batch; returns the loss (and metrics)."""
        self._assert_compile_was_called()
        if reset_metrics:
            self.reset_metrics()
        data = self._single_batch(x, y, sample_weight, class_weight)
        logs = _python_logs(dict(self.train_step(data)))
        if return_dict:
            return logs
        return flatten_metrics_in_order(logs, self.metrics_names)

    def test_on_batch(self, x, y=None, sample_weight=None, reset_metrics=True, return_dict=False):
        """Loss and metrics on one batch, without updating the weights."""
        self._assert_compile_was_called()
        if reset_metrics:
            self.reset_metrics()
        data = self._single_batch(x, y, sample_weight, None)
        logs = _python_logs(dict(self.test_step(data)))
        if return_dict:
            return logs
        return flatten_metrics_in_order(logs, self.metrics_names)

    def predict_on_batch(self, x):
        """The model's outputs for one batch, as numpy."""
        data = self._single_batch(x, None, None, None)
        return _to_user(nest.map_structure(_to_numpy, self.predict_step(data)))

    @staticmethod
    def _single_batch(x, y, sample_weight, class_weight):
        x = data_adapter.to_arrays(x)
        y = data_adapter.to_arrays(y)
        sample_weight = data_adapter.to_arrays(sample_weight)
        data_adapter.check_data_cardinality(x, y, sample_weight)
        if class_weight is not None and y is not None:
            sample_weight = data_adapter.class_weight_to_sample_weight(
                class_weight, y, sample_weight
            )
        return data_adapter.pack_x_y_sample_weight(x, y, sample_weight)
