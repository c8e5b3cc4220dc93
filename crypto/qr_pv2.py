"""QR payload version 2 (``PV2:``): PV1 plus exact rebuilding of what the payload repeats.

PV1 carries every base64url segment of the SD-JWT as its bytes. PV2 also leaves out what the
decoder can rebuild exactly, and carries incompressible bytes outside DEFLATE:

* the base64 text of a ``data:...;base64,`` URI inside a segment (a portrait in a disclosure)
  travels as its raw bytes in the *blob* section, stored, not deflated;
* each digest in the issuer payload that is the digest of a carried disclosure, and the KB-JWT's
  ``sd_hash``, are left out and recomputed (a hole naming the disclosure and the hash);
* signatures travel in the blob section too (random bytes cost more than 8 bits inside DEFLATE).

A segment that has holes is a *template*: its exact bytes minus the holes, so the issuer's JSON
text (spacing, escapes, member order) is kept as it is. The encoder rebuilds every segment and the
whole SD-JWT and compares them with the original; any difference and the segment, or the whole
payload, is carried literally. Decoding therefore gives back the identical string and every
digest and signature verifies unchanged.

Wire format (all lengths unsigned LEB128, each checked against what remains before it is used)::

    body      = zlen  z[zlen]  blobs            base45-decoded text after "PV2:"
    z         = raw DEFLATE (RFC 1951) of frame, preset dictionary DICTIONARY_V2
    frame     = flags:u8  ndisc  seg(issuer header) seg(issuer payload) seg(issuer signature)
                seg(disclosure 1) ... seg(disclosure ndisc)  [seg(kb header) seg(kb payload)
                seg(kb signature)]                       flags bit 0: a KB-JWT follows
    seg       = head  ...                                head = length << 2 | kind
      kind 0  literal:  bytes[length]
      kind 1  template: bytes[length]  nholes  hole{nholes}
              hole = gap  what:u8  arg                   gap: template bytes before it
              what 0x00: the next arg blob bytes, as padded base64 (RFC 4648 §4)
              what 0x10|h: base64url(H_h(text)); arg 0: the SD-JWT without its KB-JWT (sd_hash,
                           KB payload only), arg i >= 1: disclosure i (issuer payload only);
                           h indexes HASHES
      kind 2  stored:   the next length blob bytes
    blobs     = the stored bytes, in frame order; all of them must be used
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Callable
from typing import Final

from .b64 import b64url_decode, b64url_encode
from .base45 import b45decode, b45encode
from .errors import InputTooLarge, MalformedInput, QrCodecError
from .inflate import bounded_inflate
from .limits import Limits, check_length
from .qr_frame import FrameReader, varint
from .sdjwt.compact import SdJwtParts
from .sdjwt.disclosure import HASH_ALGORITHMS

__all__ = ["DICTIONARY_V2", "HASHES", "PREFIX_V2", "decode_v2", "encode_v2"]

PREFIX_V2: Final = "PV2:"
#: hash identifiers of digest holes (``what = 0x10 | index``); frozen with version 2
HASHES: Final = ("sha-256", "sha-384", "sha-512", "sha3-256")
_FLAG_KB: Final = 0x01
_LITERAL, _TEMPLATE, _STORED = 0, 1, 2
_BLOB64: Final = 0x00
_DIGEST: Final = 0x10
_DIGEST_CHARS: Final = {h: len(b64url_encode(HASH_ALGORITHMS[h](b"").digest())) for h in HASHES}
#: the base64 text of a data URI, up to the closing quote of its JSON string
_DATA_URI: Final = re.compile(
    rb";base64,((?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)\""
)
_MIN_BLOB: Final = 48  # shorter base64 text is not worth a hole

#: Frozen with version 2: PV1's fragments, minus what PV2 leaves out (digests, signatures),
#: plus the shapes that remain (an ``_sd`` list of holes, a WebP portrait disclosure).
DICTIONARY_V2: Final = "".join(
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
        '"portrait":"data:image/webp;base64,"]',
        '"_sd":["","","","","","","","","',
    )
).encode()

# A piece of a segment: its bytes, a blob shown as base64, or a digest hole (hash, source).
_Piece = bytes | tuple[str, int]


class _Segments:
    """Parses the frame into segments made of pieces, taking blob bytes in frame order."""

    def __init__(self, frame: bytes, blobs: bytes, limits: Limits) -> None:
        self.frame = FrameReader(frame)
        self.blobs = FrameReader(blobs)
        self.limits = limits
        self.budget = limits.max_qr_inflated_bytes  # bytes the rebuilt segments may take

    def _spend(self, n: int) -> None:
        self.budget -= n
        if self.budget < 0:
            raise InputTooLarge(
                f"rebuilds beyond {self.limits.max_qr_inflated_bytes} bytes", field="qr"
            )

    def segment(self) -> list[_Piece]:
        head = self.frame.varint()
        length, kind = head >> 2, head & 3
        if kind == _STORED:
            chunk = self.blobs.take(length, "a stored segment")
            self._spend(len(chunk))
            return [chunk]
        if kind not in (_LITERAL, _TEMPLATE):
            raise QrCodecError("unknown segment kind", field="qr")
        template = self.frame.take(length, "a segment")
        self._spend(len(template))
        if kind == _LITERAL:
            return [template]
        return self._holes(template)

    def _holes(self, template: bytes) -> list[_Piece]:
        count = self.frame.varint()
        if count == 0 or count > self.limits.max_qr_holes:
            raise QrCodecError("a template needs 1 to max_qr_holes holes", field="qr")
        pieces: list[_Piece] = []
        at = 0
        for _ in range(count):
            gap = self.frame.varint()
            if gap > len(template) - at:
                raise QrCodecError("a hole lies outside its template", field="qr")
            pieces.append(template[at : at + gap])
            at += gap
            what, arg = self.frame.byte(), self.frame.varint()
            if what == _BLOB64:
                blob = self.blobs.take(arg, "a blob")
                self._spend(4 * ((len(blob) + 2) // 3))
                pieces.append(base64.b64encode(blob))
            elif what & 0xF0 == _DIGEST and what & 0x0F < len(HASHES):
                hash_name = HASHES[what & 0x0F]
                self._spend(_DIGEST_CHARS[hash_name])
                pieces.append((hash_name, arg))
            else:
                raise QrCodecError("unknown hole", field="qr")
        pieces.append(template[at:])
        return pieces


def _digest(hash_name: str, text: str) -> bytes:
    return b64url_encode(HASH_ALGORITHMS[hash_name](text.encode("ascii")).digest()).encode()


def _join(pieces: list[_Piece], resolve: Callable[[str, int], bytes] | None) -> str:
    out = bytearray()
    for piece in pieces:
        if isinstance(piece, bytes):
            out += piece
        elif resolve is None:
            raise QrCodecError("a digest hole where none may be", field="qr")
        else:
            out += resolve(*piece)
    return b64url_encode(bytes(out))


def _rebuild(segments: list[list[_Piece]], count: int, kb: bool) -> SdJwtParts:
    """Resolve the holes: disclosures first, then the issuer payload, then the KB-JWT."""
    disclosures = tuple(_join(s, None) for s in segments[3 : 3 + count])
    if "" in disclosures:
        raise QrCodecError("an empty disclosure", field="qr")

    def disclosure(hash_name: str, index: int) -> bytes:
        if not 1 <= index <= count:
            raise QrCodecError("a digest hole names no disclosure", field="qr")
        return _digest(hash_name, disclosures[index - 1])

    header, payload, signature = segments[:3]
    jwt = ".".join((_join(header, None), _join(payload, disclosure), _join(signature, None)))
    if not kb:
        return SdJwtParts(jwt, disclosures, None)
    presented = SdJwtParts(jwt, disclosures, None).without_key_binding

    def sd_hash(hash_name: str, index: int) -> bytes:
        if index != 0:
            raise QrCodecError("a KB-JWT hole must name the SD-JWT", field="qr")
        return _digest(hash_name, presented)

    kb_header, kb_payload, kb_signature = segments[3 + count :]
    kb_jwt = ".".join(
        (_join(kb_header, None), _join(kb_payload, sd_hash), _join(kb_signature, None))
    )
    return SdJwtParts(jwt, disclosures, kb_jwt)


def decode_v2(body: str, limits: Limits) -> str:
    """The compact SD-JWT a ``PV2:`` payload's text (after the prefix) carries."""
    try:
        data = b45decode(body)
    except MalformedInput as exc:
        raise QrCodecError(exc.message, field="qr") from None
    outer = FrameReader(data)
    compressed = outer.take(outer.varint(), "the compressed frame")
    frame = bounded_inflate(
        compressed,
        bound=limits.max_qr_inflated_bytes,
        field="qr",
        raw=True,
        zdict=DICTIONARY_V2,
        error=QrCodecError,
    )
    if not frame:
        raise QrCodecError("the payload is empty", field="qr")
    parser = _Segments(frame[1:], data[outer.at :], limits)
    flags = frame[0]
    if flags & ~_FLAG_KB:
        raise QrCodecError("unknown flags in the payload", field="qr")
    count = parser.frame.varint()
    if count > limits.max_disclosures:
        raise InputTooLarge(f"more than {limits.max_disclosures} disclosures", field="qr")
    total = 3 + count + (3 if flags & _FLAG_KB else 0)
    segments = [parser.segment() for _ in range(total)]
    if parser.frame.at != len(parser.frame.data):
        raise QrCodecError("the payload has data after its last segment", field="qr")
    if parser.blobs.at != len(parser.blobs.data):
        raise QrCodecError("the payload has blob bytes no segment uses", field="qr")
    text = _rebuild(segments, count, bool(flags & _FLAG_KB)).serialize()
    check_length(text, limits.max_sd_jwt_chars, field="sd_jwt")
    return text


