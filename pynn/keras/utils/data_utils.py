"""`keras.utils.Sequence`: a dataset that hands out whole batches by index.

`fit` asks a Sequence for `len(seq)` batches per epoch (in shuffled order when
`shuffle=True`, the default of `fit`), then calls `seq.on_epoch_end()`;
`evaluate` and `predict` read the batches in order and call it once at the end.

    class Batches(keras.utils.Sequence):
        def __init__(self, x, y, batch_size):
            self.x, self.y, self.batch_size = x, y, batch_size

        def __len__(self):
            return math.ceil(len(self.x) / self.batch_size)

        def __getitem__(self, idx):
            part = slice(idx * self.batch_size, (idx + 1) * self.batch_size)
            return self.x[part], self.y[part]

    model.fit(Batches(x_train, y_train, 32), epochs=5)
"""


class Sequence:
    """Base class for batch-by-index datasets: implement `__getitem__` and `__len__`.

    `__getitem__(index)` returns one complete batch: `x`, `(x, y)` or
    `(x, y, sample_weight)`. Override `on_epoch_end` to change the data between
    epochs (reshuffle, augment, ...).
    """

    def __getitem__(self, index):
        """The batch at position `index` (0 <= index < len(self))."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__getitem__(self, index)` returning a batch."
        )

    def __len__(self):
        """The number of batches in one epoch."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__len__(self)` returning the number of batches."
        )

    def on_epoch_end(self):
        """Called at the end of every epoch; does nothing unless overridden."""

    def __iter__(self):
        """The batches in order, once."""
        for index in range(len(self)):
            yield self[index]
