"""Probabilistic metrics: crossentropies, KL divergence and Poisson, averaged."""

from pynn.keras import losses
from pynn.keras.metrics.base_metric import MeanMetricWrapper


class BinaryCrossentropy(MeanMetricWrapper):
    """Mean binary crossentropy between labels and predictions."""

    def __init__(
        self, name="binary_crossentropy", dtype=None, from_logits=False, label_smoothing=0
    ):
        super().__init__(
            losses.binary_crossentropy,
            name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
        )


class CategoricalCrossentropy(MeanMetricWrapper):
    """Mean categorical crossentropy between one-hot labels and predictions."""

    def __init__(
        self,
        name="categorical_crossentropy",
        dtype=None,
        from_logits=False,
        label_smoothing=0,
        axis=-1,
    ):
        super().__init__(
            losses.categorical_crossentropy,
            name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Mean crossentropy between integer labels and predictions."""

    def __init__(
        self,
        name="sparse_categorical_crossentropy",
        dtype=None,
        from_logits=False,
        ignore_class=None,
        axis=-1,
    ):
        super().__init__(
            losses.sparse_categorical_crossentropy,
            name,
            dtype=dtype,
            from_logits=from_logits,
            ignore_class=ignore_class,
            axis=axis,
        )


class KLDivergence(MeanMetricWrapper):
    """Mean Kullback-Leibler divergence between labels and predictions."""

    def __init__(self, name="kullback_leibler_divergence", dtype=None):
        super().__init__(losses.kullback_leibler_divergence, name, dtype=dtype)


class Poisson(MeanMetricWrapper):
    """Mean Poisson loss between labels and predictions."""

    def __init__(self, name="poisson", dtype=None):
        super().__init__(losses.poisson, name, dtype=dtype)
