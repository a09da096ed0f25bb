"""Where each object's variables live inside a saved file, as tf.keras 2.15's saving_lib
lays them out.

tf.keras walks an object's attributes in reverse alphabetical order (`dir()` sorted, dunder
names and a skip-list excluded); a layer, optimizer, metric or loss found there is stored at
`<path>/<attribute>`; a list/tuple/dict of them at `<path>/<attribute>/<snake_case class
name>[_N]`. An object is stored once, at the first path that reaches it. Each object's own
variables sit in `<path>/vars/0, 1, ...` (trainable ones first). Following the same walk makes
`.keras` and `.weights.h5` files interchangeable with tf.keras 2.15.
"""

from pynn.keras.utils.generic_utils import to_snake_case

# Attributes tf.keras never walks (properties that recompute or repeat other attributes).
SKIPPED_ATTRIBUTES = frozenset(
    {
        "inbound_nodes",
        "outbound_nodes",
        "input_shape",
        "output_shape",
        "submodules",
        "weights",
        "non_trainable_weights",
        "trainable_weights",
        "variables",
        "non_trainable_variables",
        "trainable_variables",
        "updates",
        "state_updates",
        "input",
        "output",
        "inputs",
        "outputs",
    }
)


def _is_trackable(obj):
    from pynn.keras import losses  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.engine.base_layer import Layer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.metrics import Metric  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.optimizers.optimizer import Optimizer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    return isinstance(obj, (Layer, Optimizer, Metric, losses.Loss))


def _children(obj):
    """(attribute, value) pairs in tf.keras's walking order: public attributes only, since
    private ones sort after them and never reach a weighted object first in practice."""
    for name in sorted(dir(obj), reverse=True):
        if name.startswith("_") or name in SKIPPED_ATTRIBUTES:
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # noqa: BLE001, S112 - a property that cannot be computed holds no state
            continue
        yield name, value


def walk(root):
    """Yield `(path, object)` for `root` and every trackable below it, each once."""
    visited = set()

    def visit(obj, path):
        if id(obj) in visited:
            return
        visited.add(id(obj))
        yield path, obj
        for name, value in _children(obj):
            child_path = f"{path}/{name}" if path else name
            if _is_trackable(value):
                yield from visit(value, child_path)
            elif isinstance(value, (list, tuple, dict)):
                items = value.values() if isinstance(value, dict) else value
                used = {}
                for item in items:
                    if not _is_trackable(item) or id(item) in visited:
                        continue
                    key = to_snake_case(type(item).__name__)
                    if key in used:
                        used[key] += 1
                        key = f"{key}_{used[key]}"
                    else:
                        used[key] = 0
                    yield from visit(item, f"{child_path}/{key}")

    yield from visit(root, "")


def variables_of(obj):
    """The variables an object keeps under its own `vars` group, in tf.keras order: a layer's
    own weights (trainable first), an optimizer's variables (iterations first), a metric's
    state (e.g. total, count); losses keep none."""
    from pynn.keras.engine.base_layer import Layer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.metrics import Metric  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)
    from pynn.keras.optimizers.optimizer import Optimizer  # noqa: PLC0415 - late: the models this saves import saving (engine/training.py)

    if isinstance(obj, Layer):
        return list(obj._trainable_weights) + list(obj._non_trainable_weights)
    if isinstance(obj, (Optimizer, Metric)):
        return list(obj.variables)
    return []
