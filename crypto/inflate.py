"""Bounded decompression: a zip bomb stops at the bound, it never fills memory."""

from __future__ import annotations

import zlib

from .errors import CryptoError, InputTooLarge, MalformedInput

__all__ = ["bounded_inflate"]


def bounded_inflate(
    data: bytes,
    *,
    bound: int,
    field: str,
    raw: bool = False,
    zdict: bytes = b"",
    error: type[CryptoError] = MalformedInput,
) -> bytes:
    """Inflate zlib (or, with ``raw``, bare DEFLATE) data into at most ``bound`` bytes.

    More output than ``bound`` is :class:`InputTooLarge`; damaged, truncated or
    trailing data is ``error``.
    """
    window = -15 if raw else 15
    inflater = zlib.decompressobj(window, zdict) if zdict else zlib.decompressobj(window)
    try:
        out = inflater.decompress(data, bound)
    except zlib.error:
        raise error("not valid compressed data", field=field) from None
    if inflater.unconsumed_tail or (not inflater.eof and len(out) >= bound):
        raise InputTooLarge(f"inflates beyond {bound} bytes", field=field)
    if not inflater.eof:
        raise error("the compressed data is truncated", field=field)
    if inflater.unused_data:
        raise error("there is data after the compressed stream", field=field)
    return out
