"""JSON views of stored records (the admin API and the CLI print the same shapes)."""

from __future__ import annotations

from typing import Any

from crypto import STATUS_VALID

from ..revocation import STATUS_NAMES
from ..storage.models import Document, Person


def document_view(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "person_id": document.person_id,
        "type": document.doc_type,
        "number": document.number,
        "issue_date": document.issue_date.isoformat() if document.issue_date else None,
        "expiry_date": document.expiry_date.isoformat() if document.expiry_date else None,
        "status": STATUS_NAMES.get(document.status, str(document.status)),
        "valid": document.status == STATUS_VALID,
    }


def person_view(person: Person, *, with_documents: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": person.id,
        "family_name": person.family_name,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "family_name_latin": person.family_name_latin,
        "given_name_latin": person.given_name_latin,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
    }
    if with_documents:
        view["documents"] = [document_view(d) for d in person.documents]
    return view
