"""`RandomContrast`: scales each image's contrast by a random factor (training)."""

import numpy as np

from pynn.keras.layers.preprocessing import image_ops
from pynn.keras.layers.preprocessing.image_layer_utils import RandomImageLayer, uniform


class RandomContrast(RandomImageLayer):
    """While training, `(x - mean) * f + mean` per image and channel, with one factor `f`
    drawn from `[1 - lower, 1 + upper]` for the batch, then clipped to [0, 255]; at inference
    images pass unchanged (float32).

    Args:
        factor: a fraction in [0, 1] (or a pair `(lower, upper)`).
        seed: for the random draws.
    """

    def __init__(self, factor, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        if isinstance(factor, (tuple, list)):
            self.lower, self.upper = factor[0], factor[1]
        else:
            self.lower = self.upper = factor
        if self.lower < 0.0 or self.upper < 0.0 or self.lower > 1.0:
            raise ValueError(
                "`factor` argument cannot have negative values or values greater "
                f"than 1.Received: factor={factor}"
            )

    def _augment(self, images, rng):
        contrast = uniform(rng, 1.0 - self.lower, 1.0 + self.upper, 1)[0]
        return np.clip(image_ops.adjust_contrast(images, contrast), 0, 255)

    def _augment_config(self):
        return {"factor": self.factor}
