"""`Discretization`: numbers to bucket indices, with boundaries given or learned by `adapt`."""

import numpy as np

from pynn.core.dtypes import as_dtype
from pynn.core.tensor import _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import preprocessing_utils as utils
from pynn.keras.layers.preprocessing.preprocessing_utils import COUNT, INT, MULTI_HOT, ONE_HOT
from pynn.keras.utils.tracking import wrap_list


class Discretization(Layer):
    """Buckets numbers: with `bin_boundaries=[0., 1., 2.]` the bins are (-inf, 0), [0, 1),
    [1, 2), [2, inf) and the output is the bin index.

    Args:
        bin_boundaries: sorted boundaries (then do not `adapt`).
        num_bins: learn `num_bins` quantile bins with `adapt(data)` (tf.keras's approximate
            quantile summaries, within `epsilon`).
        epsilon: quantile precision.
        output_mode: `"int"` (int64 indices, default), `"one_hot"`, `"multi_hot"`, `"count"`.

    Input: numbers of any shape. Output: int64 indices of the same shape, or float32
    encodings of depth `len(bin_boundaries) + 1`.
    """

    def __init__(
        self,
        bin_boundaries=None,
        num_bins=None,
        epsilon=0.01,
        output_mode="int",
        sparse=False,
        **kwargs,
    ):
        if "bins" in kwargs:
            bins = kwargs.pop("bins")
            if isinstance(bins, int) and num_bins is None:
                num_bins = bins
            elif bin_boundaries is None:
                bin_boundaries = bins
        super().__init__(**utils.int_or_float_dtype(kwargs, output_mode))
        utils.validate_string_arg(
            output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT), type(self).__name__, "output_mode"
        )
        if sparse:
            raise NotImplementedError("pynn has no sparse tensors: use `sparse=False`.")
        if num_bins is not None and num_bins < 0:
            raise ValueError(
                f"`num_bins` must be greater than or equal to 0. You passed `num_bins={num_bins}`"
            )
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError(
                "Both `num_bins` and `bin_boundaries` should not be set. You "
                f"passed `num_bins={num_bins}` and "
                f"`bin_boundaries={bin_boundaries}`"
            )
        if bin_boundaries is not None and not isinstance(bin_boundaries, list):
            bin_boundaries = utils.as_array(bin_boundaries).tolist()
        self.input_bin_boundaries = wrap_list(bin_boundaries)
        self.bin_boundaries = self.input_bin_boundaries if bin_boundaries is not None else []
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self._summary = np.zeros((2, 0), np.float32)

    # ------------------------------------------------------------------ adapt
    def adapt(self, data, batch_size=None, steps=None):
        """Learns `num_bins` quantile boundaries from `data`."""
        utils.adapt(self, data, batch_size, steps)

    def update_state(self, data):
        if self.input_bin_boundaries is not None:
            raise ValueError(
                "Cannot adapt a Discretization layer that has been initialized "
                "with `bin_boundaries`, use `num_bins` instead. You passed "
                f"`bin_boundaries={self.input_bin_boundaries}`."
            )
        values = np.asarray(utils.as_array(data), dtype=np.float32)
        merged = np.concatenate((_summarize(values, self.epsilon), self._summary), axis=1)
        merged = merged[:, np.argsort(merged[0], kind="stable")]
        self._summary = _compress(merged, self.epsilon)

    def finalize_state(self):
        if self.input_bin_boundaries is not None:
            return
        self.bin_boundaries = wrap_list(
            _compress(self._summary, 1.0 / self.num_bins)[0, :-1].tolist()
        )

    def reset_state(self):
        if self.input_bin_boundaries is None:
            self._summary = np.zeros((2, 0), np.float32)

    # ------------------------------------------------------------------ call
    def call(self, inputs):
        values = utils.as_array(inputs)
        return _wrap(
            traced_call(
                _discretize,
                values,
                boundaries=np.asarray(self.bin_boundaries, np.float64),
                output_mode=self.output_mode,
                dtype=as_dtype(self.compute_dtype)._np,
            )
        )

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if self.output_mode == INT:
            return TensorShape(dims)
        depth = len(self.bin_boundaries) + 1 if self.bin_boundaries else self.num_bins
        if not dims:
            return TensorShape([depth])
        if self.output_mode == ONE_HOT and dims[-1] != 1:
            return TensorShape(dims + [depth])
        return TensorShape(dims[:-1] + [depth])

    def get_config(self):
        return {
            **super().get_config(),
            "bin_boundaries": self.input_bin_boundaries,
            "num_bins": self.num_bins,
            "epsilon": self.epsilon,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
        }


def _discretize(values, *, boundaries, output_mode, dtype):
    # tf.raw_ops.Bucketize: the number of boundaries <= x
    indices = np.searchsorted(boundaries, values, side="right").astype(np.int64)
    if output_mode == INT:
        return indices.astype(dtype)
    return utils.encode_categorical(indices, output_mode, len(boundaries) + 1)


def _summarize(values, epsilon):
    values = np.sort(values.reshape(-1))
    increment = int(np.float32(values.size) / np.float32(1.0 / epsilon))
    step = max(increment, 1)
    boundaries = values[increment::step]
    return np.stack([boundaries, np.full(boundaries.shape, float(step), np.float32)])


def _compress(summary, epsilon):
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    cum_weight_percents = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, cum_weight_percents, summary[0])
    cum_weights = np.interp(percents, cum_weight_percents, cum_weights)
    new_weights = cum_weights - np.concatenate((np.array([0]), cum_weights[:-1]))
    return np.stack((new_bins, new_weights)).astype(np.float32)
