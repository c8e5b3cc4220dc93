"""Revoking (final), suspending and reinstating a document and every credential issued for it."""

from __future__ import annotations

from typing import Final

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID

from .context import IssuerContext
from .errors import Conflict, NotFound
from .storage.models import Document

STATUS_NAMES: Final = {
    STATUS_VALID: "valid",
    STATUS_INVALID: "revoked",
    STATUS_SUSPENDED: "suspended",
}


def set_document_status(ctx: IssuerContext, document_id: str, status: int, *, actor: str) -> int:
    """Give a document and its credentials ``status``; returns how many credentials changed."""
    with ctx.sessions.begin() as session:
        document = session.get(Document, document_id, with_for_update=True)
        if document is None:
            raise NotFound("no such document", field="document_id")
        if document.status == STATUS_INVALID:
            raise Conflict("the document is revoked; revocation is final")
        if status == STATUS_VALID and document.status != STATUS_SUSPENDED:
            raise Conflict("only a suspended document can be reinstated")
        document.status = status
        count = ctx.status.set_document_status(session, document_id, status)
        ctx.audit(session, actor, f"document.{STATUS_NAMES[status]}", document_id)
        return count
