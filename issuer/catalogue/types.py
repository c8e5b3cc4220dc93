"""The document catalogue: each document type, its validation, its claims and its credentials.

A document type yields one or more *credential configurations* (OpenID4VCI): the full
credential, and for identity documents a border profile and an age credential, small
enough for a QR code (see docs/qr.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from posvid.common.vocabulary import (
    AGE_THRESHOLDS,
    BORDER_CLAIMS,
    PAPER_CLAIMS,
    PAPER_SUFFIX,
    vct_for,
)

from ..errors import NotFound
from . import validation as v
from .labels import CLAIM_LABELS

PERSON_CLAIMS: Final = (
    "family_name",
    "given_name",
    "patronymic",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "birth_place",
    "sex",
)


@dataclass(frozen=True)
class ValidDocument:
    """A document's data after validation, ready to store."""

    number: str
    issue_date: dt.date | None
    expiry_date: dt.date | None
    fields: dict[str, Any]


@dataclass(frozen=True)
class CredentialConfiguration:
    """One credential an issuer offers for a document type (an OpenID4VCI configuration)."""

    id: str
    vct: str
    names: tuple[str, str]  # uk, en
    claims: tuple[str, ...] | None  # None: every claim of the document
    age_predicates: bool
    validity_days: int
    #: bound to a holder key (``cnf``) and issued over OpenID4VCI; a paper credential is not: it is
    #: printed by the issuer and expires with its document (issuer/paper.py)
    holder_bound: bool = True


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: how to check it and what its credentials say."""

    key: str
    names: tuple[str, str]
    #: (the person's data, the document's, today) -> the document checked
    validate: Callable[[Mapping[str, Any], Mapping[str, Any], dt.date], ValidDocument]
    document_claims: tuple[str, ...]
    identity: bool = False
    configurations: list[CredentialConfiguration] = field(default_factory=list)
    #: the field its number is typed in (the one a number already enrolled is told at)
    number_field: str = "document_number"


def _person_claims(person: Mapping[str, Any]) -> dict[str, Any]:
    return {k: person[k] for k in PERSON_CLAIMS if person.get(k) not in (None, "")}


def _birth(person: Mapping[str, Any]) -> dt.date:
    return dt.date.fromisoformat(person["birth_date"])


def _issued(
    c: v.Checks, data: Mapping[str, Any], birth: dt.date, years: int, today: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """The issue date and the expiry date (``years`` after issue when not given), checked: issued
    after the birth and not in the future, not expired today."""
    issue = c(v.required_date, data, "issue_date")
    given = c(v.date, data, "expiry_date", required=False)
    expiry = given or (v.add_years(issue, years) if issue else None)
    if not c.failed("expiry_date"):
        c(v.check_dates, issue, expiry, birth, today)
    return issue, expiry


def _valid(
    c: v.Checks, number: str | None, issue: dt.date | None, expiry: dt.date | None, fields: Any
) -> ValidDocument:
    """The document once every rule passed (else every problem, raised)."""
    c.done()
    assert number is not None  # noqa: S101 - a missing number is a problem raised above
    return ValidDocument(number, issue, expiry, fields)


def _id_card(person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date) -> ValidDocument:
    c = v.Checks()
    number = c(v.required_text, data, "document_number", pattern=r"\d{9}")
    issue, expiry = _issued(c, data, _birth(person), 10, today)
    if not person.get("record_number"):
        c.add(v.invalid("record_number", "record_needed", "an ID card needs the person's УНЗР"))
    authority = c(v.required_text, data, "issuing_authority", pattern=r"\d{4}")
    fields = {"issuing_authority": authority, "nationality": "UKR"}
    # no ``portrait`` here: a portrait comes only from a photo through issuer.portrait (one face,
    # framed, no metadata, within its byte budget), stored with the person, never typed in
    return _valid(c, number, issue, expiry, fields)


def _passport(person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date) -> ValidDocument:
    c = v.Checks()
    number = c(v.latin_code, data, "document_number", r"[A-Z]{2}\d{6}")
    issue, expiry = _issued(c, data, _birth(person), 10, today)
    fields: dict[str, Any] = {
        "issuing_authority": c(v.required_text, data, "issuing_authority", pattern=r"\d{4}"),
        "nationality": "UKR",
    }
    for name in ("family_name_latin", "given_name_latin"):  # as printed, may differ
        printed = c(v.latin_name, data, name)
        if printed:
            fields[name] = printed
    return _valid(c, number, issue, expiry, fields)


def _privilege(
    c: v.Checks, item: Any, birth: dt.date, licence: dt.date | None, today: dt.date
) -> dict[str, str] | None:
    """One driving category with the date it was granted (and its own expiry, if any): granted
    once the holder was 16, not after the licence was issued."""
    if not isinstance(item, Mapping):
        c.add(v.invalid("", "not_an_object", "each category is an object"))
        return None
    category = c(v.required_text, item, "category", max_len=3)
    if category is not None and category not in v.DRIVING_CATEGORIES:
        c.add(v.invalid("category", "category_unknown", "is no driving category"))
    granted = c(v.required_date, item, "issue_date")
    if granted is not None:
        c(_granted_when, granted, birth, licence, today)
    until = c(v.date, item, "expiry_date", required=False)
    if granted and until and until <= granted:
        c.add(v.invalid("expiry_date", "expiry_before_issue", "is not after the issue date"))
    if category is None or granted is None:
        return None
    entry = {"category": category, "issue_date": granted.isoformat()}
    if until:
        entry["expiry_date"] = until.isoformat()
    return entry


def _granted_when(
    granted: dt.date, birth: dt.date, licence: dt.date | None, today: dt.date
) -> None:
    if granted < birth:
        raise v.invalid("issue_date", "before_birth", "is before the birth date")
    if granted < v.add_years(birth, v.DRIVING_AGE):
        raise v.invalid("issue_date", "too_young", "the holder was under 16", age="16")
    v.not_future(granted, today, "issue_date")
    if licence is not None and granted > licence:
        raise v.invalid("issue_date", "after_licence", "is after the licence's issue date")


def _driving_licence(
    person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date
) -> ValidDocument:
    c = v.Checks()
    number = c(v.cyrillic_code, data, "document_number", r"[А-ЯІЇЄҐ]{3}\d{6}")
    birth = _birth(person)
    issue, expiry = _issued(c, data, birth, 30, today)
    if issue is not None and issue >= birth and issue < v.add_years(birth, v.DRIVING_AGE):
        c.add(v.invalid("issue_date", "too_young", "the holder was under 16", age="16"))
    raw = data.get("driving_privileges")
    privileges = []
    if not isinstance(raw, list) or not raw:
        c.add(v.invalid("driving_privileges", "categories_needed", "needs at least one category"))
    else:
        for i, item in enumerate(raw):
            nested = c.nested(f"driving_privileges.{i}.")
            privileges.append(_privilege(nested, item, birth, issue, today))
    return _valid(c, number, issue, expiry, {"driving_privileges": privileges})


def _taxpayer(person: Mapping[str, Any], data: Mapping[str, Any], _today: dt.date) -> ValidDocument:
    c = v.Checks()
    number = c(v.required_text, data, "tax_number")
    if number:
        c(v.check_tax_number, number, _birth(person), person["sex"])
    return _valid(c, number, None, None, {"tax_number": number})


def _address(c: v.Checks, data: Mapping[str, Any], name: str) -> dict[str, Any]:
    raw = data.get(name)
    if not isinstance(raw, Mapping):
        c.add(v.invalid(name, "address_needed", "needs region, community and settlement"))
        return {}
    inner = c.nested(f"{name}.")
    parts = ("region", "community", "settlement")
    address = {k: inner(v.cyrillic_text, raw, k, max_len=120) for k in parts}
    return address


def _member(c: v.Checks, member: Any, today: dt.date) -> dict[str, Any]:
    if not isinstance(member, Mapping):
        c.add(v.invalid("", "not_an_object", "each member is an object"))
        return {}
    born = c(v.required_date, member, "birth_date")
    if born is not None and born > today:
        c.add(v.invalid("birth_date", "future_date", "is in the future"))
    return {
        "family_name": c(v.cyrillic_name, member, "family_name"),
        "given_name": c(v.cyrillic_name, member, "given_name"),
        "birth_date": born.isoformat() if born else None,
        "relation": c(v.required_text, member, "relation", max_len=40),
    }


def _idp_certificate(
    person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date
) -> ValidDocument:
    c = v.Checks()
    number = c(v.required_text, data, "certificate_number", pattern=r"\d{4}-\d{10}")
    registered = c(v.required_date, data, "registration_date")
    c(v.check_dates, registered, None, _birth(person), today, issue_field="registration_date")
    members = data.get("family_members", [])
    if not isinstance(members, list):
        c.add(v.invalid("family_members", "not_a_list", "must be a list"))
        members = []
    family = [_member(c.nested(f"family_members.{i}."), m, today) for i, m in enumerate(members)]
    fields = {
        "certificate_number": number,
        "registration_date": registered.isoformat() if registered else None,
        "previous_address": _address(c, data, "previous_address"),
        "current_address": _address(c, data, "current_address"),
        "family_members": family,
    }
    return _valid(c, number, registered, None, fields)


def _parent(c: v.Checks, data: Mapping[str, Any], name: str) -> dict[str, str] | None:
    raw = data.get(name)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.add(v.invalid(name, "not_an_object", "must be an object with the parent's names"))
        return None
    inner = c.nested(f"{name}.")
    parent = {k: inner(v.cyrillic_name, raw, k) for k in ("family_name", "given_name")}
    patronymic = inner(v.cyrillic_name, raw, "patronymic", required=False)
    if patronymic:
        parent["patronymic"] = patronymic
    return {k: str(value) for k, value in parent.items()}


def _series(data: Mapping[str, Any], name: str) -> str:
    """A birth certificate's series, ``I-БК``: the Roman numeral in Latin letters and the two
    letters in Cyrillic, whichever keyboard typed them (``І-БК`` with a Cyrillic І is one)."""
    value = v.required_text(data, name, max_len=12)
    numeral, dash, letters = value.partition("-")
    value = numeral.translate(v.TO_LATIN) + dash + letters.translate(v.TO_CYRILLIC)
    if not re.fullmatch(r"[IVXL]{1,5}-[А-ЩЬЮЯЄІЇҐ]{2}", value):
        raise v.invalid(name, "format", "has the wrong format")
    return value


def _birth_certificate(
    person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date
) -> ValidDocument:
    c = v.Checks()
    series = c(_series, data, "series")
    number = c(v.required_text, data, "document_number", pattern=r"\d{6}")
    issue = c(v.required_date, data, "issue_date")
    c(v.check_dates, issue, None, _birth(person), today)
    fields: dict[str, Any] = {"series": series, "issue_date": issue.isoformat() if issue else None}
    for name in ("mother", "father"):
        parent = _parent(c, data, name)
        if parent:
            fields[name] = parent
    if data.get("mother") is None and data.get("father") is None:
        c.add(v.invalid("mother", "parent_needed", "names at least one parent"))
    return _valid(c, f"{series} {number}", issue, None, fields)


STUDY_FORMS: Final = ("денна", "заочна", "дистанційна", "вечірня")


def _student_card(
    _person: Mapping[str, Any], data: Mapping[str, Any], today: dt.date
) -> ValidDocument:
    c = v.Checks()
    number = c(v.cyrillic_code, data, "document_number", r"[А-ЯІЇЄҐ]{2}\d{8}")
    until = c(v.required_date, data, "valid_until")
    if until is not None:
        c(v.still_valid, until, today, "valid_until")
    study_form = c(v.required_text, data, "study_form")
    if study_form is not None and study_form not in STUDY_FORMS:
        c.add(v.invalid("study_form", "study_form", f"is one of {', '.join(STUDY_FORMS)}"))
    fields = {
        "institution": c(v.required_text, data, "institution"),
        "faculty": c(v.required_text, data, "faculty"),
        "study_form": study_form,
        "valid_until": until.isoformat() if until else None,
    }
    return _valid(c, number, None, until, fields)


def _configs(key: str, names: tuple[str, str], identity: bool) -> list[CredentialConfiguration]:
    configs = [CredentialConfiguration(key, vct_for(key), names, None, identity, 365)]
    if identity:
        configs.append(
            CredentialConfiguration(
                f"{key}-border",
                vct_for(f"{key}-border"),
                (f"{names[0]}: для кордону", f"{names[1]}: border check"),
                BORDER_CLAIMS,
                False,
                90,
            )
        )
        configs.append(
            CredentialConfiguration(
                f"{key}-age",
                vct_for(f"{key}-age"),
                (f"{names[0]}: підтвердження віку", f"{names[1]}: age"),
                (),
                True,
                90,
            )
        )
        configs.append(
            CredentialConfiguration(
                f"{key}{PAPER_SUFFIX}",
                vct_for(f"{key}{PAPER_SUFFIX}"),
                (f"{names[0]}: паперовий", f"{names[1]}: paper"),
                PAPER_CLAIMS,
                False,
                0,  # unused: a paper credential expires with its document
                holder_bound=False,
            )
        )
    return configs


def _type(
    key: str,
    names: tuple[str, str],
    validate: Callable[..., ValidDocument],
    claims: tuple[str, ...],
    identity: bool = False,
    number_field: str = "document_number",
) -> DocumentType:
    configs = _configs(key, names, identity)
    return DocumentType(key, names, validate, claims, identity, configs, number_field)


DOCUMENT_TYPES: Final[dict[str, DocumentType]] = {
    t.key: t
    for t in (
        _type(
            "id-card",
            ("Паспорт громадянина України (ID-картка)", "Ukrainian ID card"),
            _id_card,
            (
                "document_number",
                "record_number",
                "nationality",
                "issuing_authority",
                "issue_date",
                "expiry_date",
                "portrait",
            ),
            identity=True,
        ),
        _type(
            "passport",
            ("Паспорт для виїзду за кордон", "Ukrainian passport"),
            _passport,
            (
                "document_number",
                "nationality",
                "issuing_authority",
                "issue_date",
                "expiry_date",
                "portrait",
            ),
            identity=True,
        ),
        _type(
            "driving-licence",
            ("Посвідчення водія", "Driving licence"),
            _driving_licence,
            ("document_number", "issue_date", "expiry_date", "driving_privileges"),
        ),
        _type(
            "taxpayer",
            ("Картка платника податків", "Taxpayer card"),
            _taxpayer,
            ("tax_number",),
            number_field="tax_number",
        ),
        _type(
            "idp-certificate",
            ("Довідка ВПО", "Internally displaced person certificate"),
            _idp_certificate,
            (
                "certificate_number",
                "registration_date",
                "previous_address",
                "current_address",
                "family_members",
            ),
            number_field="certificate_number",
        ),
        _type(
            "birth-certificate",
            ("Свідоцтво про народження", "Birth certificate"),
            _birth_certificate,
            ("series", "document_number", "issue_date", "mother", "father"),
        ),
        _type(
            "student-card",
            ("Студентський квиток", "Student card"),
            _student_card,
            ("document_number", "institution", "faculty", "study_form", "valid_until"),
        ),
    )
}

CONFIGURATIONS: Final[dict[str, tuple[DocumentType, CredentialConfiguration]]] = {
    c.id: (t, c) for t in DOCUMENT_TYPES.values() for c in t.configurations
}


def document_type(key: str) -> DocumentType:
    """The document type named ``key``."""
    kind = DOCUMENT_TYPES.get(key)
    if kind is None:
        raise NotFound(f"unknown document type; known: {', '.join(DOCUMENT_TYPES)}", field="type")
    return kind


def configuration(config_id: str) -> tuple[DocumentType, CredentialConfiguration]:
    """The document type and credential configuration with this id."""
    found = CONFIGURATIONS.get(config_id)
    if found is None:
        raise NotFound("unknown credential configuration", field="credential_configuration_id")
    return found


def all_claims(
    person: Mapping[str, Any],
    number: str,
    issue: dt.date | None,
    expiry: dt.date | None,
    fields: Mapping[str, Any],
    doc: DocumentType,
    today: dt.date,
) -> dict[str, Any]:
    """Every claim a document's full credential carries (before selecting a profile)."""
    claims = _person_claims(person)
    for name, value in fields.items():
        if name == "portrait":  # typed into a document before portraits had their pipeline
            continue
        claims[name] = value  # a passport's printed Latin names replace the transliteration
    if "document_number" in doc.document_claims:
        claims["document_number"] = number.split(" ")[-1]
    if person.get("record_number") and "record_number" in doc.document_claims:
        claims["record_number"] = person["record_number"]
    if issue and "issue_date" in doc.document_claims:
        claims["issue_date"] = issue.isoformat()
    if expiry and "expiry_date" in doc.document_claims:
        claims["expiry_date"] = expiry.isoformat()
    birth = dt.date.fromisoformat(person["birth_date"])
    age = v.age_on(birth, today)
    if doc.identity:
        claims["age_equal_or_over"] = {str(t): age >= t for t in AGE_THRESHOLDS}
    return claims


