"""SipHash-2-4, the keyed string hash behind TensorFlow's `tf.strings.to_hash_bucket_strong`
and the salted `Hashing` layer (TensorFlow's StrongKeyedHash: highwayhash's SipHash with the
key as two unsigned 64-bit words), in pure Python for the same reason as farmhash.py: the
browser's Pyodide cannot load C extensions. Arithmetic is on Python ints masked to 64 bits.

>>> siphash24((0x0706050403020100, 0x0F0E0D0C0B0A0908), b"")  # the reference test vector
8246050544436514353
"""

_M = (1 << 64) - 1


def _rotl(value, shift):
    return ((value << shift) | (value >> (64 - shift))) & _M


def _rounds(v0, v1, v2, v3, count):
    for _ in range(count):
        v0 = (v0 + v1) & _M
        v1 = _rotl(v1, 13) ^ v0
        v0 = _rotl(v0, 32)
        v2 = (v2 + v3) & _M
        v3 = _rotl(v3, 16) ^ v2
        v0 = (v0 + v3) & _M
        v3 = _rotl(v3, 21) ^ v0
        v2 = (v2 + v1) & _M
        v1 = _rotl(v1, 17) ^ v2
        v2 = _rotl(v2, 32)
    return v0, v1, v2, v3


def siphash24(key, data):
    """The unsigned 64-bit SipHash-2-4 of `data` (bytes) under `key`, two integers (taken
    modulo 2**64, so negative keys are their two's complement, as TensorFlow's uint64 key)."""
    k0, k1 = (int(k) & _M for k in key)
    v0 = k0 ^ 0x736F6D6570736575
    v1 = k1 ^ 0x646F72616E646F6D
    v2 = k0 ^ 0x6C7967656E657261
    v3 = k1 ^ 0x7465646279746573
    n = len(data)
    whole = n - n % 8
    for i in range(0, whole, 8):
        m = int.from_bytes(data[i : i + 8], "little")
        v3 ^= m
        v0, v1, v2, v3 = _rounds(v0, v1, v2, v3, 2)
        v0 ^= m
    last = ((n & 0xFF) << 56) | int.from_bytes(data[whole:], "little")
    v3 ^= last
    v0, v1, v2, v3 = _rounds(v0, v1, v2, v3, 2)
    v0 ^= last
    v2 ^= 0xFF
    v0, v1, v2, v3 = _rounds(v0, v1, v2, v3, 4)
    return v0 ^ v1 ^ v2 ^ v3
