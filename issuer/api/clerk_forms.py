"""The clerk's forms: which fields each document type has, read from a form, shown back.

Every document type of the catalogue (:data:`issuer.catalogue.types.DOCUMENT_TYPES`) has a form
here, made of plain fields, groups (an address, a parent) and repeated rows (driving categories,
family members). A form's inputs are named ``<type>:<field>`` (``driving-licence:
driving_privileges.0.category``), so the fields of every type can sit in one page and only the
chosen type's are read. :func:`read_document` turns the posted form into the catalogue's data
(rows left empty dropped, an empty group ``None``); :func:`document_form` and
:func:`person_form` describe a form to render, with the values posted and each problem's words
next to its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from posvid.common import wording

from ..catalogue.types import STUDY_FORMS
from ..catalogue.validation import DRIVING_CATEGORIES
from ..errors import InvalidDocument
from .clerk_words import REFUSALS, TEXT, error_words, hint, label, place
from .clerk_words import words as words_of

MAX_ROWS: Final = 20
_CATEGORY_ORDER: Final = (
    "A1",
    "A",
    "B1",
    "B",
    "C1",
    "C",
    "D1",
    "D",
    "BE",
    "C1E",
    "CE",
    "D1E",
    "DE",
    "T",
)
assert set(_CATEGORY_ORDER) == DRIVING_CATEGORIES  # noqa: S101 - one list of categories


@dataclass(frozen=True)
class Input:
    """One field: its name in the catalogue's data, how it is typed, whether it may be empty."""

    name: str
    kind: str = "text"  # text, date, select, numeric
    required: bool = True
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """Fields of one nested object (an address, a parent); ``optional``: all empty is none."""

    name: str
    inputs: tuple[Input, ...]
    optional: bool = False


@dataclass(frozen=True)
class Rows:
    """A repeated list of objects: driving categories, family members."""

    name: str
    inputs: tuple[Input, ...]


Part = Input | Group | Rows
_DATE = "date"
_ADDRESS = (Input("region"), Input("community"), Input("settlement"))
_PARENT = (Input("family_name"), Input("given_name"), Input("patronymic", required=False))
_ISSUED = (Input("issue_date", _DATE), Input("expiry_date", _DATE, required=False))

DOCUMENT_FORMS: Final[dict[str, tuple[Part, ...]]] = {
    "id-card": (
        Input("document_number", "numeric"),
        *_ISSUED,
        Input("issuing_authority", "numeric"),
    ),
    "passport": (
        Input("document_number"),
        *_ISSUED,
        Input("issuing_authority", "numeric"),
        Input("family_name_latin", required=False),
        Input("given_name_latin", required=False),
    ),
    "driving-licence": (
        Input("document_number"),
        *_ISSUED,
        Rows(
            "driving_privileges",
            (
                Input("category", "select", options=_CATEGORY_ORDER),
                Input("issue_date", _DATE),
                Input("expiry_date", _DATE, required=False),
            ),
        ),
    ),
    "taxpayer": (Input("tax_number", "numeric", required=False),),
    "idp-certificate": (
        Input("certificate_number"),
        Input("registration_date", _DATE),
        Group("previous_address", _ADDRESS),
        Group("current_address", _ADDRESS),
        Rows(
            "family_members",
            (
                Input("family_name"),
                Input("given_name"),
                Input("birth_date", _DATE),
                Input("relation"),
            ),
        ),
    ),
    "birth-certificate": (
        Input("series"),
        Input("document_number", "numeric"),
        Input("issue_date", _DATE),
        Group("mother", _PARENT, optional=True),
        Group("father", _PARENT, optional=True),
    ),
    "student-card": (
        Input("document_number"),
        Input("institution"),
        Input("faculty"),
        Input("study_form", "select", options=STUDY_FORMS),
        Input("valid_until", _DATE),
    ),
}

PERSON_FORM: Final[tuple[Input, ...]] = (
    Input("family_name"),
    Input("given_name"),
    Input("patronymic", required=False),
    Input("birth_date", _DATE),
    Input("sex", "select", options=("F", "M")),
    Input("birth_place", required=False),
    Input("tax_number", "numeric", required=False),
    Input("record_number", required=False),
    Input("family_name_latin", required=False),
    Input("given_name_latin", required=False),
)


PERSON_ORDER: Final = tuple(i.name for i in PERSON_FORM)


def form_text(form: Mapping[str, Any], key: str) -> Any:
    """A posted value as posted: text, or what else came (a file), or None."""
    return form.get(key)