def select(claims: Mapping[str, Any], config: CredentialConfiguration) -> dict[str, Any]:
    """The claims of one credential configuration."""
    if config.claims is None:
        return dict(claims)
    chosen = {k: claims[k] for k in config.claims if k in claims}
    if config.age_predicates:
        chosen["age_equal_or_over"] = claims["age_equal_or_over"]
    return chosen


def type_metadata(config: CredentialConfiguration, doc: DocumentType) -> dict[str, Any]:
    """SD-JWT VC type metadata: display names and claim labels (uk, en); every claim is SD."""
    names = list(PERSON_CLAIMS) + list(doc.document_claims)
    if config.claims is not None:
        names = list(config.claims)
    claims: list[dict[str, Any]] = []
    for name in dict.fromkeys(names):
        uk, en = CLAIM_LABELS[name]
        claims.append(
            {
                "path": [name],
                "display": [{"locale": "uk", "label": uk}, {"locale": "en", "label": en}],
                "sd": "always",
            }
        )
    if config.age_predicates:
        uk, en = CLAIM_LABELS["age_equal_or_over"]
        claims.append(
            {
                "path": ["age_equal_or_over"],
                "display": [{"locale": "uk", "label": uk}, {"locale": "en", "label": en}],
                "sd": "never",
            }
        )
        for t in AGE_THRESHOLDS:
            claims.append(
                {
                    "path": ["age_equal_or_over", str(t)],
                    "display": [
                        {"locale": "uk", "label": f"{t} років або більше"},
                        {"locale": "en", "label": f"{t} or over"},
                    ],
                    "sd": "always",
                }
            )
    for name in ("iss", "vct", "iat", "exp", "cnf", "status"):
        if name == "cnf" and not config.holder_bound:
            continue
        claims.append({"path": [name], "sd": "never"})
    return {
        "vct": config.vct,
        "name": config.names[1],
        "display": [
            {"locale": "uk", "name": config.names[0]},
            {"locale": "en", "name": config.names[1]},
        ],
        "claims": claims,
    }
