"""`RandomRotation`: rotates each image by a random angle (training)."""

import numpy as np

from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import (
    RandomImageLayer,
    factor_bounds,
    uniform,
)


class RandomRotation(RandomImageLayer):
    """Rotates images by an angle drawn from `factor * 2pi` while training; at inference
    images pass unchanged (float32).

    Args:
        factor: a fraction of a full turn: `0.1` draws from [-36, 36] degrees; a pair
            `(lower, upper)` sets both bounds (positive = counter-clockwise).
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or `"nearest"`: what fills
            the corners. fill_value: the constant fill.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: for the random draws.
    """

    def __init__(
        self,
        factor,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        **kwargs,
    ):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        self.lower, self.upper = factor_bounds(factor)
        if self.upper < self.lower:
            raise ValueError(
                f"`factor` argument cannot have a negative value. Received: factor={factor}"
            )
        image_ops.check_fill_mode_and_interpolation(fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation

    def _augment(self, images, rng):
        angles = uniform(rng, self.lower * 2.0 * np.pi, self.upper * 2.0 * np.pi, len(images))
        matrices = image_ops.rotation_matrices(
            angles, np.float32(images.shape[1]), np.float32(images.shape[2])
        )
        return image_ops.transform(
            images, matrices, self.fill_mode, self.interpolation, self.fill_value
        )

    def _augment_config(self):
        return {
            "factor": self.factor,
            "fill_mode": self.fill_mode,
            "fill_value": self.fill_value,
            "interpolation": self.interpolation,
        }
