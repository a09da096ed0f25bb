"""`tf.random`: the global seed and samplers (all draw from `pynn.core.random`)."""

from pynn.tf._api import categorical, set_seed, shuffle, truncated_normal  # noqa: F401
from pynn.tf._api import random_normal as normal  # noqa: F401
from pynn.tf._api import random_uniform as uniform  # noqa: F401
