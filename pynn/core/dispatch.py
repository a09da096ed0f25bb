"""Hook turning tf functions called on symbolic (Keras) tensors into layers.

Public `tf.*` functions are wrapped with `tf_api("tf.concat")`. When any argument (or an item
of a list/tuple/dict argument) is symbolic (`obj._pynn_symbolic is True`), the call goes to
the handler registered with `set_symbolic_handler` as `handler(api_name, fn, args, kwargs)`
(the Keras engine registers one that builds a `TFOpLambda` layer); otherwise `fn` runs.
"""

import functools

__all__ = [
    "any_symbolic",
    "call",
    "get_symbolic_handler",
    "is_symbolic",
    "set_symbolic_handler",
    "tf_api",
]

_handler = [None]


def is_symbolic(x):
    """True for Keras symbolic tensors (objects with `_pynn_symbolic = True`)."""
    return getattr(x, "_pynn_symbolic", False) is True


def _nested_symbolic(x):
    t = type(x)
    if t is list or t is tuple:
        return any(_nested_symbolic(v) for v in x)
    if t is dict:
        return any(_nested_symbolic(v) for v in x.values())
    return getattr(x, "_pynn_symbolic", False) is True


def any_symbolic(args, kwargs=None):
    for a in args:
        if _nested_symbolic(a):
            return True
    if kwargs:
        for a in kwargs.values():
            if _nested_symbolic(a):
                return True
    return False


def set_symbolic_handler(fn):
    """Register `fn(api_name, fn, args, kwargs)`; returns the previous handler."""
    previous = _handler[0]
    _handler[0] = fn
    return previous


def get_symbolic_handler():
    return _handler[0]


def call(api_name, fn, args, kwargs):
    """Run `fn(*args, **kwargs)`, or hand it to the symbolic handler if needed."""
    if any_symbolic(args, kwargs):
        handler = _handler[0]
        if handler is None:
            raise TypeError(
                f"{api_name} was called on a Keras symbolic tensor, but no Keras engine is "
                "loaded to turn it into a layer."
            )
        return handler(api_name, fn, args, kwargs)
    return fn(*args, **kwargs)


def tf_api(api_name):
    """Decorator: make a public tf function dispatch on symbolic tensors as `api_name`."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for a in args:
                if _nested_symbolic(a):
                    break
            else:
                if not kwargs or not any(_nested_symbolic(v) for v in kwargs.values()):
                    return fn(*args, **kwargs)
            return call(api_name, fn, args, kwargs)

        wrapper._tf_api_name = api_name
        return wrapper

    return decorate
