"""Strict base64url without padding (RFC 7515 §2)."""

from __future__ import annotations

import binascii

from .errors import MalformedInput

__all__ = ["b64url_decode", "b64url_encode"]

_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_FROM_STANDARD = bytes.maketrans(b"+/", b"-_")
_PADDING = (b"", b"", b"==", b"=")
# the last character of a partial group may only carry zero bits below the data
_LOW_4_BITS_ZERO = frozenset("AQgw")
_LOW_2_BITS_ZERO = frozenset("AEIMQUYcgkosw048")


def b64url_encode(data: bytes) -> str:
    """Encode bytes as base64url text without padding."""
    return binascii.b2a_base64(data, newline=False).translate(_FROM_STANDARD).rstrip(b"=").decode()


def b64url_decode(text: str, *, field: str = "base64url") -> bytes:
    """Decode base64url text without padding; reject anything non-canonical.

    Padding, characters outside the alphabet (``+``, ``/``, white space...),
    impossible lengths and non-zero trailing bits are all refused, so every byte
    string has exactly one encoding.
    """
    remainder = len(text) % 4
    if remainder == 1 or "+" in text or "/" in text or "=" in text:
        raise MalformedInput("not unpadded base64url text", field=field)
    try:
        raw = text.encode("ascii") + _PADDING[remainder]
        data = binascii.a2b_base64(raw.translate(_TO_STANDARD), strict_mode=True)
    except (binascii.Error, ValueError):
        raise MalformedInput("not unpadded base64url text", field=field) from None
    if (remainder == 2 and text[-1] not in _LOW_4_BITS_ZERO) or (
        remainder == 3 and text[-1] not in _LOW_2_BITS_ZERO
    ):
        raise MalformedInput("non-canonical base64url (trailing bits)", field=field)
    return data
