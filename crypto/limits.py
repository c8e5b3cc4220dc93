"""Every input bound of the crypto core, in one place.

Parsers check these *before* decoding or decompressing anything, so hostile input
costs at most a length check. Callers may pass their own :class:`Limits`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputTooLarge

__all__ = ["DEFAULT_LIMITS", "Limits", "check_length"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Size bounds; the defaults fit a credential with a portrait and a QR payload."""

    #: characters of a whole SD-JWT (issuer JWT, disclosures and KB-JWT)
    max_sd_jwt_chars: int = 256 * 1024
    #: characters of one compact JWS (issuer JWT, KB-JWT, status list token)
    max_jws_chars: int = 2 * 1024 * 1024
    #: number of disclosures in one SD-JWT
    max_disclosures: int = 256
    #: characters of an SD-JWT in the JWS JSON serialization (RFC 9901 §8)
    max_sd_jwt_json_chars: int = 320 * 1024
    #: signatures of a general JWS JSON serialization
    max_json_signatures: int = 8
    #: certificates in an ``x5c`` header, and characters of each (base64 DER)
    max_x5c_certificates: int = 8
    max_certificate_chars: int = 16 * 1024
    #: characters of a ``did:jwk`` or ``did:key`` identifier
    max_did_chars: int = 2048
    #: characters of one disclosure
    max_disclosure_chars: int = 128 * 1024
    #: nesting depth of objects and arrays in a payload
    max_depth: int = 16
    #: number of digests in one payload, decoys included
    max_digests: int = 4096
    #: decompressed bytes of a status list (2**25 one-bit entries)
    max_status_list_bytes: int = 4 * 1024 * 1024
    #: characters of a QR payload text
    max_qr_chars: int = 8 * 1024
    #: decompressed bytes of a QR payload; for PV2 also the blob bytes and the bytes the
    #: rebuilt segments take (what PV1's frame would hold)
    max_qr_inflated_bytes: int = 64 * 1024
    #: holes of one PV2 template segment (digests and blobs rebuilt on decoding)
    max_qr_holes: int = 1024


DEFAULT_LIMITS = Limits()


def check_length(value: str | bytes, bound: int, *, field: str) -> None:
    """Raise :class:`InputTooLarge` when ``value`` is longer than ``bound``."""
    if len(value) > bound:
        raise InputTooLarge(f"input is {len(value)} long, the limit is {bound}", field=field)
