"""`RandomTranslation`: shifts each image by a random offset (training)."""

import numpy as np

from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import (
    RandomImageLayer,
    factor_bounds,
    uniform,
)


class RandomTranslation(RandomImageLayer):
    """Translates images while training; at inference images pass unchanged (float32).

    Args:
        height_factor, width_factor: fractions of the height / width in [-1, 1] (or pairs):
            `0.2` shifts by up to 20% either way.
        fill_mode, fill_value, interpolation, seed: as `RandomRotation`.
    """

    def __init__(
        self,
        height_factor,
        width_factor,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        **kwargs,
    ):
        super().__init__(seed=seed, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = factor_bounds(height_factor)
        if self.height_upper < self.height_lower:
            raise ValueError(
                "`height_factor` cannot have upper bound less than lower bound, "
                f"got {height_factor}"
            )
        if abs(self.height_lower) > 1.0 or abs(self.height_upper) > 1.0:
            raise ValueError(
                "`height_factor` argument must have values between [-1, 1]. "
                f"Received: height_factor={height_factor}"
            )
        self.width_factor = width_factor
        self.width_lower, self.width_upper = factor_bounds(width_factor)
        if self.width_upper < self.width_lower:
            raise ValueError(
                f"`width_factor` cannot have upper bound less than lower bound, got {width_factor}"
            )
        if abs(self.width_lower) > 1.0 or abs(self.width_upper) > 1.0:
            raise ValueError(f"`width_factor` must have values between [-1, 1], got {width_factor}")
        image_ops.check_fill_mode_and_interpolation(fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation

    def _augment(self, images, rng):
        n = len(images)
        dy = uniform(rng, self.height_lower, self.height_upper, n) * np.float32(images.shape[1])
        dx = uniform(rng, self.width_lower, self.width_upper, n) * np.float32(images.shape[2])
        return image_ops.transform(
            images,
            image_ops.translation_matrices(dx, dy),
            self.fill_mode,
            self.interpolation,
            self.fill_value,
        )

    def _augment_config(self):
        return {
            "height_factor": self.height_factor,
            "width_factor": self.width_factor,
            "fill_mode": self.fill_mode,
            "fill_value": self.fill_value,
            "interpolation": self.interpolation,
        }
