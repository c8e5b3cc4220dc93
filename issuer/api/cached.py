"""The public documents built once per key or status-list change and served with an ``ETag``.

The credential issuer, authorization server and JWT VC issuer metadata and the type metadata
are JSON serialised once and kept (bytes and a strong ``ETag``, a hash of them) until:

* this process made a key or a status list (:attr:`issuer.keyring.KeyRing.changes`,
  :attr:`issuer.status.StatusRegistry.changes`): at once;
* the database's version stamp moved (another worker or node rotated a key or made a list): the
  stamp is one small ``SELECT`` (key rows, retired keys, status lists, the newest list id), read
  at most every :data:`STAMP_EVERY` seconds per worker, so another process's change shows within
  that time;
* :data:`MAX_AGE` seconds passed (a retired key leaves the JWKS once the last credential it
  signed has expired: a matter of time, not of a change).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from fastapi import Request, Response
from sqlalchemy import func, select

from ..context import IssuerContext
from ..storage.models import SigningKeyRecord, StatusListRecord

#: seconds between two reads of the database's version stamp, per worker
STAMP_EVERY: Final = 2
#: seconds a document is kept at most, and what ``Cache-Control: max-age`` says
MAX_AGE: Final = 300


@dataclass(frozen=True, slots=True)
class Built:
    """A serialised document and its strong entity tag."""

    body: bytes
    etag: str


def etag_of(body: bytes) -> str:
    """A strong entity tag: the first 128 bits of the SHA-256 of ``body``."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, RFC 9110 §13.1.2)."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def json_bytes(value: Any) -> bytes:
    """``value`` as the JSON FastAPI would send (UTF-8, compact)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def conditional(
    request: Request, body: bytes, etag: str, headers: dict[str, str], media: str
) -> Response:
    """``304`` with no body when the request's ``If-None-Match`` names ``etag``, else ``body``."""
    headers = {"ETag": etag, **headers}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media, headers=headers)


class PublicDocuments:
    """This worker's copy of the public documents (see the module's docstring)."""

    def __init__(
        self, ctx: IssuerContext, *, stamp_every: int = STAMP_EVERY, max_age: int = MAX_AGE
    ) -> None:
        self._ctx = ctx
        self.stamp_every = stamp_every
        self.max_age = max_age
        self._lock = threading.Lock()
        self._built: dict[str, Built] = {}
        self._generation = 0
        self._local: tuple[int, int] | None = None
        self._stamp: tuple[Any, ...] | None = None
        self._checked_at = 0
        self._built_at = 0
        self.builds = 0  # documents built (tests and the benchmark read it)

    def stamp(self) -> tuple[Any, ...]:
        """The database's version stamp of keys and status lists (one statement)."""
        keys = select(func.count()).select_from(SigningKeyRecord)
        retired = keys.where(SigningKeyRecord.retired_at.is_not(None))
        lists = select(func.count(), func.max(StatusListRecord.id)).select_from(StatusListRecord)
        query = select(
            keys.scalar_subquery(),
            retired.scalar_subquery(),
            lists.with_only_columns(func.count()).scalar_subquery(),
            lists.with_only_columns(func.max(StatusListRecord.id)).scalar_subquery(),
        )
        with self._ctx.engine.connect() as connection:
            return tuple(connection.execute(query).one())

    def _refresh(self) -> int:
        """Drop the documents if anything they show changed; the generation to build under."""
        now = self._ctx.clock.now()
        local = (self._ctx.keys.changes, self._ctx.status.changes)
        with self._lock:
            due = not 0 <= now - self._checked_at < self.stamp_every
            if local == self._local and not due:
                return self._generation
        stamp = self.stamp()
        with self._lock:
            if (
                local != self._local
                or stamp != self._stamp
                or not 0 <= now - self._built_at < self.max_age
            ):
                self._built.clear()
                self._generation += 1
                self._built_at = now
            self._local, self._stamp, self._checked_at = local, stamp, now
            return self._generation

    def get(self, name: str, build: Callable[[], Any]) -> Built:
        """The document ``name``, built by ``build`` (a JSON value) when not kept."""
        generation = self._refresh()
        with self._lock:
            kept = self._built.get(name)
        if kept is not None:
            return kept
        body = json_bytes(build())
        built = Built(body, etag_of(body))
        with self._lock:
            self.builds += 1
            if generation == self._generation:  # not dropped while it was being built
                self._built[name] = built
        return built

    def respond(self, request: Request, name: str, build: Callable[[], Any]) -> Response:
        """The document as a response: ``ETag``, ``Cache-Control``, ``304`` when unchanged."""
        built = self.get(name, build)
        cache = {"Cache-Control": f"public, max-age={self.max_age}"}
        return conditional(request, built.body, built.etag, cache, "application/json")
