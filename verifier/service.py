"""The verifier's core: trust, status lists, replay window, two-way requests, audit, verify.

Verification never blocks on the network when a fresh cached status list exists;
``offline=True`` forbids every network access.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from typing import Any

import httpx
from sqlalchemy import delete, select

from crypto import Clock, PresentationRequest, SystemClock
from crypto.b64 import b64url_encode
from crypto.jws import parse_compact

from .audit import AuditLog
from .checks import StatusFetch, payload_digest, verify
from .errors import FetchError
from .fetch import fetch
from .policy import Policy
from .settings import VerifierSettings
from .storage.db import make_engine, migrate, session_factory
from .storage.models import CachedStatusList, IssuedRequest, SeenNonce
from .trust import TrustStore
from .verdict import Check, Verdict


class _Environment:
    """What the checks may consult: the status cache (and the network, if allowed), state."""

    def __init__(self, verifier: Verifier, offline: bool) -> None:
        self.verifier = verifier
        self.offline = offline

    def status_token(self, uri: str) -> StatusFetch | None:
        return self.verifier.status_token(uri, offline=self.offline)

    def seen_before(self, nonce: str) -> bool:
        digest = hashlib.sha256(nonce.encode()).hexdigest()
        horizon = time.time() - self.verifier.policy.replay_window
        with self.verifier.sessions() as session:
            seen = session.get(SeenNonce, digest)
            return seen is not None and seen.seen_at >= horizon

    def requested(self, nonce: str) -> bool:
        with self.verifier.sessions() as session:
            request = session.get(IssuedRequest, nonce)
            return (
                request is not None
                and request.used_at is None
                and request.expires_at >= time.time()
            )


class Verifier:
    """A verifier folder: its trust store, caches and audit log."""

    def __init__(
        self,
        settings: VerifierSettings | None = None,
        *,
        clock: Clock | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.settings = settings or VerifierSettings()
        self.settings.home.mkdir(parents=True, exist_ok=True)
        self.clock = clock or SystemClock()
        self.http = http or httpx.Client(follow_redirects=False)
        # NORMAL: a power cut may lose the last audit entries (the chain stays whole); every
        # check then costs no disk flush, which is most of a check's time on a slow card
        self.engine = make_engine(self.settings.home / "verifier.db", synchronous="NORMAL")
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.trust = TrustStore(self.sessions, self.settings.operator_jwk())
        self._write_lock = threading.Lock()
        self.audit = AuditLog(self.sessions)
        self.policy = Policy.from_settings(self.settings)

    def close(self) -> None:
        self.engine.dispose()

    # --- status lists -------------------------------------------------------------------

    def status_token(self, uri: str, *, offline: bool) -> StatusFetch | None:
        """A fresh cached list; else, online, a fetched one (short timeout); else a stale one."""
        with self.sessions() as session:
            cached = session.get(CachedStatusList, uri)
        now = time.time()
        if cached is not None and now - cached.fetched_at <= cached.ttl:
            return StatusFetch(cached.token, cached.fetched_at, True)
        if not offline:
            try:
                return self._store_status(uri, fetch(self.http, uri).decode())
            except (FetchError, UnicodeDecodeError):
                pass
        if cached is not None:
            return StatusFetch(cached.token, cached.fetched_at, False)
        return None

    def _store_status(self, uri: str, token: str) -> StatusFetch:
        ttl = 300
        try:
            claimed = parse_compact(token, field="status_list_token").payload.get("ttl")
            if isinstance(claimed, int) and not isinstance(claimed, bool) and claimed > 0:
                ttl = claimed
        except Exception:
            ttl = 0
        now = time.time()
        with self.sessions.begin() as session:
            session.merge(CachedStatusList(uri=uri, token=token, fetched_at=now, ttl=ttl))
        return StatusFetch(token, now, True)

    def sync(self) -> dict[str, Any]:
        """Fetch every trusted issuer's status lists ahead of time (and refresh their keys' use)."""
        fetched, failed = [], []
        for record in self.trust.records():
            for uri in record.status_lists:
                try:
                    self._store_status(uri, fetch(self.http, uri).decode())
                    fetched.append(uri)
                except (FetchError, UnicodeDecodeError) as exc:
                    failed.append({"uri": uri, "reason": getattr(exc, "message", str(exc))})
        return {"fetched": fetched, "failed": failed}

    def status_ages(self) -> dict[str, float]:
        with self.sessions() as session:
            return {c.uri: c.fetched_at for c in session.scalars(select(CachedStatusList))}

    # --- two-way requests ---------------------------------------------------------------

    def request(self, claims: list[str]) -> PresentationRequest:
        """A request for ``claims`` bound to a fresh nonce this verifier will accept once."""
        nonce = b64url_encode(secrets.token_bytes(16))
        expires = int(time.time()) + self.settings.request_ttl
        request = PresentationRequest(self.settings.identifier, nonce, tuple(claims), expires)
        PresentationRequest.decode(request.encode())  # refuses malformed claim paths
        with self.sessions.begin() as session:
            session.add(
                IssuedRequest(nonce=nonce, claims=list(claims), expires_at=expires, used_at=None)
            )
        return request

    # --- verify -------------------------------------------------------------------------

    def check(self, payload: str, *, offline: bool = False) -> Verdict:
        """Verify a scanned payload; record the nonce, consume a request, append the audit."""
        if len(payload.encode()) > self.settings.max_payload_bytes:
            verdict = Verdict(
                "unreadable", [Check("readable", False, "the payload is too large", "unreadable")]
            )
        else:
            verdict = verify(
                payload,
                policy=self.policy,
                trust=self.trust,
                env=_Environment(self, offline),
                clock=self.clock,
            )
        # replay window and audit in one commit; one writer at a time keeps the chain linear
        with self._write_lock, self.sessions.begin() as session:
            self._remember(session, verdict)
            self.audit.append_in(session, verdict, payload_digest(payload), time.time())
        return verdict

    def _remember(self, session: Any, verdict: Verdict) -> None:
        """An authentic presentation's nonce enters the replay window; a request is used up.

        Runs in the caller's transaction, with the audit entry: one commit per check.
        """
        key_binding = next((c for c in verdict.checks if c.name == "key_binding"), None)
        nonce = verdict.nonce
        if key_binding is None or not key_binding.passed or nonce is None:
            return
        now = time.time()
        session.execute(
            delete(SeenNonce).where(SeenNonce.seen_at < now - self.policy.replay_window)
        )
        session.merge(SeenNonce(digest=hashlib.sha256(nonce.encode()).hexdigest(), seen_at=now))
        request = session.get(IssuedRequest, nonce)
        if request is not None and request.used_at is None:
            request.used_at = now

    def check_image(self, image: bytes, *, offline: bool = False) -> Verdict:
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
            verdict = Verdict("unreadable", [Check("readable", False, reason, "unreadable")])
            with self._write_lock:
                self.audit.append(verdict, hashlib.sha256(image).hexdigest(), time.time())
            return verdict
        return self.check(found[0], offline=offline)


__all__ = ["Verifier"]
