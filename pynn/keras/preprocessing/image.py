"""`keras.preprocessing.image`: `ImageDataGenerator` (augmentation on numpy image batches, as
many Korean tutorials use it), its `flow` iterator, `apply_affine_transform`, `img_to_array`,
`array_to_img`-free helpers, and `smart_resize`.

The random parameters are drawn from numpy's global generator exactly as tf.keras 2.15 draws
them (so `np.random.seed(...)` gives the same transforms), and the affine warp is scipy's
`ndimage.affine_transform` with linear (`interpolation_order=1`) or nearest (0) sampling,
written in numpy. Images are `(batch, rows, cols, channels)`; `flow_from_directory` and
`brightness_range` need image files / PIL and are not provided.
"""

import threading
import warnings

import numpy as np

from pynn.core.tensor import _wrap
from pynn.keras import backend
from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.utils.data_utils import Sequence

__all__ = [
    "ImageDataGenerator",
    "Iterator",
    "NumpyArrayIterator",
    "apply_affine_transform",
    "img_to_array",
    "smart_resize",
]


# --------------------------------------------------------------------------- affine warp
def _extend(index, size, mode):
    """Integer sample positions outside [0, size) mapped back in (scipy's boundary modes;
    "wrap" maps the coordinate before sampling); -1 marks "outside" for the constant mode."""
    if mode == "nearest":
        return np.clip(index, 0, size - 1)
    if mode == "reflect":  # d c b a | a b c d | d c b a
        period = 2 * size
        index = np.mod(index, period)
        return np.where(index >= size, period - 1 - index, index)
    return np.where((index >= 0) & (index < size), index, -1)


def _wrap_coord(coord, size):
    """scipy's "wrap": the coordinate itself is periodic with period size - 1 (the last and
    first samples overlap)."""
    return np.zeros_like(coord) if size == 1 else np.mod(coord, size - 1)


def _sample_channel(image, coords, order, mode, cval):
    rows, cols = image.shape
    r, c = coords
    if mode == "wrap":
        r, c = _wrap_coord(r, rows), _wrap_coord(c, cols)
        mode = "nearest"
    if order == 0:
        ri = _extend(np.floor(r + 0.5).astype(np.int64), rows, mode)
        ci = _extend(np.floor(c + 0.5).astype(np.int64), cols, mode)
        out = image[np.clip(ri, 0, rows - 1), np.clip(ci, 0, cols - 1)]
        return np.where((ri < 0) | (ci < 0), cval, out)
    r0, c0 = np.floor(r), np.floor(c)
    wr, wc = r - r0, c - c0
    r0, c0 = r0.astype(np.int64), c0.astype(np.int64)
    value = np.zeros(r.shape, dtype=np.float64)
    for dr, weight_r in ((0, 1 - wr), (1, wr)):
        for dc, weight_c in ((0, 1 - wc), (1, wc)):
            ri = _extend(r0 + dr, rows, mode)
            ci = _extend(c0 + dc, cols, mode)
            sample = image[np.clip(ri, 0, rows - 1), np.clip(ci, 0, cols - 1)]
            if mode == "constant":
                sample = np.where((ri < 0) | (ci < 0), cval, sample)
            value += weight_r * weight_c * sample
    if mode == "constant":
        eps = 1e-9
        outside = (r < -eps) | (r > rows - 1 + eps) | (c < -eps) | (c > cols - 1 + eps)
        value = np.where(outside, cval, value)
    return value


def _affine(x, matrix, offset, order, mode, cval):
    """scipy.ndimage.affine_transform of each channel of `x` (channels first)."""
    rows, cols = x.shape[1:]
    grid_r, grid_c = np.meshgrid(
        np.arange(rows, dtype=np.float64), np.arange(cols, dtype=np.float64), indexing="ij"
    )
    r = matrix[0, 0] * grid_r + matrix[0, 1] * grid_c + offset[0]
    c = matrix[1, 0] * grid_r + matrix[1, 1] * grid_c + offset[1]
    return np.stack(
        [_sample_channel(channel, (r, c), order, mode, cval).astype(x.dtype) for channel in x]
    )


