"""Purging what the protocol leaves behind once it can no longer matter.

Every ``c_nonce``, key proof, access token and offer is a row; none is needed after it
expired. :func:`purge` deletes at most ``limit`` rows of each kind whose time is past on the
service's clock: nonces past their expiry, proofs too old to pass again (the proofs' maximum
age and :data:`~issuer.oid4vci.proofs.FUTURE_SKEW` after they were seen), access tokens past
theirs, then offers past theirs that no token still points to. The nonce endpoint calls it
every ``purge_every`` requests (:func:`purge_now_and_then`); ``posvid-issuer purge`` runs it
until nothing expired is left (:func:`purge_all`). People, documents, issued credentials,
status lists, keys, admin tokens and the audit trail are never purged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, astuple, dataclass
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from .context import IssuerContext
from .oid4vci.proofs import FUTURE_SKEW
from .storage.models import AccessToken, Nonce, Offer, UsedProof


@dataclass(frozen=True)
class Purged:
    """How many rows of each kind one purge removed."""

    nonces: int = 0
    proofs: int = 0
    tokens: int = 0
    offers: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by kind."""
        return asdict(self)

    def __add__(self, other: Purged) -> Purged:
        return Purged(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def __str__(self) -> str:
        return ", ".join(f"{count} {kind}" for kind, count in self.as_dict().items())


def _delete(
    session: Session, key: InstrumentedAttribute[Any], where: ColumnElement[bool], limit: int
) -> int:
    """Delete at most ``limit`` rows of ``key``'s table matching ``where``; how many went.

    On PostgreSQL rows another transaction holds are skipped (``SKIP LOCKED``): two workers
    purging at once take different rows and never wait for each other or deadlock.
    """
    doomed = select(key).where(where).limit(limit).with_for_update(skip_locked=True)
    result = session.execute(delete(key.class_).where(key.in_(doomed)))
    return int(getattr(result, "rowcount", 0) or 0)


def purge(ctx: IssuerContext, *, limit: int | None = None) -> Purged:
    """Remove at most ``limit`` (default: ``purge_batch``) expired rows of each kind."""
    limit = limit or ctx.settings.purge_batch
    now = ctx.now()
    proof_age = dt.timedelta(seconds=ctx.settings.proof_max_age_seconds + FUTURE_SKEW)
    with ctx.sessions.begin() as session:
        ctx.relaxed(session)
        tokens = _delete(session, AccessToken.token_hash, AccessToken.expires_at < now, limit)
        unused = ~exists().where(AccessToken.offer_id == Offer.id)
        offers = _delete(session, Offer.id, (Offer.expires_at < now) & unused, limit)
        nonces = _delete(session, Nonce.value_hash, Nonce.expires_at < now, limit)
        proofs = _delete(session, UsedProof.digest, UsedProof.seen_at < now - proof_age, limit)
    return Purged(nonces, proofs, tokens, offers)


def purge_all(ctx: IssuerContext) -> Purged:
    """Purge in bounded rounds until nothing expired is left (``posvid-issuer purge``)."""
    total = Purged()
    while True:
        done = purge(ctx)
        total += done
        if max(astuple(done)) < ctx.settings.purge_batch:
            return total


def purge_now_and_then(ctx: IssuerContext) -> Purged | None:
    """Every ``purge_every``-th call, a bounded :func:`purge`; else nothing."""
    if not ctx.purge_due.due():
        return None
    try:
        return purge(ctx)
    except IntegrityError:  # a token made meanwhile for an offer being purged: next time
        return None
