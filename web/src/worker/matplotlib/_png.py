"""RGBA arrays to PNG bytes (the images inside the SVG)."""

import struct
import zlib

import numpy as np


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def encode_png(rgba, level):
    """uint8 array (height, width, 4) -> PNG file bytes (8-bit RGBA, no filter); `level` is
    zlib's compression level."""
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    height, width, channels = rgba.shape
    if channels != 4:
        raise ValueError("encode_png expects an (height, width, 4) RGBA array")
    rows = np.concatenate(
        [np.zeros((height, 1), np.uint8), rgba.reshape(height, width * 4)], axis=1
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows.tobytes(), level))
        + _chunk(b"IEND", b"")
    )