# (start, end, what, arg, blob): the bytes raw[start:end] are left out and rebuilt
_Hole = tuple[int, int, int, int, bytes]


def _blob_holes(raw: bytes) -> list[_Hole]:
    """The base64 text of each data URI, when it is canonical padded base64 and long enough."""
    holes: list[_Hole] = []
    for match in _DATA_URI.finditer(raw):
        text = match.group(1)
        if len(text) < _MIN_BLOB:
            continue
        try:
            blob = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):  # pragma: no cover - the pattern only admits base64
            continue
        if base64.b64encode(blob) == text:  # canonical: zero trailing bits
            holes.append((match.start(1), match.end(1), _BLOB64, len(blob), blob))
    return holes


def _digest_holes(raw: bytes, sources: list[tuple[int, str]]) -> list[_Hole]:
    """Where the digest of each (index, text) source appears, under any hash of HASHES."""
    holes: list[_Hole] = []
    for index, text in sources:
        for number, hash_name in enumerate(HASHES):
            digest = _digest(hash_name, text)
            start = raw.find(digest)
            if start >= 0:
                holes.append((start, start + len(digest), _DIGEST | number, index, b""))
                break
    return holes


def _write(frame: bytearray, blobs: bytearray, raw: bytes, holes: list[_Hole]) -> None:
    """Append one segment: a template when it has holes that do not overlap, else literal."""
    chosen: list[_Hole] = []
    for hole in sorted(holes):
        if not chosen or hole[0] >= chosen[-1][1]:
            chosen.append(hole)
    if not chosen:
        frame += varint(len(raw) << 2 | _LITERAL) + raw
        return
    template = bytearray()
    tail = bytearray(varint(len(chosen)))
    at = 0
    for start, end, what, arg, blob in chosen:
        template += raw[at:start]
        tail += varint(start - at) + bytes([what]) + varint(arg)
        blobs += blob
        at = end
    template += raw[at:]
    frame += varint(len(template) << 2 | _TEMPLATE) + template + tail


