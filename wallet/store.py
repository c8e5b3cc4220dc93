"""An unlocked wallet's working parts: its store, its data key, its clock and its settings.

Receiving, reading, presenting and keeping each work through one :class:`OpenStore`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields
from typing import Any

import httpx
from sqlalchemy import ColumnElement, literal_column, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock

from .client import IssuanceClient
from .errors import NoSuchDocument
from .records import (
    CardContent,
    CredentialSecret,
    HistoryRecord,
    KeptCard,
    KeptCredential,
    KeptEntry,
)
from .settings import WalletSettings
from .storage.models import CachedDocument, Card, CredentialRecord, HistoryEntry
from .vault import Sealer


def _columns(kept: KeptCard | KeptCredential, sealed: str) -> dict[str, Any]:
    """The plain columns of a kept record: every field but the one that is sealed."""
    return {f.name: getattr(kept, f.name) for f in fields(kept) if f.name != sealed}


def in_writing_order(table: str) -> ColumnElement[Any]:
    """SQLite's row order: the tie-break between rows stamped in the same second."""
    return literal_column(f"{table}.rowid")


@dataclass(frozen=True)
class OpenStore:
    """The wallet with its data key in memory; every "now" comes from ``clock``."""

    sessions: sessionmaker[Session]
    sealer: Sealer
    clock: Clock
    settings: WalletSettings
    http: httpx.Client

    def client(self) -> IssuanceClient:
        """A client for issuers, on the wallet's HTTP client and clock."""
        return IssuanceClient(self.http, self.clock)

    def timestamp(self) -> dt.datetime:
        """The clock's now, as stored in the tables."""
        return dt.datetime.fromtimestamp(self.clock.now(), dt.UTC)

    def card(self, session: Session, card_id: str) -> Card:
        """The document whose id is or starts with ``card_id``."""
        found = select(Card).where(Card.id.startswith(card_id, autoescape=True))
        matches = session.scalars(found.limit(2)).all() if card_id else []
        if len(matches) != 1:
            raise NoSuchDocument("that id prefix is ambiguous" if matches else "no such document")
        return matches[0]

    def content(self, card: Card) -> CardContent:
        """A document's sealed content, opened."""
        return CardContent.parse(self.sealer.open("card", card.id, card.sealed))

    def secret(self, record: CredentialRecord) -> CredentialSecret:
        """A credential and its holder key, opened."""
        return CredentialSecret.parse(self.sealer.open("credential", record.id, record.sealed))

    def entry(self, entry: HistoryEntry) -> HistoryRecord:
        """A history entry's sealed part, opened."""
        return HistoryRecord.parse(self.sealer.open("history", entry.id, entry.sealed))

    def add_card(self, session: Session, card: KeptCard) -> None:
        """Keep a document, its content sealed."""
        sealed = self.sealer.seal("card", card.id, card.content.to_json())
        session.add(Card(**_columns(card, "content"), sealed=sealed))

    def add_credential(self, session: Session, kept: KeptCredential) -> None:
        """Keep a credential, sealed with its holder key (the key never in the clear)."""
        sealed = self.sealer.seal("credential", kept.id, kept.secret.to_json())
        session.add(CredentialRecord(**_columns(kept, "secret"), sealed=sealed))

    def add_entry(self, session: Session, kept: KeptEntry) -> None:
        """Keep a history entry, sealed: the holder's record alone."""
        sealed = self.sealer.seal("history", kept.id, kept.entry.to_json())
        session.add(HistoryEntry(id=kept.id, at=kept.at, sealed=sealed))

    def kept_card(self, card: Card) -> KeptCard:
        """A stored document, opened."""
        return KeptCard(card.id, card.issuer, card.doc_type, card.created_at, self.content(card))

    def kept_credential(self, r: CredentialRecord) -> KeptCredential:
        """A stored credential, opened."""
        fields = (r.id, r.card_id, r.vct, r.config_id, r.disclosable, r.expires_at, r.used_at)
        return KeptCredential(*fields, self.secret(r))

    def kept_entry(self, entry: HistoryEntry) -> KeptEntry:
        """A stored history entry, opened."""
        return KeptEntry(entry.id, entry.at, self.entry(entry))

    def cached_status(self, session: Session, card_id: str) -> tuple[str, int | None]:
        """A document's last known status (``unknown`` before any check) and when it was learnt."""
        record = session.get(CachedDocument, f"status:{card_id}")
        return ("unknown", None) if record is None else (record.body, record.fetched_at)

    def cache(self, session: Session, key: str, body: str | dict[str, Any]) -> None:
        """Keep a public document (or a status verdict) with the time it was fetched."""
        record = session.get(CachedDocument, key)
        text = body if isinstance(body, str) else json.dumps(body)
        if record is None:
            session.add(CachedDocument(url=key, body=text, fetched_at=self.clock.now()))
        else:
            record.body, record.fetched_at = text, self.clock.now()
