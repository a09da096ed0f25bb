"""Tiny `tf.nest`: flatten / rebuild nested lists, tuples and dicts (dicts by sorted key)."""


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def _children(x):
    if isinstance(x, dict):
        return [x[k] for k in sorted(x)]
    return list(x)


def flatten(x):
    if not is_nested(x):
        return [x]
    out = []
    for child in _children(x):
        out.extend(flatten(child))
    return out


def _rebuild(structure, flat_iter):
    if not is_nested(structure):
        return next(flat_iter)
    if isinstance(structure, dict):
        rebuilt = {k: _rebuild(structure[k], flat_iter) for k in sorted(structure)}
        return type(structure)((k, rebuilt[k]) for k in structure)
    items = [_rebuild(child, flat_iter) for child in structure]
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):
        return type(structure)(*items)
    return type(structure)(items)


def pack_sequence_as(structure, flat):
    return _rebuild(structure, iter(flat))


def map_structure(fn, structure):
    return pack_sequence_as(structure, [fn(x) for x in flatten(structure)])
