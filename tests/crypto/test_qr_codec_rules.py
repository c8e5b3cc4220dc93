"""The rejection rules of the PV1 QR payload codec, each with a frame that is otherwise valid.

The frames are built here by hand (flags, count, LEB128-framed segments, raw DEFLATE with the
preset dictionary, base45), so each rule meets exactly the fault it refuses. Each test kills a
mutant of ``crypto/qr_codec.py`` that the rest of the suite lets live (``make mutation``).
"""

from __future__ import annotations

import zlib

import pytest

from crypto import decode_qr_payload, encode_qr_payload
from crypto import errors as e
from crypto.b64 import b64url_decode
from crypto.base45 import b45encode
from crypto.qr_codec import DICTIONARY_V1, PREFIX_V1
from tests.support.factory import credential


def leb128(n: int) -> bytes:
    out = bytearray()
    while n > 0x7F:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    return bytes([*out, n])


def pack(flags: int, segments: list[str], count: int, prefix: str = PREFIX_V1) -> str:
    """A PV1 payload of base64url ``segments`` (3 JWT parts, ``count`` disclosures, KB parts)."""
    frame = bytes([flags]) + leb128(count)
    for segment in segments:
        raw = b64url_decode(segment)
        frame += leb128(len(raw)) + raw
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1)
    return prefix + b45encode(deflater.compress(frame) + deflater.flush())


@pytest.fixture
def sd_jwt(issuer_key, holder_key):
    return credential(issuer_key, holder_key)


def segments_of(sd_jwt: str) -> tuple[list[str], list[str]]:
    jwt, *disclosures, _ = sd_jwt.split("~")
    return jwt.split("."), disclosures


def test_the_hand_built_frame_is_what_the_encoder_writes(sd_jwt):
    jwt, disclosures = segments_of(sd_jwt)
    text = pack(0, jwt + disclosures, len(disclosures))
    assert decode_qr_payload(text) == sd_jwt
    assert text == encode_qr_payload(sd_jwt, version=1)


@pytest.mark.parametrize("flags", [0x02, 0x80, 0x03])
def test_unknown_flags_are_refused(sd_jwt, flags):
    jwt, disclosures = segments_of(sd_jwt)
    kb = ["e30", "e30", "c2ln"] if flags & 1 else []
    with pytest.raises(e.QrCodecError, match="unknown flags"):
        decode_qr_payload(pack(flags, jwt + disclosures + kb, len(disclosures)))


def test_an_empty_disclosure_is_refused(sd_jwt):
    jwt, disclosures = segments_of(sd_jwt)
    with pytest.raises(e.QrCodecError, match="empty disclosure"):
        decode_qr_payload(
            pack(0, [*jwt, disclosures[0], "", *disclosures[1:]], len(disclosures) + 1)
        )


@pytest.mark.parametrize("prefix", ["PV3:", "PV0:", "PV01:", "PV02:"])
def test_another_version_is_never_read_as_version_1(sd_jwt, prefix):
    """Even when its body happens to be a valid PV1 body."""
    body = encode_qr_payload(sd_jwt, version=1).removeprefix(PREFIX_V1)
    with pytest.raises(e.UnsupportedQrVersion):
        decode_qr_payload(prefix + body)


@pytest.mark.parametrize("text", [b"PV1:ABC", None, 42])
def test_a_payload_must_be_text(text):
    with pytest.raises(e.UnknownQrFormat):
        decode_qr_payload(text)


@pytest.mark.parametrize("jwt", ["e30.e30", "e30", "e30.e30.c2ln.c2ln"])
def test_encoding_refuses_an_issuer_jwt_without_three_parts(jwt):
    with pytest.raises(e.QrCodecError):
        encode_qr_payload(jwt + "~", version=1)
