"""`tensorflow.python`: only here so that old tutorials' `tensorflow.python.keras` imports
resolve (the shim maps `tensorflow.python.keras...` to `pynn.keras...`)."""

import importlib as _importlib


def __getattr__(name):
    if name == "keras":
        return _importlib.import_module("pynn.keras")
    raise AttributeError(f"module 'tensorflow.python' has no attribute '{name}'")
