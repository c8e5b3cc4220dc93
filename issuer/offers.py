"""Credential offers the clerk makes: single-use, expiring, with an optional transaction code."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from crypto import STATUS_VALID

from .catalogue.types import document_type
from .catalogue.validation import invalid
from .context import IssuerContext, sha256_hex
from .enrolment import document
from .errors import Conflict, NotFound
from .oid4vci.grant import offer_reference, pre_authorized_code, tx_code_mac
from .revocation import STATUS_NAMES
from .storage.models import Offer

TX_CODE_DIGITS = 6


@dataclass(frozen=True)
class CreatedOffer:
    """A new credential offer: what the clerk hands to the citizen."""

    offer_id: str
    credential_offer_uri: str
    tx_code: str | None
    expires_at: dt.datetime
    credential_configuration_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        """The offer as the admin API and the CLI print it."""
        return {
            "offer_id": self.offer_id,
            "credential_offer_uri": self.credential_offer_uri,
            "tx_code": self.tx_code,
            "expires_at": self.expires_at.isoformat(),
            "credential_configuration_ids": self.credential_configuration_ids,
        }


def create_offer(
    ctx: IssuerContext, document_id: str, *, batch_size: int = 1, tx_code: bool = True, actor: str
) -> CreatedOffer:
    """A single-use, expiring pre-authorized offer of every credential of the document."""
    limit = ctx.settings.max_batch_size
    if not 1 <= batch_size <= limit:
        raise invalid("batch", "batch_range", f"must be 1 to {limit}", max=str(limit))
    offered = document(ctx, document_id)
    if offered.status != STATUS_VALID:
        raise Conflict(f"the document is {STATUS_NAMES[offered.status]}")
    now = ctx.now()
    if offered.expiry_date and offered.expiry_date < now.date():
        raise Conflict("the document has expired")
    configs = [c.id for c in document_type(offered.doc_type).configurations if c.holder_bound]
    offer_id = secrets.token_urlsafe(24)
    transaction_code = None
    if tx_code:
        transaction_code = f"{secrets.randbelow(10**TX_CODE_DIGITS):0{TX_CODE_DIGITS}d}"
    offer = Offer(
        id=offer_id,
        code_hash=sha256_hex(pre_authorized_code(ctx, offer_id)),
        document_id=document_id,
        config_ids=configs,
        batch_size=batch_size,
        tx_code_hash=tx_code_mac(ctx, offer_id, transaction_code) if transaction_code else None,
        tx_code_length=TX_CODE_DIGITS if transaction_code else None,
        failed_attempts=0,
        expires_at=now + dt.timedelta(seconds=ctx.settings.offer_ttl_seconds),
        created_at=now,
    )
    with ctx.sessions.begin() as session:
        session.add(offer)
        ctx.audit(session, actor, "offer.create", f"document={document_id} offer={offer.id}")
    uri = offer_uri(ctx, offer.id)
    return CreatedOffer(offer.id, uri, transaction_code, offer.expires_at, configs)


def offer_uri(ctx: IssuerContext, offer_id: str) -> str:
    """The ``openid-credential-offer://`` URI of an offer (by reference)."""
    with ctx.sessions() as session:
        if session.get(Offer, offer_id) is None:
            raise NotFound("no such offer", field="offer_id")
    return "openid-credential-offer://?credential_offer_uri=" + quote(
        f"{ctx.issuer}/offers/{offer_reference(ctx, offer_id)}", safe=""
    )
