"""Every check of a presentation, each on its own, so the verdict lists them all.

Built from the crypto core's parts (split, JWS, digests, unpacking, time claims,
status lists); nothing here raises on a bad presentation: each check records its
outcome and, where a later check cannot run without it, marks that one as not run.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    Clock,
    CryptoError,
    Jwks,
    StatusListToken,
    StatusReference,
    decode_qr_payload,
    public_key_from_jwk,
    verify_status_list_token,
)
from crypto.errors import Expired, IssuedInFuture, NotYetValid
from crypto.jws import check_typ, parse_compact
from crypto.key_resolver import IssuerKeys
from crypto.limits import DEFAULT_LIMITS
from crypto.sdjwt import ALWAYS_VISIBLE_CLAIMS, VC_TYP, Disclosure, split_sd_jwt
from crypto.sdjwt.disclosure import DEFAULT_HASH_ALG, digest_of, hash_function
from crypto.sdjwt.unpacking import unpack
from crypto.time_claims import check_time_claims

from .policy import Policy
from .verdict import CHECKS, Check, Verdict, decide

OFFLINE_AUDIENCE = "urn:posvid:offline"


@dataclass(frozen=True)
class IssuerInfo:
    """What the trust store knows of an issuer."""

    issuer: str
    jwks: Jwks
    vcts: frozenset[str]


class Trust(Protocol):
    def issuer(self, iss: str) -> IssuerInfo | None: ...


@dataclass(frozen=True)
class StatusFetch:
    """A status list token and how old it is."""

    token: str
    fetched_at: float
    fresh: bool


class Environment(Protocol):
    """What the checks need besides the presentation: state and the network, if allowed."""

    def status_token(self, uri: str) -> StatusFetch | None: ...
    def seen_before(self, nonce: str) -> bool: ...  # within the replay window
    def requested(self, nonce: str) -> bool: ...  # issued by this verifier, unused, unexpired


def _run(
    checks: dict[str, Check], name: str, test: Callable[[], str | None], verdict: str = "invalid"
) -> bool:
    """Run one check: ``test`` returns None when it passes, else the reason."""
    try:
        reason = test()
    except CryptoError as exc:
        reason = f"{exc.code}: {exc.message}"
    if reason is None and name in checks:  # the test recorded a finer outcome itself
        return checks[name].passed is not False
    checks[name] = Check(name, reason is None, reason or "", verdict)
    return reason is None


def verify(
    payload: str, *, policy: Policy, trust: Trust, env: Environment, clock: Clock
) -> Verdict:
    """Every check of a scanned payload (``PV1:`` or a plain SD-JWT), in order."""
    now = clock.now()
    checks: dict[str, Check] = {}
    state: dict[str, Any] = {}
    verdict = Verdict("unreadable", [])

    def finish() -> Verdict:
        verdict.checks = [
            checks.get(n) or Check(n, None, "not run: an earlier check failed") for n in CHECKS
        ]
        verdict.verdict = decide(verdict.checks)
        return verdict

    def readable() -> str | None:
        state["text"] = decode_qr_payload(payload)
        return None

    if not _run(checks, "readable", readable, "unreadable"):
        return finish()

    def format_() -> str | None:
        parts = split_sd_jwt(state["text"])
        jwt = parse_compact(parts.issuer_jwt, field="issuer_jwt")
        check_typ(jwt, (VC_TYP,), field="typ")
        iss, vct = jwt.payload.get("iss"), jwt.payload.get("vct")
        if not isinstance(iss, str) or not isinstance(vct, str):
            return "iss and vct are required"
        state.update(parts=parts, jwt=jwt, iss=iss, vct=vct)
        verdict.issuer, verdict.vct = iss, vct
        return None

    if not _run(checks, "format", format_):
        return finish()

    def issuer_trusted() -> str | None:
        info = trust.issuer(state["iss"])
        if info is None:
            return "this issuer is not in the trust store"
        state["info"] = info
        if state["vct"] not in info.vcts:
            return "this issuer is not trusted for this document type"
        return None

    _run(checks, "issuer_trusted", issuer_trusted, "untrusted")
    if "info" not in state:
        return finish()

    def signature() -> str | None:
        key = IssuerKeys({state["iss"]: state["info"].jwks}).resolve(state["iss"], state["jwt"].kid)
        state["jwt"].verify_with(key)
        return None

    if not _run(checks, "signature", signature):
        return finish()
    payload_claims = state["jwt"].payload

    def validity() -> str | None:
        try:
            check_time_claims(payload_claims, now=now, leeway=policy.leeway)
        except Expired:
            checks["validity"] = Check("validity", False, "the credential has expired", "expired")
        except (NotYetValid, IssuedInFuture) as exc:
            checks["validity"] = Check("validity", False, exc.message, "not_yet_valid")
        return None

    _run(checks, "validity", validity)

    def disclosures() -> str | None:
        parts = state["parts"]
        hash_alg = payload_claims.get("_sd_alg", DEFAULT_HASH_ALG)
        hash_function(hash_alg)
        if hash_alg != DEFAULT_HASH_ALG:
            return "only sha-256 digests are accepted"
        by_digest: dict[str, Disclosure] = {}
        for encoded in parts.disclosures:
            digest = digest_of(encoded, hash_alg)
            if digest in by_digest:
                return "the same disclosure is presented twice"
            by_digest[digest] = Disclosure.parse(encoded)
        unpacked = unpack(payload_claims, by_digest, DEFAULT_LIMITS)
        hidden = unpacked.top_level_disclosed & ALWAYS_VISIBLE_CLAIMS
        if hidden:
            return f"{sorted(hidden)[0]} must not be selectively disclosable"
        verdict.claims = {
            k: v for k, v in unpacked.claims.items() if k not in ALWAYS_VISIBLE_CLAIMS
        }
        state["hash_alg"] = hash_alg
        return None

    _run(checks, "disclosures", disclosures)

    def key_binding() -> str | None:
        parts = state["parts"]
        if parts.kb_jwt is None:
            return "no Key Binding JWT: the presenter did not prove they hold the credential"
        cnf = payload_claims.get("cnf")
        jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
        if not isinstance(jwk, dict):
            return "the credential has no holder key (cnf.jwk)"
        kb = parse_compact(parts.kb_jwt, field="kb_jwt")
        kb.verify_with(public_key_from_jwk(jwk))
        check_typ(kb, ("kb+jwt",), field="kb_jwt.typ")
        expected = digest_of(parts.without_key_binding, state.get("hash_alg", DEFAULT_HASH_ALG))
        sd_hash = kb.payload.get("sd_hash")
        if not isinstance(sd_hash, str) or not hmac.compare_digest(
            sd_hash.encode(), expected.encode()
        ):
            return "sd_hash does not match what was presented"
        state["kb"] = kb.payload
        return None

    if not _run(checks, "key_binding", key_binding):
        return finish()
    kb = state["kb"]

    def freshness() -> str | None:
        iat = kb.get("iat")
        if isinstance(iat, bool) or not isinstance(iat, int):
            return "the Key Binding JWT has no iat"
        if iat > now + policy.leeway:
            return "the presentation is dated in the future"
        if now - iat > policy.max_age:
            return f"the presentation is {now - iat} s old; at most {policy.max_age} s"
        return None

    _run(checks, "freshness", freshness, "stale")
    nonce = kb.get("nonce")
    verdict.nonce = nonce if isinstance(nonce, str) else None

    def audience_nonce() -> str | None:
        aud = kb.get("aud")
        if not isinstance(nonce, str):
            return "the Key Binding JWT has no nonce"
        if aud == OFFLINE_AUDIENCE:
            if len(nonce) < policy.min_nonce_chars:
                return "an offline presentation needs a nonce of at least 128 bits"
            return None
        if aud != policy.identifier:
            return "the presentation was made for another verifier"
        if not env.requested(nonce):
            return "this verifier did not ask for this nonce, or the request expired"
        return None

    _run(checks, "audience_nonce", audience_nonce)

    def replay() -> str | None:
        if isinstance(nonce, str) and env.seen_before(nonce):
            return "this presentation was already shown"
        return None

    _run(checks, "replay", replay, "replayed")

    def status() -> str | None:
        claim = payload_claims.get("status")
        if claim is None:
            verdict.warnings.append("the credential has no status: it cannot be revoked")
            return None
        reference = StatusReference.from_claim(claim)
        fetched = env.status_token(reference.uri)
        if fetched is None:
            verdict.status = "unknown"
            verdict.warnings.append(
                "status unknown: no status list is cached and the network is not used"
            )
            checks["status"] = Check("status", None, "status unknown")
            return None
        try:
            token = verify_status_list_token(
                fetched.token,
                keys=IssuerKeys({state["iss"]: state["info"].jwks}),
                expected_uri=reference.uri,
                clock=clock,
                leeway=policy.leeway,
            )
            value = token.status_of(reference)
        except CryptoError as exc:
            verdict.status = "unknown"
            verdict.warnings.append(
                f"status unknown: the cached status list is unusable ({exc.code})"
            )
            checks["status"] = Check("status", None, "status unknown")
            return None
        verdict.status_as_of = fetched.fetched_at
        if not fetched.fresh:
            verdict.warnings.append("status as of an older list: sync when online")
        if value == STATUS_INVALID:
            verdict.status = "revoked"
            checks["status"] = Check(
                "status", False, "the issuer has revoked this document", "revoked"
            )
        elif value == STATUS_SUSPENDED:
            verdict.status = "suspended"
            checks["status"] = Check(
                "status", False, "the issuer has suspended this document", "suspended"
            )
        else:
            verdict.status = "valid"
        return None

    _run(checks, "status", status)
    return finish()


_LISTS: dict[tuple[str, str, int], StatusListToken] = {}


def _verified_list(
    token: str, uri: str, info: IssuerInfo, clock: Clock, leeway: int
) -> StatusListToken:
    """Verify a status list token once (signature, inflation); its expiry at every use."""
    key = (hashlib.sha256(token.encode()).hexdigest(), uri, id(info.jwks))
    cached = _LISTS.get(key)
    if cached is None:
        cached = verify_status_list_token(
            token,
            keys=IssuerKeys({info.issuer: info.jwks}),
            expected_uri=uri,
            clock=clock,
            leeway=leeway,
        )
        if len(_LISTS) >= 64:
            _LISTS.clear()
        _LISTS[key] = cached
    elif cached.exp is not None and clock.now() > cached.exp + leeway:
        raise Expired("the status list has expired", field="exp")
    return cached


def payload_digest(payload: str) -> str:
    """The SHA-256 of a payload: what the audit log keeps instead of the payload."""
    return hashlib.sha256(payload.strip().encode()).hexdigest()
