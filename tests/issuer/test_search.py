"""The clerk's search: any case of Cyrillic and Latin, surname with given name, any apostrophe,
on SQLite and PostgreSQL; the keys of rows stored before them are filled by the migration."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text

from issuer.storage.db import alembic_config, make_engine
from issuer.storage.search import query_key, search_key

MARIA = {
    "family_name": "Коваль",
    "given_name": "Марія",
    "patronymic": "Петрівна",
    "birth_date": "1979-11-30",
    "sex": "F",
}
MARIANNA = {
    "family_name": "Мар'яненко",
    "given_name": "Ірина",
    "birth_date": "1990-01-02",
    "sex": "F",
}


def names(found) -> set[str]:
    return {f"{p.family_name} {p.given_name}" for p in found}


@pytest.mark.parametrize(
    "query",
    ["Коваль", "коваль", "КОВАЛЬ", "кОв", "Коваль Марія", "коваль  марія петрівна", " КОВАЛЬ М"],
)
def test_a_surname_is_found_in_any_case_and_with_the_given_name(service, query):
    service.enrol_person(MARIA, actor="test")
    service.enrol_person({**MARIA, "given_name": "Ольга", "birth_date": "1980-01-01"}, actor="t")
    found = names(service.find_persons(query))
    assert "Коваль Марія" in found, query
    if "м" in query.casefold():
        assert found == {"Коваль Марія"}, query


@pytest.mark.parametrize("query", ["Koval", "KOVAL", "koval mariia", "Koval Mariia"])
def test_the_latin_names_are_found_in_any_case(service, query):
    service.enrol_person(MARIA, actor="test")
    assert names(service.find_persons(query)) == {"Коваль Марія"}


@pytest.mark.parametrize("query", ["Мар'яненко", "мар’яненко", "МАРʼЯНЕНКО", "Marianenko"])
def test_every_apostrophe_is_one(service, query):
    service.enrol_person(MARIANNA, actor="test")
    assert names(service.find_persons(query)) == {"Мар'яненко Ірина"}


def test_latin_look_alikes_in_a_cyrillic_query_read_as_cyrillic(service):
    service.enrol_person(MARIA, actor="test")
    assert names(service.find_persons("Kовaль")) == {"Коваль Марія"}  # K and a typed in Latin


def test_numbers_and_nothing_else(service):
    service.enrol_person({**MARIA, "record_number": "19791130-00321"}, actor="test")
    assert names(service.find_persons("19791130")) == {"Коваль Марія"}
    for query in ("%", "_", "Ко%", "Ко_аль", "", "   ", "'", "1979%"):
        assert service.find_persons(query) == [], query


def test_the_keys():
    assert search_key("Коваль", "Марія", None) == "коваль марія"
    assert search_key("Мар’яна") == search_key("Марʼяна") == search_key("мар'яна")
    assert query_key("ШЕВЧУК") == "шевчук"
    assert query_key("Ш%") is None


def test_the_name_search_uses_its_index(service):
    service.enrol_person(MARIA, actor="test")
    with service.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET enable_seqscan = off"))
            plan = connection.execute(
                text("EXPLAIN SELECT id FROM persons WHERE search_name LIKE 'ков%'")
            ).all()
        else:
            plan = connection.execute(
                text("EXPLAIN QUERY PLAN SELECT id FROM persons WHERE search_name GLOB 'ков*'")
            ).all()
    assert "ix_persons_search_name_prefix" in " ".join(str(row) for row in plan)


def test_the_migration_fills_the_keys_of_persons_stored_before_it(db_url):
    engine = make_engine(db_url)
    config = alembic_config(db_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "INSERT INTO persons (id, family_name, given_name, patronymic, family_name_latin,"
                " given_name_latin, birth_date, sex, created_at) VALUES ('p1', 'ШЕВЧУК', 'Тарас',"
                " NULL, 'SHEVCHUK', 'Taras', :born, 'M', :now)"
            ),
            {"born": dt.date(1985, 11, 2), "now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
        )
        command.upgrade(config, "head")
        row = connection.execute(text("SELECT search_name, search_latin FROM persons")).one()
    engine.dispose()
    assert tuple(row) == ("шевчук тарас", "shevchuk taras")
