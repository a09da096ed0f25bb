"""The session's numeric settings: `floatx()`, `epsilon()`, `image_data_format()` and their
setters (as Keras's backend_config.py). A leaf: layers, initializers and the engine read these
without importing the `K.*` math of `backend.py`."""

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"


def floatx():
    """The default float type, `'float32'`."""
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    if value not in {"float16", "float32", "float64"}:
        raise ValueError(
            f"Unknown `floatx` value: {value}. Expected one of {{'float16', 'float32', 'float64'}}"
        )
    _FLOATX = str(value)


def epsilon():
    """The fuzz factor used in numeric expressions, `1e-07`."""
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = value


def image_data_format():
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError(
            f"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: {data_format}"
        )
    _IMAGE_DATA_FORMAT = str(data_format)
