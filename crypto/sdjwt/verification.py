"""Verifying an SD-JWT or SD-JWT+KB (RFC 9901 §7.1 and §7.3).

Whether key binding is required comes from :class:`VerificationPolicy` alone,
never from whether a Key Binding JWT happens to be present: with
``key_binding=None`` a presented KB-JWT is not evaluated and the result says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..algorithms import PublicKey
from ..clock import Clock
from ..defaults import CLOCK_LEEWAY
from ..errors import (
    DuplicateDisclosure,
    KeyBindingError,
    KeyBindingMissing,
    UnsupportedHashAlgorithm,
)
from ..jws import ParsedJws, check_typ, parse_compact
from ..key_resolver import KeyResolver
from ..keys import public_key_from_jwk
from ..limits import DEFAULT_LIMITS, Limits
from ..time_claims import check_time_claims
from .compact import split_sd_jwt
from .disclosure import DEFAULT_HASH_ALG, Disclosure, digest_of, hash_function
from .key_binding import KeyBindingExpectations, verify_kb_jwt
from .unpacking import unpack

__all__ = [
    "VerificationPolicy",
    "VerifiedSdJwt",
    "holder_key_of",
    "verify_sd_jwt",
]


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    """The verifier's rules. ``key_binding=None`` means key binding is not required."""

    key_binding: KeyBindingExpectations | None
    accepted_typ: Collection[str] | None = None
    hash_algorithms: Collection[str] = (DEFAULT_HASH_ALG,)
    leeway: int = CLOCK_LEEWAY


@dataclass(frozen=True, slots=True)
class VerifiedSdJwt:
    """What a successful verification learnt."""

    header: dict[str, Any]
    payload: dict[str, Any]
    claims: dict[str, Any]
    disclosures: tuple[Disclosure, ...]
    top_level_disclosed: frozenset[str]
    key_binding: dict[str, Any] | None


def holder_key_of(payload: Mapping[str, Any]) -> PublicKey:
    """The holder's public key from ``cnf.jwk``; raises ``KeyBindingError`` when absent."""
    cnf = payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(jwk, dict):
        raise KeyBindingError("the credential has no holder key in cnf.jwk", field="cnf")
    return public_key_from_jwk(jwk)


def _verified_issuer_jwt(
    token: str, keys: KeyResolver, policy: VerificationPolicy, limits: Limits
) -> ParsedJws:
    parsed = parse_compact(token, field="issuer_jwt", limits=limits)
    if policy.accepted_typ is not None:
        check_typ(parsed, policy.accepted_typ, field="typ")
    issuer = parsed.payload.get("iss")
    parsed.verify_with(keys.resolve(issuer if isinstance(issuer, str) else None, parsed.kid))
    return parsed


def verify_sd_jwt(
    presentation: str,
    *,
    keys: KeyResolver,
    policy: VerificationPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedSdJwt:
    """Verify an SD-JWT(+KB) and return the disclosed claims; raise on the first failure."""
    parts = split_sd_jwt(presentation, limits=limits)
    issuer_jwt = _verified_issuer_jwt(parts.issuer_jwt, keys, policy, limits)
    payload = issuer_jwt.payload
    hash_alg = payload.get("_sd_alg", DEFAULT_HASH_ALG)
    hash_function(hash_alg)
    if hash_alg not in policy.hash_algorithms:
        raise UnsupportedHashAlgorithm(
            "this verifier does not accept that _sd_alg", field="_sd_alg"
        )
    now = clock.now()
    check_time_claims(payload, now=now, leeway=policy.leeway)

    by_digest: dict[str, Disclosure] = {}
    for encoded in parts.disclosures:
        digest = digest_of(encoded, hash_alg)
        if digest in by_digest:
            raise DuplicateDisclosure("the same disclosure is presented twice", field="disclosures")
        by_digest[digest] = Disclosure.parse(encoded, limits=limits)
    unpacked = unpack(payload, by_digest, limits)

    kb_payload: dict[str, Any] | None = None
    if policy.key_binding is not None:
        if parts.kb_jwt is None:
            raise KeyBindingMissing("key binding is required but no KB-JWT was presented")
        kb_payload = verify_kb_jwt(
            parts.kb_jwt,
            holder_key=holder_key_of(payload),
            sd_jwt_without_kb=parts.without_key_binding,
            hash_alg=hash_alg,
            expect=policy.key_binding,
            now=now,
            limits=limits,
        )
    return VerifiedSdJwt(
        header=issuer_jwt.header,
        payload=payload,
        claims=unpacked.claims,
        disclosures=tuple(by_digest.values()),
        top_level_disclosed=frozenset(unpacked.top_level_disclosed),
        key_binding=kb_payload,
    )
