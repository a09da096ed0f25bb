"""The digit pad's Python side: a 28x28 drawing from the page goes to the predict() of a
model in the session whose input is MNIST-shaped ((28, 28), (784,) or (28, 28, 1)); the ten
probabilities go back (a softmax is applied when the outputs are logits)."""

import numpy as np

_open = None


def attach(send_open):
    """send_open(): asks the page to show the pad (set by the Runner)."""
    global _open
    _open = send_open


def open_pad():
    """Shows the digit pad on the page (a program calls this after training a model)."""
    if _open is not None:
        _open()


MNIST_SHAPES = ((28, 28), (784,), (28, 28, 1))


def _input_shape(model):
    try:
        shape = model.input_shape
    except (AttributeError, ValueError, RuntimeError):
        return None
    if isinstance(shape, list) or not isinstance(shape, tuple):
        return None
    return tuple(shape[1:])


def find_model(namespace):
    """(name, model) of the last-defined MNIST-shaped model in the session, or None."""
    found = None
    for name, value in list(namespace.items()):
        if name.startswith("_") or not hasattr(value, "predict"):
            continue
        if _input_shape(value) in MNIST_SHAPES:
            found = (name, value)
    return found


def predict(namespace, pixels):
    """pixels: 784 bytes (row by row, 0 = background, 255 = ink) -> (model name, 10 probs)."""
    found = find_model(namespace)
    if found is None:
        raise LookupError(
            "There is no model with an MNIST-shaped input ((28, 28), (784,) or "
            "(28, 28, 1)) in the session yet: run a program that trains one."
        )
    name, model = found
    if hasattr(pixels, "to_bytes"):  # a Uint8Array from the page (a JsProxy)
        pixels = pixels.to_bytes()
    image = np.frombuffer(bytes(pixels), dtype=np.uint8).astype("float32") / 255.0
    if image.size != 784:
        raise ValueError(f"the drawing must have 784 pixels, not {image.size}")
    x = image.reshape((1, *_input_shape(model)))
    out = np.asarray(model.predict(x, verbose=0), dtype="float64").reshape(-1)
    if out.size != 10:
        raise ValueError(f"model {name!r} gives {out.size} outputs, not 10")
    if out.min() < 0 or abs(out.sum() - 1) > 1e-3:  # logits: softmax them
        out = np.exp(out - out.max())
        out = out / out.sum()
    return name, [float(v) for v in out]
