"""Enrolment: people and their documents, every rule of the catalogue checked before storing."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any, Final, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crypto import STATUS_VALID

from .catalogue import validation as v
from .catalogue.transliteration import transliterate
from .catalogue.types import document_type
from .context import IssuerContext
from .errors import Conflict, NotFound
from .storage.models import Document, Person
from .storage.search import has_cyrillic, query_key, search_key

Found = TypeVar("Found", Person, Document)


def validate_person(ctx: IssuerContext, data: Mapping[str, Any]) -> Person:
    """A new, unsaved person from enrolment data; every rule checked, every problem reported.

    Latin names default to the official transliteration.
    """
    c = v.Checks()
    family = c(v.cyrillic_name, data, "family_name")
    given = c(v.cyrillic_name, data, "given_name")
    patronymic = c(v.cyrillic_name, data, "patronymic", required=False)
    birth = c(v.required_date, data, "birth_date")
    if birth is not None and birth > ctx.now().date():
        c.add(v.invalid("birth_date", "future", "is in the future"))
        birth = None
    sex = c(v.required_text, data, "sex", pattern="[MF]")
    tax_number = c(v.text, data, "tax_number", required=False)
    if tax_number:
        c(v.check_tax_number, tax_number, birth, sex)
    record_number = c(v.text, data, "record_number", required=False)
    if record_number:
        c(v.check_record_number, record_number, birth)
    family_latin = c(v.latin_name, data, "family_name_latin")
    given_latin = c(v.latin_name, data, "given_name_latin")
    birth_place = c(v.text, data, "birth_place", required=False)
    c.done()
    if family is None or given is None or birth is None or sex is None:  # raised above
        raise AssertionError("a missing name, birth date or sex was not reported")
    return Person(
        id=str(uuid.uuid4()),
        family_name=family,
        given_name=given,
        patronymic=patronymic,
        family_name_latin=family_latin or transliterate(family),
        given_name_latin=given_latin or transliterate(given),
        birth_date=birth,
        birth_place=birth_place,
        sex=sex,
        tax_number=tax_number,
        record_number=record_number,
        created_at=ctx.now(),
    )


def validate_document(
    ctx: IssuerContext, person: Person, doc_type: str, data: Mapping[str, Any]
) -> Document:
    """A new, unsaved document of ``person``; its type's rules checked against the person."""
    kind = document_type(doc_type)
    source = person.claims_source()
    if doc_type == "taxpayer":
        data = {**data, "tax_number": data.get("tax_number") or source["tax_number"]}
    valid = kind.validate(source, data, ctx.now().date())
    return Document(
        id=str(uuid.uuid4()),
        person_id=person.id,
        doc_type=doc_type,
        number=valid.number,
        issue_date=valid.issue_date,
        expiry_date=valid.expiry_date,
        fields=valid.fields,
        status=STATUS_VALID,
        created_at=ctx.now(),
    )


def _store(
    ctx: IssuerContext, record: Person | Document, action: str, *, actor: str, taken: str
) -> None:
    """Insert ``record`` with its audit event; a unique number already enrolled is a conflict."""
    try:
        with ctx.sessions.begin() as session:
            session.add(record)
            ctx.audit(session, actor, action, record.id)
    except IntegrityError:
        raise Conflict(taken) from None


_ID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _get(session: Session, kind: type[Found], record_id: str, what: str, field: str) -> Found:
    """The record with this id; anything not shaped like an id names none (never a query)."""
    record = session.get(kind, record_id) if _ID.fullmatch(record_id) else None
    if record is None:
        raise NotFound(f"no such {what}", field=field)
    return record


def enrol_person(ctx: IssuerContext, data: Mapping[str, Any], *, actor: str) -> Person:
    """Validate and store a person."""
    new = validate_person(ctx, data)
    taken = "a person with this tax number or УНЗР is already enrolled"
    _store(ctx, new, "person.enrol", actor=actor, taken=taken)
    return new


def person(ctx: IssuerContext, person_id: str, *, actor: str | None = None) -> Person:
    """One person with their documents; a read by ``actor`` (a clerk) is audited."""
    with ctx.sessions.begin() as session:
        found = _get(session, Person, person_id, "person", "person_id")
        _ = found.documents
        if actor is not None:
            ctx.audit(session, actor, "person.read", f"person={person_id}")
        return found


