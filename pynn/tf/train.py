"""`tf.train`: finding the latest checkpoint that `save_weights` wrote at a TF-style path."""

from pynn.keras.saving import checkpoint


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The checkpoint prefix named in `<checkpoint_dir>/checkpoint`, or None if there is none."""
    return checkpoint.latest_checkpoint(checkpoint_dir, latest_filename)