def read_person(form: Mapping[str, Any]) -> dict[str, Any]:
    """The person's data from the enrolment form."""
    return {i.name: form_text(form, i.name) for i in PERSON_FORM}


def _row_indices(form: Mapping[str, Any], prefix: str) -> list[int]:
    pattern = re.compile(re.escape(prefix) + r"\.(\d{1,3})\.")
    found = {int(m.group(1)) for key in form if (m := pattern.match(str(key)))}
    return sorted(found)[:MAX_ROWS]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(form: Mapping[str, Any], prefix: str, rows: Rows) -> list[dict[str, Any]]:
    """The rows of a list as posted, in order, those left wholly empty dropped."""
    found = []
    for index in _row_indices(form, prefix):
        row = {i.name: form_text(form, f"{prefix}.{index}.{i.name}") for i in rows.inputs}
        if not all(_blank(value) for value in row.values()):
            found.append(row)
    return found


def read_document(form: Mapping[str, Any], doc_type: str) -> dict[str, Any]:
    """The catalogue's data of a ``doc_type`` document from the posted form."""
    data: dict[str, Any] = {}
    for part in DOCUMENT_FORMS[doc_type]:
        prefix = f"{doc_type}:{part.name}"
        if isinstance(part, Input):
            data[part.name] = form_text(form, prefix)
        elif isinstance(part, Group):
            group = {i.name: form_text(form, f"{prefix}.{i.name}") for i in part.inputs}
            empty = all(_blank(value) for value in group.values())
            data[part.name] = None if part.optional and empty else group
        else:
            data[part.name] = read_rows(form, prefix, part)
    return data


# --- what a template renders ----------------------------------------------------------------


@dataclass
class FieldView:
    """One input as the template draws it."""

    key: str  # the input's name in the form
    id: str
    label: str
    kind: str
    required: bool
    value: str
    hint: str | None
    options: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


@dataclass
class PartView:
    """A plain field, a group of fields or a list of rows."""

    kind: str  # field, group, rows
    name: str
    label: str
    hint: str | None = None
    single: FieldView | None = None
    fields: list[FieldView] = field(default_factory=list)
    rows: list[list[FieldView]] = field(default_factory=list)
    template: list[FieldView] = field(default_factory=list)  # an empty row, for the script
    error: str | None = None


@dataclass
class Problems:
    """A form's problems as words, by the field they belong to; those of no field apart."""

    by_field: dict[str, str] = field(default_factory=dict)
    summary: list[tuple[str | None, str]] = field(default_factory=list)  # (input id, words)

    def take(self, key: str | None) -> str | None:
        return self.by_field.get(key) if key else None


