"""Cached status lists: fetched ahead (``sync``) or on demand, verified before they are cached.

A fetched list is cached only once it verifies with the keys of the issuer whose credentials
point to it (signature, ``sub`` = its URI, ``iat``, ``exp``), and only when it is not older than
the list it replaces: a maintenance page, an unsigned or forged token, or an old list replayed
never overwrites a list that verified, and its ``ttl`` is never read. A check never waits on the
network when a fresh copy is cached; ``offline`` forbids every fetch. Freshness and
``fetched_at`` follow the verifier's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
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
        return self.store(uri, inbound.fetch_text(self.http, uri, self.limits), issuer)

    def store(self, uri: str, token: str, issuer: IssuerInfo) -> StatusFetch:
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
        ttl = verified.ttl if verified.ttl else self.default_ttl
        if verified.exp is not None:
            ttl = max(0, min(ttl, verified.exp - now))
        with self.sessions.begin() as session:
            cached = session.get(CachedStatusList, uri)
            if cached is not None and verified.iat < self._issued_at(cached, issuer):
                raise FetchError(f"the status list at {uri} is older than the one cached")
            session.merge(CachedStatusList(uri=uri, token=token, fetched_at=float(now), ttl=ttl))
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
        cached, which failed (unreachable, or not verified) and why."""
        fetched, failed = [], []
        for uri, issuer in lists.items():
            try:
                self.refresh(uri, issuer)
                fetched.append(uri)
            except FetchError as exc:
                failed.append({"uri": uri, "reason": exc.message})
        return {"fetched": fetched, "failed": failed}

    def fetched_at(self) -> dict[str, float]:
        """When each cached list was fetched (seconds since the epoch)."""
        with self.sessions() as session:
            return {c.uri: c.fetched_at for c in session.scalars(select(CachedStatusList))}
