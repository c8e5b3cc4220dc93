"""Nonces: the two-way requests this verifier made, and the replay window of those it saw.

Both read the verifier's clock: a request expires ``request_ttl`` seconds after it was made, a
seen nonce stops counting ``replay_window`` seconds after it was seen.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock, CryptoError, PresentationRequest
from crypto.b64 import b64url_encode

from .errors import RequestRefused
from .storage.models import IssuedRequest, SeenNonce

__all__ = ["NonceBook"]


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NonceBook:
    """Issued requests and seen key-binding nonces, in the verifier's database."""

    sessions: sessionmaker[Session]
    clock: Clock
    identifier: str  # the ``aud`` of the requests
    request_ttl: int
    replay_window: int

    def request(self, claims: list[str]) -> PresentationRequest:
        """A request for ``claims`` bound to a fresh nonce this verifier will accept once."""
        nonce = b64url_encode(secrets.token_bytes(16))
        expires = self.clock.now() + self.request_ttl
        request = PresentationRequest(self.identifier, nonce, tuple(claims), expires)
        try:
            PresentationRequest.decode(request.encode())  # refuses malformed claim paths
        except CryptoError as exc:
            raise RequestRefused(exc.message) from None
        with self.sessions.begin() as session:
            session.add(
                IssuedRequest(nonce=nonce, claims=list(claims), expires_at=expires, used_at=None)
            )
        return request

    def requested(self, nonce: str) -> bool:
        """Whether this verifier asked for ``nonce``, and the request is unused and unexpired."""
        with self.sessions() as session:
            request = session.get(IssuedRequest, nonce)
            return (
                request is not None
                and request.used_at is None
                and request.expires_at >= self.clock.now()
            )

    def asked(self, nonce: str) -> tuple[str, ...] | None:
        """The claims this verifier's request with ``nonce`` asked for (None: no such request)."""
        with self.sessions() as session:
            request = session.get(IssuedRequest, nonce)
            return None if request is None else tuple(request.claims)

    def seen_before(self, nonce: str) -> bool:
        """Whether ``nonce`` was seen within the replay window."""
        horizon = self.clock.now() - self.replay_window
        with self.sessions() as session:
            seen = session.get(SeenNonce, _digest(nonce))
            return seen is not None and seen.seen_at >= horizon

    def mark_in(self, session: Session, nonce: str) -> None:
        """``nonce`` enters the replay window and its request, if any, is used up.

        Runs in the caller's transaction (with the audit entry: one commit per check); the
        nonces that left the window are forgotten.
        """
        now = self.clock.now()
        session.execute(delete(SeenNonce).where(SeenNonce.seen_at < now - self.replay_window))
        session.merge(SeenNonce(digest=_digest(nonce), seen_at=now))
        request = session.get(IssuedRequest, nonce)
        if request is not None and request.used_at is None:
            request.used_at = now
