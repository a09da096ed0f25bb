"""`tf.Module`: a named container whose Variables (and sub-modules') are found by walking
its attributes, as in TensorFlow."""

import contextlib
import re

from pynn.core.tensor import Variable

__all__ = ["Module"]


def _snake(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


class Module:
    """Base class for models built from Variables: `trainable_variables` finds them all.

    >>> class Linear(Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.w = Variable([[1.0]], name="w")
    >>> [v.name for v in Linear().trainable_variables]
    ['w:0']
    """

    def __init__(self, name=None):
        if name is None:
            name = _snake(type(self).__name__)
        elif not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-/]*", str(name)):
            raise ValueError(
                f"'{name}' is not a valid module name. Module names must be valid "
                "Python identifiers (e.g. a valid class name)."
            )
        self._name = str(name)

    @property
    def name(self):
        return self._name

    @property
    def name_scope(self):
        return contextlib.nullcontext()

    def _walk(self):
        """Every Variable and Module reachable through attributes, lists, tuples and dicts."""
        seen = {id(self)}
        stack = [iter(sorted(vars(self).items(), key=lambda kv: kv[0]))]
        while stack:
            try:
                _, value = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            if id(value) in seen:
                continue
            if isinstance(value, Variable):
                seen.add(id(value))
                yield value
            elif isinstance(value, Module):
                seen.add(id(value))
                yield value
                stack.append(iter(sorted(vars(value).items(), key=lambda kv: kv[0])))
            elif isinstance(value, dict):
                seen.add(id(value))
                stack.append(iter(sorted(value.items(), key=lambda kv: str(kv[0]))))
            elif isinstance(value, (list, tuple)):
                seen.add(id(value))
                stack.append(iter(enumerate(value)))
            elif hasattr(value, "trainable_weights") and hasattr(value, "non_trainable_weights"):
                # a Keras layer or model held by the module
                seen.add(id(value))
                stack.append(
                    iter(
                        enumerate(list(value.trainable_weights) + list(value.non_trainable_weights))
                    )
                )

    @property
    def variables(self):
        return tuple(v for v in self._walk() if isinstance(v, Variable))

    @property
    def trainable_variables(self):
        return tuple(v for v in self.variables if v.trainable)

    @property
    def non_trainable_variables(self):
        return tuple(v for v in self.variables if not v.trainable)

    @property
    def submodules(self):
        return tuple(m for m in self._walk() if isinstance(m, Module))

    @classmethod
    def with_name_scope(cls, method):
        return method

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} object at {hex(id(self))}>"
