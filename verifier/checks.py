"""Every check of a presentation, each on its own, so the verdict lists them all.

The checks are the crypto core's verification steps (``crypto.sdjwt.verification``,
``crypto.sdjwt.vc``, ``crypto.status_list``) run one at a time: each check runs one step
and records its outcome, so a crypto error is reported under the check whose step raised
it. Nothing here raises on a bad presentation; a check that a failed one makes moot is
marked "not run".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    Clock,
    CryptoError,
    decode_qr_payload,
    verify_status_list_token,
)
from crypto.errors import (
    Expired,
    IssuedInFuture,
    IssuerNameMismatch,
    MalformedInput,
    NotYetValid,
    UnknownKey,
)
from crypto.jws import ParsedJws
from crypto.sdjwt import (
    ALWAYS_VISIBLE_CLAIMS,
    VC_TYP,
    SdJwtParts,
    check_always_visible,
    match_disclosures,
    parse_issuer_jwt,
    parse_sd_jwt_json,
    split_sd_jwt,
    status_reference,
    vc_identity,
    vc_type,
    verify_issuer_signature,
    verify_key_binding,
)
from crypto.sdjwt.disclosure import DEFAULT_HASH_ALG
from crypto.sdjwt.key_binding import check_kb_audience, check_kb_time
from crypto.time_claims import check_time_claims
from posvid.common.vocabulary import OFFLINE_AUDIENCE, is_paper_vct

from .policy import Policy
from .resolvers import IssuerInfo, NotVouched, Trust, Vouched, status_list_keys, vouch
from .verdict import ANY, CHECKS, Check, Question, Verdict, decide

__all__ = ["Environment", "IssuerInfo", "StatusFetch", "Trust", "payload_digest", "verify"]


@dataclass(frozen=True)
class StatusFetch:
    """A status list token and how old it is."""

    token: str
    fetched_at: float
    fresh: bool


class Environment(Protocol):
    """What the checks need besides the presentation: state and the network, if allowed."""

    #: the list at ``uri``, verified with ``issuer``'s keys before it was cached
    def status_token(self, uri: str, issuer: IssuerInfo) -> StatusFetch | None: ...
    def seen_before(self, nonce: str) -> bool: ...  # within the replay window
    def requested(self, nonce: str) -> bool: ...  # issued by this verifier, unused, unexpired


class Failed(Exception):
    """A check's own finding (not a crypto error): ``stop`` when later checks cannot run."""

    def __init__(
        self, reason: str, verdict: str = "invalid", *, stop: bool = False, code: str = ""
    ) -> None:
        super().__init__(reason)
        self.reason, self.verdict, self.stop, self.code = reason, verdict, stop, code


@dataclass
class Scan:
    """What the checks learn about one presentation, step by step."""

    payload: str
    policy: Policy
    trust: Trust
    env: Environment
    clock: Clock
    now: int
    #: a pasted text may be an SD-JWT in the JWS JSON serialization (a QR code never is)
    json_allowed: bool = False
    verdict: Verdict = field(default_factory=lambda: Verdict("unreadable", []))
    text: str = ""
    parts: SdJwtParts = field(default_factory=lambda: SdJwtParts("", (), None))
    jwt: ParsedJws | None = None
    #: the issuer-signed JWTs to try: one (compact), or one per signature (JSON, general)
    candidates: list[ParsedJws] = field(default_factory=list)
    iss: str = ""
    vct: str = ""
    #: the candidates a resolver vouched for, and the one whose signature verified
    vouched: list[tuple[ParsedJws, Vouched]] = field(default_factory=list)
    chosen: Vouched | None = None
    hash_alg: str = DEFAULT_HASH_ALG
    kb: dict[str, Any] = field(default_factory=dict)

    @property
    def issuer_jwt(self) -> ParsedJws:
        """The parsed issuer-signed JWT: the runner stops when ``format`` fails."""
        if self.jwt is None:
            raise RuntimeError("read before the format check passed")
        return self.jwt

    @property
    def claims(self) -> dict[str, Any]:
        """The issuer-signed payload."""
        return self.issuer_jwt.payload

    @property
    def trusted(self) -> IssuerInfo:
        """The credential's issuer as a resolver vouched for it: the runner stops when none did."""
        if self.chosen is None:
            raise RuntimeError("read before a resolver vouched for the issuer")
        return self.chosen.info


