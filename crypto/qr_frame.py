"""The byte framing both QR payload versions share: unsigned LEB128 lengths and a bounded reader."""

from __future__ import annotations

from .errors import QrCodecError

__all__ = ["FrameReader", "varint"]


def varint(n: int) -> bytes:
    """``n`` (≥ 0) as an unsigned LEB128 number: 7 bits a byte, the high bit for "more"."""
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


class FrameReader:
    """Reads a frame; every length is checked against what remains before it is sliced."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def varint(self) -> int:
        """The next LEB128 number (at most 5 bytes: below 2^35)."""
        value = shift = 0
        while True:
            if self.at >= len(self.data) or shift > 28:
                raise QrCodecError("the payload ends inside a length", field="qr")
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7

    def take(self, length: int, what: str) -> bytes:
        """The next ``length`` bytes; :class:`QrCodecError` naming ``what`` when fewer remain."""
        if length > len(self.data) - self.at:
            raise QrCodecError(f"{what} is longer than the payload", field="qr")
        chunk = self.data[self.at : self.at + length]
        self.at += length
        return chunk

    def byte(self) -> int:
        """The next byte."""
        return self.take(1, "a hole")[0]
