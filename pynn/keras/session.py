"""Session-wide state: the automatic names (`dense`, `dense_1` ...), the learning phase, and
`clear_session()` that resets both. A leaf module: layers, models, metrics and optimizers take
their names from here without importing the `K.*` math of `backend.py`."""

import collections

_LEARNING_PHASE = None


def learning_phase():
    """0 (inference) unless `set_learning_phase(1)` was called."""
    return 0 if _LEARNING_PHASE is None else _LEARNING_PHASE


def set_learning_phase(value):
    global _LEARNING_PHASE
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    _LEARNING_PHASE = value


# ---------------------------------------------------------------- naming

# One map for the whole session: `get_uid` keys it by prefix, `unique_object_name`
# by `(namespace, name)`, exactly like Keras's per-graph map.
_NAME_UIDS = collections.defaultdict(int)
_OBSERVED_NAMES = set()


def get_uid(prefix=""):
    """1 the first time a prefix is seen, then 2, 3, ... (`input_1`, `input_2`)."""
    _NAME_UIDS[prefix] += 1
    return _NAME_UIDS[prefix]


def reset_uids():
    _NAME_UIDS.clear()
    _OBSERVED_NAMES.clear()


def observe_object_name(name):
    _OBSERVED_NAMES.add(name)


def unique_object_name(
    name,
    name_uid_map=None,
    avoid_names=None,
    namespace="",
    zero_based=False,
    avoid_observed_names=False,
):
    """`dense`, `dense_1`, ... (zero_based) or `dense_1`, `dense_2`, ... ."""
    uids = _NAME_UIDS if name_uid_map is None else name_uid_map
    if avoid_names is None:
        avoid_names = _OBSERVED_NAMES if avoid_observed_names else ()
    key = (namespace, name)
    while True:
        if zero_based:
            number = uids[key]
            proposed = f"{name}_{number}" if number else name
            uids[key] += 1
        else:
            uids[key] += 1
            proposed = f"{name}_{uids[key]}"
        if proposed not in avoid_names:
            return proposed


def clear_session():
    """Forgets every automatic name, so the next Dense is `dense` again."""
    global _LEARNING_PHASE
    reset_uids()
    _LEARNING_PHASE = None
