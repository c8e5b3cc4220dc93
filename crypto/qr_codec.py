"""The QR payload codec: a whole SD-JWT presentation in as few QR modules as it can be.

Version 1, ``PV1:<base45>``:

1. every base64url segment of the compact SD-JWT (issuer JWT header, payload and
   signature; each disclosure; the KB-JWT's three parts) is decoded to its bytes;
2. the bytes are framed: a flags byte (bit 0: a KB-JWT follows), the number of
   disclosures, then each segment as an unsigned LEB128 length and its bytes;
3. the frame is compressed with raw DEFLATE (RFC 1951) primed with the preset
   dictionary :data:`DICTIONARY_V1` (JSON fragments every Posvid credential has);
4. the result is base45-encoded (RFC 9285), so the QR code uses alphanumeric mode.

Decoding rebuilds the exact compact string, so every signature verifies unchanged.
The dictionary is part of the wire format: changing it is a new version.
A plain compact SD-JWT is also accepted by :func:`decode_qr_payload`.

Version 2, ``PV2:`` (:mod:`crypto.qr_pv2`), is what :func:`encode_qr_payload` writes by
default: PV1 plus exact rebuilding of data URI bytes, disclosure digests and ``sd_hash``.
Both versions are read.
"""

from __future__ import annotations

import re
import zlib
from typing import Final

from .b64 import b64url_decode, b64url_encode
from .base45 import b45decode, b45encode
from .errors import (
    InputTooLarge,
    MalformedInput,
    QrCodecError,
    UnknownQrFormat,
    UnsupportedQrVersion,
)
from .inflate import bounded_inflate
from .limits import DEFAULT_LIMITS, Limits, check_length
from .qr_frame import FrameReader, varint
from .qr_pv2 import DICTIONARY_V2, PREFIX_V2, decode_v2, encode_v2
from .sdjwt.compact import SdJwtParts, split_sd_jwt

__all__ = [
    "DICTIONARY_V1",
    "DICTIONARY_V2",
    "LATEST_VERSION",
    "PREFIX_V1",
    "PREFIX_V2",
    "decode_qr_payload",
    "encode_qr_payload",
]

PREFIX_V1: Final = "PV1:"
#: the version :func:`encode_qr_payload` writes unless told otherwise
LATEST_VERSION: Final = 2
_VERSIONED: Final = re.compile(r"PV(\d{1,3}):")
_FLAG_KB: Final = 0x01

#: Frozen with version 1. Fragments used most sit at the end (the shortest distance).
DICTIONARY_V1: Final = "".join(
    (
        '"issue_date":"","issuing_authority":"","birth_place":"","sex":"","record_number":"',
        '"tax_number":"","patronymic":"","portrait":"data:image/jpeg;base64,',
        '"nbf":17,"kty":"OKP","crv":"Ed25519","x":"{"alg":"EdDSA","typ":"kb+jwt"}',
        '{"alg":"EdDSA","typ":"dc+sd-jwt","kid":"',
        '"status":{"status_list":{"idx":,"uri":"https://',
        '"vct":"urn:ua:posvid:id-card:1passport:1border:1age:1',
        '"age_equal_or_over":{"14":true"16":true"18":true"21":true"65":false',
        '"family_name_latin":"","given_name_latin":"","nationality":"UKR",',
        '"document_number":"","expiry_date":"20","birth_date":"19',
        '"family_name":"","given_name":"',
        '"cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"","y":"',
        '"_sd_alg":"sha-256"',
        '{"alg":"ES256","typ":"kb+jwt"}{"iat":17,"aud":"urn:posvid:offline","nonce":"',
        '","sd_hash":"',
        '{"alg":"ES256","typ":"dc+sd-jwt","kid":"',
        '{"iss":"https://","iat":17,"exp":17',
        '"_sd":["","',
    )
).encode()


class _Reader(FrameReader):
    def segment(self) -> str:
        return b64url_encode(self.take(self.varint(), "a segment"))


