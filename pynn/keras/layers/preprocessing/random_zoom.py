"""`RandomZoom`: zooms each image in or out by a random factor (training)."""

import numpy as np

from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import (
    RandomImageLayer,
    factor_bounds,
    uniform,
)


class RandomZoom(RandomImageLayer):
    """Zooms images while training; at inference images pass unchanged (float32).

    Args:
        height_factor: a fraction in [-1, 1] (or a pair): positive values zoom out, negative
            values zoom in; `0.2` draws from [-20%, +20%].
        width_factor: the same for the width; None (default) keeps the aspect ratio.
        fill_mode, fill_value, interpolation, seed: as `RandomRotation`.
    """

    def __init__(
        self,
        height_factor,
        width_factor=None,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        **kwargs,
    ):
        super().__init__(seed=seed, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = factor_bounds(height_factor)
        if abs(self.height_lower) > 1.0 or abs(self.height_upper) > 1.0:
            raise ValueError(
                "`height_factor` argument must have values between [-1, 1]. "
                f"Received: height_factor={height_factor}"
            )
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = factor_bounds(width_factor)
            if self.width_lower < -1.0 or self.width_upper < -1.0:
                raise ValueError(
                    "`width_factor` argument must have values larger than -1. "
                    f"Received: width_factor={width_factor}"
                )
        image_ops.check_fill_mode_and_interpolation(fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation

    def _augment(self, images, rng):
        n = len(images)
        height_zoom = uniform(rng, 1.0 + self.height_lower, 1.0 + self.height_upper, n)
        width_zoom = (
            height_zoom
            if self.width_factor is None
            else uniform(rng, 1.0 + self.width_lower, 1.0 + self.width_upper, n)
        )
        matrices = image_ops.zoom_matrices(
            width_zoom, height_zoom, np.float32(images.shape[1]), np.float32(images.shape[2])
        )
        return image_ops.transform(
            images, matrices, self.fill_mode, self.interpolation, self.fill_value
        )

    def _augment_config(self):
        return {
            "height_factor": self.height_factor,
            "width_factor": self.width_factor,
            "fill_mode": self.fill_mode,
            "fill_value": self.fill_value,
            "interpolation": self.interpolation,
        }
