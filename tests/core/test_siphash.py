"""SipHash-2-4 against the reference test vectors of Aumasson and Bernstein's paper (key
00 01 .. 0f, messages 00 01 .. of length 0..15), read as little-endian 64-bit words. What
TensorFlow computes with it is checked in tests/parity (`hashing_salted`)."""

import pytest

from pynn.core.siphash import siphash24

KEY = (0x0706050403020100, 0x0F0E0D0C0B0A0908)
VECTORS = {  # message length -> the paper's output bytes
    0: "310e0edd47db6f72",
    1: "fd67dc93c539f874",
    7: "37d1018bf50002ab",
    8: "6224939a79f5f593",
    15: "e545be4961ca29a1",
}


@pytest.mark.parametrize("length", sorted(VECTORS))
def test_reference_vectors(length):
    expected = int.from_bytes(bytes.fromhex(VECTORS[length]), "little")
    assert siphash24(KEY, bytes(range(length))) == expected


def test_negative_keys_are_taken_as_their_64_bit_twos_complement():
    assert siphash24((-1, 7), b"hello") == siphash24(((1 << 64) - 1, 7), b"hello")