def _segments(parts: SdJwtParts) -> list[str]:
    jwt = parts.issuer_jwt.split(".")
    kb = parts.kb_jwt.split(".") if parts.kb_jwt is not None else []
    if len(jwt) != 3 or (kb and len(kb) != 3):
        raise QrCodecError("a JWT of the SD-JWT does not have three parts", field="sd_jwt")
    return [*jwt, *parts.disclosures, *kb]


def encode_qr_payload(
    sd_jwt: str, *, limits: Limits = DEFAULT_LIMITS, version: int = LATEST_VERSION
) -> str:
    """Encode a compact SD-JWT (or SD-JWT+KB) as ``PV2:`` (or, with ``version=1``, ``PV1:``)
    text for a QR code."""
    parts = split_sd_jwt(sd_jwt, limits=limits)
    if version == 2:
        return encode_v2(parts, _segments(parts), limits)
    if version != 1:
        raise UnsupportedQrVersion(f"QR payload version {version} cannot be written", field="qr")
    frame = bytearray([_FLAG_KB if parts.kb_jwt is not None else 0])
    frame += varint(len(parts.disclosures))
    for segment in _segments(parts):
        try:
            raw = b64url_decode(segment, field="sd_jwt")
        except MalformedInput:
            raise QrCodecError(
                "a segment is not canonical base64url; it cannot round-trip", field="sd_jwt"
            ) from None
        frame += varint(len(raw)) + raw
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1)
    text = PREFIX_V1 + b45encode(deflater.compress(bytes(frame)) + deflater.flush())
    check_length(text, limits.max_qr_chars, field="qr")
    return text


def _decode_v1(body: str, limits: Limits) -> str:
    try:
        compressed = b45decode(body)
    except MalformedInput as exc:
        raise QrCodecError(exc.message, field="qr") from None
    frame = bounded_inflate(
        compressed,
        bound=limits.max_qr_inflated_bytes,
        field="qr",
        raw=True,
        zdict=DICTIONARY_V1,
        error=QrCodecError,
    )
    reader = _Reader(frame)
    if not reader.data:
        raise QrCodecError("the payload is empty", field="qr")
    flags = reader.data[0]
    reader.at = 1
    if flags & ~_FLAG_KB:
        raise QrCodecError("unknown flags in the payload", field="qr")
    count = reader.varint()
    if count > limits.max_disclosures:
        raise InputTooLarge(f"more than {limits.max_disclosures} disclosures", field="qr")
    jwt = ".".join(reader.segment() for _ in range(3))
    disclosures = tuple(reader.segment() for _ in range(count))
    kb = ".".join(reader.segment() for _ in range(3)) if flags & _FLAG_KB else None
    if reader.at != len(reader.data):
        raise QrCodecError("the payload has data after its last segment", field="qr")
    if "" in disclosures:
        raise QrCodecError("an empty disclosure", field="qr")
    text = SdJwtParts(jwt, disclosures, kb).serialize()
    check_length(text, limits.max_sd_jwt_chars, field="sd_jwt")
    return text


def decode_qr_payload(text: str, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """Turn the text of a scanned QR code back into the compact SD-JWT it carries.

    Accepts ``PV1:`` and ``PV2:`` payloads and plain compact SD-JWTs; anything else raises
    :class:`UnknownQrFormat`, an unknown ``PVn:`` raises :class:`UnsupportedQrVersion`.
    """
    if not isinstance(text, str):
        raise UnknownQrFormat("a QR payload must be text", field="qr")
    text = text.strip()
    check_length(text, max(limits.max_qr_chars, limits.max_sd_jwt_chars), field="qr")
    versioned = _VERSIONED.match(text)
    if versioned is not None:
        decode = {"1": _decode_v1, "2": decode_v2}.get(versioned.group(1))
        if decode is None:
            raise UnsupportedQrVersion(
                f"QR payload version {versioned.group(1)} is not supported; update Posvid",
                field="qr",
            )
        check_length(text, limits.max_qr_chars, field="qr")
        return decode(text[versioned.end() :], limits)
    if "~" in text and text.startswith("ey"):
        split_sd_jwt(text, limits=limits)
        return text
    raise UnknownQrFormat("this QR code does not hold a Posvid presentation", field="qr")
