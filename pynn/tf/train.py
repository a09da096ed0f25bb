"""`tf.train`: finding the latest checkpoint that `save_weights` wrote at a TF-style path."""


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The checkpoint prefix named in `<checkpoint_dir>/checkpoint`, or None if there is none."""
    from pynn.keras.saving import checkpoint

    return checkpoint.latest_checkpoint(checkpoint_dir, latest_filename)