# --- the checks, in order: each returns None when it passes, or a finer outcome -----------


def readable(scan: Scan) -> Check | None:
    text = scan.payload.strip()
    if scan.json_allowed and text.startswith("{"):
        scan.text = text  # the JWS JSON serialization (RFC 9901 §8): read by ``format``
        return None
    scan.text = decode_qr_payload(scan.payload)
    return None


def format_(scan: Scan) -> Check | None:
    if scan.text.startswith("{"):
        document = parse_sd_jwt_json(scan.text)
        scan.parts = document.parts(0)  # what sd_hash covers: the first signature's form
        jwts = [document.issuer_jwt(i) for i in range(len(document.signatures))]
    else:
        scan.parts = split_sd_jwt(scan.text)
        jwts = [scan.parts.issuer_jwt]
    scan.candidates = _parsed(jwts, scan.policy)
    scan.jwt = scan.candidates[0]
    payload = scan.jwt.payload
    if "iss" not in payload and any("x5c" in c.header for c in scan.candidates):
        scan.iss, scan.vct = "", vc_type(payload)  # the certificate names the issuer
    else:
        scan.iss, scan.vct = vc_identity(payload)
    scan.verdict.issuer, scan.verdict.vct = scan.iss or None, scan.vct
    return None


def _parsed(jwts: list[str], policy: Policy) -> list[ParsedJws]:
    """The issuer JWTs whose shape, ``alg`` and ``typ`` pass; none: the first one's error."""
    parsed, errors = [], []
    for jwt in jwts:
        try:
            parsed.append(parse_issuer_jwt(jwt, accepted_typ=(VC_TYP,), policy=policy.algorithms))
        except CryptoError as exc:
            errors.append(exc)
    if not parsed:
        raise errors[0]
    return parsed


#: a resolver's refusal that says the credential contradicts itself, not that it is unknown
_INVALID_REFUSALS = (IssuerNameMismatch, MalformedInput, UnknownKey)


def issuer_trusted(scan: Scan) -> Check | None:
    first: Exception | None = None
    for jwt in scan.candidates:
        try:
            iss = scan.iss or None
            vouched = vouch(jwt, iss, scan.trust, algorithms=scan.policy.algorithms, now=scan.now)
        except (NotVouched, CryptoError) as exc:
            first = first or exc
            continue
        scan.vouched.append((jwt, vouched))
    if not scan.vouched:
        if isinstance(first, CryptoError):
            verdict = "invalid" if isinstance(first, _INVALID_REFUSALS) else "untrusted"
            raise Failed(f"{first.code}: {first.message}", verdict, stop=True, code=first.code)
        raise Failed(str(first), "untrusted", stop=True)
    scan.jwt, scan.chosen = scan.vouched[0]
    scan.iss = scan.verdict.issuer = scan.chosen.info.issuer
    if scan.vct not in scan.chosen.info.vcts:
        raise Failed("this issuer is not trusted for this document type", "untrusted")
    return None


def signature(scan: Scan) -> Check | None:
    first: CryptoError | None = None
    for jwt, vouched in scan.vouched:
        try:
            verify_issuer_signature(jwt, vouched.keys, policy=scan.policy.algorithms)
        except CryptoError as exc:
            first = first or exc
            continue
        scan.jwt, scan.chosen = jwt, vouched
        scan.iss = scan.verdict.issuer = vouched.info.issuer
        scan.verdict.vouched_by(jwt.alg, vouched.path, vouched.anchor, vouched.certified)
        return None
    assert first is not None  # noqa: S101 - the runner stops before when nothing was vouched
    raise first


