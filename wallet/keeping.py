"""Keep: each document's status at its issuer, and encrypted backups of the whole wallet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    CryptoError,
    IssuerKeys,
    StatusReference,
    verify_status_list_token,
)
from crypto.jws import parse_compact

from . import backup as backup_file
from .backup import WalletCopy
from .client import IssuanceClient
from .errors import StatusUnavailable, WalletError
from .issuer_documents import IssuerKeysDocument
from .records import CredentialSecret
from .storage.models import CachedDocument, Card, CredentialRecord, HistoryEntry
from .store import OpenStore, in_writing_order
from .views import StatusResult


@dataclass(frozen=True)
class _ToCheck:
    """A document, the kept copy of its issuer's keys and its credentials."""

    card: Card
    keys: str | None
    secrets: list[CredentialSecret]


def status(store: OpenStore, timeout: float | None = None) -> list[StatusResult]:
    """Check every document against its issuer's status lists (online); ``timeout`` bounds
    each fetch (else the wallet's HTTP timeout). A document that cannot be checked keeps its
    last known status."""
    client = IssuanceClient(store.http, store.clock, timeout)
    with store.sessions() as session:
        checks = []
        for card in session.scalars(select(Card)).all():
            cached = session.get(CachedDocument, f"jwks:{card.issuer}")
            records = session.scalars(
                select(CredentialRecord).where(CredentialRecord.card_id == card.id)
            ).all()
            secrets = [store.secret(r) for r in records]
            checks.append(_ToCheck(card, cached.body if cached else None, secrets))
    results = []
    for check in checks:
        card = check.card
        try:
            verdict = _verdict(store, client, check)
        except WalletError as exc:
            results.append(StatusResult(card.id, card.doc_type, "unknown", exc.message))
            continue
        with store.sessions.begin() as session:
            store.cache(session, f"status:{card.id}", verdict)
        results.append(StatusResult(card.id, card.doc_type, verdict))
    return results


def _verdict(store: OpenStore, client: IssuanceClient, check: _ToCheck) -> str:
    """revoked, suspended or valid: the worst status of the document's credentials."""
    if check.keys is None:
        raise StatusUnavailable("the issuer's keys were not kept with this document")
    keys = IssuerKeysDocument.from_cache(check.keys, check.card.issuer).trust
    issuer = check.card.issuer
    statuses = {_status_of(store, client, keys, issuer, s.sd_jwt) for s in check.secrets}
    if STATUS_INVALID in statuses:
        return "revoked"
    return "suspended" if STATUS_SUSPENDED in statuses else "valid"


def _status_of(
    store: OpenStore, client: IssuanceClient, keys: IssuerKeys, issuer: str, sd_jwt: str
) -> int:
    """One credential's status (the list verified with its issuer's keys, with or without ``iss``);
    the crypto core's errors become :class:`StatusUnavailable`."""
    try:
        payload = parse_compact(sd_jwt.split("~")[0]).payload
        reference = StatusReference.from_claim(payload.get("status"))
        token = client.fetch_text(reference.uri)
        verified = verify_status_list_token(
            token, keys=keys, expected_uri=reference.uri, clock=store.clock, issuer=issuer
        )
        return verified.status_of(reference)
    except CryptoError as exc:
        raise StatusUnavailable(exc.message) from None


def remove(store: OpenStore, card_id: str) -> str:
    """Remove a document, its credentials and its last status from the wallet (one write);
    the history keeps its entries (the holder's record of what was shown). The removed id."""
    with store.sessions.begin() as session:
        card = store.card(session, card_id)
        session.execute(delete(CredentialRecord).where(CredentialRecord.card_id == card.id))
        status_record = session.get(CachedDocument, f"status:{card.id}")
        if status_record is not None:
            session.delete(status_record)
        session.delete(card)
        return card.id


def export_backup(store: OpenStore, path: Path, passphrase: str) -> int:
    """Write every document, key and history entry, encrypted under ``passphrase``."""
    with store.sessions() as session:
        cards = session.scalars(select(Card).order_by(in_writing_order("cards")))
        credentials = session.scalars(select(CredentialRecord))
        entries = session.scalars(select(HistoryEntry).order_by(in_writing_order("history")))
        copy = WalletCopy(
            tuple(store.kept_card(c) for c in cards),
            tuple(store.kept_credential(r) for r in credentials),
            tuple(store.kept_entry(h) for h in entries),
        )
    backup_file.write(path, copy, passphrase)
    return len(copy.cards)


def import_backup(store: OpenStore, path: Path, passphrase: str) -> int:
    """Restore a backup into this wallet, all of it or nothing; the number of new documents."""
    copy = backup_file.read(path, passphrase)
    count = 0
    with store.sessions.begin() as session:
        for card in copy.cards:
            if session.get(Card, card.id) is None:
                count += 1
                store.add_card(session, card)
        for credential in copy.credentials:
            if session.get(CredentialRecord, credential.id) is None:
                store.add_credential(session, credential)
        for entry in copy.history:
            if session.get(HistoryEntry, entry.id) is None:
                store.add_entry(session, entry)
    return count
