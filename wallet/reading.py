"""Read: the documents, one document's claims, the history of presentations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from posvid.common.wording import claim_label

from . import presenting
from .storage.models import Card, CredentialRecord, HistoryEntry
from .store import OpenStore, in_writing_order
from .views import CardDetails, CardSummary, Claim, HistoryItem


def card_summary(store: OpenStore, card_id: str) -> CardSummary:
    """What ``list`` shows for one document."""
    with store.sessions() as session:
        card = store.card(session, card_id)
        content = store.content(card)
        expiry = session.scalar(
            select(func.max(CredentialRecord.expires_at)).where(CredentialRecord.card_id == card.id)
        )
        status, checked_at = store.cached_status(session, card.id)
        return CardSummary(
            id=card.id,
            issuer=card.issuer,
            type=card.doc_type,
            vct=_vct(session, card),
            display_name=content.names,
            expires_at=dt.datetime.fromtimestamp(expiry or 0, dt.UTC).isoformat(),
            status=status,
            unused_credentials=_unused(session, card, store.clock.now()),
            issuer_names=content.issuer_names,
            status_checked_at=checked_at,
            codes_until=_codes_until(session, card, store.clock.now()),
        )


def _vct(session: Session, card: Card) -> str:
    """The type of the document's own credential, as the issuer signed it."""
    vct = session.scalar(
        select(CredentialRecord.vct)
        .where(CredentialRecord.card_id == card.id, CredentialRecord.config_id == card.doc_type)
        .limit(1)
    )
    return vct or ""


def _unused(session: Session, card: Card, now: int) -> dict[str, int]:
    """How many valid, never shown credentials of each configuration the document holds."""
    rows = session.execute(
        select(CredentialRecord.config_id, func.count())
        .where(
            CredentialRecord.card_id == card.id,
            CredentialRecord.used_at.is_(None),
            CredentialRecord.expires_at > now,
        )
        .group_by(CredentialRecord.config_id)
    ).all()
    return {str(config): int(count) for config, count in rows}


def _codes_until(session: Session, card: Card, now: int) -> dict[str, int]:
    """Until when each configuration's valid credentials can make codes (the last expiry)."""
    rows = session.execute(
        select(CredentialRecord.config_id, func.max(CredentialRecord.expires_at))
        .where(CredentialRecord.card_id == card.id, CredentialRecord.expires_at > now)
        .group_by(CredentialRecord.config_id)
    ).all()
    return {str(config): int(until) for config, until in rows}


def cards(store: OpenStore) -> list[CardSummary]:
    """Every document, oldest first."""
    with store.sessions() as session:
        ids = list(
            session.scalars(select(Card.id).order_by(Card.created_at, in_writing_order("cards")))
        )
    return [card_summary(store, i) for i in ids]


def show(store: OpenStore, card_id: str, lang: str) -> CardDetails:
    """The document's claims with their labels in ``lang`` (the issuer's, else Posvid's), in
    the order of the issuer's type metadata, and the presets it can show."""
    with store.sessions() as session:
        card = store.card(session, card_id)
        content = store.content(card)
    labels = content.labels(lang)
    rank = {name: i for i, name in enumerate(content.claim_order())}
    names = sorted(content.claims, key=lambda n: (rank.get(n, len(rank)), n))
    claims = tuple(
        Claim(k, labels.get(k) or claim_label(k, lang) or k, content.claims[k]) for k in names
    )
    presets = presenting.available_presets(store, card.id)
    return CardDetails(**vars(card_summary(store, card.id)), claims=claims, presets=presets)


def history(store: OpenStore) -> list[HistoryItem]:
    """Every presentation, newest first: the holder's record alone."""
    newest_first = (HistoryEntry.at.desc(), in_writing_order("history").desc())
    with store.sessions() as session:
        entries = session.scalars(select(HistoryEntry).order_by(*newest_first)).all()
        return [HistoryItem(**vars(store.entry(e)), id=e.id, at=e.at) for e in entries]
