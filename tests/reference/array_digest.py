"""What the dataset fixtures record of an array, shared by record_datasets.py (under
TensorFlow) and tests/datasets/test_reference_layout.py (under pynn)."""

import hashlib

import numpy as np


def describe(array):
    """Shape, dtype, writeability, value range and the SHA-256 of the bytes of `array`."""
    return {
        "shape": list(array.shape),
        "dtype": str(array.dtype),
        "writeable": bool(array.flags.writeable),
        "min": int(array.min()),
        "max": int(array.max()),
        "sha256": hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest(),
    }
