"""`EinsumDense`: a dense layer of any rank, written as an einsum equation."""

import re
import string

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import activations, constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import shape_list


def _split_equation(equation):
    """(input_spec, kernel_spec, output_spec, elision) of `'ab,bc->ac'`, `'...b,bc->...c'`
    or `'ab...,bc->ac...'`; elision is None, `'left'` or `'right'`."""
    patterns = (
        (None, r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"),
        ("left", r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)"),
        ("right", r"([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]{2,})\.\.\."),
    )
    for elision, pattern in patterns:
        match = re.fullmatch(pattern, equation.replace(" ", ""))
        if match:
            return match.group(1), match.group(2), match.group(3), elision
    raise ValueError(
        f"Invalid einsum equation '{equation}'. Equations must be in the form "
        "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."
    )


def _explicit_equation(equation, ndim):
    """The equation with `...` replaced by named axes for an input of rank `ndim`."""
    input_spec, kernel_spec, output_spec, elision = _split_equation(equation)
    if elision is None:
        return equation
    elided = "".join(c for c in string.ascii_letters if c not in equation)[: ndim - len(input_spec)]
    if elision == "left":
        return f"{elided}{input_spec},{kernel_spec}->{elided}{output_spec}"
    return f"{input_spec}{elided},{kernel_spec}->{output_spec}{elided}"


def analyze_einsum(equation, bias_axes, input_shape, output_shape):
    """Kernel shape, bias shape (or None) and full output shape of an EinsumDense."""
    input_spec, kernel_spec, output_spec, elision = _split_equation(equation)
    input_shape = list(input_shape)
    elided = len(input_shape) - len(input_spec)
    full_output = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    full_output.insert(0, input_shape[0])
    if elided > 0 and elision == "left":
        full_output[1:1] = input_shape[1:elided]
    elif elided > 0:
        full_output.extend(input_shape[len(input_shape) - elided :])
    offset = elided if elision == "left" else 0
    input_index = {c: i + offset for i, c in enumerate(input_spec)}
    output_index = {c: i + offset for i, c in enumerate(output_spec)}

    for c in input_spec:
        if c in output_index:
            wanted = full_output[output_index[c]]
            if wanted is not None and wanted != input_shape[input_index[c]]:
                raise ValueError(
                    f"Input shape and output shape do not match at shared dimension '{c}'. "
                    f"Input shape is {input_shape[input_index[c]]}, and output shape is {wanted}."
                )
            full_output[output_index[c]] = input_shape[input_index[c]]
    for c in output_spec:
        if c not in input_spec and c not in kernel_spec:
            raise ValueError(
                f"Dimension '{c}' was specified in the output '{output_spec}' but has no "
                f"corresponding dim in the input spec '{input_spec}' or weight spec "
                f"'{output_spec}'"
            )
    kernel_shape = []
    for c in kernel_spec:
        if c in input_index:
            kernel_shape.append(input_shape[input_index[c]])
        elif c in output_index:
            kernel_shape.append(full_output[output_index[c]])
        else:
            raise ValueError(
                f"Weight dimension '{c}' did not have a match in either the input spec "
                f"'{input_spec}' or the output spec '{output_spec}'. For this layer, the "
                "weight must be fully specified."
            )
    bias_shape = None
    if bias_axes is not None:
        for c in bias_axes:
            if c not in output_spec:
                raise ValueError(
                    f"Bias dimension '{c}' was requested, but is not part of the output "
                    f"spec '{output_spec}'"
                )
        first = min(output_spec.find(c) for c in bias_axes)
        bias_shape = [
            full_output[output_index[c]] if c in bias_axes else 1 for c in output_spec[first:]
        ]
        if elision == "right":
            bias_shape.extend([1] * elided)
    return kernel_shape, bias_shape, full_output


class EinsumDense(Layer):
    """A dense layer whose kernel contraction is an einsum equation:
    `output = activation(einsum(equation, inputs, kernel) + bias)`.

    `EinsumDense("ab,bc->ac", output_shape=64, bias_axes="c")` is `Dense(64)`;
    `EinsumDense("abc,cde->abde", output_shape=(None, 8, 16), bias_axes="de")`
    projects `(batch, steps, features)` to 8 heads of 16 units.

    Args:
        equation: `"[input],[kernel]->[output]"`, optionally with a leading or
            trailing `...` on input and output.
        output_shape: the output shape without the batch axis (and without elided
            axes); `None` entries are taken from the input.
        activation: activation function or its name.
        bias_axes: output letters that get a bias (None: no bias).
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: as in `Dense`.

    Weights, in this order: `kernel`, `bias` (if `bias_axes`).
    """

    def __init__(
        self,
        equation,
        output_shape,
        activation=None,
        bias_axes=None,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        _split_equation(equation)
        self.equation = equation
        self.partial_output_shape = (
            (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        )
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        kernel_shape, bias_shape, full_output = analyze_einsum(
            self.equation, self.bias_axes, shape_list(input_shape), self.partial_output_shape
        )
        self.full_output_shape = TensorShape(full_output)
        self.kernel = self.add_weight(
            "kernel",
            shape=kernel_shape,
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.bias = None
        if bias_shape is not None:
            self.bias = self.add_weight(
                "bias",
                shape=bias_shape,
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        self.built = True

    def call(self, inputs):
        outputs = ops.einsum(_explicit_equation(self.equation, inputs.ndim), inputs, self.kernel)
        if self.bias is not None:
            outputs = outputs + self.bias
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        return TensorShape(
            analyze_einsum(
                self.equation, self.bias_axes, shape_list(input_shape), self.partial_output_shape
            )[2]
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "output_shape": self.partial_output_shape,
                "equation": self.equation,
                "activation": activations.serialize(self.activation),
                "bias_axes": self.bias_axes,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
            }
        )
        return config
