"""The one global random generator (initializers, dropout and `tf.random.*` draw from it)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["generator", "get_seed", "set_seed"]

_state: dict[str, Any] = {"seed": None, "gen": np.random.default_rng(), "by_op_seed": {}}


def generator() -> np.random.Generator:
    """The global `numpy.random.Generator`."""
    return _state["gen"]


def set_seed(seed: int | None) -> None:
    """Reset the global generator (`tf.random.set_seed`, `keras.utils.set_random_seed`).

    `None` reseeds from fresh OS entropy.
    """
    if seed is not None:
        seed = int(seed)
    _state["seed"] = seed
    _state["gen"] = np.random.default_rng(seed)
    _state["by_op_seed"] = {}


def get_seed() -> int | None:
    """The seed last passed to `set_seed` (None if never set)."""
    return _state["seed"]


def op_generator(seed: int | None = None) -> np.random.Generator:
    """Generator for an op given its op-level `seed`.

    Without an op seed the global generator is used. With one, each op seed has its own
    stream, fixed by (global seed, op seed): successive calls differ, and `set_seed`
    replays them.
    """
    if seed is None:
        return _state["gen"]
    gens = _state["by_op_seed"]
    gen = gens.get(seed)
    if gen is None:
        g = _state["seed"]
        gen = gens[seed] = np.random.default_rng(
            [int(seed) & 0xFFFFFFFF, 0 if g is None else g & 0xFFFFFFFF]
        )
    return gen
