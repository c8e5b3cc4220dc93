"""The PV1 QR payload codec (still written with ``version=1``): lossless, bounded, strict."""

from __future__ import annotations

import contextlib
import hashlib
import string
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto import KeyBindingExpectations, VcPolicy, verify_sd_jwt_vc
from crypto.b64 import b64url_encode
from crypto.base45 import ALPHABET, b45encode
from crypto.errors import (
    CryptoError,
    InputTooLarge,
    MissingTrailingTilde,
    QrCodecError,
    UnknownQrFormat,
    UnsupportedQrVersion,
)
from crypto.limits import Limits
from crypto.qr_codec import DICTIONARY_V1, PREFIX_V1, decode_qr_payload, encode_qr_payload
from tests.support.factory import NONCE, OFFLINE, credential, presentation


def test_dictionary_is_frozen_with_version_1():
    """Changing the preset dictionary breaks every PV1 reader: make it PV2 instead."""
    digest = hashlib.sha256(DICTIONARY_V1).hexdigest()
    assert digest == "d5086ac6f1ff56423d50257e1c7abed5d70c3ab6f838a9040958ec392763c9f8"


def test_round_trip_keeps_signatures_valid(issuer_key, holder_key, trust, clock):
    text = presentation(issuer_key, holder_key)
    payload = encode_qr_payload(text, version=1)
    assert payload.startswith(PREFIX_V1)
    assert set(payload[len(PREFIX_V1) :]) <= set(ALPHABET)
    assert decode_qr_payload(payload) == text
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
    assert verify_sd_jwt_vc(decode_qr_payload(payload), keys=trust, policy=policy, clock=clock)


def test_is_smaller_than_the_compact_text(issuer_key, holder_key):
    text = presentation(issuer_key, holder_key)
    assert len(encode_qr_payload(text, version=1)) < 0.85 * len(text)


def test_round_trip_without_key_binding_and_without_disclosures(issuer_key, holder_key):
    from crypto import present

    issued = credential(issuer_key, holder_key)
    for text in (issued, present(issued, disclose=[])):
        assert decode_qr_payload(encode_qr_payload(text, version=1)) == text


def test_plain_sd_jwt_is_accepted(issuer_key, holder_key):
    text = presentation(issuer_key, holder_key)
    assert decode_qr_payload(text) == text
    assert decode_qr_payload(f"  {text}\n") == text


def test_plain_text_without_final_tilde_is_refused(issuer_key, holder_key):
    with pytest.raises(MissingTrailingTilde):
        decode_qr_payload(credential(issuer_key, holder_key).rstrip("~") + "~x")


@pytest.mark.parametrize("text", ["https://example.com", "WIFI:S:x;;", "", "PV:ABC", "pv1:ABC"])
def test_foreign_qr_codes_are_unknown_format(text):
    with pytest.raises(UnknownQrFormat):
        decode_qr_payload(text)


@pytest.mark.parametrize("prefix", ["PV3:", "PV0:", "PV10:"])
def test_unknown_versions_are_refused_clearly(prefix):
    with pytest.raises(UnsupportedQrVersion, match="not supported"):
        decode_qr_payload(prefix + "ABC")


def test_truncated_payload(issuer_key, holder_key):
    payload = encode_qr_payload(presentation(issuer_key, holder_key), version=1)
    for cut in (3, 30, len(payload) // 2, len(payload) - 3):
        with pytest.raises(QrCodecError):
            decode_qr_payload(payload[:-cut])


def test_corrupted_payload_never_passes_unnoticed(issuer_key, holder_key, trust, clock):
    payload = encode_qr_payload(presentation(issuer_key, holder_key), version=1)
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
    for position in range(len(PREFIX_V1), len(payload), 97):
        swapped = "0" if payload[position] != "0" else "1"
        damaged = payload[:position] + swapped + payload[position + 1 :]
        with pytest.raises(CryptoError):
            verify_sd_jwt_vc(decode_qr_payload(damaged), keys=trust, policy=policy, clock=clock)


def _pv1(frame: bytes, level: int = 9) -> str:
    deflater = zlib.compressobj(
        level, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1
    )
    return PREFIX_V1 + b45encode(deflater.compress(frame) + deflater.flush())


def test_zip_bomb_is_refused_without_inflating_it():
    bomb = _pv1(b"\x00" + b"\x00" * 10_000_000)
    assert len(bomb) < 30_000
    with pytest.raises(InputTooLarge):
        decode_qr_payload(bomb, limits=Limits(max_qr_chars=30_000))


def test_oversized_text_is_refused_before_decoding():
    with pytest.raises(InputTooLarge):
        decode_qr_payload(PREFIX_V1 + "A" * 9000)


@pytest.mark.parametrize(
    "frame",
    [
        b"",
        b"\x02\x00",  # unknown flag
        b"\x00\x00\x05ab",  # segment longer than the payload
        b"\x00\x00" + b"\x01a" * 3 + b"extra",  # bytes after the last segment
        b"\x00\xff\xff\xff\xff\xff\x01",  # runaway length
        b"\x00\x00\x01a\x01a",  # ends before the signature
    ],
)
def test_malformed_frames(frame):
    with pytest.raises(QrCodecError):
        decode_qr_payload(_pv1(frame))


def test_too_many_disclosures_in_frame():
    with pytest.raises(InputTooLarge):
        decode_qr_payload(_pv1(b"\x00\x80\x10"))


def test_non_canonical_segments_cannot_be_encoded(issuer_key, holder_key):
    text = credential(issuer_key, holder_key)
    jwt, rest = text.split("~", 1)
    head, body, sig = jwt.split(".")
    with pytest.raises(CryptoError):
        encode_qr_payload(f"{head}.{body}.{sig[:-1]}B~{rest}", version=1)


cyrillic = st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙ'ʼ -", max_size=40)
segment = st.binary(min_size=0, max_size=120).map(b64url_encode)


@given(
    st.lists(segment, min_size=3, max_size=3),
    st.lists(cyrillic.map(lambda s: b64url_encode(f'["salt","n","{s}"]'.encode())), max_size=12),
    st.one_of(st.none(), st.lists(segment, min_size=3, max_size=3)),
)
def test_any_sd_jwt_shape_round_trips(jwt, disclosures, kb):
    text = ".".join(jwt) + "~" + "".join(d + "~" for d in disclosures)
    if kb is not None:
        text += ".".join(kb)
    assert decode_qr_payload(encode_qr_payload(text, version=1)) == text


@given(st.text(alphabet=ALPHABET, max_size=400))
def test_decoding_anything_fails_only_with_our_error(body):
    with contextlib.suppress(CryptoError):
        decode_qr_payload(PREFIX_V1 + body)


@given(st.text(alphabet=string.printable, max_size=200))
def test_any_text_fails_only_with_our_error(text):
    with contextlib.suppress(CryptoError):
        decode_qr_payload(text)
