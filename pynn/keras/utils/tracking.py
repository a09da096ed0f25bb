"""`ListWrapper`: how tf.keras 2.15 shows a Python list a layer keeps as an attribute (its
object tracking wraps it), e.g. a lookup layer's `vocabulary` in `get_config()`."""


class ListWrapper(list):
    """A list that prints as `ListWrapper([...])`; otherwise an ordinary list."""

    def __repr__(self):
        return f"ListWrapper({list.__repr__(self)})"


def wrap_list(value):
    """`value` as a ListWrapper if it is a plain list (other values unchanged)."""
    return ListWrapper(value) if type(value) is list else value