def _id(key: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _options(item: Input, lang: str) -> list[tuple[str, str]]:
    if item.name == "sex":
        return [
            (code, (wording.value_word(code, lang) or code).capitalize()) for code in ("F", "M")
        ]
    if item.name == "category":
        return [(c, f"{c} — {wording.pick(wording.CATEGORY_WORDS[c], lang)}") for c in item.options]
    return [(o, (wording.value_word(o, lang) or o).capitalize()) for o in item.options]


def _field(
    item: Input,
    key: str,
    name: str,
    doc_type: str,
    form: Mapping[str, Any],
    lang: str,
    problems: Problems,
) -> FieldView:
    view = FieldView(
        key=key,
        id=_id(key),
        label=label(name, lang),
        kind=item.kind,
        required=item.required,
        value=_shown(form.get(key)),
        hint=hint(doc_type, name, lang),
        options=_options(item, lang) if item.kind == "select" else [],
    )
    view.error = problems.take(name)
    return view


def _rows_view(
    part: Rows,
    doc_type: str,
    form: Mapping[str, Any],
    lang: str,
    problems: Problems,
    extra_rows: int,
) -> PartView:
    prefix = f"{doc_type}:{part.name}"
    kept = read_rows(form, prefix, part)
    count = min(MAX_ROWS, max(len(kept) + 1 + extra_rows, 2))
    rows = []
    for index in range(count):
        values = kept[index] if index < len(kept) else {}
        posted = {f"{prefix}.{index}.{i.name}": values.get(i.name) for i in part.inputs}
        rows.append(
            [
                _field(
                    i,
                    f"{prefix}.{index}.{i.name}",
                    f"{part.name}.{index}.{i.name}",
                    doc_type,
                    posted,
                    lang,
                    problems,
                )
                for i in part.inputs
            ]
        )
    template = [
        _field(
            i,
            f"{prefix}.__row__.{i.name}",
            f"{part.name}.x.{i.name}",
            doc_type,
            {},
            lang,
            Problems(),
        )
        for i in part.inputs
    ]
    return PartView(
        "rows",
        part.name,
        label(part.name, lang),
        hint(doc_type, part.name, lang),
        rows=rows,
        template=template,
        error=problems.take(part.name),
    )


def document_form(
    doc_type: str,
    form: Mapping[str, Any],
    lang: str,
    problems: Problems,
    extra_rows: Mapping[str, int] | None = None,
) -> list[PartView]:
    """The parts of ``doc_type``'s form, with what was posted and the problems' words."""
    parts = []
    for part in DOCUMENT_FORMS[doc_type]:
        key = f"{doc_type}:{part.name}"
        if isinstance(part, Input):
            view = _field(part, key, part.name, doc_type, form, lang, problems)
            parts.append(PartView("field", part.name, view.label, single=view))
        elif isinstance(part, Group):
            fields = [
                _field(
                    i, f"{key}.{i.name}", f"{part.name}.{i.name}", doc_type, form, lang, problems
                )
                for i in part.inputs
            ]
            group_hint = hint(doc_type, "parents", lang) if part.optional else None
            parts.append(
                PartView(
                    "group",
                    part.name,
                    label(part.name, lang),
                    group_hint,
                    fields=fields,
                    error=problems.take(part.name),
                )
            )
        else:
            more = (extra_rows or {}).get(part.name, 0)
            parts.append(_rows_view(part, doc_type, form, lang, problems, more))
    return parts


def person_form(form: Mapping[str, Any], lang: str, problems: Problems) -> list[FieldView]:
    """The enrolment form's fields, with what was posted and the problems' words."""
    return [_field(i, i.name, i.name, "", form, lang, problems) for i in PERSON_FORM]


def problems_of(
    error: InvalidDocument,
    doc_type: str,
    lang: str,
    shown: frozenset[str] = frozenset(),
    order: tuple[str, ...] = (),
) -> Problems:
    """Each problem in words, under its field; a problem of a field the form has not (``shown``
    names those it has, empty: every one) only in the summary, with the field's label. The
    summary follows the form's ``order`` (the field names as :func:`document_order` gives)."""
    found = Problems()
    listed: list[tuple[str, tuple[str | None, str]]] = []
    for problem in error.problems or (error,):
        name = problem.field or ""
        words = error_words(problem.reason, dict(problem.params), hint(doc_type, name, lang), lang)
        key = f"{doc_type}:{name}" if doc_type else name
        on_form = not shown or name in shown or name.split(".", 1)[0] in shown
        if name and on_form and name not in found.by_field:
            found.by_field[name] = words
            listed.append((name, (_id(key), f"{place(name, lang)}: {words}")))
        elif name:
            listed.append((name, (None, f"{place(name, lang)}: {words}")))
        else:
            listed.append((name, (None, words)))
    listed.sort(key=lambda item: _rank(item[0], order))  # stable: same place, found order
    found.summary = [entry for _, entry in listed]
    return found


def _rank(name: str, order: tuple[str, ...]) -> tuple[int, int, int]:
    """Where field ``name`` (``driving_privileges.1.category``) is on a form of ``order``."""
    parts = name.split(".")
    row = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else -1
    flat = ".".join(p for p in parts if not p.isdigit())
    end = len(order)
    head = order.index(parts[0]) if parts[0] in order else end
    return head, row, order.index(flat) if flat in order else end


def document_order(doc_type: str) -> tuple[str, ...]:
    """The field names of ``doc_type``'s form as they come, nested ones by their place."""
    names: list[str] = []
    for part in DOCUMENT_FORMS[doc_type]:
        names.append(part.name)
        if not isinstance(part, Input):
            names += [f"{part.name}.{i.name}" for i in part.inputs]
    return tuple(names)


def number_taken(doc_type: str, name: str, reason: str, lang: str) -> Problems:
    """A number already enrolled, said next to its field ``name`` (never whose it is)."""
    found = Problems()
    said = words_of(REFUSALS, reason if reason in REFUSALS else "document_taken", lang)
    found.by_field[name] = said
    found.summary.append((_id(f"{doc_type}:{name}"), f"{place(name, lang)}: {said}"))
    return found


def document_fields(doc_type: str) -> frozenset[str]:
    """The top-level field names ``doc_type``'s form has."""
    return frozenset(part.name for part in DOCUMENT_FORMS[doc_type])


def choose_label(lang: str) -> str:
    """The empty choice of a select."""
    return TEXT["choose"][lang]