def _frame(parts: SdJwtParts, raws: list[bytes], exact: bool) -> tuple[bytes, bytes]:
    """The frame and the blob section; ``exact`` leaves out nothing but signatures."""
    frame = bytearray([_FLAG_KB if parts.kb_jwt is not None else 0])
    frame += varint(len(parts.disclosures))
    blobs = bytearray()
    count = len(parts.disclosures)
    sources = list(enumerate(parts.disclosures, start=1))
    presented = [(0, parts.without_key_binding)]
    for position, raw in enumerate(raws):
        kb_part = position - 3 - count  # 0, 1, 2 for the KB-JWT's parts
        if position == 2 or kb_part == 2:
            frame += varint(len(raw) << 2 | _STORED)
            blobs += raw
            continue
        holes: list[_Hole] = []
        if not exact:
            holes = _blob_holes(raw)
            if position == 1:
                holes += _digest_holes(raw, sources)
            elif kb_part == 1:
                holes += _digest_holes(raw, presented)
        _write(frame, blobs, raw, holes)
    return bytes(frame), bytes(blobs)


def _pack(frame: bytes, blobs: bytes) -> str:
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V2)
    compressed = deflater.compress(frame) + deflater.flush()
    return PREFIX_V2 + b45encode(varint(len(compressed)) + compressed + blobs)


def encode_v2(parts: SdJwtParts, segments: list[str], limits: Limits) -> str:
    """``PV2:`` text for an SD-JWT split into ``parts`` and its base64url ``segments``.

    The result is decoded again and compared with the original; only an identical rebuild is
    sent, otherwise the payload leaves out nothing that must be recomputed.
    """
    try:
        raws = [b64url_decode(segment, field="sd_jwt") for segment in segments]
    except MalformedInput:
        raise QrCodecError(
            "a segment is not canonical base64url; it cannot round-trip", field="sd_jwt"
        ) from None
    original = parts.serialize()
    text = _pack(*_frame(parts, raws, exact=False))
    try:
        same = decode_v2(text[len(PREFIX_V2) :], limits) == original
    except (QrCodecError, InputTooLarge):
        same = False
    if not same:
        text = _pack(*_frame(parts, raws, exact=True))
    check_length(text, limits.max_qr_chars, field="qr")
    return text
