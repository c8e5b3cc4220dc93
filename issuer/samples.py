"""Obviously fictional but realistic sample citizens (consistent УНЗР, РНОКПП, birth date)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Final

from posvid.common.vocabulary import BORDER_CLAIMS

from .catalogue.validation import add_years, make_tax_number

#: the citizen of the demo, the tests and the benchmarks: obviously fictional, with a birth date
#: that agrees with her УНЗР (record number) and РНОКПП (tax number)
CITIZEN: Final = {
    "family_name": "Коваленко",
    "given_name": "Олена",
    "patronymic": "Петрівна",
    "birth_date": "1990-03-15",
    "birth_place": "м. Вінниця",
    "sex": "F",
    "tax_number": "3294601242",
    "record_number": "19900315-01234",
}
#: her ID card, as a clerk enrols it
CITIZEN_ID_CARD: Final = {
    "type": "id-card",
    "document_number": "004512345",
    "issue_date": "2020-06-01",
    "issuing_authority": "0512",
}
#: the claims of her ID card credential, as the issuer signs them
CITIZEN_CLAIMS: Final = {
    **CITIZEN,
    "family_name_latin": "Kovalenko",
    "given_name_latin": "Olena",
    "nationality": "UKR",
    **{k: v for k, v in CITIZEN_ID_CARD.items() if k != "type"},
    "expiry_date": "2030-06-01",
}
#: the claims of her border credential (no portrait: she has no stored photo)
CITIZEN_BORDER_CLAIMS: Final = {n: CITIZEN_CLAIMS[n] for n in BORDER_CLAIMS if n in CITIZEN_CLAIMS}

_FAMILY = [
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Шевчук",
    "Кравчук",
    "Мельник",
    "Олійник",
    "Поліщук",
    "Савчук",
    "Лисенко",
    "Гончаренко",
    "Руденко",
    "Марченко",
    "Зінченко",
]
_GIVEN = {
    "F": ["Олена", "Ірина", "Марія", "Наталія", "Юлія", "Оксана", "Софія", "Ганна"],
    "M": ["Андрій", "Олексій", "Юрій", "Тарас", "Євген", "Дмитро", "Богдан", "Іван"],
}
_FATHER = ["Петр", "Іван", "Михайл", "Василь", "Олег", "Степан"]
_PLACES = ["м. Вінниця", "м. Київ", "м. Харків", "м. Одеса", "м. Львів", "м. Житомир", "м. Суми"]


def sample_person(rng: random.Random, serial: int) -> dict[str, Any]:
    """One fictional person; the same ``serial`` and seed always give the same person."""
    sex = rng.choice("FM")
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
    father = rng.choice(_FATHER)
    patronymic = father + ("івна" if sex == "F" else "ович")
    return {
        "family_name": rng.choice(_FAMILY),
        "given_name": rng.choice(_GIVEN[sex]),
        "patronymic": patronymic,
        "birth_date": birth.isoformat(),
        "birth_place": rng.choice(_PLACES),
        "sex": sex,
        "tax_number": make_tax_number(birth, sex, serial),
        "record_number": f"{birth:%Y%m%d}-{serial % 100_000:05d}",
    }


def sample_documents(
    rng: random.Random, person: dict[str, Any], serial: int, today: dt.date
) -> list[tuple[str, dict[str, Any]]]:
    """An ID card, a passport and a taxpayer card, and sometimes a driving licence, issued on
    a day between the person's 18th birthday (or 2019) and ``today``."""
    birth = dt.date.fromisoformat(person["birth_date"])
    first = max(add_years(birth, 18), dt.date(2019, 1, 1))
    issue = min(first + dt.timedelta(days=rng.randrange(0, 2000)), max(first, today))
    authority = f"{rng.randrange(1000, 9999)}"
    documents: list[tuple[str, dict[str, Any]]] = [
        (
            "id-card",
            {
                "document_number": f"{rng.randrange(10**8, 10**9):09d}",
                "issue_date": issue.isoformat(),
                "issuing_authority": authority,
            },
        ),
        (
            "passport",
            {
                "document_number": f"F{chr(65 + serial % 26)}{rng.randrange(10**6):06d}",
                "issue_date": issue.isoformat(),
                "issuing_authority": authority,
            },
        ),
        ("taxpayer", {}),
    ]
    if rng.random() < 0.5:
        documents.append(
            (
                "driving-licence",
                {
                    "document_number": f"ВХА{rng.randrange(10**6):06d}",
                    "issue_date": issue.isoformat(),
                    "driving_privileges": [{"category": "B", "issue_date": issue.isoformat()}],
                },
            )
        )
    return documents
