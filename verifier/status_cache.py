"""Cached status lists: fetched ahead (``sync``) or on demand, verified before they are cached.

A fetched list is cached only once it verifies with the keys of the issuer whose credentials
point to it (signature, ``sub`` = its URI, ``iat``, ``exp``), and only when it is not older than
the list it replaces: a maintenance page, an unsigned or forged token, or an old list replayed
never overwrites a list that verified, and its ``ttl`` is never read. A check never waits on the
network when a fresh copy is cached; ``offline`` forbids every fetch. Freshness and
``fetched_at`` follow the verifier's clock.

A list is cached with the ``ETag`` it was sent with, its token's ``exp`` and ``ttl``; the next
fetch sends ``If-None-Match`` with it while the cached token is within its ``exp``. A ``304`` says
the bytes are the ones cached: nothing is verified or rewritten, only ``fetched_at`` moves to now
and the list is fresh for its ``ttl`` again, never past the cached token's own ``exp`` (a token
past its exp is fetched without ``If-None-Match``, and a ``304`` to that is a failure).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from crypto import DEFAULT_POLICY, AlgorithmPolicy, Clock

from . import inbound
from .checks import IssuerInfo, StatusFetch
from .errors import FetchError
from .inbound import FetchLimits
from .storage.models import CachedStatusList

__all__ = ["StatusCache"]


@dataclass(frozen=True, slots=True)
class StatusCache:
    """Verified status list tokens by URI, in the verifier's database."""

    sessions: sessionmaker[Session]
    http: httpx.Client
    clock: Clock
    limits: FetchLimits
    default_ttl: int  # seconds a list is fresh when its token states no ``ttl``
    leeway: int  # seconds of clock difference tolerated on a list's ``iat`` and ``exp``
    algorithms: AlgorithmPolicy = DEFAULT_POLICY  # the JWS algorithms a list may be signed with

    def token(self, uri: str, issuer: IssuerInfo, *, offline: bool) -> StatusFetch | None:
        """A fresh cached list; else, online, a fetched one (short timeout); else a stale one."""
        with self.sessions() as session:
            cached = session.get(CachedStatusList, uri)
        if cached is not None and self.clock.now() - cached.fetched_at <= cached.ttl:
            return StatusFetch(cached.token, cached.fetched_at, True)
        if not offline:
            try:
                return self.refresh(uri, issuer)
            except FetchError:
                pass
        if cached is not None:
            return StatusFetch(cached.token, cached.fetched_at, False)
        return None

    def refresh(self, uri: str, issuer: IssuerInfo) -> StatusFetch:
        """Fetch the list at ``uri`` now and cache it (:class:`FetchError` if it cannot be had
        or does not verify with ``issuer``'s keys)."""
        return self._refresh(uri, issuer)[0]

    def _refresh(self, uri: str, issuer: IssuerInfo) -> tuple[StatusFetch, bool]:
        """:meth:`refresh`, and whether the server said the cached list is unchanged."""
        now = self.clock.now()
        with self.sessions() as session:
            cached = session.get(CachedStatusList, uri)
        etag = None
        if cached is not None and (cached.expires_at is None or now < cached.expires_at):
            etag = cached.etag
        body, sent = inbound.fetch_unless(self.http, uri, self.limits, etag)
        if body is None and cached is not None and etag is not None:
            return self._unchanged(cached, etag, now), True
        try:
            text = (body or b"").decode()
        except UnicodeDecodeError:
            raise FetchError(f"{uri} did not send UTF-8 text") from None
        return self.store(uri, text, issuer, etag=sent), False

    def _unchanged(self, cached: CachedStatusList, etag: str, now: int) -> StatusFetch:
        """The cached list, fresh again from ``now`` for its ttl and never past its exp."""
        ttl = cached.fresh_for if cached.fresh_for is not None else self.default_ttl
        if cached.expires_at is not None:
            ttl = max(0, min(ttl, int(cached.expires_at - now)))
        with self.sessions.begin() as session:
            session.execute(
                update(CachedStatusList)
                .where(CachedStatusList.uri == cached.uri, CachedStatusList.etag == etag)
                .values(fetched_at=float(now), ttl=ttl)
            )
        return StatusFetch(cached.token, float(now), True)

    def store(
        self, uri: str, token: str, issuer: IssuerInfo, *, etag: str | None = None
    ) -> StatusFetch:
        """Cache ``token`` as fetched now once it verifies, fresh for its ``ttl`` (none stated:
        the default) and never past its ``exp``; :class:`FetchError` leaves the cache as it was."""
        verified = inbound.status_list_token(
            token,
            uri=uri,
            issuer=issuer,
            clock=self.clock,
            leeway=self.leeway,
            policy=self.algorithms,
        )
        now = self.clock.now()
        fresh_for = ttl = verified.ttl if verified.ttl else self.default_ttl
        if verified.exp is not None:
            ttl = max(0, min(ttl, verified.exp - now))
        with self.sessions.begin() as session:
            cached = session.get(CachedStatusList, uri)
            if cached is not None and verified.iat < self._issued_at(cached, issuer):
                raise FetchError(f"the status list at {uri} is older than the one cached")
            session.merge(
                CachedStatusList(
                    uri=uri,
                    token=token,
                    fetched_at=float(now),
                    ttl=ttl,
                    etag=etag,
                    expires_at=None if verified.exp is None else float(verified.exp),
                    fresh_for=fresh_for,
                )
            )
        return StatusFetch(token, float(now), True)

    def _issued_at(self, cached: CachedStatusList, issuer: IssuerInfo) -> int:
        """The ``iat`` of the cached list, if it verifies with ``issuer``'s keys (else -1)."""
        try:
            return inbound.status_list_token(
                cached.token,
                uri=cached.uri,
                issuer=issuer,
                clock=self.clock,
                leeway=self.leeway,
                allow_expired=True,
                policy=self.algorithms,
            ).iat
        except FetchError:
            return -1

    def sync(self, lists: dict[str, IssuerInfo]) -> dict[str, Any]:
        """Fetch every list (URI → the issuer whose keys verify it): which were fetched and
        cached (``unchanged``: those of them the server answered ``304`` for, kept as they were),
        which failed (unreachable, or not verified) and why."""
        fetched, unchanged, failed = [], [], []
        for uri, issuer in lists.items():
            try:
                if self._refresh(uri, issuer)[1]:
                    unchanged.append(uri)
                fetched.append(uri)
            except FetchError as exc:
                failed.append({"uri": uri, "reason": exc.message})
        return {"fetched": fetched, "unchanged": unchanged, "failed": failed}

    def fetched_at(self) -> dict[str, float]:
        """When each cached list was fetched (seconds since the epoch)."""
        with self.sessions() as session:
            return {c.uri: c.fetched_at for c in session.scalars(select(CachedStatusList))}
