"""`LazyLogs`: batch logs whose metric values are computed only when read."""

import collections.abc


class LazyLogs(collections.abc.MutableMapping):
    """Batch logs whose values are computed on first access.

    `fit` hands these to batch hooks: reading any key (or iterating) computes the
    metric results once; a callback that never looks costs nothing.
    """

    __slots__ = ("_compute", "_data", "metrics_only")

    def __init__(self, compute, metrics_only=False):
        self._compute = compute
        self._data = None
        # True when every key is one of the model's metrics (shown as-is by the
        # progress bar, so a skipped redraw loses nothing).
        self.metrics_only = metrics_only

    def _materialize(self):
        if self._data is None:
            self._data = dict(self._compute())
        return self._data

    def __getitem__(self, key):
        return self._materialize()[key]

    def __setitem__(self, key, value):
        self._materialize()[key] = value
        self.metrics_only = False

    def __delitem__(self, key):
        del self._materialize()[key]

    def __iter__(self):
        return iter(self._materialize())

    def __len__(self):
        return len(self._materialize())

    def __repr__(self):
        return repr(self._materialize())

    def copy(self):
        return dict(self._materialize())

    @property
    def computed(self):
        """Whether the values were computed already (they are not recomputed)."""
        return self._data is not None

    def as_dict(self):
        """The computed logs as a plain dict (computed on the first call only)."""
        return self._materialize()
