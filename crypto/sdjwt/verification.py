"""Verifying an SD-JWT or SD-JWT+KB (RFC 9901 §7.1 and §7.3), as steps.

A verifier that reports every check (``verifier.checks``) runs the same steps one by one;
:func:`verify_sd_jwt` chains them and raises at the first failure:

1. :func:`parse_issuer_jwt` — the issuer-signed JWT's shape and ``typ``;
2. :func:`verify_issuer_signature` — its signature, with the key named by ``iss`` and ``kid``;
3. :func:`crypto.time_claims.check_time_claims` — ``exp``, ``nbf``, ``iat``;
4. :func:`match_disclosures` — ``_sd_alg``, duplicates, digests, the disclosed claims;
5. :func:`verify_key_binding` — the KB-JWT's signature by the ``cnf`` key and ``sd_hash``;
6. :func:`check_key_binding_claims` — its ``iat`` window, ``aud`` and ``nonce``.

Whether key binding is required comes from :class:`VerificationPolicy` alone, never
from whether a Key Binding JWT happens to be present: with ``key_binding=None`` a
presented KB-JWT is not evaluated and the result says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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
from ..policy import DEFAULT_POLICY, AlgorithmPolicy
from ..time_claims import check_time_claims
from .compact import SdJwtParts, split_sd_jwt
from .disclosure import DEFAULT_HASH_ALG, Disclosure, digest_of, hash_function
from .key_binding import (
    KeyBindingExpectations,
    check_kb_audience,
    check_kb_time,
    verify_kb_signature,
)
from .unpacking import unpack

__all__ = [
    "MatchedDisclosures",
    "VerificationPolicy",
    "VerifiedSdJwt",
    "check_key_binding_claims",
    "holder_key_of",
    "match_disclosures",
    "parse_issuer_jwt",
    "verify_after_signature",
    "verify_issuer_signature",
    "verify_key_binding",
    "verify_sd_jwt",
    "verify_sd_jwt_parts",
]


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    """The verifier's rules. ``key_binding=None`` means key binding is not required.

    ``algorithms`` says which JWS algorithms (issuer JWT and KB-JWT) and ``_sd_alg``
    digests are accepted; ``hash_algorithms``, when given, replaces its ``_sd_alg`` set.
    """

    key_binding: KeyBindingExpectations | None
    accepted_typ: Collection[str] | None = None
    hash_algorithms: Collection[str] | None = None
    leeway: int = CLOCK_LEEWAY
    algorithms: AlgorithmPolicy = DEFAULT_POLICY


@dataclass(frozen=True, slots=True)
class MatchedDisclosures:
    """The disclosed claims, rebuilt from the payload and the presented disclosures."""

    claims: dict[str, Any]
    disclosures: tuple[Disclosure, ...]
    top_level_disclosed: frozenset[str]
    hash_alg: str


@dataclass(frozen=True, slots=True)
class VerifiedSdJwt:
    """What a successful verification learnt."""

    header: dict[str, Any]
    payload: dict[str, Any]
    claims: dict[str, Any]
    disclosures: tuple[Disclosure, ...]
    top_level_disclosed: frozenset[str]
    key_binding: dict[str, Any] | None

    @property
    def alg(self) -> str:
        """The JWS algorithm the issuer signed with (allowed by the policy, verified)."""
        return str(self.header["alg"])


def holder_key_of(
    payload: Mapping[str, Any], *, policy: AlgorithmPolicy = DEFAULT_POLICY
) -> PublicKey:
    """The holder's public key from ``cnf.jwk``; raises ``KeyBindingError`` when absent."""
    cnf = payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(jwk, dict):
        raise KeyBindingError("the credential has no holder key in cnf.jwk", field="cnf")
    return public_key_from_jwk(jwk, policy=policy)


