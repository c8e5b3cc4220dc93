"""Values as people read them (posvid.common.wording): labels, codes, dates, nested values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posvid.common import wording
from posvid.common.wording import Row, claim_rows, default_labels, time_words, value_words

TABLES = ("CLAIM_LABELS", "VALUE_WORDS", "CATEGORY_WORDS")
KYIV = dt.timezone(dt.timedelta(hours=2))


@pytest.mark.parametrize("table", TABLES)
def test_every_entry_is_in_every_language(table):
    for key, entry in getattr(wording, table).items():
        assert sorted(entry) == sorted(wording.LANGUAGES), (table, key)
        assert all(entry.values()), (table, key)


def test_every_driving_category_the_issuer_accepts_has_words():
    from issuer.catalogue.validation import DRIVING_CATEGORIES

    assert set(DRIVING_CATEGORIES) <= set(wording.CATEGORY_WORDS)


def test_every_claim_of_the_catalogue_has_a_label():
    from issuer.catalogue.labels import CLAIM_LABELS

    assert set(CLAIM_LABELS) <= set(wording.CLAIM_LABELS)


def test_codes_dates_and_booleans_in_words():
    labels = default_labels("uk")
    assert value_words("F", "uk", labels, "sex") == "жіноча"
    assert value_words("UKR", "en", labels, "nationality") == "Ukraine"
    assert value_words("1990-03-15", "en", labels) == "15 Mar 1990"
    assert value_words("1990-03-15", "uk", labels) == "15.03.1990"
    assert value_words(True, "uk", labels) == "так"
    assert value_words(None, "uk", labels) == "—"
    assert value_words("B", "en", labels, "category") == "B (cars)"
    assert value_words("денна", "en", labels, "study_form") == "full-time"


def test_names_and_addresses_read_as_one_line():
    labels = default_labels("uk")
    parent = {"family_name": "Шевченко", "given_name": "Оксана", "patronymic": "Петрівна"}
    assert value_words(parent, "uk", labels) == "Шевченко Оксана Петрівна"
    address = {"region": "Київська", "community": "Бучанська", "settlement": "Буча"}
    assert value_words(address, "uk", labels) == "Буча, Бучанська, Київська"


def test_rows_follow_the_order_then_the_name_and_spell_out_lists():
    claims = {
        "driving_privileges": [
            {"category": "B", "issue_date": "2015-04-01"},
            {"category": "C1", "issue_date": "2016-05-02", "expiry_date": "2030-01-01"},
        ],
        "age_equal_or_over": {"65": False, "18": True},
        "given_name": "Олена",
        "family_name": "Шевченко",
        "portrait": "data:image/png;base64,AAAA",
    }
    rows = claim_rows(claims, "en", default_labels("en"), ("family_name", "given_name"))
    assert rows == [
        Row("Surname", "Шевченко"),
        Row("Given name", "Олена"),
        Row("18 or over", "yes"),
        Row("65 or over", "no"),
        Row("Categories", ""),
        Row("B (cars)", "since 1 Apr 2015", 1),
        Row("C1 (lorries up to 7.5 t)", "since 2 May 2016, until 1 Jan 2030", 1),
    ]


def test_family_members_are_named_rows():
    members = [
        {
            "family_name": "Шевченко",
            "given_name": "Марія",
            "birth_date": "2015-06-01",
            "relation": "донька",
        }
    ]
    rows = claim_rows({"family_members": members}, "uk", default_labels("uk"))
    assert rows[1] == Row(
        "Шевченко Марія", "Дата народження: 01.06.2015, Ким доводиться: донька", 1
    )


def test_times_in_the_given_zone_to_the_minute():
    moment = dt.datetime(2026, 12, 2, 9, 58, 30, tzinfo=dt.UTC)
    assert time_words(moment, "uk", KYIV) == "02.12.2026 11:58"
    assert time_words(moment.timestamp(), "en", dt.UTC) == "2 Dec 2026 09:58"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text("абвгґ 0123-", max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["a_b", "category", "family_name", "x"]), inner, max_size=3
        )
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.sampled_from(["sex", "driving_privileges", "odd_claim"]), JSONISH))
def test_no_repr_of_a_structure_ever_reaches_a_row(claims):
    for row in claim_rows(claims, "uk", default_labels("uk")):
        for text in (row.label, row.value):
            assert "{'" not in text
            assert "['" not in text
            assert "True" not in text
            assert "None" not in text
            assert "_" not in text