def transform_matrix_offset_center(matrix, x, y):
    o_x = float(x) / 2 - 0.5
    o_y = float(y) / 2 - 0.5
    offset_matrix = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset_matrix = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(offset_matrix, matrix), reset_matrix)


def apply_affine_transform(
    x,
    theta=0,
    tx=0,
    ty=0,
    shear=0,
    zx=1,
    zy=1,
    row_axis=1,
    col_axis=2,
    channel_axis=0,
    fill_mode="nearest",
    cval=0.0,
    order=1,
):
    """Rotates (`theta` degrees), shifts, shears and zooms one image (rank 3)."""
    if len({row_axis, col_axis, channel_axis}) != 3:
        raise ValueError("'row_axis', 'col_axis', and 'channel_axis' must be distinct")
    if {row_axis, col_axis, channel_axis} != {0, 1, 2}:
        raise ValueError(f"Invalid axis' indices: { ({row_axis, col_axis, channel_axis}) }")
    if x.ndim != 3:
        raise ValueError("Input arrays must be multi-channel 2D images.")
    if channel_axis not in [0, 2]:
        raise ValueError("Channels are allowed and the first and last dimensions.")
    matrix = None

    def compose(m):
        return m if matrix is None else np.dot(matrix, m)

    if theta != 0:
        t = np.deg2rad(theta)
        matrix = compose(
            np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
        )
    if tx != 0 or ty != 0:
        matrix = compose(np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]]))
    if shear != 0:
        s = np.deg2rad(shear)
        matrix = compose(np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]]))
    if zx != 1 or zy != 1:
        matrix = compose(np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]]))
    if matrix is None:
        return x
    h, w = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(matrix, h, w)
    x = np.rollaxis(x, channel_axis, 0)
    if col_axis > row_axis:
        matrix[:, [0, 1]] = matrix[:, [1, 0]]
        matrix[[0, 1]] = matrix[[1, 0]]
    x = _affine(x, matrix[:2, :2], matrix[:2, 2], order, fill_mode, cval)
    return np.rollaxis(x, 0, channel_axis + 1)


def apply_channel_shift(x, intensity, channel_axis=0):
    x = np.rollaxis(x, channel_axis, 0)
    min_x, max_x = np.min(x), np.max(x)
    x = np.stack([np.clip(c + intensity, min_x, max_x) for c in x], axis=0)
    return np.rollaxis(x, 0, channel_axis + 1)


def flip_axis(x, axis):
    return np.asarray(x).swapaxes(axis, 0)[::-1, ...].swapaxes(0, axis)


def img_to_array(img, data_format=None, dtype=None):
    """An image (array-like, PIL image) as a float32 `(rows, cols, channels)` array."""
    x = np.asarray(img, dtype=dtype or backend.floatx())
    if x.ndim == 2:
        x = (
            x[..., None]
            if (data_format or backend.image_data_format()) == "channels_last"
            else x[None]
        )
    if x.ndim != 3:
        raise ValueError(f"Unsupported image shape: {x.shape}")
    return x


def smart_resize(x, size, interpolation="bilinear"):
    """Resizes to `size` after cropping the largest centered window of its aspect ratio."""
    array = np.asarray(x, dtype=np.float32)
    batched = array if array.ndim == 4 else array[None]
    out = image_ops.smart_resize(batched, size[0], size[1], interpolation)
    return _wrap(out if array.ndim == 4 else out[0])


