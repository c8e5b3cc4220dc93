"""The PV2 QR payload codec: raw image bytes, rebuilt digests, exact round trips, bounds.

Frames are also built by hand here (``pack``), so each rejection rule meets exactly its fault.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from crypto import (
    KeyBindingExpectations,
    VcPolicy,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    qr_pv2,
    sd,
    verify_sd_jwt_vc,
)
from crypto.b64 import b64url_decode, b64url_encode
from crypto.base45 import ALPHABET, b45decode, b45encode
from crypto.errors import CryptoError, InputTooLarge, QrCodecError, UnsupportedQrVersion
from crypto.limits import Limits
from crypto.qr_codec import PREFIX_V1, decode_qr_payload, encode_qr_payload
from crypto.qr_pv2 import DICTIONARY_V2, PREFIX_V2
from crypto.sdjwt import SdJwtParts
from crypto.sdjwt.disclosure import digest_of
from tests.support.factory import (
    ISSUER,
    NONCE,
    NOW,
    OFFLINE,
    VCT,
    base_payload,
    presentation,
    raw_sd_jwt,
)

POLICY = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
NO_KB = VcPolicy(key_binding=None)


def test_dictionary_is_frozen_with_version_2():
    """Changing the preset dictionary breaks every PV2 reader: make it PV3 instead."""
    digest = hashlib.sha256(DICTIONARY_V2).hexdigest()
    assert digest == "dae407e4f556e4dfec2cd7d1ed70fd3139462eb18cbe00102d01cd6feacc52ea"


def tiny_webp(size: tuple[int, int] = (24, 30)) -> bytes:
    image = Image.linear_gradient("L").resize(size)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=30)
    return out.getvalue()


def data_uri(image: bytes) -> str:
    return "data:image/webp;base64," + base64.b64encode(image).decode()


def blobs_of(payload: str) -> bytes:
    """The blob section of a PV2 payload: what travels outside DEFLATE."""
    body = b45decode(payload.removeprefix(PREFIX_V2))
    length = shift = at = 0
    while True:
        byte = body[at]
        at += 1
        length |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return body[at + length :]


def portrait_presentation(issuer_key, holder_key, image: bytes) -> str:
    issued = issue_sd_jwt_vc(
        {"given_name": sd("Оксана"), "family_name": sd("Коваль"), "portrait": sd(data_uri(image))},
        issuer=ISSUER,
        vct=VCT,
        signing_key=issuer_key,
        holder_jwk=public_jwk(holder_key.private_key),
        iat=NOW - 60,
        exp=NOW + 86400,
    )
    return present(
        issued.compact,
        disclose=("given_name", "portrait"),
        holder_key=holder_key,
        aud=OFFLINE,
        nonce=NONCE,
        iat=NOW,
    )


def test_portrait_travels_raw_and_verifies(issuer_key, holder_key, trust, clock):
    image = tiny_webp()
    text = portrait_presentation(issuer_key, holder_key, image)
    payload = encode_qr_payload(text)
    assert payload.startswith(PREFIX_V2)
    assert set(payload[len(PREFIX_V2) :]) <= set(ALPHABET)
    assert image in blobs_of(payload)
    decoded = decode_qr_payload(payload)
    assert decoded == text
    [original] = [d for d in text.split("~")[1:-1] if b'"portrait"' in b64url_decode(d)]
    [rebuilt] = [d for d in decoded.split("~")[1:-1] if b'"portrait"' in b64url_decode(d)]
    assert rebuilt == original  # byte for byte
    issuer_payload = json.loads(b64url_decode(decoded.split(".")[1]))
    assert digest_of(rebuilt) in issuer_payload["_sd"]
    verified = verify_sd_jwt_vc(decoded, keys=trust, policy=POLICY, clock=clock)
    assert verified.claims["portrait"] == data_uri(image)
    assert len(payload) < len(encode_qr_payload(text, version=1))


def test_sd_hash_and_digests_are_left_out(issuer_key, holder_key):
    text = presentation(issuer_key, holder_key)
    jwt, *disclosures, kb = text.split("~")
    frame_and_blobs = b45decode(encode_qr_payload(text).removeprefix(PREFIX_V2))
    inflated = zlib.decompressobj(-15, DICTIONARY_V2).decompress(frame_and_blobs[2:])
    payload = b64url_decode(jwt.split(".")[1])
    present_digests = [digest_of(d).encode() for d in disclosures]
    assert all(d in payload for d in present_digests)
    assert not any(d in inflated for d in present_digests)
    sd_hash = json.loads(b64url_decode(kb.split(".")[1]))["sd_hash"].encode()
    assert sd_hash not in inflated


def signed_with_disclosure(issuer_key, holder_key, disclosure_json: str) -> tuple[str, str]:
    encoded = b64url_encode(disclosure_json.encode())
    payload = base_payload(holder_key, _sd=[digest_of(encoded)])
    return raw_sd_jwt(payload, [encoded], issuer_key), encoded


def test_odd_spacing_keeps_the_raw_path_and_the_exact_text(issuer_key, holder_key, trust, clock):
    """The template keeps the issuer's JSON text as it is; only the base64 run is left out."""
    image = tiny_webp()
    text, encoded = signed_with_disclosure(
        issuer_key, holder_key, f'[ "c2FsdA" ,\n\t"portrait" ,  "{data_uri(image)}"  ]'
    )
    payload = encode_qr_payload(text)
    assert image in blobs_of(payload)
    decoded = decode_qr_payload(payload)
    assert decoded == text
    assert decoded.split("~")[1] == encoded
    verified = verify_sd_jwt_vc(decoded, keys=trust, policy=NO_KB, clock=clock)
    assert verified.claims["portrait"] == data_uri(image)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda b64: b64.replace("/", "\\/"),  # an escaped solidus inside the base64
        lambda b64: b64[:40] + "\\u0041" + b64[41:],  # an escaped letter
        lambda b64: b64.rstrip("=") if b64.endswith("=") else b64[:-1],  # not padded
    ],
)
def test_escapes_inside_the_base64_force_the_fallback(issuer_key, holder_key, trust, clock, mangle):
    image = tiny_webp((40, 50))
    b64 = base64.b64encode(image).decode()
    assert "/" in b64
    text, encoded = signed_with_disclosure(
        issuer_key, holder_key, f'["c2FsdA","portrait","data:image/webp;base64,{mangle(b64)}"]'
    )
    payload = encode_qr_payload(text)
    assert image not in blobs_of(payload)
    decoded = decode_qr_payload(payload)
    assert decoded == text
    assert decoded.split("~")[1] == encoded
    verify_sd_jwt_vc(decoded, keys=trust, policy=NO_KB, clock=clock)


