"""Naming, custom-object registry and (de)serialization helpers shared by Keras objects.

Keras identifies activations, initializers, regularizers, constraints and layers
by a string (``"glorot_uniform"``) or by a config dict
``{"module": ..., "class_name": ..., "config": {...}, "registered_name": ...}``
(tf.keras 2.15's format). These helpers turn one into the other.
"""

import base64
import marshal
import re
import sys
import threading
import types

_GLOBAL_CUSTOM_OBJECTS = {}
_SCOPED_CUSTOM_OBJECTS = []


def to_snake_case(name):
    """`'PReLU'` -> `'p_re_lu'`, `'Dense'` -> `'dense'`, as Keras names layers."""
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    snake = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    return snake if snake[0] != "_" else "private" + snake


def get_custom_objects():
    """The global dict of user-registered objects (`name -> class or function`)."""
    return _GLOBAL_CUSTOM_OBJECTS


class CustomObjectScope:
    """`with custom_object_scope({'MyLayer': MyLayer}):` makes the names resolvable."""

    def __init__(self, *args):
        self.custom_objects = {}
        for objects in args:
            self.custom_objects.update(objects or {})

    def __enter__(self):
        _SCOPED_CUSTOM_OBJECTS.append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _SCOPED_CUSTOM_OBJECTS.remove(self.custom_objects)


custom_object_scope = CustomObjectScope


def lookup_custom_object(name, custom_objects):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    for scope in reversed(_SCOPED_CUSTOM_OBJECTS):
        if name in scope:
            return scope[name]
    return _GLOBAL_CUSTOM_OBJECTS.get(name)


def unknown_object_error(printable_module_name, name):
    return ValueError(
        f"Unknown {printable_module_name}: '{name}'. Please ensure you are using "
        "a `keras.utils.custom_object_scope` and that this object is included "
        "in the scope. See https://www.tensorflow.org/guide/keras/"
        "save_and_serialize#registering_the_custom_object for details."
    )


def register_keras_serializable(package="Custom", name=None):
    """Decorator registering a class or function as `'<package>>'<name>` for deserialization."""

    def decorator(arg):
        registered_name = f"{package}>{name or arg.__name__}"
        if registered_name in _GLOBAL_CUSTOM_OBJECTS:
            raise ValueError(
                f"{registered_name} has already been registered to "
                f"{_GLOBAL_CUSTOM_OBJECTS[registered_name]}"
            )
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _REGISTERED_NAMES[arg] = registered_name
        return arg

    return decorator


_REGISTERED_NAMES = {}


def get_registered_name(obj):
    """`'<package>>'<name>` for registered objects, else the object's `__name__`."""
    return _REGISTERED_NAMES.get(obj, getattr(obj, "__name__", None))


def serialize_keras_object(obj, module=None):
    """Config dict of a Keras object (initializer, regularizer, constraint, layer...).

    `module` is the public Keras module of built-in objects (`"keras.initializers"`);
    by default it is derived from where the class lives in pynn.
    """
    if obj is None:
        return None
    cls = type(obj)
    builtin = cls.__module__.startswith("pynn.")
    if module is None and builtin:
        parts = cls.__module__.split(".")
        module = "keras." + parts[2] if len(parts) > 2 else "keras"
    return {
        "module": module if builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": obj.get_config(),
        "registered_name": None if builtin else get_registered_name(cls),
    }


def deserialize_keras_object(
    identifier, module_objects, printable_module_name, custom_objects=None, safe_mode=None
):
    """Instance (or function) named by a string or a config dict.

    Classes are instantiated (from their `config` when a dict is given);
    functions are returned as they are. Names resolve only among `module_objects` and the
    custom objects (arguments, scopes, registered), never as an import of the config's
    `module`. `safe_mode` (when not None) applies to everything built inside.
    """
    if safe_mode is not None:
        with SafeModeScope(safe_mode):
            return deserialize_keras_object(
                identifier, module_objects, printable_module_name, custom_objects
            )
    if isinstance(identifier, dict):
        if "class_name" not in identifier or "config" not in identifier:
            raise ValueError(f"Improper config format for {printable_module_name}: {identifier}")
        name = identifier["class_name"]
        config = identifier["config"]
        registered = identifier.get("registered_name")
        if name == "function":  # a plain function, serialized by its (registered) name
            name, config = config, None
    else:
        name, config, registered = identifier, None, None
    obj = None
    if registered:
        obj = lookup_custom_object(registered, custom_objects)
    if obj is None:
        obj = lookup_custom_object(name, custom_objects)
    if obj is None:
        obj = module_objects.get(name)
    if obj is None:
        raise unknown_object_error(printable_module_name, name)
    if isinstance(obj, type):
        if config is None:
            return obj()
        from_config = getattr(obj, "from_config", None)
        with CustomObjectScope(custom_objects or {}):  # for what the config names inside
            return from_config(config) if from_config else obj(**config)
    if isinstance(config, str):  # {"class_name": "function", "config": "relu"}
        return deserialize_keras_object(
            config, module_objects, printable_module_name, custom_objects
        )
    return obj


