"""SD-JWT and SD-JWT+KB in the JWS JSON serialization (RFC 9901 §8), flattened and general.

    flattened: {"protected": P, "payload": B, "signature": S,
                "header": {"disclosures": [D1, ...], "kb_jwt": K}}
    general:   {"payload": B, "signatures": [{"protected": P1, "signature": S1,
                "header": {"disclosures": [...], "kb_jwt": K}}, {"protected": P2, ...}]}

``disclosures`` and ``kb_jwt`` (§8.1) sit in the unprotected header of the first signature
(§8.3) and nowhere else. Other unprotected members (the RFC's own §8.3 example has ``kid``) are
allowed as RFC 7515 §7.2.1 allows them, but never used: the algorithm and the key come from the
protected header and the payload alone; a name in both a protected and an unprotected header is
refused (RFC 7515 §7.2.1). ``sd_hash`` covers the compact form
``P.B.S~D1~...~Dn~`` built from the *first* signature (§8.1). Verification (§8.4) follows the
compact rules; with several signatures, one must verify with the issuer's key.

Parsing is strict: bounded size (:class:`crypto.limits.Limits`), JSON with no repeated member
names, no top-level member but those above, and every string base64url before anything is
decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from .. import strict_json
from ..b64 import b64url_decode
from ..clock import Clock
from ..errors import CryptoError, InputTooLarge, MalformedInput
from ..key_resolver import KeyResolver
from ..limits import DEFAULT_LIMITS, Limits, check_length
from .compact import SdJwtParts, split_sd_jwt
from .vc import VcPolicy, VerifiedCredential, credential_of
from .verification import (
    VerificationPolicy,
    VerifiedSdJwt,
    parse_issuer_jwt,
    verify_after_signature,
    verify_issuer_signature,
)

__all__ = [
    "JsonSignature",
    "SdJwtJson",
    "parse_sd_jwt_json",
    "to_json_serialization",
    "verify_sd_jwt_json",
    "verify_sd_jwt_vc_json",
]

_B64URL: Final = re.compile(r"[A-Za-z0-9_-]+")
_FLATTENED: Final = frozenset({"protected", "payload", "signature", "header"})
_GENERAL: Final = frozenset({"payload", "signatures"})
_SIGNATURE: Final = frozenset({"protected", "signature", "header"})
_SD_JWT_HEADER: Final = frozenset({"disclosures", "kb_jwt"})
_MAX_HEADER_MEMBERS: Final = 16
_JSON_SPACE: Final = " \t\n\r"


@dataclass(frozen=True, slots=True)
class JsonSignature:
    """One signature: its protected header and signature, base64url as they came."""

    protected: str
    signature: str


@dataclass(frozen=True, slots=True)
class SdJwtJson:
    """A parsed JWS JSON serialized SD-JWT; no signature verified yet."""

    payload: str
    signatures: tuple[JsonSignature, ...]
    disclosures: tuple[str, ...]
    kb_jwt: str | None
    general: bool

    def issuer_jwt(self, index: int = 0) -> str:
        """The compact issuer-signed JWT of signature ``index``."""
        signature = self.signatures[index]
        return f"{signature.protected}.{self.payload}.{signature.signature}"

    def parts(self, index: int = 0) -> SdJwtParts:
        """The compact parts with signature ``index``; ``parts(0)`` is what ``sd_hash`` covers."""
        return SdJwtParts(self.issuer_jwt(index), self.disclosures, self.kb_jwt)

    def to_compact(self) -> str:
        """The equivalent compact SD-JWT(+KB); only one signature has one."""
        if len(self.signatures) != 1:
            raise MalformedInput(
                "several signatures have no compact equivalent", field="signatures"
            )
        return self.parts(0).serialize()


def _text(obj: dict[str, Any], name: str, *, field: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not _B64URL.fullmatch(value):
        raise MalformedInput(f"{name} must be a base64url string", field=f"{field}.{name}")
    return value


def _only(obj: object, allowed: frozenset[str], *, field: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise MalformedInput("must be a JSON object", field=field)
    extra = sorted(set(obj) - allowed)
    if extra:
        raise MalformedInput(f"member {extra[0][:32]!r} is not allowed here", field=field)
    return obj


def _first_header(header: object, limits: Limits) -> tuple[tuple[str, ...], str | None]:
    """``disclosures`` (required, maybe empty) and ``kb_jwt`` of the first unprotected header."""
    if not isinstance(header, dict):
        raise MalformedInput("must be a JSON object", field="header")
    disclosures = header.get("disclosures")
    if not isinstance(disclosures, list):
        raise MalformedInput("header.disclosures must be an array", field="header.disclosures")
    if len(disclosures) > limits.max_disclosures:
        raise InputTooLarge(f"more than {limits.max_disclosures} disclosures", field="disclosures")
    for disclosure in disclosures:
        if not isinstance(disclosure, str) or not _B64URL.fullmatch(disclosure):
            raise MalformedInput("a disclosure must be base64url text", field="disclosures")
        check_length(disclosure, limits.max_disclosure_chars, field="disclosure")
    kb_jwt = header.get("kb_jwt")
    if kb_jwt is not None and (
        not isinstance(kb_jwt, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", kb_jwt)
    ):
        raise MalformedInput("header.kb_jwt must be a compact JWT", field="header.kb_jwt")
    return tuple(disclosures), kb_jwt


def _signatures(document: dict[str, Any], limits: Limits) -> list[dict[str, Any]]:
    if "signatures" not in document:
        flattened = _only(document, _FLATTENED, field="sd_jwt")
        _unprotected(flattened)
        return [flattened]
    _only(document, _GENERAL, field="sd_jwt")
    signatures = document["signatures"]
    if not isinstance(signatures, list) or not signatures:
        raise MalformedInput("signatures must be a non-empty array", field="signatures")
    if len(signatures) > limits.max_json_signatures:
        raise InputTooLarge(
            f"more than {limits.max_json_signatures} signatures", field="signatures"
        )
    checked = [_only(s, _SIGNATURE, field="signatures") for s in signatures]
    _unprotected(checked[0])
    for other in checked[1:]:
        if _SD_JWT_HEADER & set(_unprotected(other)):
            raise MalformedInput(
                "disclosures and kb_jwt belong to the first signature only (RFC 9901 §8.3)",
                field="signatures.header",
            )
    return checked


def _unprotected(signature: dict[str, Any]) -> dict[str, Any]:
    """A signature's unprotected header: an object of a few members, none also protected."""
    header = signature.get("header", {})
    if not isinstance(header, dict):
        raise MalformedInput("must be a JSON object", field="header")
    if len(header) > _MAX_HEADER_MEMBERS:
        raise InputTooLarge("too many unprotected header members", field="header")
    others = set(header) - _SD_JWT_HEADER
    protected = signature.get("protected")
    if others and isinstance(protected, str):
        try:
            names = strict_json.loads_object(b64url_decode(protected, field="protected"), field="x")
        except CryptoError:
            names = {}  # an unreadable protected header is refused when the signature is checked
        if others & set(names):
            raise MalformedInput(
                "a header name is both protected and unprotected (RFC 7515 §7.2.1)",
                field="header",
            )
    return header