def test_non_canonical_base64_is_not_taken_raw():
    """Non-zero trailing bits: decoding then encoding would change the text."""
    canonical = base64.b64encode(bytes(range(49))).decode()  # ends "MA==", "MB==" decodes the same
    odd = canonical[:-3] + "B=="
    assert base64.b64decode(odd) == bytes(range(49))
    disclosure = b64url_encode(f'["s","p","data:x;base64,{odd}"]'.encode())
    text = f"e30.e30.c2ln~{disclosure}~"
    payload = encode_qr_payload(text)
    assert bytes(range(49)) not in blobs_of(payload)
    assert decode_qr_payload(payload) == text


b64_runs = st.binary(min_size=0, max_size=300).map(lambda b: base64.b64encode(b).decode())
json_text = st.text(alphabet='abc "\\/{}[],:тї\n', max_size=20)
spaces = st.sampled_from(["", " ", "\n", "\t "])


@st.composite
def disclosure_texts(draw: st.DrawFn) -> str:
    salt = draw(st.binary(min_size=0, max_size=16).map(b64url_encode))
    if draw(st.booleans()):
        value = f'"data:image/webp;base64,{draw(b64_runs)}"'
        if draw(st.booleans()):
            value = value.replace("/", "\\/")
    else:
        value = json.dumps(draw(json_text), ensure_ascii=draw(st.booleans()))
    s1, s2 = draw(spaces), draw(spaces)
    return f'[{s1}"{salt}",{s2}"portrait",{s1}{value}{s2}]'


