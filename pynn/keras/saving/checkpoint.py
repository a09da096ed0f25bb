"""Weights saved at a TensorFlow checkpoint path (`training_1/cp.ckpt`), the way tutorials do.

TensorFlow writes `<prefix>.index`, `<prefix>.data-00000-of-00001` and a `checkpoint` file
naming the latest prefix in that folder. pynn writes the same three names so that tutorial code
(`ModelCheckpoint('training_1/cp.ckpt', save_weights_only=True)`, `tf.train.latest_checkpoint`,
`model.load_weights(prefix)`) runs unchanged — but the data inside is pynn's `.npz` weights,
marked as such in the index file. tf.keras cannot read these files, and pynn cannot read
TensorFlow's own checkpoints; both cases get a clear error. To move weights between pynn and
tf.keras, use `.weights.h5` or `.keras`.
"""

import json
import os

from pynn.keras.saving import stores

_MARKER = "pynn-checkpoint"
_DATA_SUFFIX = ".data-00000-of-00001"


def save(tree, prefix):
    folder = os.path.dirname(prefix) or "."
    os.makedirs(folder, exist_ok=True)
    with open(prefix + _DATA_SUFFIX, "wb") as f:
        stores.write_npz(tree, f)
    with open(prefix + ".index", "w", encoding="utf-8") as f:
        json.dump(
            {"format": _MARKER, "version": 1, "data": os.path.basename(prefix) + _DATA_SUFFIX}, f
        )
    name = os.path.basename(prefix)
    with open(os.path.join(folder, "checkpoint"), "w", encoding="utf-8") as f:
        f.write(f'model_checkpoint_path: "{name}"\nall_model_checkpoint_paths: "{name}"\n')


def exists(prefix):
    return os.path.exists(prefix + ".index")


def load(prefix, paths):
    try:
        with open(prefix + ".index", encoding="utf-8") as f:
            index = json.load(f)
    except (OSError, UnicodeDecodeError, ValueError):
        index = None
    if not isinstance(index, dict) or index.get("format") != _MARKER:
        raise ValueError(
            f"'{prefix}' is a TensorFlow checkpoint, which pynn cannot read. Save the weights "
            "with tf.keras as `.weights.h5` (model.save_weights('w.weights.h5')) or the model "
            "as `.keras`, then load that file."
        )
    with open(prefix + _DATA_SUFFIX, "rb") as f:
        return stores.read_npz(f, paths)


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """`tf.train.latest_checkpoint`: the prefix named in `<dir>/checkpoint`, or None."""
    path = os.path.join(checkpoint_dir, latest_filename or "checkpoint")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model_checkpoint_path":
                    name = value.strip().strip('"')
                    prefix = name if os.path.isabs(name) else os.path.join(checkpoint_dir, name)
                    return prefix if exists(prefix) else None
    except OSError:
        return None
    return None