# --------------------------------------------------------------------------- iterators
class Iterator(Sequence):
    """Batches of indices over `n` samples (a `keras.utils.Sequence`: `fit` reads it)."""

    white_list_formats = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")

    def __init__(self, n, batch_size, shuffle, seed):
        self.n = n
        self.batch_size = batch_size
        self.seed = seed
        self.shuffle = shuffle
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self.index_array = None
        self.index_generator = self._flow_index()

    def _set_index_array(self):
        self.index_array = np.arange(self.n)
        if self.shuffle:
            self.index_array = np.random.permutation(self.n)

    def __getitem__(self, idx):
        if idx >= len(self):
            raise ValueError(
                f"Asked to retrieve element {idx}, but the Sequence has length {len(self)}"
            )
        if self.seed is not None:
            np.random.seed(self.seed + self.total_batches_seen)
        self.total_batches_seen += 1
        if self.index_array is None:
            self._set_index_array()
        index_array = self.index_array[self.batch_size * idx : self.batch_size * (idx + 1)]
        return self._get_batches_of_transformed_samples(index_array)

    def __len__(self):
        return (self.n + self.batch_size - 1) // self.batch_size

    def on_epoch_end(self):
        self._set_index_array()

    def reset(self):
        self.batch_index = 0

    def _flow_index(self):
        self.reset()
        while True:
            if self.seed is not None:
                np.random.seed(self.seed + self.total_batches_seen)
            if self.batch_index == 0:
                self._set_index_array()
            current = 0 if self.n == 0 else (self.batch_index * self.batch_size) % self.n
            if self.n > current + self.batch_size:
                self.batch_index += 1
            else:
                self.batch_index = 0
            self.total_batches_seen += 1
            yield self.index_array[current : current + self.batch_size]

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            index_array = next(self.index_generator)
        return self._get_batches_of_transformed_samples(index_array)

    next = __next__

    def _get_batches_of_transformed_samples(self, index_array):
        raise NotImplementedError


class NumpyArrayIterator(Iterator):
    """Augmented batches `(x, y[, sample_weight])` of in-memory images (`datagen.flow`)."""

    def __init__(
        self,
        x,
        y,
        image_data_generator,
        batch_size=32,
        shuffle=False,
        sample_weight=None,
        seed=None,
        data_format=None,
        save_to_dir=None,
        save_prefix="",
        save_format="png",
        subset=None,
        ignore_class_split=False,
        dtype=None,
    ):
        data_format = data_format or backend.image_data_format()
        self.dtype = dtype or backend.floatx()
        if isinstance(x, (tuple, list)):
            x_misc = (
                [np.asarray(x[1])]
                if not isinstance(x[1], list)
                else [np.asarray(xx) for xx in x[1]]
            )
            x = x[0]
            for xx in x_misc:
                if len(x) != len(xx):
                    raise ValueError(
                        "All of the arrays in `x` should have the same length. "
                        f"Found a pair with: len(x[0]) = {len(x)}, len(x[?]) = "
                        f"{len(xx)}"
                    )
        else:
            x_misc = []
        if y is not None and len(x) != len(y):
            raise ValueError(
                "`x` (images tensor) and `y` (labels) should have the same "
                f"length. Found: x.shape = {np.asarray(x).shape}, y.shape = "
                f"{np.asarray(y).shape}"
            )
        if sample_weight is not None and len(x) != len(sample_weight):
            raise ValueError(
                "`x` (images tensor) and `sample_weight` should have the same "
                f"length. Found: x.shape = {np.asarray(x).shape}, "
                f"sample_weight.shape = {np.asarray(sample_weight).shape}"
            )
        if subset is not None:
            if subset not in {"training", "validation"}:
                raise ValueError(
                    "Invalid subset name:", subset, '; expected "training" or "validation".'
                )
            split = int(len(x) * image_data_generator._validation_split)
            if (
                y is not None
                and not ignore_class_split
                and not np.array_equal(np.unique(y[:split]), np.unique(y[split:]))
            ):
                raise ValueError(
                    "Training and validation subsets have different number of "
                    "classes after the split. If your numpy arrays are sorted by "
                    "the label, you might want to shuffle them."
                )
            part = slice(None, split) if subset == "validation" else slice(split, None)
            x = x[part]
            x_misc = [np.asarray(xx[part]) for xx in x_misc]
            if y is not None:
                y = y[part]
        self.x = np.asarray(x, dtype=self.dtype)
        self.x_misc = x_misc
        if self.x.ndim != 4:
            raise ValueError(
                "Input data in `NumpyArrayIterator` should have rank 4. You "
                "passed an array with shape",
                self.x.shape,
            )
        channels_axis = 3 if data_format == "channels_last" else 1
        if self.x.shape[channels_axis] not in {1, 3, 4}:
            warnings.warn(
                f'NumpyArrayIterator is set to use the data format convention "{data_format}" '
                f"(channels on axis {channels_axis}), i.e. expected either 1, 3, or 4 channels "
                f"on axis {channels_axis}. However, it was passed an array with shape "
                f"{self.x.shape} ({self.x.shape[channels_axis]} channels).",
                stacklevel=2,
            )
        self.y = np.asarray(y) if y is not None else None
        self.sample_weight = np.asarray(sample_weight) if sample_weight is not None else None
        self.image_data_generator = image_data_generator
        self.data_format = data_format
        if save_to_dir is not None:
            raise NotImplementedError(
                "pynn's ImageDataGenerator does not write image files (`save_to_dir`)."
            )
        super().__init__(self.x.shape[0], batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array):
        generator = self.image_data_generator
        batch_x = np.zeros((len(index_array),) + self.x.shape[1:], dtype=self.dtype)
        for i, j in enumerate(index_array):
            x = self.x[j]
            params = generator.get_random_transform(x.shape)
            x = generator.apply_transform(x.astype(self.dtype), params)
            batch_x[i] = generator.standardize(x)
        miscs = [xx[index_array] for xx in self.x_misc]
        output = (batch_x if not miscs else [batch_x] + miscs,)
        if self.y is None:
            return output[0]
        output += (self.y[index_array],)
        if self.sample_weight is not None:
            output += (self.sample_weight[index_array],)
        return output


