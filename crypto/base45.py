"""Base45 (RFC 9285): bytes as text in the QR code alphanumeric alphabet (5.5 bits a character)."""

from __future__ import annotations

from typing import Final

from .errors import MalformedInput

__all__ = ["ALPHABET", "b45decode", "b45encode"]

ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE: Final = {c: i for i, c in enumerate(ALPHABET)}


def b45encode(data: bytes) -> str:
    """Encode bytes: each pair becomes three characters, a last single byte two."""
    out: list[str] = []
    alphabet = ALPHABET
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out.append(alphabet[c] + alphabet[d] + alphabet[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out.append(alphabet[c] + alphabet[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Decode base45 text; refuse foreign characters, impossible lengths and overflowing groups."""
    if len(text) % 3 == 1:
        raise MalformedInput("base45 text cannot have this length", field="base45")
    try:
        values = [_VALUE[c] for c in text]
    except KeyError:
        raise MalformedInput("a character outside the base45 alphabet", field="base45") from None
    out = bytearray()
    full = len(values) - len(values) % 3
    for i in range(0, full, 3):
        n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if n > 0xFFFF:
            raise MalformedInput("a base45 group is out of range", field="base45")
        out += n.to_bytes(2, "big")
    if full != len(values):
        n = values[full] + values[full + 1] * 45
        if n > 0xFF:
            raise MalformedInput("a base45 group is out of range", field="base45")
        out.append(n)
    return bytes(out)
