"""Values as people read them: claim labels, codes as words, dates, times and nested values as rows.

One vocabulary for every page that shows a document's data: the wallet's (uk, en), the clerk's
(uk, en) and the officer's (uk, en, pl, de). A page never shows a claim name, a code such as ``F``
or ``UKR``, an ISO date or a Python ``repr``: it asks here for words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

LANGUAGES: Final = ("uk", "en", "pl", "de")
AGE_CLAIM: Final = "age_equal_or_over"
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS_EN: Final = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def _four(uk: str, en: str, pl: str, de: str) -> dict[str, str]:
    return {"uk": uk, "en": en, "pl": pl, "de": de}


#: claim labels when the issuer's type metadata has none in the page's language
CLAIM_LABELS: Final[dict[str, dict[str, str]]] = {
    "family_name": _four("Прізвище", "Surname", "Nazwisko", "Familienname"),
    "given_name": _four("Ім'я", "Given name", "Imię", "Vorname"),
    "patronymic": _four("По батькові", "Patronymic", "Imię odojcowskie", "Vatersname"),
    "family_name_latin": _four(
        "Прізвище латиницею", "Surname (Latin)", "Nazwisko (alfabet łaciński)",
        "Familienname (lateinisch)",
    ),
    "given_name_latin": _four(
        "Ім'я латиницею", "Given name (Latin)", "Imię (alfabet łaciński)", "Vorname (lateinisch)"
    ),
    "birth_date": _four("Дата народження", "Date of birth", "Data urodzenia", "Geburtsdatum"),
    "birth_place": _four("Місце народження", "Place of birth", "Miejsce urodzenia", "Geburtsort"),
    "sex": _four("Стать", "Sex", "Płeć", "Geschlecht"),
    "nationality": _four("Громадянство", "Nationality", "Obywatelstwo", "Staatsangehörigkeit"),
    "portrait": _four("Фото", "Portrait", "Zdjęcie", "Lichtbild"),
    AGE_CLAIM: _four("Вік не менше", "Age at least", "Wiek co najmniej", "Mindestalter"),
    "document_number": _four("Номер документа", "Document number", "Numer dokumentu",
                             "Dokumentnummer"),
    "issue_date": _four("Дата видачі", "Date of issue", "Data wydania", "Ausstellungsdatum"),
    "expiry_date": _four("Дійсний до", "Date of expiry", "Ważny do", "Gültig bis"),
    "valid_until": _four("Дійсний до", "Valid until", "Ważny do", "Gültig bis"),
    "issuing_authority": _four("Орган, що видав", "Issuing authority", "Organ wydający",
                               "Ausstellende Behörde"),
    "record_number": _four("Запис № (УНЗР)", "Record No. (UNZR)", "Nr rejestru (UNZR)",
                           "Registernummer (UNZR)"),
    "tax_number": _four("РНОКПП", "Taxpayer number (RNOKPP)", "Numer podatnika (RNOKPP)",
                        "Steuernummer (RNOKPP)"),
    "driving_privileges": _four("Категорії", "Categories", "Kategorie", "Klassen"),
    "category": _four("Категорія", "Category", "Kategoria", "Klasse"),
    "certificate_number": _four("Номер довідки", "Certificate number", "Numer zaświadczenia",
                                "Bescheinigungsnummer"),
    "registration_date": _four("Дата взяття на облік", "Registration date", "Data rejestracji",
                               "Registrierungsdatum"),
    "previous_address": _four("Попереднє місце проживання", "Previous address",
                              "Poprzedni adres", "Frühere Anschrift"),
    "current_address": _four("Фактичне місце проживання", "Current address", "Obecny adres",
                             "Aktuelle Anschrift"),
    "region": _four("Область", "Region", "Obwód", "Gebiet"),
    "community": _four("Громада", "Community", "Gmina", "Gemeinde"),
    "settlement": _four("Населений пункт", "Settlement", "Miejscowość", "Ort"),
    "family_members": _four("Члени сім'ї", "Family members", "Członkowie rodziny",
                            "Familienangehörige"),
    "relation": _four("Ким доводиться", "Relation", "Pokrewieństwo", "Verwandtschaft"),
    "series": _four("Серія", "Series", "Seria", "Serie"),
    "mother": _four("Мати", "Mother", "Matka", "Mutter"),
    "father": _four("Батько", "Father", "Ojciec", "Vater"),
    "institution": _four("Заклад освіти", "Institution", "Uczelnia", "Bildungseinrichtung"),
    "faculty": _four("Факультет", "Faculty", "Wydział", "Fakultät"),
    "study_form": _four("Форма навчання", "Form of study", "Forma studiów", "Studienform"),
    # members of other issuers' claims (EU PID address and place of birth, EHIC institutions)
    "country": _four("Країна", "Country", "Państwo", "Staat"),
    "locality": _four("Населений пункт", "Locality", "Miejscowość", "Ort"),
    "postal_code": _four("Поштовий індекс", "Postal code", "Kod pocztowy", "Postleitzahl"),
    "street_address": _four("Вулиця", "Street", "Ulica", "Straße"),
    "house_number": _four("Будинок", "House number", "Numer domu", "Hausnummer"),
    "formatted": _four("Адреса", "Address", "Adres", "Anschrift"),
    "name": _four("Назва", "Name", "Nazwa", "Name"),
    "id": _four("Код", "Identifier", "Identyfikator", "Kennung"),
}  # fmt: skip

#: codes a document carries, in words
VALUE_WORDS: Final[dict[str, dict[str, str]]] = {
    "yes": _four("так", "yes", "tak", "ja"),
    "no": _four("ні", "no", "nie", "nein"),
    "F": _four("жіноча", "female", "kobieta", "weiblich"),
    "M": _four("чоловіча", "male", "mężczyzna", "männlich"),
    "UKR": _four("Україна", "Ukraine", "Ukraina", "Ukraine"),
    "POL": _four("Польща", "Poland", "Polska", "Polen"),
    "DEU": _four("Німеччина", "Germany", "Niemcy", "Deutschland"),
    "денна": _four("денна", "full-time", "stacjonarna", "Vollzeit"),
    "заочна": _four("заочна", "part-time (extramural)", "zaoczna", "Fernstudium"),
    "дистанційна": _four("дистанційна", "distance learning", "zdalna", "Fernunterricht"),
    "вечірня": _four("вечірня", "evening classes", "wieczorowa", "Abendstudium"),
}

#: driving licence categories (Ukrainian law, after the Vienna convention) in a few words
CATEGORY_WORDS: Final[dict[str, dict[str, str]]] = {
    "A1": _four("легкі мотоцикли", "light motorcycles", "lekkie motocykle", "Leichtkrafträder"),
    "A": _four("мотоцикли", "motorcycles", "motocykle", "Krafträder"),
    "B1": _four("квадроцикли, трицикли", "quadricycles, tricycles", "czterokołowce, trójkołowce",
                "Quads, Trikes"),
    "B": _four("легкові автомобілі", "cars", "samochody osobowe", "Pkw"),
    "C1": _four("вантажівки до 7,5 т", "lorries up to 7.5 t", "ciężarówki do 7,5 t",
                "Lkw bis 7,5 t"),
    "C": _four("вантажівки", "lorries", "ciężarówki", "Lkw"),
    "D1": _four("автобуси до 16 місць", "minibuses up to 16 seats", "autobusy do 16 miejsc",
                "Kleinbusse bis 16 Plätze"),
    "D": _four("автобуси", "buses", "autobusy", "Busse"),
    "BE": _four("легкові з причепом", "cars with a trailer", "samochody z przyczepą",
                "Pkw mit Anhänger"),
    "C1E": _four("вантажівки до 7,5 т з причепом", "lorries up to 7.5 t with a trailer",
                 "ciężarówki do 7,5 t z przyczepą", "Lkw bis 7,5 t mit Anhänger"),
    "CE": _four("вантажівки з причепом", "lorries with a trailer", "ciężarówki z przyczepą",
                "Lkw mit Anhänger"),
    "D1E": _four("автобуси до 16 місць з причепом", "minibuses with a trailer",
                 "autobusy do 16 miejsc z przyczepą", "Kleinbusse mit Anhänger"),
    "DE": _four("автобуси з причепом", "buses with a trailer", "autobusy z przyczepą",
                "Busse mit Anhänger"),
    "T": _four("трамваї, тролейбуси", "trams, trolleybuses", "tramwaje, trolejbusy",
               "Straßenbahnen, Oberleitungsbusse"),
}  # fmt: skip

_AGE_WORDS: Final = _four("{age} або старше", "{age} or over", "{age} lat lub więcej",
                          "{age} oder älter")  # fmt: skip
_SINCE: Final = _four("з {date}", "since {date}", "od {date}", "seit {date}")
_UNTIL: Final = _four("до {date}", "until {date}", "do {date}", "bis {date}")


def pick(entry: Mapping[str, str] | None, lang: str) -> str | None:
    """``entry``'s words in ``lang``, else in English, else None."""
    return None if entry is None else entry.get(lang) or entry.get("en")


