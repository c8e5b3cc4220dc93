"""The document catalogue: each document type, its validation, its claims and its credentials.

A document type yields one or more *credential configurations* (OpenID4VCI): the full
credential, and for identity documents a border profile and an age credential, small
enough for a QR code (see docs/qr.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from posvid.common.vocabulary import AGE_THRESHOLDS, BORDER_CLAIMS, vct_for

from ..errors import InvalidDocument, NotFound
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


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: how to check it and what its credentials say."""

    key: str
    names: tuple[str, str]
    validate: Callable[[Mapping[str, Any], Mapping[str, Any]], ValidDocument]
    document_claims: tuple[str, ...]
    identity: bool = False
    configurations: list[CredentialConfiguration] = field(default_factory=list)


def _person_claims(person: Mapping[str, Any]) -> dict[str, Any]:
    return {k: person[k] for k in PERSON_CLAIMS if person.get(k) not in (None, "")}


def _id_card(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    number = v.required_text(data, "document_number", pattern=r"\d{9}")
    issue = v.required_date(data, "issue_date")
    expiry = v.date(data, "expiry_date", required=False) or v.add_years(issue, 10)
    v.check_dates(issue, expiry, birth)
    if not person.get("record_number"):
        raise InvalidDocument("an ID card needs the person's УНЗР", field="record_number")
    authority = v.required_text(data, "issuing_authority", pattern=r"\d{4}")
    fields = {"issuing_authority": authority, "nationality": "UKR"}
    portrait = v.text(data, "portrait", required=False, max_len=64_000)
    if portrait:
        fields["portrait"] = portrait
    return ValidDocument(number, issue, expiry, fields)


def _passport(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    number = v.required_text(data, "document_number", pattern=r"[A-Z]{2}\d{6}")
    issue = v.required_date(data, "issue_date")
    expiry = v.date(data, "expiry_date", required=False) or v.add_years(issue, 10)
    v.check_dates(issue, expiry, birth)
    fields: dict[str, Any] = {
        "issuing_authority": v.required_text(data, "issuing_authority", pattern=r"\d{4}"),
        "nationality": "UKR",
    }
    for name in ("family_name_latin", "given_name_latin"):  # as printed, may differ
        printed = v.latin_name(data, name)
        if printed:
            fields[name] = printed
    return ValidDocument(number, issue, expiry, fields)


def _driving_licence(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    number = v.required_text(data, "document_number", pattern=r"[А-ЯІЇЄҐA-Z]{3}\d{6}")
    issue = v.required_date(data, "issue_date")
    expiry = v.date(data, "expiry_date", required=False) or v.add_years(issue, 30)
    v.check_dates(issue, expiry, birth)
    raw = data.get("driving_privileges")
    if not isinstance(raw, list) or not raw:
        raise InvalidDocument("needs at least one category", field="driving_privileges")
    privileges = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise InvalidDocument("each category is an object", field="driving_privileges")
        category = v.required_text(item, "category")
        if category not in v.DRIVING_CATEGORIES:
            raise InvalidDocument(f"unknown category {category!r}", field="driving_privileges")
        granted = v.required_date(item, "issue_date")
        until = v.date(item, "expiry_date", required=False)
        entry = {"category": category, "issue_date": granted.isoformat()}
        if until:
            entry["expiry_date"] = until.isoformat()
        privileges.append(entry)
    return ValidDocument(number, issue, expiry, {"driving_privileges": privileges})


def _taxpayer(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    number = v.required_text(data, "tax_number")
    v.check_tax_number(number, birth, person["sex"])
    return ValidDocument(number, None, None, {"tax_number": number})


def _address(data: Mapping[str, Any], name: str) -> dict[str, str]:
    raw = data.get(name)
    if not isinstance(raw, Mapping):
        raise InvalidDocument("needs region, community and settlement", field=name)
    return {k: v.required_text(raw, k, max_len=120) for k in ("region", "community", "settlement")}


def _idp_certificate(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    number = v.required_text(data, "certificate_number", pattern=r"\d{4}-\d{10}")
    registered = v.required_date(data, "registration_date")
    v.check_dates(registered, None, birth)
    members = data.get("family_members", [])
    if not isinstance(members, list):
        raise InvalidDocument("must be a list", field="family_members")
    family = []
    for member in members:
        if not isinstance(member, Mapping):
            raise InvalidDocument("each member is an object", field="family_members")
        family.append(
            {
                "family_name": v.cyrillic_name(member, "family_name"),
                "given_name": v.cyrillic_name(member, "given_name"),
                "birth_date": v.required_date(member, "birth_date").isoformat(),
                "relation": v.required_text(member, "relation", max_len=40),
            }
        )
    fields = {
        "certificate_number": number,
        "registration_date": registered.isoformat(),
        "previous_address": _address(data, "previous_address"),
        "current_address": _address(data, "current_address"),
        "family_members": family,
    }
    return ValidDocument(number, registered, None, fields)


def _parent(data: Mapping[str, Any], name: str) -> dict[str, str] | None:
    raw = data.get(name)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise InvalidDocument("must be an object with the parent's names", field=name)
    parent = {k: v.cyrillic_name(raw, k) for k in ("family_name", "given_name")}
    patronymic = v.cyrillic_name(raw, "patronymic", required=False)
    if patronymic:
        parent["patronymic"] = patronymic
    return {k: str(value) for k, value in parent.items()}


def _birth_certificate(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    birth = dt.date.fromisoformat(person["birth_date"])
    series = v.required_text(data, "series", pattern=r"[IVXLІ]{1,5}-[А-ЩЬЮЯЄІЇҐ]{2}")
    number = v.required_text(data, "document_number", pattern=r"\d{6}")
    issue = v.required_date(data, "issue_date")
    v.check_dates(issue, None, birth)
    fields: dict[str, Any] = {"series": series, "issue_date": issue.isoformat()}
    for name in ("mother", "father"):
        parent = _parent(data, name)
        if parent:
            fields[name] = parent
    if "mother" not in fields and "father" not in fields:
        raise InvalidDocument("names at least one parent", field="mother")
    return ValidDocument(f"{series} {number}", issue, None, fields)


def _student_card(person: Mapping[str, Any], data: Mapping[str, Any]) -> ValidDocument:
    number = v.required_text(data, "document_number", pattern=r"[А-ЯІЇЄҐA-Z]{2}\d{8}")
    until = v.required_date(data, "valid_until")
    study_form = v.required_text(data, "study_form")
    if study_form not in ("денна", "заочна", "дистанційна", "вечірня"):
        raise InvalidDocument("is one of денна, заочна, дистанційна, вечірня", field="study_form")
    fields = {
        "institution": v.required_text(data, "institution"),
        "faculty": v.required_text(data, "faculty"),
        "study_form": study_form,
        "valid_until": until.isoformat(),
    }
    return ValidDocument(number, None, until, fields)


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
    return configs


def _type(
    key: str,
    names: tuple[str, str],
    validate: Callable[..., ValidDocument],
    claims: tuple[str, ...],
    identity: bool = False,
) -> DocumentType:
    return DocumentType(key, names, validate, claims, identity, _configs(key, names, identity))


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
            ("document_number", "nationality", "issuing_authority", "issue_date", "expiry_date"),
            identity=True,
        ),
        _type(
            "driving-licence",
            ("Посвідчення водія", "Driving licence"),
            _driving_licence,
            ("document_number", "issue_date", "expiry_date", "driving_privileges"),
        ),
        _type(
            "taxpayer", ("Картка платника податків", "Taxpayer card"), _taxpayer, ("tax_number",)
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
