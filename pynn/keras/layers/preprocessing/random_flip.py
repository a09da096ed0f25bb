"""`RandomFlip`: flips each image left-right and/or up-down with probability 1/2 (training)."""

from pynn.keras.layers.preprocessing.image_layer_utils import RandomImageLayer

HORIZONTAL = "horizontal"
VERTICAL = "vertical"
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"


class RandomFlip(RandomImageLayer):
    """Randomly flips images while training; at inference images pass unchanged (float32).

    Args:
        mode: `"horizontal"`, `"vertical"` or `"horizontal_and_vertical"` (default).
        seed: for the random draws.

    Input: `(batch, h, w, c)` or `(h, w, c)`. Output: same shape, float32.
    """

    def __init__(self, mode=HORIZONTAL_AND_VERTICAL, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.mode = mode
        if mode not in (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL):
            raise ValueError(
                f"RandomFlip layer {self.name} received an unknown mode argument {mode}"
            )
        self.horizontal = mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL)
        self.vertical = mode in (VERTICAL, HORIZONTAL_AND_VERTICAL)

    def _augment(self, images, rng):
        out = images.copy()
        if self.horizontal:
            flip = rng.random(len(out)) < 0.5
            out[flip] = out[flip][:, :, ::-1]
        if self.vertical:
            flip = rng.random(len(out)) < 0.5
            out[flip] = out[flip][:, ::-1]
        return out

    def _augment_config(self):
        return {"mode": self.mode}
