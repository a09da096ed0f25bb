"""A layer called on `KerasTensor`s (the Functional API): it is built from the symbolic shapes,
its output shapes come from `compute_output_shape` if the class overrides it, otherwise from
running `call` on zeros (unknown dims = 2, then 3: dims that differ become None), and the call
is recorded as a `Node`. `Layer` inherits these methods from `SymbolicCalls`."""

import numpy as np

from pynn.core.tensor import convert_to_tensor
from pynn.core.tensor_shape import TensorShape
from pynn.keras.engine import nest
from pynn.keras.engine.call_context import _CONTEXT, _call_spec, _is_symbolic, _with_call_info
from pynn.keras.engine.input_spec import assert_input_compatibility
from pynn.keras.engine.keras_tensor import KerasTensor
from pynn.keras.engine.node import Node


class SymbolicCalls:
    """The Functional-API half of `Layer.__call__`."""

    def _functional_construction_call(self, inputs, args, kwargs):
        if self._input_spec is not None:
            assert_input_compatibility(self._input_spec, inputs, self.name)
        if not self.built:
            saved = _CONTEXT.name_scope
            _CONTEXT.name_scope = [self._name]
            try:
                self._maybe_build(inputs)
            finally:
                _CONTEXT.name_scope = saved
        outputs = self._infer_outputs(inputs, args, kwargs)
        Node(self, call_args=(inputs,) + tuple(args), call_kwargs=kwargs, outputs=outputs)
        return outputs

    def _infer_outputs(self, inputs, args, kwargs):
        """Output KerasTensors for symbolic inputs (names `<layer>/...`)."""
        outputs = None
        if not getattr(self.compute_output_shape, "_is_default", False) and not args and not kwargs:
            try:
                shapes = self.compute_output_shape(
                    nest.map_structure(lambda t: t.shape, inputs)
                    if nest.is_nested(inputs)
                    else inputs.shape
                )
                outputs = self._keras_tensors_from_shapes(shapes, inputs)
            except NotImplementedError:
                outputs = None
            except Exception as e:  # noqa: BLE001 - re-raised with the call's arguments
                raise _with_call_info(e, self, (inputs,), {}, symbolic=True) from None
        if outputs is None:
            outputs = self._infer_outputs_by_running(inputs, args, kwargs)
        flat = nest.flatten(outputs)
        for i, kt in enumerate(flat):
            kt._name = f"{self._name}/output:{i}" if len(flat) > 1 else f"{self._name}/output:0"
        return outputs

    def _keras_tensors_from_shapes(self, shapes, inputs):
        if isinstance(shapes, TensorShape) or (
            isinstance(shapes, tuple)
            and all(d is None or isinstance(d, (int, np.integer)) for d in shapes)
        ):
            return KerasTensor(TensorShape(shapes), self._output_dtype(inputs))
        if isinstance(shapes, (list, tuple, dict)):
            return nest.map_structure(
                lambda s: KerasTensor(TensorShape(s), self._output_dtype(inputs)),
                _normalize_shape_structure(shapes),
            )
        return KerasTensor(TensorShape(shapes), self._output_dtype(inputs))

    def _output_dtype(self, inputs):
        if self._dtype is not None:
            return self._dtype
        return nest.flatten(inputs)[0].dtype

    def _infer_outputs_by_running(self, inputs, args, kwargs):
        """Runs `call` on zeros twice (unknown dims = 2, then 3) to learn output shapes."""
        structure = (inputs, list(args), kwargs)
        flat = nest.flatten(structure)
        has_unknown = any(_is_symbolic(x) and None in x.shape.as_list() for x in flat)
        # 2 and 3, not 1: a size-1 dimension could be squeezed away (tf.squeeze)
        fills = (2, 3) if has_unknown else (1,)
        results = []
        sublayers = self._flatten_layers()
        saved_losses = [(layer, list(layer._eager_losses)) for layer in sublayers]
        # A zeros run must not move state (BatchNormalization's moving statistics, ...).
        saved_values = [
            (v, v._value.copy()) for layer in sublayers for v in layer._non_trainable_weights
        ]
        saved_scope = _CONTEXT.name_scope
        _CONTEXT.name_scope = []
        try:
            for fill in fills:
                concrete = [_zeros_like_symbolic(x, fill) if _is_symbolic(x) else x for x in flat]
                c_inputs, c_args, c_kwargs = nest.pack_sequence_as(structure, concrete)
                with np.errstate(all="ignore"):
                    _CONTEXT.symbolic_call = (self, (inputs,) + tuple(args), kwargs)
                    try:
                        out = self._eager_call(
                            c_inputs, tuple(c_args), dict(c_kwargs), _call_spec(self)
                        )
                    finally:
                        _CONTEXT.symbolic_call = None
                results.append(out)
        finally:
            _CONTEXT.name_scope = saved_scope
            for variable, value in saved_values:
                variable._value[...] = value
            for layer, losses in saved_losses:
                layer._eager_losses = []
                for loss in losses:
                    layer._record_loss(loss)
        first = results[0]
        flat_first = nest.flatten(first)
        flat_second = nest.flatten(results[-1])
        kts = []
        for a, b in zip(flat_first, flat_second, strict=True):
            a_shape = tuple(np.shape(a))
            b_shape = tuple(np.shape(b))
            if len(a_shape) == len(b_shape):
                dims = [da if da == db else None for da, db in zip(a_shape, b_shape, strict=True)]
            else:
                dims = [None] * len(a_shape)
            dtype = a.dtype if hasattr(a, "dtype") else np.asarray(a).dtype
            kt = KerasTensor(TensorShape(dims), dtype)
            if getattr(a, "_keras_mask", None) is not None:
                kt._keras_mask = KerasTensor(
                    TensorShape(dims[: len(np.shape(a._keras_mask))]), "bool"
                )
            kts.append(kt)
        return nest.pack_sequence_as(first, kts)


def _normalize_shape_structure(shapes):
    """Turns tuples of ints into TensorShapes, keeping lists/dicts of shapes as structure."""
    if isinstance(shapes, TensorShape):
        return shapes
    if isinstance(shapes, tuple) and all(
        d is None or isinstance(d, (int, np.integer)) for d in shapes
    ):
        return TensorShape(shapes)
    if (
        isinstance(shapes, list)
        and shapes
        and all(d is None or isinstance(d, (int, np.integer)) for d in shapes)
    ):
        return TensorShape(shapes)
    if isinstance(shapes, dict):
        return {k: _normalize_shape_structure(v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)):
        return [_normalize_shape_structure(s) for s in shapes]
    return TensorShape(shapes)


def _zeros_like_symbolic(kt, fill):
    dims = [fill if d is None else d for d in kt.shape.as_list()]
    return convert_to_tensor(np.zeros(dims, dtype=kt.dtype.as_numpy_dtype))


def _contains_symbolic(inputs, args, kwargs):
    for x in nest.flatten(inputs):
        if _is_symbolic(x):
            return True
    if args or kwargs:
        for x in nest.flatten((list(args), kwargs)):
            if _is_symbolic(x):
                return True
    return False
