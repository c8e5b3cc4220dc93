"""Strict base64url without padding (RFC 7515 §2)."""

from __future__ import annotations

import base64
import binascii
import re

from .errors import MalformedInput

__all__ = ["b64url_decode", "b64url_encode"]

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def b64url_encode(data: bytes) -> str:
    """Encode bytes as base64url text without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str, *, field: str = "base64url") -> bytes:
    """Decode base64url text without padding; reject anything non-canonical.

    Padding, characters outside the alphabet, impossible lengths and non-zero
    trailing bits are all refused, so every byte string has one encoding.
    """
    if not _ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise MalformedInput("not unpadded base64url text", field=field)
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise MalformedInput("not unpadded base64url text", field=field) from None
    partial = len(data) % 3
    if partial and b64url_encode(data[-partial:]) != text[-(partial + 1) :]:
        raise MalformedInput("non-canonical base64url (trailing bits)", field=field)
    return data
