"""The verifier's core: a folder with its trust store, status lists, nonces and audit log.

Every part takes its numbers from :class:`VerifierSettings` and its time from the one injected
clock. Verification never blocks on the network when a fresh cached status list exists;
``offline=True`` forbids every network access.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import httpx
from sqlalchemy.orm import Session

from crypto import Clock, PresentationRequest, SystemClock

from . import inbound
from .audit import AuditLog
from .checks import IssuerInfo, StatusFetch, payload_digest, verify
from .inbound import BundleRules, FetchLimits
from .nonces import NonceBook
from .policy import Policy
from .settings import SQLITE_SYNCHRONOUS, VerifierSettings
from .status_cache import StatusCache
from .storage.db import make_engine, migrate, session_factory
from .trust import TrustStore
from .verdict import ANY, Check, Question, Verdict

__all__ = ["Verifier"]


class _Environment:
    """What the checks may consult: the status cache (and the network, if allowed), the nonces."""

    def __init__(self, verifier: Verifier, offline: bool) -> None:
        self.verifier = verifier
        self.offline = offline

    def status_token(self, uri: str, issuer: IssuerInfo) -> StatusFetch | None:
        return self.verifier.status_token(uri, issuer, offline=self.offline)

    def seen_before(self, nonce: str) -> bool:
        return self.verifier.nonces.seen_before(nonce)

    def requested(self, nonce: str) -> bool:
        return self.verifier.nonces.requested(nonce)


def _unreadable(reason: str) -> Verdict:
    return Verdict("unreadable", [Check("readable", False, reason, "unreadable")])


class Verifier:
    """A verifier folder: its trust store, caches and audit log."""

    def __init__(
        self,
        settings: VerifierSettings | None = None,
        *,
        clock: Clock | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.settings = settings = settings or VerifierSettings()
        settings.home.mkdir(parents=True, exist_ok=True)
        self.clock = clock = clock or SystemClock()
        self._own_http = http is None
        self.http = http or httpx.Client(follow_redirects=False)
        self.engine = make_engine(settings.home / "verifier.db", synchronous=SQLITE_SYNCHRONOUS)
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.policy = Policy.from_settings(settings)
        limits = FetchLimits.from_settings(settings)
        operator = inbound.operator_jwk(settings.trust_operator_jwk)
        bundles = BundleRules(settings.trust_bundle_max_age_days * 86400, settings.leeway)
        self.trust = TrustStore(self.sessions, clock, limits, operator, bundles)
        self.status_lists = StatusCache(
            self.sessions,
            self.http,
            clock,
            limits,
            settings.status_default_ttl,
            settings.leeway,
            self.policy.algorithms,
        )
        self.nonces = NonceBook(
            self.sessions, clock, settings.identifier, settings.request_ttl, settings.replay_window
        )
        self.audit = AuditLog(self.sessions, clock, settings.audit_key_path)
        self._write_lock = threading.Lock()

    def close(self) -> None:
        """Release the database, and the HTTP client unless it was given."""
        self.engine.dispose()
        if self._own_http:
            self.http.close()

    def status_token(self, uri: str, issuer: IssuerInfo, *, offline: bool) -> StatusFetch | None:
        """The status list at ``uri`` of ``issuer`` for a check (see :meth:`StatusCache.token`)."""
        return self.status_lists.token(uri, issuer, offline=offline)

    def sync(self) -> dict[str, Any]:
        """Fetch every trusted issuer's status lists ahead of time (each verified with its keys)."""
        return self.status_lists.sync(self.trust.status_lists())

    def status_ages(self) -> dict[str, float]:
        """When each cached status list was fetched."""
        return self.status_lists.fetched_at()

    def request(self, claims: list[str]) -> PresentationRequest:
        """A two-way request for ``claims`` (see :meth:`NonceBook.request`)."""
        return self.nonces.request(claims)

    def environment(self, *, offline: bool) -> _Environment:
        """What the checks consult, for one check."""
        return _Environment(self, offline)

    def check(
        self,
        payload: str,
        *,
        offline: bool = False,
        question: Question = ANY,
        pasted: bool = False,
    ) -> Verdict:
        """Verify a scanned payload and answer ``question`` (a two-way presentation also its
        request's); record the nonce, consume a request, append the audit. A ``pasted`` text
        (not a QR code's) may also be an SD-JWT in the JWS JSON serialization."""
        if len(payload.encode()) > self.settings.max_payload_bytes:
            verdict = _unreadable("the payload is too large")
        else:
            verdict = verify(
                payload,
                policy=self.policy,
                trust=self.trust,
                env=self.environment(offline=offline),
                clock=self.clock,
                json_allowed=pasted,
            )
        asked = self.nonces.asked(verdict.nonce) if verdict.nonce else None
        if asked is not None:
            question = question.and_asked(asked)
        verdict.conclude(question, self.clock.now())
        # replay window and audit in one commit; one writer at a time keeps the chain linear
        with self._write_lock, self.sessions.begin() as session:
            self._remember(session, verdict)
            self.audit.append_in(session, verdict, payload_digest(payload))
        return verdict

    def _remember(self, session: Session, verdict: Verdict) -> None:
        """An authentic presentation's nonce enters the replay window; a request is used up."""
        key_binding = next((c for c in verdict.checks if c.name == "key_binding"), None)
        if key_binding is not None and key_binding.passed and verdict.nonce is not None:
            self.nonces.mark_in(session, verdict.nonce)

    def check_image(
        self, image: bytes, *, offline: bool = False, question: Question = ANY
    ) -> Verdict:
        """Scan a photo and verify the first Posvid payload in it (none: ``unreadable``)."""
        from posvid.common.errors import ImageError
        from posvid.common.qr_scan import scan_image

        try:
            found = scan_image(image).payloads
        except ImageError as exc:
            found, reason = [], exc.message
        else:
            reason = "no QR code found in the picture"
        if not found:
            verdict = _unreadable(reason).conclude(question, self.clock.now())
            with self._write_lock:
                self.audit.append(verdict, hashlib.sha256(image).hexdigest())
            return verdict
        return self.check(found[0], offline=offline, question=question)