def parse_issuer_jwt(
    issuer_jwt: str,
    *,
    accepted_typ: Collection[str] | None,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> ParsedJws:
    """Step 1: parse the issuer-signed JWT and check its ``typ`` (not yet its signature)."""
    parsed = parse_compact(issuer_jwt, field="issuer_jwt", limits=limits, policy=policy)
    if accepted_typ is not None:
        check_typ(parsed, accepted_typ, field="typ")
    return parsed


def verify_issuer_signature(
    issuer_jwt: ParsedJws, keys: KeyResolver, *, policy: AlgorithmPolicy = DEFAULT_POLICY
) -> None:
    """Step 2: verify the signature with the key that ``iss`` and ``kid`` name."""
    issuer = issuer_jwt.payload.get("iss")
    issuer_jwt.verify_with(
        keys.resolve(issuer if isinstance(issuer, str) else None, issuer_jwt.kid), policy=policy
    )


def match_disclosures(
    payload: dict[str, Any],
    disclosures: Sequence[str],
    *,
    hash_algorithms: Collection[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> MatchedDisclosures:
    """Step 4: check ``_sd_alg``, refuse repeated disclosures, rebuild the disclosed claims.

    Digests are computed with the credential's ``_sd_alg`` (sha-256 when absent), which
    must be one the core knows and ``policy`` accepts (or ``hash_algorithms``, if given).
    """
    hash_alg = payload.get("_sd_alg", DEFAULT_HASH_ALG)
    hash_function(hash_alg)
    accepted = policy.sd_algorithms if hash_algorithms is None else hash_algorithms
    if hash_alg not in accepted:
        raise UnsupportedHashAlgorithm(
            "this verifier does not accept that _sd_alg", field="_sd_alg"
        )
    by_digest: dict[str, Disclosure] = {}
    for encoded in disclosures:
        digest = digest_of(encoded, hash_alg)
        if digest in by_digest:
            raise DuplicateDisclosure("the same disclosure is presented twice", field="disclosures")
        by_digest[digest] = Disclosure.parse(encoded, limits=limits)
    unpacked = unpack(payload, by_digest, limits)
    return MatchedDisclosures(
        unpacked.claims,
        tuple(by_digest.values()),
        frozenset(unpacked.top_level_disclosed),
        hash_alg,
    )


def verify_key_binding(
    parts: SdJwtParts,
    payload: Mapping[str, Any],
    *,
    hash_alg: str,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Step 5: a KB-JWT is present, signed by the ``cnf`` key, over what was presented."""
    if parts.kb_jwt is None:
        raise KeyBindingMissing("key binding is required but no KB-JWT was presented")
    return verify_kb_signature(
        parts.kb_jwt,
        holder_key=holder_key_of(payload, policy=policy),
        sd_jwt_without_kb=parts.without_key_binding,
        hash_alg=hash_alg,
        limits=limits,
        policy=policy,
    )


def check_key_binding_claims(
    kb_payload: dict[str, Any], expect: KeyBindingExpectations, *, now: int
) -> None:
    """Step 6: the KB-JWT's ``iat`` window, ``aud`` and ``nonce``."""
    check_kb_time(kb_payload, now=now, max_age=expect.max_age, leeway=expect.leeway)
    check_kb_audience(kb_payload, expect)


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
    return verify_sd_jwt_parts(parts, keys=keys, policy=policy, clock=clock, limits=limits)


def verify_sd_jwt_parts(
    parts: SdJwtParts,
    *,
    keys: KeyResolver,
    policy: VerificationPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedSdJwt:
    """:func:`verify_sd_jwt` for an SD-JWT already split."""
    algorithms = policy.algorithms
    issuer_jwt = parse_issuer_jwt(
        parts.issuer_jwt, accepted_typ=policy.accepted_typ, limits=limits, policy=algorithms
    )
    verify_issuer_signature(issuer_jwt, keys, policy=algorithms)
    return verify_after_signature(issuer_jwt, parts, policy=policy, clock=clock, limits=limits)


def verify_after_signature(
    issuer_jwt: ParsedJws,
    parts: SdJwtParts,
    *,
    policy: VerificationPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedSdJwt:
    """Steps 3 to 6 for an issuer JWT whose signature verified; ``parts`` carry the
    disclosures, the KB-JWT and what its ``sd_hash`` covers."""
    algorithms = policy.algorithms
    payload = issuer_jwt.payload
    now = clock.now()
    check_time_claims(payload, now=now, leeway=policy.leeway)
    matched = match_disclosures(
        payload,
        parts.disclosures,
        hash_algorithms=policy.hash_algorithms,
        limits=limits,
        policy=algorithms,
    )
    kb_payload: dict[str, Any] | None = None
    if policy.key_binding is not None:
        kb_payload = verify_key_binding(
            parts, payload, hash_alg=matched.hash_alg, limits=limits, policy=algorithms
        )
        check_key_binding_claims(kb_payload, policy.key_binding, now=now)
    return VerifiedSdJwt(
        header=issuer_jwt.header,
        payload=payload,
        claims=matched.claims,
        disclosures=matched.disclosures,
        top_level_disclosed=matched.top_level_disclosed,
        key_binding=kb_payload,
    )