_SAFE_MODE = threading.local()


class SafeModeScope:
    """`with SafeModeScope(False):` lets the deserialization inside it load Python bytecode
    (a Lambda layer's `lambda`); `SafeModeScope(True)` forbids it. The innermost scope wins.

    Loading entry points (`load_model`, `model_from_json`, `deserialize_keras_object`) open
    one with their `safe_mode` argument, as tf.keras 2.15 does.
    """

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode

    def __enter__(self):
        self.original_value = in_safe_mode()
        _SAFE_MODE.safe_mode = self.safe_mode
        return self

    def __exit__(self, *exc):
        _SAFE_MODE.safe_mode = self.original_value


def in_safe_mode():
    """The safe mode of the innermost `SafeModeScope` (None outside every scope)."""
    return getattr(_SAFE_MODE, "safe_mode", None)


def enable_unsafe_deserialization():
    """Allow bytecode (`lambda`) deserialization from here on, in every loading call."""
    _SAFE_MODE.safe_mode = False


# func_dump appends the Python version after the marshal data (marshal.loads, tf.keras's
# included, ignores what follows the code object), so func_load can refuse bytecode of
# another Python version: running it can crash the interpreter.
_PYTHON_TAG = b"\x00pynn-python:"


def _python_version():
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def func_dump(func):
    """Serializes a Python function's code as Keras does (base64 marshal)."""
    raw = marshal.dumps(func.__code__) + _PYTHON_TAG + _python_version().encode("ascii")
    code = base64.encodebytes(raw).decode("ascii")
    closure = None
    if func.__closure__:
        closure = tuple(cell.cell_contents for cell in func.__closure__)
    return code, func.__defaults__, closure


def _bytecode_of_this_python(raw):
    """The marshal data of `raw`, or ValueError when another Python version wrote it."""
    data, tag, version = raw.rpartition(_PYTHON_TAG)
    written = version.decode("ascii", "replace") if tag else None
    if not tag:
        data = raw
    current = _python_version()
    # Untagged bytecode comes from tf.keras 2.15, which runs on Python 3.9-3.11 only.
    tf_keras_python = tuple(int(part) for part in current.split(".")) <= (3, 11)
    if written == current or (written is None and tf_keras_python):
        return data
    by = f"Python {written}" if written else "tf.keras 2.15 (Python 3.11 or older)"
    raise ValueError(
        f"This Lambda layer's Python code was saved by {by}; its bytecode cannot run on Python "
        f"{current} (running it could crash Python). Build the model in code, with the same "
        "Lambda function, and load only the weights with `model.load_weights(...)`."
    )


def func_load(code, defaults=None, closure=None, globs=None):
    """Inverse of `func_dump`."""
    if isinstance(code, (tuple, list)):
        code, defaults, closure = code
        if isinstance(defaults, list):
            defaults = tuple(defaults)
    raw = marshal.loads(_bytecode_of_this_python(base64.decodebytes(code.encode("ascii"))))

    def make_cell(value):
        return (lambda: value).__closure__[0]

    if closure is not None:
        closure = tuple(make_cell(value) for value in closure)
    return types.FunctionType(
        raw,
        globs if globs is not None else globals(),
        name=raw.co_name,
        argdefs=defaults,
        closure=closure,
    )


def shape_list(shape):
    """A shape (TensorShape, tuple or list) as a list of ints and Nones."""
    if shape is None:
        return None
    if hasattr(shape, "as_list"):
        return shape.as_list()
    return [None if d is None else int(d) for d in shape]


def is_shape_list_of_shapes(shape):
    """True when `shape` is a list/tuple of shapes (merge-layer inputs), not one shape."""
    return (
        isinstance(shape, (list, tuple))
        and len(shape) > 0
        and all(s is None or hasattr(s, "as_list") or isinstance(s, (list, tuple)) for s in shape)
    )
