"""Status lists: random, never-reused indices; revocation; signed ``statuslist+jwt`` tokens.

Every credential gets an index drawn at random from the current list (so an index
says nothing about when or to whom it was issued). The database's primary key
(list, index) makes indices unique even under concurrent issuance: a collision
is retried with another random index, and an index is never given out twice.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from crypto import STATUS_VALID, Clock, StatusList, issue_status_list_token

from .clock import utc
from .errors import Conflict, NotFound
from .keyring import KeyRing
from .storage.models import IssuedCredential, StatusEntry, StatusListRecord

FILL_LIMIT = 0.9  # start a new list beyond this, so random draws rarely collide
MAX_ATTEMPTS = 32


@dataclass(frozen=True)
class PublishedList:
    """A signed status list token and what HTTP caching needs."""

    token: str
    etag: str  # strong: a hash of the token's bytes
    ttl: int
    exp: int  # the token's own exp: no cache may keep it past this


class _Signed(NamedTuple):
    """A published list, with what decides whether it is still current."""

    version: int
    kid: str
    at: int
    published: PublishedList


class StatusRegistry:
    """Allocates indices, changes statuses, publishes tokens."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        keys: KeyRing,
        clock: Clock,
        *,
        issuer: str,
        size: int,
        ttl: int,
        validity: int,
    ) -> None:
        self._sessions = sessions
        self._keys = keys
        self._clock = clock
        self._issuer = issuer
        self._size = size
        self._ttl = ttl
        self._validity = validity
        self._cache: dict[int, _Signed] = {}
        self._lock = threading.Lock()
        self._current: tuple[int, int] | None = None  # (list id, size), re-read now and then
        self._draws = 0
        #: how many lists this process made (the credential issuer metadata names them all)
        self.changes = 0

    def uri(self, list_id: int) -> str:
        """Where a list is published."""
        return f"{self._issuer}/status-lists/{list_id}"

    def _current_list(self, session: Session) -> int:
        current = session.scalar(
            select(StatusListRecord.id)
            .where(StatusListRecord.allocated < StatusListRecord.size * FILL_LIMIT)
            .order_by(StatusListRecord.id.desc())
            .limit(1)
        )
        if current is not None:
            return current
        record = StatusListRecord(
            size=self._size, bits=2, allocated=0, version=0, created_at=utc(self._clock.now())
        )
        session.add(record)
        session.flush()
        self.changes += 1
        return record.id

    def current(self) -> tuple[int, int]:
        """The list new indices come from (id, size); re-read every 256 draws.

        The fill count is refreshed here, from the entries themselves, and not on every
        issuance: a counter row updated by every issuance would serialise them all.
        """
        with self._lock:
            if self._current is not None and self._draws < 256:
                self._draws += 1
                return self._current
        with self._sessions.begin() as session:
            for record in session.scalars(
                select(StatusListRecord).where(
                    StatusListRecord.allocated < StatusListRecord.size * FILL_LIMIT
                )
            ):
                record.allocated = (
                    session.scalar(
                        select(func.count())
                        .select_from(StatusEntry)
                        .where(StatusEntry.list_id == record.id)
                    )
                    or 0
                )
            session.flush()
            list_id = self._current_list(session)
            size = session.scalar(
                select(StatusListRecord.size).where(StatusListRecord.id == list_id)
            )
        with self._lock:
            self._current, self._draws = (list_id, size or self._size), 0
            return self._current

    def reserve(self, session: Session, count: int) -> list[tuple[int, int]]:
        """Insert ``count`` fresh random entries in ``session``'s transaction.

        A collision with an index given out meanwhile surfaces as ``IntegrityError``
        at flush or commit: the caller retries with new draws (see :meth:`allocate`).
        """
        list_id, size = self.current()
        picks: set[int] = set()
        while len(picks) < count:
            picks.add(secrets.randbelow(size))
        session.execute(
            insert(StatusEntry),
            [{"list_id": list_id, "idx": idx, "status": STATUS_VALID} for idx in picks],
        )
        return [(list_id, idx) for idx in picks]

    def allocate(self) -> tuple[int, int]:
        """One fresh (list id, index) pair, committed, never given out before."""
        for _ in range(MAX_ATTEMPTS):
            try:
                with self._sessions.begin() as session:
                    return self.reserve(session, 1)[0]
            except IntegrityError:
                with self._lock:
                    self._current = None  # the list may be fuller than we think
        raise Conflict("could not allocate a status index; the status lists are too full")

    def set_document_status(self, session: Session, document_id: str, status: int) -> int:
        """Give every credential of a document ``status``; returns how many there are."""
        entries = session.execute(
            select(IssuedCredential.status_list_id, IssuedCredential.status_idx).where(
                IssuedCredential.document_id == document_id
            )
        ).all()
        lists = {list_id for list_id, _ in entries}
        for list_id, idx in entries:
            session.execute(
                update(StatusEntry)
                .where(StatusEntry.list_id == list_id, StatusEntry.idx == idx)
                .values(status=status)
            )
        for list_id in lists:
            session.execute(
                update(StatusListRecord)
                .where(StatusListRecord.id == list_id)
                .values(version=StatusListRecord.version + 1)
            )
        return len(entries)

    def list_ids(self) -> list[int]:
        """Every status list, for the issuer metadata."""
        with self._sessions() as session:
            return list(session.scalars(select(StatusListRecord.id).order_by(StatusListRecord.id)))

    def publish(self, list_id: int) -> PublishedList:
        """The signed token of a list, re-signed when it changed or its ttl passed."""
        now = self._clock.now()
        key = self._keys.ensure()
        with self._sessions() as session:
            # a number no database integer holds names no list (it is not looked up)
            in_range = -(2**63) <= list_id < 2**63
            record = session.get(StatusListRecord, list_id) if in_range else None
            if record is None:
                raise NotFound("no such status list", field="list_id")
            version = record.version
            with self._lock:
                cached = self._cache.get(list_id)
                if (
                    cached
                    and cached.version == version
                    and cached.kid == key.kid
                    and now - cached.at < self._ttl
                ):
                    return cached.published
            status_list = StatusList(record.size, record.bits)
            for idx, status in session.execute(
                select(StatusEntry.idx, StatusEntry.status).where(
                    StatusEntry.list_id == list_id, StatusEntry.status != STATUS_VALID
                )
            ):
                status_list[idx] = status
        exp = now + self._validity
        token = issue_status_list_token(
            status_list,
            uri=self.uri(list_id),
            issuer=self._issuer,
            signing_key=key,
            iat=now,
            exp=exp,
            ttl=self._ttl,
        )
        etag = f'"{hashlib.sha256(token.encode()).hexdigest()[:32]}"'
        published = PublishedList(token, etag, self._ttl, exp)
        with self._lock:
            self._cache[list_id] = _Signed(version, key.kid, now, published)
        return published