def claim_label(name: str, lang: str) -> str | None:
    """Posvid's own label of a well-known claim (``age_equal_or_over.18`` too), or None."""
    head, _, age = name.partition(".")
    if head == AGE_CLAIM and age.isdigit():
        return age_words(int(age), lang)
    return pick(CLAIM_LABELS.get(name), lang)


def age_words(age: int, lang: str) -> str:
    """``18 or over`` in ``lang``."""
    return (pick(_AGE_WORDS, lang) or "{age}+").format(age=age)


def value_word(code: str, lang: str) -> str | None:
    """A code a document carries (sex, country, form of study) in words, or None."""
    return pick(VALUE_WORDS.get(code), lang)


def date_words(day: dt.date, lang: str) -> str:
    """A date as ``lang`` writes it: ``15 Mar 1990`` in English, ``15.03.1990`` otherwise."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day:%d.%m.%Y}"


def time_words(moment: dt.datetime | int | float, lang: str, zone: dt.tzinfo | None = None) -> str:
    """A moment (aware, or Unix seconds) in ``zone`` (None: this machine's), to the minute."""
    if isinstance(moment, int | float):
        moment = dt.datetime.fromtimestamp(moment, dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(zone)
    return f"{date_words(local.date(), lang)} {local:%H:%M}"


def iso_date_words(text: str, lang: str) -> str:
    """An ISO date (``1990-03-15``) in words; any other text unchanged."""
    if _DATE.fullmatch(text):
        try:
            return date_words(dt.date.fromisoformat(text), lang)
        except ValueError:
            return text
    return text


Labeller = Callable[[str], str]


def default_labels(lang: str, known: Mapping[str, str] | None = None) -> Labeller:
    """Labels: ``known`` (e.g. the issuer's, by claim name) first, then Posvid's, then words."""
    known = known or {}

    def label(name: str) -> str:
        found = known.get(name) or claim_label(name, lang)
        return found or name.replace("_", " ").replace(".", ": ").capitalize()

    return label


@dataclass(frozen=True)
class Row:
    """One line a person reads: a label and its value; ``depth`` 1 for an item of a list."""

    label: str
    value: str
    depth: int = 0


def value_words(value: Any, lang: str, labels: Labeller, name: str = "") -> str:
    """A claim value in words: dates, yes/no, codes, a name or an address on one line."""
    if isinstance(value, bool):
        return pick(VALUE_WORDS["yes" if value else "no"], lang) or ""
    if value is None:
        return "—"
    if isinstance(value, Mapping):
        return _object_words(value, lang, labels)
    if isinstance(value, list):
        nested = any(isinstance(v, Mapping | list) for v in value)
        return ("; " if nested else ", ").join(value_words(v, lang, labels, name) for v in value)
    text = str(value)
    if name == "category" and text in CATEGORY_WORDS:
        return f"{text} ({pick(CATEGORY_WORDS[text], lang)})"
    return value_word(text, lang) or iso_date_words(text, lang)


_NAME_PARTS: Final = ("family_name", "given_name", "patronymic")
_ADDRESS_PARTS: Final = ("settlement", "community", "region")


def _object_words(value: Mapping[str, Any], lang: str, labels: Labeller) -> str:
    keys = set(value)
    if keys and keys <= set(_NAME_PARTS):  # a parent: one name
        return " ".join(value_words(value[k], lang, labels) for k in _NAME_PARTS if k in value)
    if keys and keys <= set(_ADDRESS_PARTS):  # an address: from the settlement up
        return ", ".join(value_words(value[k], lang, labels) for k in _ADDRESS_PARTS if k in value)
    return ", ".join(f"{labels(k)}: {value_words(v, lang, labels, k)}" for k, v in value.items())


def _item_row(item: Any, lang: str, labels: Labeller) -> Row:
    """An item of a list as one indented row: a driving category, a family member."""
    if not isinstance(item, Mapping) or not item:
        return Row("•", value_words(item, lang, labels), 1)
    rest = dict(item)
    if "category" in rest:
        head = value_words(rest.pop("category"), lang, labels, "category")
    elif "family_name" in rest or "given_name" in rest:
        head = " ".join(value_words(rest.pop(k), lang, labels) for k in _NAME_PARTS if k in rest)
    else:
        first = next(iter(rest))
        head = value_words(rest.pop(first), lang, labels, first)
    when = [
        (pick(_SINCE if k == "issue_date" else _UNTIL, lang) or "{date}").format(
            date=value_words(rest.pop(k), lang, labels)
        )
        for k in ("issue_date", "expiry_date")
        if k in rest
    ]
    parts = [f"{labels(k)}: {value_words(v, lang, labels, k)}" for k, v in rest.items()]
    return Row(head, ", ".join([*parts, *when]), 1)


def claim_rows(
    claims: Mapping[str, Any], lang: str, labels: Labeller, order: Iterable[str] = ()
) -> list[Row]:
    """Every claim (but the portrait) as rows, in ``order`` then by name: lists become items,
    age predicates one row each (``18 or over: yes``)."""
    rank = {name: i for i, name in enumerate(dict.fromkeys(order))}
    names = sorted((n for n in claims if n != "portrait"), key=lambda n: (rank.get(n, 999), n))
    rows: list[Row] = []
    for name in names:
        value = claims[name]
        if name == AGE_CLAIM and isinstance(value, Mapping):
            ages = sorted((int(a), over) for a, over in value.items() if str(a).isdigit())
            rows += [Row(age_words(a, lang), value_words(over, lang, labels)) for a, over in ages]
        elif isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            rows.append(Row(labels(name), ""))
            rows += [_item_row(item, lang, labels) for item in value]
        else:
            rows.append(Row(labels(name), value_words(value, lang, labels, name)))
    return rows