def validity(scan: Scan) -> Check | None:
    check_time_claims(scan.claims, now=scan.now, leeway=scan.policy.leeway)
    return None


def disclosures(scan: Scan) -> Check | None:
    matched = match_disclosures(scan.claims, scan.parts.disclosures, policy=scan.policy.algorithms)
    check_always_visible(matched.top_level_disclosed)
    scan.hash_alg = matched.hash_alg
    scan.verdict.claims = {
        k: v for k, v in matched.claims.items() if k not in ALWAYS_VISIBLE_CLAIMS
    }
    return None


def on_paper(scan: Scan) -> bool:
    """A paper credential: its issuer-signed ``vct`` is a paper profile and it has no holder key
    (docs/verifier.md, "Paper credentials"). Only such a credential goes without key binding."""
    return is_paper_vct(scan.vct) and "cnf" not in scan.claims


#: what the checks a paper credential does not need say they did
PAPER_NOT_NEEDED = "not needed: a paper credential has no holder key"


def key_binding(scan: Scan) -> Check | None:
    if on_paper(scan):
        if scan.parts.kb_jwt is not None:
            raise Failed("a paper credential has no holder key: a key binding JWT is refused")
        scan.verdict.paper = True
        return Check("key_binding", True, PAPER_NOT_NEEDED)
    scan.kb = verify_key_binding(
        scan.parts, scan.claims, hash_alg=scan.hash_alg, policy=scan.policy.algorithms
    )
    nonce = scan.kb.get("nonce")
    scan.verdict.nonce = nonce if isinstance(nonce, str) else None
    return None


def freshness(scan: Scan) -> Check | None:
    if scan.verdict.paper:
        return Check("freshness", True, PAPER_NOT_NEEDED)
    policy = scan.policy
    check_kb_time(scan.kb, now=scan.now, max_age=policy.max_age, leeway=policy.leeway)
    return None


def audience_nonce(scan: Scan) -> Check | None:
    if scan.verdict.paper:
        return Check("audience_nonce", True, PAPER_NOT_NEEDED)
    policy = scan.policy
    if scan.kb.get("aud") == OFFLINE_AUDIENCE:
        check_kb_audience(scan.kb, policy.key_binding(OFFLINE_AUDIENCE, None))
        return None
    nonce = check_kb_audience(scan.kb, policy.key_binding(policy.identifier, None))
    if not scan.env.requested(nonce):
        raise Failed("this verifier did not ask for this nonce, or the request expired")
    return None


def replay(scan: Scan) -> Check | None:
    if scan.verdict.paper:
        return Check("replay", True, PAPER_NOT_NEEDED)
    nonce = scan.verdict.nonce
    if nonce is not None and scan.env.seen_before(nonce):
        raise Failed("this presentation was already shown", "replayed")
    return None


def status(scan: Scan) -> Check | None:
    verdict = scan.verdict
    reference = status_reference(scan.claims)
    if reference is None:
        verdict.warnings.append("the credential has no status: it cannot be revoked")
        return None
    fetched = scan.env.status_token(reference.uri, scan.trusted)
    if fetched is None:
        return _status_unknown(scan, "no status list is cached and the network is not used")
    try:  # the credential's issuer signed the list; an expired list still says what it said
        keys, signer = status_list_keys(
            fetched.token, scan.trusted, algorithms=scan.policy.algorithms, now=scan.now
        )
        token = verify_status_list_token(
            fetched.token,
            keys=keys,
            expected_uri=reference.uri,
            clock=scan.clock,
            issuer=signer,
            allow_expired=True,
            leeway=scan.policy.leeway,
            policy=scan.policy.algorithms,
        )
        value = token.status_of(reference)
    except CryptoError as exc:
        return _status_unknown(scan, f"the cached status list is unusable ({exc.code})")
    verdict.status_as_of = fetched.fetched_at
    if token.expired or not fetched.fresh:
        verdict.warnings.append("status as of an older list: sync when online")
    if value == STATUS_INVALID:
        verdict.status = "revoked"
        raise Failed("the issuer has revoked this document", "revoked")
    if value == STATUS_SUSPENDED:
        verdict.status = "suspended"
        raise Failed("the issuer has suspended this document", "suspended")
    verdict.status = "valid"
    policy = scan.policy
    if policy.require_fresh_status and scan.now - fetched.fetched_at > policy.max_status_age:
        hours = policy.max_status_age // 3600
        raise Failed(f"status unknown: the status list is older than {hours} h", "status_unknown")
    return None


