"""Import hook making TensorFlow/Keras imports resolve to pynn.

    from pynn import shim
    shim.install()
    import tensorflow as tf              # pynn.tf
    from tensorflow import keras         # pynn.keras
    from keras.layers import Dense       # pynn.keras.layers.Dense

Aliases are the same module objects, so `tf.keras.layers.Dense is keras.layers.Dense`.
Importing pynn never installs the hook; `uninstall()` removes it and the aliases.
"""

import importlib
import importlib.abc
import importlib.util
import sys

__all__ = ["install", "is_installed", "resolve", "uninstall"]

# alias prefix -> pynn module prefix; the longest matching prefix wins
_PREFIXES = (
    ("tensorflow.python.keras", "pynn.keras"),
    ("tensorflow.keras", "pynn.keras"),
    ("tensorflow", "pynn.tf"),
    ("keras", "pynn.keras"),
)


def resolve(fullname):
    """The pynn module name an aliased import maps to, or None (`tensorflow.nn` -> `pynn.tf.nn`)."""
    for alias, target in _PREFIXES:
        if fullname == alias:
            return target
        if fullname.startswith(alias + "."):
            return target + fullname[len(alias) :]
    return None


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        """The pynn module is already executed: nothing to do."""


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        name = resolve(fullname)
        if name is None:
            return None
        if name not in sys.modules:
            try:
                if importlib.util.find_spec(name) is None:
                    return None
            except ModuleNotFoundError:
                return None
        module = sys.modules.get(name)
        is_package = module is not None and hasattr(module, "__path__")
        if module is None:
            found = importlib.util.find_spec(name)
            is_package = found.submodule_search_locations is not None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(name), is_package=is_package)


_FINDER = _AliasFinder()


_SAVED_NUMPY_ERRORS = []


def install():
    """Make `tensorflow`, `tensorflow.keras`, `keras` (and submodules) import pynn.

    Also silences numpy's floating-point warnings (overflow, invalid, divide by zero): under
    TensorFlow an overflowing loss just becomes inf/nan, it prints no RuntimeWarning.
    """
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
        # `python -m pynn run` installs the shim before numpy starts (it chooses the BLAS
        # threads first), so this module must not import numpy at its top.
        import numpy as np  # noqa: PLC0415 - late: numpy starts after the BLAS threads are set

        _SAVED_NUMPY_ERRORS.append(np.seterr(all="ignore"))


def is_installed():
    return _FINDER in sys.meta_path


def uninstall():
    """Remove the hook and forget the aliased modules (real TensorFlow can be imported again)."""
    while _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    if _SAVED_NUMPY_ERRORS:
        import numpy as np  # noqa: PLC0415 - late: see install()

        np.seterr(**_SAVED_NUMPY_ERRORS.pop())
    for name in list(sys.modules):
        target = resolve(name)
        if target is not None and sys.modules[name] is sys.modules.get(target):
            del sys.modules[name]