segments = st.binary(min_size=0, max_size=100).map(b64url_encode)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(disclosure_texts(), max_size=6),
    segments,
    st.booleans(),
    st.one_of(st.none(), st.tuples(segments, segments, st.booleans())),
    st.sampled_from(["sha-256", "sha-384", "sha-512", "sha3-256"]),
)
def test_any_sd_jwt_round_trips(disclosures, header, reference, kb, hash_alg):
    """Arbitrary disclosures (data URIs, escapes, spacing), digests and sd_hash all come back."""
    encoded = [b64url_encode(d.encode()) for d in disclosures]
    digests = [digest_of(d, hash_alg) for d in encoded] if reference else []
    body = b64url_encode(json.dumps({"_sd": digests, "x": 1}, indent=1).encode())
    jwt = f"{header}.{body}.{header}"
    parts = SdJwtParts(jwt, tuple(encoded), None)
    text = parts.serialize()
    if kb is not None:
        kb_header, kb_signature, with_hash = kb
        sd_hash = digest_of(parts.without_key_binding, hash_alg) if with_hash else "x"
        kb_body = b64url_encode(json.dumps({"nonce": "n", "sd_hash": sd_hash}).encode())
        text += f"{kb_header}.{kb_body}.{kb_signature}"
    payload = encode_qr_payload(text)
    assert payload.startswith(PREFIX_V2)
    assert decode_qr_payload(payload) == text
    assert decode_qr_payload(encode_qr_payload(text, version=1)) == text


def test_pv1_is_still_written_on_request_and_read(issuer_key, holder_key):
    text = presentation(issuer_key, holder_key)
    payload = encode_qr_payload(text, version=1)
    assert payload.startswith(PREFIX_V1)
    assert decode_qr_payload(payload) == text


@pytest.mark.parametrize("version", [0, 3])
def test_unknown_version_cannot_be_written(issuer_key, holder_key, version):
    with pytest.raises(UnsupportedQrVersion):
        encode_qr_payload(presentation(issuer_key, holder_key), version=version)


# --- hand-built payloads -------------------------------------------------------------------


def leb128(n: int) -> bytes:
    out = bytearray()
    while n > 0x7F:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    return bytes([*out, n])


def pack(frame: bytes, blobs: bytes = b"", zlen: int | None = None) -> str:
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V2)
    z = deflater.compress(frame) + deflater.flush()
    return PREFIX_V2 + b45encode(leb128(len(z) if zlen is None else zlen) + z + blobs)


def lit(data: bytes) -> bytes:
    return leb128(len(data) << 2) + data


def template(data: bytes, holes: list[tuple[int, int, int]]) -> bytes:
    out = leb128(len(data) << 2 | 1) + data + leb128(len(holes))
    for gap, what, arg in holes:
        out += leb128(gap) + bytes([what]) + leb128(arg)
    return out


def stored(n: int) -> bytes:
    return leb128(n << 2 | 2)


JWT = lit(b"{}") + lit(b"{}") + lit(b"sig")


def test_hand_built_payload_decodes():
    disclosure = b'["s","p","data:x;base64,"]'
    frame = (
        b"\x00\x01"
        + lit(b"{}")
        + template(b'{"_sd":[""]}', [(9, 0x10, 1)])
        + stored(3)
        + template(disclosure, [(24, 0x00, 3)])
    )
    text = decode_qr_payload(pack(frame, blobs=b"sigABC"))
    jwt, d, end = text.split("~")
    assert end == ""
    assert b64url_decode(d) == b'["s","p","data:x;base64,QUJD"]'
    assert jwt.split(".")[2] == b64url_encode(b"sig")
    assert json.loads(b64url_decode(jwt.split(".")[1])) == {"_sd": [digest_of(d)]}


TWO_31 = 2**31


@pytest.mark.parametrize(
    ("frame", "blobs", "zlen"),
    [
        (b"\x00\x00" + JWT, b"", TWO_31),  # the compressed frame's length
        (b"\x00\x00" + leb128(TWO_31 << 2) + b"{}", b"", None),  # a literal segment
        (b"\x00\x00" + stored(TWO_31) + lit(b"{}") * 2, b"abc", None),  # a stored segment
        (b"\x00\x00" + template(b"{}", [(0, 0, TWO_31)]) + lit(b"") * 2, b"abc", None),  # a blob
        (b"\x00\x00" + template(b"{}", [(TWO_31, 0, 1)]) + lit(b"") * 2, b"a", None),  # a gap
    ],
)
def test_a_length_of_2_31_is_refused_before_allocation(frame, blobs, zlen):
    tracemalloc.start()
    try:
        with pytest.raises(QrCodecError):
            decode_qr_payload(pack(frame, blobs, zlen))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("frame", "blobs", "message"),
    [
        (b"", b"", "empty"),
        (b"\x02\x00" + JWT, b"", "unknown flags"),
        (b"\x00\x00" + leb128(3) + JWT, b"", "kind"),
        (b"\x00\x00" + template(b"{}", []) + lit(b"{}") * 2, b"", "holes"),
        (b"\x00\x00" + template(b"{}", [(0, 0x20, 1)]) + lit(b"{}") * 2, b"", "unknown hole"),
        (b"\x00\x00" + template(b"{}", [(0, 0x14, 1)]) + lit(b"{}") * 2, b"", "unknown hole"),
        (b"\x00\x00" + template(b"{}", [(0, 0x10, 1)]) + lit(b"{}") * 2, b"", "digest hole"),
        (b"\x00\x00" + lit(b"{}") + template(b"{}", [(0, 0x10, 1)]) + lit(b"s"), b"", "names no"),
        (b"\x00\x00" + lit(b"{}") + template(b"{}", [(0, 0x10, 0)]) + lit(b"s"), b"", "names no"),
        (b"\x00\x01" + JWT + lit(b""), b"", "empty disclosure"),
        (b"\x00\x00" + JWT + b"x", b"", "after its last"),
        (b"\x00\x00" + JWT, b"x", "no segment uses"),
        (b"\x00\x00" + lit(b"{}") * 2, b"", "ends inside"),
        (b"\x01\x00" + JWT + lit(b"{}") + template(b"{}", [(0, 0x10, 1)]) + lit(b""), b"", "KB"),
    ],
)
def test_malformed_frames(frame, blobs, message):
    with pytest.raises(QrCodecError, match=message):
        decode_qr_payload(pack(frame, blobs))


