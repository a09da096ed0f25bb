"""pynn's core: dtypes, eager tensors, autodiff, step recording, errors, the global random
generator. It imports nothing from pynn.ops: the ops attach Tensor's operators when they are
imported (pynn/ops/tensor_methods.py)."""
