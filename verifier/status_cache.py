"""Cached status lists: fetched ahead (``sync``) or on demand, fresh for their ``ttl``.

A check never waits on the network when a fresh copy is cached; ``offline`` forbids every
fetch. Freshness and ``fetched_at`` follow the verifier's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock

from . import inbound
from .checks import StatusFetch
from .errors import FetchError
from .inbound import FetchLimits
from .storage.models import CachedStatusList

__all__ = ["StatusCache"]


@dataclass(frozen=True, slots=True)
class StatusCache:
    """Status list tokens by URI, in the verifier's database."""

    sessions: sessionmaker[Session]
    http: httpx.Client
    clock: Clock
    limits: FetchLimits
    default_ttl: int  # seconds a list is fresh when its token states no ``ttl``

    def token(self, uri: str, *, offline: bool) -> StatusFetch | None:
        """A fresh cached list; else, online, a fetched one (short timeout); else a stale one."""
        with self.sessions() as session:
            cached = session.get(CachedStatusList, uri)
        if cached is not None and self.clock.now() - cached.fetched_at <= cached.ttl:
            return StatusFetch(cached.token, cached.fetched_at, True)
        if not offline:
            try:
                return self.refresh(uri)
            except FetchError:
                pass
        if cached is not None:
            return StatusFetch(cached.token, cached.fetched_at, False)
        return None

    def refresh(self, uri: str) -> StatusFetch:
        """Fetch the list at ``uri`` now and cache it (:class:`FetchError` if it cannot be had)."""
        return self.store(uri, inbound.fetch_text(self.http, uri, self.limits))

    def store(self, uri: str, token: str) -> StatusFetch:
        """Cache ``token`` as fetched now, fresh for the ``ttl`` it states (unreadable: none)."""
        ttl = inbound.status_ttl(token, self.default_ttl)
        now = float(self.clock.now())
        with self.sessions.begin() as session:
            session.merge(CachedStatusList(uri=uri, token=token, fetched_at=now, ttl=ttl))
        return StatusFetch(token, now, True)

    def sync(self, uris: list[str]) -> dict[str, Any]:
        """Fetch every list in ``uris``: which were fetched, which failed and why."""
        fetched, failed = [], []
        for uri in uris:
            try:
                self.refresh(uri)
                fetched.append(uri)
            except FetchError as exc:
                failed.append({"uri": uri, "reason": exc.message})
        return {"fetched": fetched, "failed": failed}

    def fetched_at(self) -> dict[str, float]:
        """When each cached list was fetched (seconds since the epoch)."""
        with self.sessions() as session:
            return {c.uri: c.fetched_at for c in session.scalars(select(CachedStatusList))}
