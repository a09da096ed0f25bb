"""pynn's core: dtypes, eager tensors, autodiff, errors, the global random generator.

`tensor` is imported first: its operators need `pynn.ops`, whose primitives need
`autodiff`, which needs `Tensor` — this order resolves that cycle whatever module a user
imports first.
"""

from pynn.core import tensor  # noqa: F401
