"""`keras.preprocessing`: the tf.keras 2.15 utilities tutorials import from here
(`preprocessing.sequence.pad_sequences`, `preprocessing.text.Tokenizer`,
`preprocessing.image.ImageDataGenerator`). Submodules load on first use."""

import importlib

_SUBMODULES = ("image", "sequence", "text")


def __getattr__(name):
    if name in _SUBMODULES:
        module = importlib.import_module(f"pynn.keras.preprocessing.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'keras.preprocessing' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_SUBMODULES))
