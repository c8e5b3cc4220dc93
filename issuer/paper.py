"""The paper credential: printed by the issuer for a person without a smartphone (issue 13, item 6).

A credential of the document's ``<document>-paper`` configuration (:data:`PAPER_CLAIMS`: the
names in both scripts, birth date, document number, expiry, nationality and the portrait when the
person has one), signed with **no holder key** (paper cannot sign a key binding JWT), every claim
disclosed. It is recorded like every other credential with its own status index, so revoking or
suspending the document covers it, and it expires at the end of the document's expiry day (UTC).
Its ``iat`` is a random second of today, as for the other credentials. It is never offered over
OpenID4VCI: there is no wallet to receive it. docs/issuer.md, "Paper credential".
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from crypto import STATUS_VALID, StatusReference, issue_sd_jwt_vc

from .catalogue.types import CredentialConfiguration, DocumentType, all_claims, document_type
from .catalogue.types import select as select_claims
from .clock import utc
from .context import IssuerContext
from .errors import Conflict, CredentialRequestDenied, NotFound
from .oid4vci.credential import (
    DAY,
    RESERVE_ATTEMPTS,
    Redemption,
    _below,
    _mark_disclosable,
    portrait_claim,
)
from .revocation import STATUS_NAMES
from .storage.models import Document, IssuedCredential, Person, PersonPortrait

__all__ = ["PaperCredential", "issue_paper", "paper_configuration"]

#: what the issued-credentials table records as the holder key of a credential that has none
NO_HOLDER_KEY = ""


@dataclass(frozen=True)
class PaperCredential:
    """A printed credential: its compact SD-JWT (every claim disclosed, no KB) and what it says."""

    compact: str
    document_id: str
    person_id: str
    doc_type: DocumentType
    config: CredentialConfiguration
    claims: dict[str, Any]
    number: str
    expiry_date: dt.date
    expires_at: int


def paper_configuration(doc_type: DocumentType) -> CredentialConfiguration:
    """The paper configuration of ``doc_type``; only identity documents have one."""
    for config in doc_type.configurations:
        if not config.holder_bound:
            return config
    raise Conflict(f"a {doc_type.names[1]} has no paper credential; identity documents do")


def issue_paper(ctx: IssuerContext, document_id: str, *, actor: str) -> PaperCredential:
    """Issue, record and sign the paper credential of a valid, unexpired identity document."""
    now = ctx.now()
    with ctx.sessions.begin() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise NotFound("no such document", field="document_id")
        doc_type = document_type(document.doc_type)
        config = paper_configuration(doc_type)
        if document.status != STATUS_VALID:
            raise Conflict(f"the document is {STATUS_NAMES[document.status]}")
        if document.expiry_date is None or document.expiry_date < now.date():
            raise Conflict("the document has expired")
        person = session.get(Person, document.person_id)
        assert person is not None  # noqa: S101 - foreign key
        redemption = Redemption.of(document, person, session.get(PersonPortrait, person.id))
        person_id = person.id
    expiry = redemption.expiry_date
    assert expiry is not None  # noqa: S101 - checked above
    every = all_claims(
        redemption.person,
        redemption.number,
        redemption.issue_date,
        expiry,
        redemption.fields,
        doc_type,
        now.date(),
    )
    if redemption.portrait_png is not None:  # the officer compares this face: the binding
        every["portrait"] = portrait_claim(redemption.portrait_png)
    claims = select_claims(every, config)
    stamp = int(now.timestamp())
    today = stamp - stamp % DAY
    iat = today + _below(ctx.rng, stamp - today + 1)
    exp = int(dt.datetime.combine(expiry, dt.time(0), dt.UTC).timestamp()) + DAY - 1
    key = ctx.keys.ensure()
    list_id, idx = _record(ctx, document_id, config.id, key.kid, now, exp, actor)
    compact = issue_sd_jwt_vc(
        _mark_disclosable(claims),
        issuer=ctx.issuer,
        vct=config.vct,
        signing_key=key,
        holder_jwk=None,
        iat=iat,
        exp=exp,
        status=StatusReference(idx, ctx.status.uri(list_id)),
        rng=ctx.rng,
    ).compact
    return PaperCredential(
        compact, document_id, person_id, doc_type, config, claims, redemption.number, expiry, exp
    )


def _record(
    ctx: IssuerContext,
    document_id: str,
    config_id: str,
    kid: str,
    now: dt.datetime,
    exp: int,
    actor: str,
) -> tuple[int, int]:
    """Reserve a fresh status index, record the credential and the print, in one transaction."""
    for _ in range(RESERVE_ATTEMPTS):
        try:
            with ctx.sessions.begin() as session:
                [(list_id, idx)] = ctx.status.reserve(session, 1)
                session.add(
                    IssuedCredential(
                        id=str(uuid.uuid4()),
                        document_id=document_id,
                        config_id=config_id,
                        holder_thumbprint=NO_HOLDER_KEY,
                        status_list_id=list_id,
                        status_idx=idx,
                        signing_kid=kid,
                        issued_at=now,
                        expires_at=utc(exp),
                    )
                )
                ctx.audit(session, actor, "document.print", document_id)
            return list_id, idx
        except IntegrityError:
            continue  # the index was taken meanwhile: draw again
    raise CredentialRequestDenied("no status index could be reserved; try again")
