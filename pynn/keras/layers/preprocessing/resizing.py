"""`Resizing`: images to `(height, width)` (bilinear by default), as `tf.image.resize`."""

import numpy as np

from pynn.core.tensor import _wrap
from pynn.core.tensor_shape import TensorShape
from pynn.core.tracing import traced_call
from pynn.keras.engine.base_layer import Layer
from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import as_float_tensor, batched


class Resizing(Layer):
    """Resizes images to `height` x `width`.

    Args:
        height, width: output size.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        crop_to_aspect_ratio: crop the largest centered window of the output's aspect ratio
            first, so the image is not distorted.

    Input: `(batch, h, w, c)` or `(h, w, c)`. Output: `(batch, height, width, c)`, float32.
    Gradients do not flow through the resize (put it on the input images).
    """

    def __init__(
        self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False, **kwargs
    ):
        self.height = height
        self.width = width
        if interpolation not in ("bilinear", "nearest"):
            raise NotImplementedError(
                f"pynn's Resizing supports 'bilinear' and 'nearest' "
                f"interpolation, not {interpolation!r}."
            )
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        super().__init__(**kwargs)

    def call(self, inputs):
        dtype = self.compute_dtype if self.interpolation == "nearest" else "float32"
        images = as_float_tensor(inputs, dtype)._value
        fn = image_ops.smart_resize if self.crop_to_aspect_ratio else image_ops.resize
        out = traced_call(
            _resize,
            images,
            kernel=fn,
            height=self.height,
            width=self.width,
            method=self.interpolation,
        )
        return _wrap(out.astype(np.dtype(self.compute_dtype), copy=False))

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        dims[-3], dims[-2] = self.height, self.width
        return TensorShape(dims)

    def get_config(self):
        return {
            **super().get_config(),
            "height": self.height,
            "width": self.width,
            "interpolation": self.interpolation,
            "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
        }


def _resize(images, *, kernel, height, width, method):
    return batched(kernel, images, height=height, width=width, method=method)
