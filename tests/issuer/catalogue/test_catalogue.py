"""Document formats, check digits, consistency, transliteration (shared/design/documents.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from issuer.catalogue import validation as v
from issuer.catalogue.transliteration import transliterate
from issuer.catalogue.types import CONFIGURATIONS, DOCUMENT_TYPES, all_claims, select, type_metadata
from issuer.errors import InvalidDocument
from issuer.samples import CITIZEN

PERSON = {**CITIZEN, "family_name_latin": "Kovalenko", "given_name_latin": "Olena"}
TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Алушта", "Alushta"),
        ("Борщагівка", "Borshchahivka"),
        ("Вінниця", "Vinnytsia"),
        ("Згорани", "Zghorany"),
        ("Ґалаґан", "Galagan"),
        ("Рівне", "Rivne"),
        ("Євген", "Yevhen"),
        ("Яготин", "Yahotyn"),
        ("Знам'янка", "Znamianka"),
        ("Юрій", "Yurii"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"),
        ("Олексій", "Oleksii"),
        ("Щербухи", "Shcherbukhy"),
        ("ЩЕРБУХИ", "SHCHERBUKHY"),
        ("Коваленко-Янів", "Kovalenko-Yaniv"),
    ],
)
def test_official_transliteration_examples(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def test_tax_number_rules():
    birth = dt.date(1990, 3, 15)
    v.check_tax_number("3294601242", birth, "F")
    with pytest.raises(InvalidDocument, match="check digit"):
        v.check_tax_number("3294601243", birth, "F")
    with pytest.raises(InvalidDocument, match="birth date"):
        v.check_tax_number("3294601242", dt.date(1990, 3, 16), "F")
    with pytest.raises(InvalidDocument, match="sex"):
        v.check_tax_number("3294601242", birth, "M")
    with pytest.raises(InvalidDocument, match="10 digits"):
        v.check_tax_number("32946012", birth, "F")


@pytest.mark.parametrize("serial", range(0, 50, 7))
@pytest.mark.parametrize("sex", ["M", "F"])
def test_generated_tax_numbers_pass_the_check(serial, sex):
    birth = dt.date(1985, 11, 2)
    v.check_tax_number(v.make_tax_number(birth, sex, serial), birth, sex)


def test_record_number_carries_the_birth_date():
    v.check_record_number("19900315-01234", dt.date(1990, 3, 15))
    with pytest.raises(InvalidDocument):
        v.check_record_number("19900316-01234", dt.date(1990, 3, 15))
    with pytest.raises(InvalidDocument):
        v.check_record_number("1990031501234", dt.date(1990, 3, 15))


VALID = {
    "id-card": {
        "document_number": "004512345",
        "issue_date": "2020-06-01",
        "issuing_authority": "0512",
    },
    "passport": {
        "document_number": "FX123456",
        "issue_date": "2019-01-10",
        "issuing_authority": "8031",
        "family_name_latin": "Kovalenko",
    },
    "driving-licence": {
        "document_number": "ВХА123456",
        "issue_date": "2015-04-01",
        "driving_privileges": [{"category": "B", "issue_date": "2015-04-01"}],
    },
    "taxpayer": {"tax_number": "3294601242"},
    "idp-certificate": {
        "certificate_number": "0321-5000123456",
        "registration_date": "2022-04-02",
        "previous_address": {
            "region": "Донецька",
            "community": "Маріупольська",
            "settlement": "м. Маріуполь",
        },
        "current_address": {
            "region": "Львівська",
            "community": "Львівська",
            "settlement": "м. Львів",
        },
        "family_members": [
            {
                "family_name": "Коваленко",
                "given_name": "Софія",
                "birth_date": "2015-09-01",
                "relation": "донька",
            }
        ],
    },
    "birth-certificate": {
        "series": "І-БК",
        "document_number": "123456",
        "issue_date": "1990-03-20",
        "mother": {"family_name": "Коваленко", "given_name": "Ганна"},
    },
    "student-card": {
        "document_number": "КВ12345678",
        "institution": "КНУ ім. Т. Шевченка",
        "faculty": "Фізичний",
        "study_form": "денна",
        "valid_until": "2027-06-30",
    },
}

INVALID = [
    ("id-card", {"document_number": "12345"}, "document_number"),
    ("id-card", {"issue_date": "1980-01-01"}, "issue_date"),
    ("id-card", {"issuing_authority": "51"}, "issuing_authority"),
    ("id-card", {"expiry_date": "2019-01-01"}, "expiry_date"),
    ("passport", {"document_number": "fx123456"}, "document_number"),
    ("passport", {"family_name_latin": "Коваленко"}, "family_name_latin"),
    (
        "driving-licence",
        {"driving_privileges": [{"category": "Z", "issue_date": "2015-04-01"}]},
        "driving_privileges.0.category",
    ),
    ("driving-licence", {"driving_privileges": []}, "driving_privileges"),
    ("taxpayer", {"tax_number": "3294601243"}, "tax_number"),
    ("idp-certificate", {"previous_address": {"region": "Донецька"}}, "previous_address.community"),
    ("birth-certificate", {"series": "1-БК"}, "series"),
    ("birth-certificate", {"issue_date": "1990-02-30"}, "issue_date"),
    ("student-card", {"study_form": "вільна"}, "study_form"),
]


@pytest.mark.parametrize("doc_type", sorted(VALID))
def test_every_document_type_accepts_a_valid_document(doc_type):
    valid = DOCUMENT_TYPES[doc_type].validate(PERSON, VALID[doc_type], TODAY)
    assert valid.number


@pytest.mark.parametrize(("doc_type", "change", "field"), INVALID)
def test_each_rule_rejects(doc_type, change, field):
    with pytest.raises(InvalidDocument) as caught:
        DOCUMENT_TYPES[doc_type].validate(PERSON, {**VALID[doc_type], **change}, TODAY)
    assert caught.value.field == field


def test_at_least_six_document_types():
    assert len(DOCUMENT_TYPES) >= 6


def test_id_card_expires_after_ten_years_and_carries_age_predicates():
    kind = DOCUMENT_TYPES["id-card"]
    valid = kind.validate(PERSON, VALID["id-card"], TODAY)
    assert valid.expiry_date == dt.date(2030, 6, 1)
    claims = all_claims(
        PERSON,
        valid.number,
        valid.issue_date,
        valid.expiry_date,
        valid.fields,
        kind,
        dt.date(2026, 11, 24),
    )
    assert claims["age_equal_or_over"] == {
        "14": True,
        "16": True,
        "18": True,
        "21": True,
        "65": False,
    }
    border = select(claims, CONFIGURATIONS["id-card-border"][1])
    assert set(border) == {
        "family_name",
        "given_name",
        "family_name_latin",
        "given_name_latin",
        "birth_date",
        "document_number",
        "nationality",
        "expiry_date",
    }
    age = select(claims, CONFIGURATIONS["id-card-age"][1])
    assert set(age) == {"age_equal_or_over"}


def test_type_metadata_labels_every_claim_in_both_languages():
    for config_id, (doc, config) in CONFIGURATIONS.items():
        metadata = type_metadata(config, doc)
        assert metadata["vct"] == config.vct
        for claim in metadata["claims"]:
            if "display" in claim:
                assert {d["locale"] for d in claim["display"]} == {"uk", "en"}, config_id


def test_every_problem_of_a_document_is_reported_at_once_each_with_its_field_and_reason():
    broken = {
        "document_number": "12",
        "issue_date": "2015-02-30",
        "driving_privileges": [
            {"category": "B", "issue_date": "2015-04-01"},
            {"category": "Z", "issue_date": "", "expiry_date": "2001-01-01"},
        ],
    }
    with pytest.raises(InvalidDocument) as caught:
        DOCUMENT_TYPES["driving-licence"].validate(PERSON, broken, TODAY)
    found = {(p.field, p.reason) for p in caught.value.problems}
    assert found == {
        ("document_number", "format"),
        ("issue_date", "not_a_date"),
        ("driving_privileges.1.category", "category_unknown"),
        ("driving_privileges.1.issue_date", "required"),
    }
    assert (caught.value.field, caught.value.reason) == ("document_number", "format")


def test_nested_problems_name_their_place():
    broken = {
        "certificate_number": "0321-5000123456",
        "registration_date": "2022-04-02",
        "previous_address": {
            "region": "",
            "community": "Маріупольська",
            "settlement": "м. Маріуполь",
        },
        "family_members": [{"family_name": "Smith", "given_name": "Софія", "relation": "донька"}],
    }
    with pytest.raises(InvalidDocument) as caught:
        DOCUMENT_TYPES["idp-certificate"].validate(PERSON, broken, TODAY)
    assert {(p.field, p.reason) for p in caught.value.problems} == {
        ("previous_address.region", "required"),
        ("current_address", "address_needed"),
        ("family_members.0.family_name", "cyrillic"),
        ("family_members.0.birth_date", "required"),
    }


@pytest.mark.parametrize(
    "junk",
    ["\x00", "a\x07b", "\ud800", "x" * 5000, "\uffff"],
    ids=["nul", "bell", "surrogate", "long", "noncharacter"],
)
def test_junk_text_is_a_problem_never_a_crash(junk):
    with pytest.raises(InvalidDocument) as caught:
        v.text({"faculty": junk}, "faculty")
    assert caught.value.reason in {"characters", "too_long"}


def test_the_tax_number_is_checked_as_far_as_the_form_allows():
    v.check_tax_number("3294601242", None, None)
    with pytest.raises(InvalidDocument) as caught:
        v.check_tax_number("3294601243", None, None)
    assert caught.value.reason == "tax_check_digit"


def problems(doc_type: str, change: dict, today: dt.date = TODAY) -> set[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as caught:
        DOCUMENT_TYPES[doc_type].validate(PERSON, {**VALID[doc_type], **change}, today)
    return {(p.field or "", p.reason) for p in caught.value.problems}


@pytest.mark.parametrize(
    ("doc_type", "change", "found"),
    [
        ("id-card", {"issue_date": "2026-12-03"}, ("issue_date", "future_date")),
        ("passport", {"issue_date": "2030-01-01"}, ("issue_date", "future_date")),
        ("birth-certificate", {"issue_date": "2027-01-01"}, ("issue_date", "future_date")),
        (
            "idp-certificate",
            {"registration_date": "2027-03-01"},
            ("registration_date", "future_date"),
        ),
        (
            "idp-certificate",
            {
                "family_members": [
                    {**VALID["idp-certificate"]["family_members"][0], "birth_date": "2027-05-05"}
                ]
            },
            ("family_members.0.birth_date", "future_date"),
        ),
        ("id-card", {"expiry_date": "2026-12-01"}, ("expiry_date", "expired")),
        ("id-card", {"issue_date": "2011-01-01"}, ("expiry_date", "expired")),  # 10 years: 2021
        ("student-card", {"valid_until": "2026-11-30"}, ("valid_until", "expired")),
    ],
)
def test_dates_that_cannot_be_are_refused(doc_type, change, found):
    assert found in problems(doc_type, change)


def test_the_day_is_the_one_given_never_the_machines():
    late = {"issue_date": "2026-12-03"}
    assert ("issue_date", "future_date") in problems("id-card", late)
    assert DOCUMENT_TYPES["id-card"].validate(
        PERSON, {**VALID["id-card"], **late}, dt.date(2027, 1, 1)
    )


@pytest.mark.parametrize(
    ("granted", "reason"),
    [
        ("1989-01-01", "before_birth"),  # born 1990-03-15
        ("2006-03-14", "too_young"),  # a day before 16
        ("2015-04-02", "after_licence"),  # the licence was issued 2015-04-01
        ("2027-01-01", "future_date"),
    ],
)
def test_a_driving_category_is_granted_from_16_and_not_after_the_licence(granted, reason):
    rows = [{"category": "B", "issue_date": granted}]
    change = {"driving_privileges": rows}
    if reason == "future_date":
        change["issue_date"] = "2026-12-01"
    assert ("driving_privileges.0.issue_date", reason) in problems("driving-licence", change)


def test_a_category_granted_at_16_passes():
    rows = [
        {"category": "A1", "issue_date": "2006-03-15"},
        {"category": "B", "issue_date": "2015-04-01"},
    ]
    valid = DOCUMENT_TYPES["driving-licence"].validate(
        PERSON, {**VALID["driving-licence"], "driving_privileges": rows}, TODAY
    )
    assert len(valid.fields["driving_privileges"]) == 2


@pytest.mark.parametrize(
    ("doc_type", "field", "typed", "stored"),
    [
        ("driving-licence", "document_number", "BXA123456", "ВХА123456"),  # Latin B X A
        ("driving-licence", "document_number", "ВХА123456", "ВХА123456"),
        ("student-card", "document_number", "KB12345678", "КВ12345678"),
        ("passport", "document_number", "FХ123456", "FX123456"),  # a Cyrillic Х
        ("birth-certificate", "series", "І-БК", "I-БК 123456"),  # Cyrillic І
        ("birth-certificate", "series", "I-БК", "I-БК 123456"),  # Latin I
        ("birth-certificate", "series", "ІІ-БK", "II-БК 123456"),  # Latin K
    ],
)
def test_look_alike_letters_are_stored_in_one_script(doc_type, field, typed, stored):
    valid = DOCUMENT_TYPES[doc_type].validate(PERSON, {**VALID[doc_type], field: typed}, TODAY)
    assert valid.number == stored


@pytest.mark.parametrize("typed", ["QXA123456", "вха123456", "BXA12345"])
def test_other_letters_in_a_licence_number_are_refused(typed):
    assert ("document_number", "format") in problems("driving-licence", {"document_number": typed})


@pytest.mark.parametrize("part", ["region", "community", "settlement"])
def test_an_address_in_latin_letters_is_refused_like_a_name(part):
    address = {**VALID["idp-certificate"]["current_address"], part: "Lviv"}
    assert (f"current_address.{part}", "cyrillic") in problems(
        "idp-certificate", {"current_address": address}
    )
    mixed = {**address, part: "м. Львiв"}  # a Latin i
    assert (f"current_address.{part}", "cyrillic") in problems(
        "idp-certificate", {"current_address": mixed}
    )