_NUMBER_QUERY: Final = re.compile(r"[0-9][0-9-]*")


def _starts_with(ctx: IssuerContext, column: Any, key: str) -> Any:
    """``column`` starts with ``key`` (which holds no wildcard), so that an index serves it:
    ``GLOB 'key*'`` on SQLite (its LIKE ignores ASCII case, and so skips a plain index),
    ``LIKE 'key%'`` on PostgreSQL (a ``text_pattern_ops`` index)."""
    if ctx.engine.dialect.name == "sqlite":
        return column.op("GLOB")(key + "*")
    return column.like(key + "%")


def find_persons(ctx: IssuerContext, query: str, limit: int = 20) -> list[Person]:
    """People whose РНОКПП or УНЗР, or whose names (surname, then given name and patronymic;
    Cyrillic or Latin) start with ``query``, in any case and with any apostrophe; ``%`` and
    ``_`` are no wildcards."""
    text = query.strip()
    if _NUMBER_QUERY.fullmatch(text):
        condition = or_(
            _starts_with(ctx, Person.tax_number, text),
            _starts_with(ctx, Person.record_number, text),
        )
        order: Any = Person.tax_number
    else:
        key = query_key(text)
        if key is None or not any(c.isalpha() for c in key):
            return []
        column = Person.search_name if has_cyrillic(key) else Person.search_latin
        condition, order = _starts_with(ctx, column, key), column
    with ctx.sessions() as session:
        return list(
            session.scalars(select(Person).where(condition).order_by(order, Person.id).limit(limit))
        )


def add_document(
    ctx: IssuerContext, person_id: str, doc_type: str, data: Mapping[str, Any], *, actor: str
) -> Document:
    """Validate a document against its type's rules and the person's data; store it."""
    document_type(doc_type)
    with ctx.sessions() as session:
        owner = _get(session, Person, person_id, "person", "person_id")
    new = validate_document(ctx, owner, doc_type, data)
    taken = "a document of this type with this number is already enrolled"
    try:
        _store(ctx, new, "document.add", actor=actor, taken=taken)
    except Conflict as conflict:
        conflict.field = document_type(doc_type).number_field
        held = _holder(ctx, doc_type, new.number) == person_id
        conflict.reason = "document_held" if held else "document_taken"
        if held:
            conflict.message = "this person already has this document"
        raise
    return new


def _holder(ctx: IssuerContext, doc_type: str, number: str) -> str | None:
    """Whose document of ``doc_type`` has ``number``."""
    with ctx.sessions() as session:
        return session.scalar(
            select(Document.person_id).where(
                Document.doc_type == doc_type, Document.number == number
            )
        )


def namesakes(ctx: IssuerContext, new: Person) -> list[Person]:
    """People enrolled with ``new``'s surname, given name (patronymic, when both have one) and
    birth date whom no РНОКПП or УНЗР tells apart from ``new``: perhaps the same person."""
    key = search_key(new.family_name, new.given_name)
    with ctx.sessions() as session:
        found = session.scalars(
            select(Person)
            .where(Person.birth_date == new.birth_date, _starts_with(ctx, Person.search_name, key))
            .order_by(Person.id)
            .limit(50)
        ).all()
    return [p for p in found if _same_names(p, new) and not _told_apart(p, new)]


def _same_names(one: Person, other: Person) -> bool:
    if search_key(one.family_name, one.given_name) != search_key(
        other.family_name, other.given_name
    ):
        return False
    return (
        not one.patronymic
        or not other.patronymic
        or (search_key(one.patronymic) == search_key(other.patronymic))
    )


def _told_apart(one: Person, other: Person) -> bool:
    return any(
        a is not None and b is not None and a != b
        for a, b in (
            (one.tax_number, other.tax_number),
            (one.record_number, other.record_number),
        )
    )


def document(ctx: IssuerContext, document_id: str) -> Document:
    """One document."""
    with ctx.sessions() as session:
        return _get(session, Document, document_id, "document", "document_id")
