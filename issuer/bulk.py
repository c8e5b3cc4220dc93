"""Bulk enrolment from CSV: every row checked first, then the good rows in one transaction."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_

from .errors import IssuerError
from .service import IssuerService
from .storage.models import Document, Person

PERSON_COLUMNS = (
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "birth_place",
    "sex",
    "tax_number",
    "record_number",
)
DOCUMENT_COLUMNS = ("doc_type", "document_number", "issue_date", "expiry_date", "issuing_authority")
MAX_ROWS = 100_000


@dataclass
class ImportReport:
    """What an import did: rows imported, rows rejected with their reasons."""

    imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "rejected": [{"row": r, "reason": why} for r, why in self.rejected],
        }


def read_rows(text: str) -> list[dict[str, str]]:
    """The CSV rows as dicts; the header must name the known columns."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"family_name", "given_name", "birth_date", "sex", "doc_type"} - set(
        reader.fieldnames or []
    )
    if missing:
        raise IssuerError(f"the CSV header lacks {', '.join(sorted(missing))}", field="header")
    rows = []
    for row in reader:
        rows.append({k: (v or "").strip() for k, v in row.items() if k})
        if len(rows) > MAX_ROWS:
            raise IssuerError(f"more than {MAX_ROWS} rows: split the file", field="rows")
    return rows


def import_rows(
    service: IssuerService,
    rows: Iterable[dict[str, str]],
    *,
    actor: str,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row, then store the good ones (all of them or, with ``strict``, none)."""
    report = ImportReport()
    good: list[tuple[int, Person, Document]] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            person = service.validate_person({k: row.get(k) for k in PERSON_COLUMNS})
            data = {k: row.get(k) for k in DOCUMENT_COLUMNS if k != "doc_type"}
            document = service.validate_document(person, row.get("doc_type", ""), data)
            keys = {("doc", f"{document.doc_type}:{document.number}")}
            keys |= {("tax", person.tax_number)} if person.tax_number else set()
            keys |= {("unzr", person.record_number)} if person.record_number else set()
            if keys & seen:
                raise IssuerError("repeats a person or document of an earlier row")
            seen |= keys
            good.append((number, person, document))
        except IssuerError as exc:
            report.rejected.append((number, str(exc)))
        if progress:
            progress(1)
    _drop_existing(service, good, report)
    if strict and report.rejected:
        return report
    with service.sessions.begin() as session:
        for _, person, document in good:
            session.add(person)
            session.add(document)
        service.audit(session, actor, "import.csv", f"persons={len(good)}")
    report.imported = len(good)
    return report


def _drop_existing(
    service: IssuerService, good: list[tuple[int, Person, Document]], report: ImportReport
) -> None:
    """Reject rows whose person or document the database already has."""
    with service.sessions() as session:
        taxes = set(
            session.scalars(
                select(Person.tax_number).where(
                    Person.tax_number.in_([p.tax_number for _, p, _ in good if p.tax_number])
                )
            )
        )
        unzrs = set(
            session.scalars(
                select(Person.record_number).where(
                    Person.record_number.in_(
                        [p.record_number for _, p, _ in good if p.record_number]
                    )
                )
            )
        )
        docs = set(
            session.execute(
                select(Document.doc_type, Document.number).where(
                    tuple_(Document.doc_type, Document.number).in_(
                        [(d.doc_type, d.number) for _, _, d in good]
                    )
                )
            ).tuples()
        )
    kept = []
    for number, person, document in good:
        if person.tax_number in taxes or person.record_number in unzrs:
            report.rejected.append((number, "the person is already enrolled"))
        elif (document.doc_type, document.number) in docs:
            report.rejected.append((number, "the document number is already enrolled"))
        else:
            kept.append((number, person, document))
    good[:] = kept
    report.rejected.sort()