# --------------------------------------------------------------------------- generator
class ImageDataGenerator:
    """Real-time augmentation of image batches: random rotations (`rotation_range` degrees),
    shifts (`width_shift_range`, `height_shift_range`: fractions, pixels or choices), shear,
    zoom (`zoom_range`), channel shifts, flips, then `rescale`, `preprocessing_function` and
    sample- or feature-wise standardization (`fit(x)` first for the feature-wise ones).

    `datagen.flow(x, y, batch_size=32)` is a `keras.utils.Sequence` for `model.fit`;
    `validation_split` with `flow(..., subset="training" / "validation")` splits it.
    """

    def __init__(
        self,
        featurewise_center=False,
        samplewise_center=False,
        featurewise_std_normalization=False,
        samplewise_std_normalization=False,
        zca_whitening=False,
        zca_epsilon=1e-6,
        rotation_range=0,
        width_shift_range=0.0,
        height_shift_range=0.0,
        brightness_range=None,
        shear_range=0.0,
        zoom_range=0.0,
        channel_shift_range=0.0,
        fill_mode="nearest",
        cval=0.0,
        horizontal_flip=False,
        vertical_flip=False,
        rescale=None,
        preprocessing_function=None,
        data_format=None,
        validation_split=0.0,
        interpolation_order=1,
        dtype=None,
    ):
        data_format = data_format or backend.image_data_format()
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening = zca_whitening
        self.zca_epsilon = zca_epsilon
        self.rotation_range = rotation_range
        self.width_shift_range = width_shift_range
        self.height_shift_range = height_shift_range
        self.shear_range = shear_range
        self.zoom_range = zoom_range
        self.channel_shift_range = channel_shift_range
        if fill_mode not in ("nearest", "reflect", "wrap", "constant"):
            raise ValueError(
                f"Invalid fill_mode {fill_mode!r}: use 'constant', 'nearest', 'reflect' or 'wrap'."
            )
        self.fill_mode = fill_mode
        self.cval = cval
        self.horizontal_flip = horizontal_flip
        self.vertical_flip = vertical_flip
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.dtype = dtype or backend.floatx()
        if interpolation_order not in (0, 1):
            raise NotImplementedError(
                "pynn's ImageDataGenerator interpolates with order 0 (nearest) or 1 (linear)."
            )
        self.interpolation_order = interpolation_order
        if data_format not in {"channels_last", "channels_first"}:
            raise ValueError(
                '`data_format` should be `"channels_last"` (channel after row and '
                'column) or `"channels_first"` (channel before row and column). '
                f"Received: {data_format}"
            )
        self.data_format = data_format
        if data_format == "channels_first":
            self.channel_axis, self.row_axis, self.col_axis = 1, 2, 3
        else:
            self.channel_axis, self.row_axis, self.col_axis = 3, 1, 2
        if validation_split and not 0 < validation_split < 1:
            raise ValueError(
                "`validation_split` must be strictly between 0 and 1.  Received: "
                f"{validation_split}"
            )
        self._validation_split = validation_split
        self.mean = None
        self.std = None
        self.zca_whitening_matrix = None
        if isinstance(zoom_range, (float, int)):
            self.zoom_range = [1 - zoom_range, 1 + zoom_range]
        elif len(zoom_range) == 2 and all(isinstance(v, (float, int)) for v in zoom_range):
            self.zoom_range = [zoom_range[0], zoom_range[1]]
        else:
            raise ValueError(
                "`zoom_range` should be a float or a tuple or list of two floats. "
                f"Received: {zoom_range}"
            )
        if zca_whitening:
            if not featurewise_center:
                self.featurewise_center = True
                warnings.warn(
                    "This ImageDataGenerator specifies `zca_whitening`, which "
                    "overrides setting of `featurewise_center`.",
                    stacklevel=2,
                )
            if featurewise_std_normalization:
                self.featurewise_std_normalization = False
                warnings.warn(
                    "This ImageDataGenerator specifies `zca_whitening` which "
                    "overrides setting of`featurewise_std_normalization`.",
                    stacklevel=2,
                )
        if featurewise_std_normalization and not featurewise_center:
            self.featurewise_center = True
            warnings.warn(
                "This ImageDataGenerator specifies `featurewise_std_normalization`, "
                "which overrides setting of `featurewise_center`.",
                stacklevel=2,
            )
        if samplewise_std_normalization and not samplewise_center:
            self.samplewise_center = True
            warnings.warn(
                "This ImageDataGenerator specifies `samplewise_std_normalization`, "
                "which overrides setting of `samplewise_center`.",
                stacklevel=2,
            )
        if brightness_range is not None:
            raise NotImplementedError(
                "pynn's ImageDataGenerator has no `brightness_range` (tf.keras does it with PIL)."
            )
        self.brightness_range = brightness_range

    def flow(
        self,
        x,
        y=None,
        batch_size=32,
        shuffle=True,
        sample_weight=None,
        seed=None,
        save_to_dir=None,
        save_prefix="",
        save_format="png",
        ignore_class_split=False,
        subset=None,
    ):
        """A `NumpyArrayIterator` of augmented batches of `x` (and `y`)."""
        return NumpyArrayIterator(
            x,
            y,
            self,
            batch_size=batch_size,
            shuffle=shuffle,
            sample_weight=sample_weight,
            seed=seed,
            data_format=self.data_format,
            save_to_dir=save_to_dir,
            save_prefix=save_prefix,
            save_format=save_format,
            ignore_class_split=ignore_class_split,
            subset=subset,
            dtype=self.dtype,
        )

    def flow_from_directory(self, directory, *args, **kwargs):
        raise NotImplementedError(
            "pynn cannot read image files from a directory "
            "(`flow_from_directory`): load the images into a numpy array "
            "and use `flow(x, y)`."
        )

    flow_from_dataframe = flow_from_directory

    def standardize(self, x):
        """Applies `preprocessing_function`, `rescale` and the normalizations to `x`."""
        if self.preprocessing_function:
            x = self.preprocessing_function(x)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        for flag, value, name, apply in (
            (
                self.featurewise_center,
                self.mean,
                "featurewise_center",
                lambda v: np.subtract(x, v, out=x),
            ),
            (
                self.featurewise_std_normalization,
                self.std,
                "featurewise_std_normalization",
                lambda v: np.divide(x, v + 1e-6, out=x),
            ),
        ):
            if flag:
                if value is not None:
                    apply(value)
                else:
                    warnings.warn(
                        f"This ImageDataGenerator specifies `{name}`, but it hasn't "
                        "been fit on any training data. Fit it first by calling "
                        "`.fit(numpy_data)`.",
                        stacklevel=2,
                    )
        if self.zca_whitening:
            if self.zca_whitening_matrix is not None:
                flat = x.reshape(-1, np.prod(x.shape[-3:]))
                x = np.reshape(flat @ self.zca_whitening_matrix, x.shape)
            else:
                warnings.warn(
                    "This ImageDataGenerator specifies `zca_whitening`, but it "
                    "hasn't been fit on any training data. Fit it first by calling "
                    "`.fit(numpy_data)`.",
                    stacklevel=2,
                )
        return x

    def _shift(self, shift_range, size):
        try:  # 1-D array-like or int
            value = np.random.choice(shift_range)
            value *= np.random.choice([-1, 1])
        except ValueError:  # a float
            value = np.random.uniform(-shift_range, shift_range)
        if np.max(shift_range) < 1:
            value *= size
        return value

    def get_random_transform(self, img_shape, seed=None):
        """The random parameters for one image (numpy's global generator, as tf.keras)."""
        rows, cols = img_shape[self.row_axis - 1], img_shape[self.col_axis - 1]
        if seed is not None:
            np.random.seed(seed)
        theta = (
            np.random.uniform(-self.rotation_range, self.rotation_range)
            if self.rotation_range
            else 0
        )
        tx = self._shift(self.height_shift_range, rows) if self.height_shift_range else 0
        ty = self._shift(self.width_shift_range, cols) if self.width_shift_range else 0
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        flip_horizontal = (np.random.random() < 0.5) * self.horizontal_flip
        flip_vertical = (np.random.random() < 0.5) * self.vertical_flip
        channel_shift_intensity = None
        if self.channel_shift_range != 0:
            channel_shift_intensity = np.random.uniform(
                -self.channel_shift_range, self.channel_shift_range
            )
        return {
            "theta": theta,
            "tx": tx,
            "ty": ty,
            "shear": shear,
            "zx": zx,
            "zy": zy,
            "flip_horizontal": flip_horizontal,
            "flip_vertical": flip_vertical,
            "channel_shift_intensity": channel_shift_intensity,
            "brightness": None,
        }

    def apply_transform(self, x, transform_parameters):
        """Applies the parameters of `get_random_transform` to one image."""
        row_axis, col_axis, channel_axis = (
            self.row_axis - 1,
            self.col_axis - 1,
            self.channel_axis - 1,
        )
        p = transform_parameters
        x = apply_affine_transform(
            x,
            p.get("theta", 0),
            p.get("tx", 0),
            p.get("ty", 0),
            p.get("shear", 0),
            p.get("zx", 1),
            p.get("zy", 1),
            row_axis=row_axis,
            col_axis=col_axis,
            channel_axis=channel_axis,
            fill_mode=self.fill_mode,
            cval=self.cval,
            order=self.interpolation_order,
        )
        if p.get("channel_shift_intensity") is not None:
            x = apply_channel_shift(x, p["channel_shift_intensity"], channel_axis)
        if p.get("flip_horizontal", False):
            x = flip_axis(x, col_axis)
        if p.get("flip_vertical", False):
            x = flip_axis(x, row_axis)
        return x

    def random_transform(self, x, seed=None):
        """One randomly transformed image."""
        return self.apply_transform(x, self.get_random_transform(x.shape, seed))

    def fit(self, x, augment=False, rounds=1, seed=None):
        """Learns the feature-wise mean / std (and ZCA matrix) of `x`."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 4:
            raise ValueError(
                "Input to `.fit()` should have rank 4. Got array with shape: " + str(x.shape)
            )
        if seed is not None:
            np.random.seed(seed)
        x = np.copy(x)
        if self.rescale:
            x *= self.rescale
        if augment:
            ax = np.zeros((rounds * x.shape[0],) + x.shape[1:], dtype=self.dtype)
            for r in range(rounds):
                for i in range(x.shape[0]):
                    ax[i + r * x.shape[0]] = self.random_transform(x[i])
            x = ax
        shape = [1, 1, 1]
        shape[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.reshape(np.mean(x, axis=(0, self.row_axis, self.col_axis)), shape)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = np.reshape(np.std(x, axis=(0, self.row_axis, self.col_axis)), shape)
            x /= self.std + 1e-6
        if self.zca_whitening:
            n = len(x)
            flat = np.reshape(x, (n, -1))
            u, s, _ = np.linalg.svd(flat.T, full_matrices=False)
            self.zca_whitening_matrix = (u * (np.sqrt(n) / (s + self.zca_epsilon))).dot(u.T)