def parse_sd_jwt_json(text: str, *, limits: Limits = DEFAULT_LIMITS) -> SdJwtJson:
    """Parse a flattened or general JWS JSON serialized SD-JWT(+KB); verify nothing yet."""
    if not isinstance(text, str):
        raise MalformedInput("an SD-JWT must be text", field="sd_jwt")
    check_length(text, limits.max_sd_jwt_json_chars, field="sd_jwt")
    document = strict_json.loads_object(text.strip(_JSON_SPACE), field="sd_jwt")
    signatures = _signatures(document, limits)
    payload = _text(document, "payload", field="sd_jwt")
    parsed = tuple(
        JsonSignature(
            _text(s, "protected", field="signature"), _text(s, "signature", field="signature")
        )
        for s in signatures
    )
    disclosures, kb_jwt = _first_header(signatures[0].get("header"), limits)
    result = SdJwtJson(payload, parsed, disclosures, kb_jwt, "signatures" in document)
    check_length(result.parts(0).serialize(), limits.max_sd_jwt_chars, field="sd_jwt")
    return result


def to_json_serialization(compact: str, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """The flattened JWS JSON serialization of a compact SD-JWT(+KB)."""
    parts = split_sd_jwt(compact, limits=limits)
    pieces = parts.issuer_jwt.split(".")
    if len(pieces) != 3:
        raise MalformedInput("a compact JWS has exactly three parts", field="issuer_jwt")
    header: dict[str, Any] = {"disclosures": list(parts.disclosures)}
    if parts.kb_jwt is not None:
        header["kb_jwt"] = parts.kb_jwt
    document = {
        "payload": pieces[1],
        "protected": pieces[0],
        "header": header,
        "signature": pieces[2],
    }
    return strict_json.dumps(document).decode()


def verify_sd_jwt_json(
    text: str,
    *,
    keys: KeyResolver,
    policy: VerificationPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedSdJwt:
    """Verify a JWS JSON serialized SD-JWT(+KB) by the compact rules (RFC 9901 §8.4).

    Each signature is tried in order; the first that verifies with the issuer's key (and
    passes the policy's ``alg`` and ``typ``) is the issuer's. With none, the first
    signature's error is raised. Disclosures and key binding are checked once, ``sd_hash``
    over the first signature's compact form.
    """
    document = parse_sd_jwt_json(text, limits=limits)
    first_error: CryptoError | None = None
    for index in range(len(document.signatures)):
        try:
            issuer_jwt = parse_issuer_jwt(
                document.issuer_jwt(index),
                accepted_typ=policy.accepted_typ,
                limits=limits,
                policy=policy.algorithms,
            )
            verify_issuer_signature(issuer_jwt, keys, policy=policy.algorithms)
        except CryptoError as exc:
            first_error = first_error or exc
            continue
        return verify_after_signature(
            issuer_jwt, document.parts(0), policy=policy, clock=clock, limits=limits
        )
    assert first_error is not None  # noqa: S101 - there is at least one signature
    raise first_error


def verify_sd_jwt_vc_json(
    text: str,
    *,
    keys: KeyResolver,
    policy: VcPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedCredential:
    """:func:`crypto.sdjwt.verify_sd_jwt_vc` for the JWS JSON serialization."""
    verified = verify_sd_jwt_json(
        text, keys=keys, policy=policy.sd_jwt_policy, clock=clock, limits=limits
    )
    return credential_of(verified)
