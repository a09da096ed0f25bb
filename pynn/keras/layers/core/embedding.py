"""`Embedding`: turns integer indices into dense vectors."""

from pynn import ops
from pynn.core.tensor_shape import TensorShape
from pynn.keras import constraints, initializers, regularizers
from pynn.keras.engine.base_layer import Layer
from pynn.keras.utils.generic_utils import shape_list


class Embedding(Layer):
    """Looks up row `i` of a trainable `(input_dim, output_dim)` table for every index `i`
    of the input, e.g. word ids to word vectors.

    Args:
        input_dim: size of the vocabulary (largest index + 1).
        output_dim: length of each vector.
        embeddings_initializer: of the table (default `"uniform"`, i.e. uniform in
            [-0.05, 0.05]).
        embeddings_regularizer, activity_regularizer, embeddings_constraint.
        mask_zero: treat index 0 as padding: the layer then outputs a mask (`index != 0`)
            that masking-aware layers downstream (LSTM, GRU, GlobalAveragePooling1D, ...)
            use to skip those steps. Index 0 must then not be a real word, so
            `input_dim` should be vocabulary size + 1.
        input_length: length of the input sequences when it is fixed (needed to connect
            `Flatten` then `Dense` after the embedding).

    Input shape: `(batch, sequence_length)` of integers.
    Output shape: `(batch, sequence_length, output_dim)`.

    Weights: `embeddings` of shape `(input_dim, output_dim)`.
    """

    def __init__(
        self,
        input_dim,
        output_dim,
        embeddings_initializer="uniform",
        embeddings_regularizer=None,
        activity_regularizer=None,
        embeddings_constraint=None,
        mask_zero=False,
        input_length=None,
        sparse=False,
        **kwargs,
    ):
        if "input_shape" not in kwargs and "batch_input_shape" not in kwargs:
            kwargs["input_shape"] = (input_length,) if input_length else (None,)
        if input_dim <= 0 or output_dim <= 0:
            raise ValueError(
                "Both `input_dim` and `output_dim` should be positive, Received "
                f"input_dim = {input_dim} and output_dim = {output_dim}"
            )
        if sparse:
            raise ValueError("pynn has no sparse tensors: use `Embedding(..., sparse=False)`.")
        kwargs["autocast"] = False
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.input_length = input_length
        self.sparse = sparse

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(
            name="embeddings",
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint,
        )
        self.built = True

    def call(self, inputs):
        if inputs.dtype.name not in ("int32", "int64"):
            inputs = ops.cast(inputs, "int32")
        return ops.gather(self.embeddings, inputs)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        dims = shape_list(input_shape)
        if self.input_length is None:
            return TensorShape(dims + [self.output_dim])
        lengths = (
            list(self.input_length)
            if isinstance(self.input_length, (list, tuple))
            else [self.input_length]
        )
        if len(lengths) != len(dims) - 1:
            raise ValueError(
                f'"input_length" is {self.input_length}, but received input has shape {tuple(dims)}'
            )
        for i, (expected, got) in enumerate(zip(lengths, dims[1:], strict=True)):
            if expected is not None and got is not None and expected != got:
                raise ValueError(
                    f'"input_length" is {self.input_length}, but received input '
                    f"has shape {tuple(dims)}"
                )
            if expected is None:
                lengths[i] = got
        return TensorShape([dims[0]] + lengths + [self.output_dim])

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
                "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
                "mask_zero": self.mask_zero,
                "input_length": self.input_length,
            }
        )
        return config