def _status_unknown(scan: Scan, why: str) -> Check:
    """No usable list: amber (a warning), or red when the policy requires a fresh status."""
    scan.verdict.status = "unknown"
    if scan.policy.require_fresh_status:
        raise Failed(f"status unknown: {why}", "status_unknown")
    scan.verdict.warnings.append(f"status unknown: {why}")
    return Check("status", None, "status unknown")


# --- running them ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A check: its function, the verdict it gives on failure, whether later checks need it."""

    name: str
    run: Callable[[Scan], Check | None]
    verdict: str = "invalid"
    stops: bool = False
    #: finer verdicts for some crypto errors of this step
    verdict_of: tuple[tuple[type[CryptoError], str], ...] = ()


STEPS: tuple[Step, ...] = (
    Step("readable", readable, "unreadable", stops=True),
    Step("format", format_, stops=True),
    Step("issuer_trusted", issuer_trusted, "untrusted"),
    Step("signature", signature, stops=True),
    Step(
        "validity",
        validity,
        verdict_of=(
            (Expired, "expired"),
            (NotYetValid, "not_yet_valid"),
            (IssuedInFuture, "not_yet_valid"),
        ),
    ),
    Step("disclosures", disclosures),
    Step("key_binding", key_binding, stops=True),
    Step("freshness", freshness, "stale"),
    Step("audience_nonce", audience_nonce),
    Step("replay", replay, "replayed"),
    Step("status", status),
)


def run_step(step: Step, scan: Scan) -> tuple[Check, bool]:
    """Run one check; return its outcome and whether the checks after it may run."""
    try:
        finer = step.run(scan)
    except Failed as failure:
        check = Check(step.name, False, failure.reason, failure.verdict, failure.code)
        return check, not (step.stops or failure.stop)
    except CryptoError as exc:
        verdict = next((v for kind, v in step.verdict_of if isinstance(exc, kind)), step.verdict)
        reason = f"{exc.code}: {exc.message}"
        return Check(step.name, False, reason, verdict, exc.code), not step.stops
    return finer or Check(step.name, True, "", step.verdict), True


def verify(
    payload: str,
    *,
    policy: Policy,
    trust: Trust,
    env: Environment,
    clock: Clock,
    question: Question = ANY,
    json_allowed: bool = False,
) -> Verdict:
    """Every check of a scanned payload (``PV2:``, ``PV1:``, an SD-JWT; with ``json_allowed``, a
    pasted text, also the JWS JSON serialization), in order; the answer to ``question``; no
    claims unless every integrity check passed."""
    scan = Scan(payload, policy, trust, env, clock, clock.now(), json_allowed)
    outcomes: dict[str, Check] = {}
    for step in STEPS:
        outcome, go_on = run_step(step, scan)
        outcomes[step.name] = outcome
        if not go_on:
            break
    verdict = scan.verdict
    verdict.checks = [
        outcomes.get(name) or Check(name, None, "not run: an earlier check failed")
        for name in CHECKS
    ]
    verdict.verdict = decide(verdict.checks)
    return verdict.conclude(question, scan.now)


def payload_digest(payload: str) -> str:
    """The SHA-256 of a payload: what the audit log keeps instead of the payload."""
    return hashlib.sha256(payload.strip().encode()).hexdigest()