def test_too_many_disclosures():
    with pytest.raises(InputTooLarge):
        decode_qr_payload(pack(b"\x00\x80\x10" + JWT))


def test_rebuilt_size_is_bounded():
    holes = [(0, 0x10, 1)] * 1000
    frame = b"\x00\x01" + lit(b"{}") + template(b"{}", holes) + lit(b"s") + lit(b"d")
    with pytest.raises(InputTooLarge, match="rebuilds beyond"):
        decode_qr_payload(pack(frame), limits=Limits(max_qr_inflated_bytes=20_000))
    with pytest.raises(QrCodecError, match="holes"):
        decode_qr_payload(pack(frame), limits=Limits(max_qr_holes=999))


def test_zip_bomb_is_refused():
    bomb = pack(b"\x00" + b"\x00" * 10_000_000)
    with pytest.raises(InputTooLarge):
        decode_qr_payload(bomb, limits=Limits(max_qr_chars=30_000))


def test_truncated_and_damaged_payloads_raise_only_codec_errors(issuer_key, holder_key):
    payload = encode_qr_payload(portrait_presentation(issuer_key, holder_key, tiny_webp()))
    for cut in (1, 2, 3, 30, len(payload) // 2, len(payload) - 5):
        with pytest.raises(QrCodecError) as raised:
            decode_qr_payload(payload[:-cut])
        assert raised.value.code.startswith("qr_")


@given(st.text(alphabet=ALPHABET, max_size=400))
def test_junk_fails_only_with_a_coded_codec_error(body):
    """Junk is qr_invalid; only the documented bounds (inflated size) are too_large."""
    with pytest.raises(CryptoError) as raised:
        decode_qr_payload(PREFIX_V2 + body)
    assert isinstance(raised.value, QrCodecError | InputTooLarge)
    assert raised.value.code in {"qr_invalid", "too_large"}


@given(st.binary(max_size=300))
def test_junk_bodies_fail_only_with_codec_errors(body):
    with contextlib.suppress(QrCodecError, InputTooLarge):
        decode_qr_payload(PREFIX_V2 + b45encode(body))


VECTORS = json.loads((Path(__file__).with_name("qr_vectors.json")).read_text())


@pytest.mark.parametrize("version", ["pv1", "pv2"])
def test_stored_vectors_still_decode(version):
    """Payloads written by earlier code (PV1 before PV2 existed, PV2 when it was frozen)."""
    assert decode_qr_payload(VECTORS[version]) == VECTORS["sd_jwt"]


def test_a_rebuild_that_differs_falls_back_to_carrying_everything(
    issuer_key, holder_key, monkeypatch
):
    """The encoder sends holes only after decoding its own payload to the identical text."""
    text = portrait_presentation(issuer_key, holder_key, tiny_webp())
    normal = encode_qr_payload(text)
    monkeypatch.setattr(qr_pv2, "decode_v2", lambda body, limits: text + "x")
    fallback = encode_qr_payload(text)
    monkeypatch.undo()
    assert tiny_webp() in blobs_of(normal)
    assert tiny_webp() not in blobs_of(fallback)
    assert len(fallback) > len(normal)
    assert decode_qr_payload(fallback) == text
