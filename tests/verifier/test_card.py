"""The verdict card: display names, claims in order and in words, reasons in plain words."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from issuer.samples import CITIZEN_BORDER_CLAIMS
from verifier.card import card
from verifier.verdict import CHECKS, Check, Question, Verdict

DAY = dt.datetime(2026, 5, 1, tzinfo=dt.UTC).timestamp()
ISSUER = "https://dmsu.posvid.example"
VCT = "urn:ua:posvid:id-card-border:1"
METADATA = {
    "display": [
        {"locale": "uk", "name": "ID-картка: для кордону"},
        {"locale": "en", "name": "ID card: border check"},
    ],
    "claims": [
        {
            "path": ["family_name"],
            "display": [
                {"locale": "uk", "label": "Прізвище"},
                {"locale": "en", "label": "Surname"},
            ],
        }
    ],
}
PORTRAIT = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ"
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
NAMES = {"family_name": "Коваленко", "given_name": "Олена", "birth_date": "1990-03-15"}


class Known:
    def record(self, issuer):
        if issuer != ISSUER:
            return None
        names = {"uk": "Державна міграційна служба України"}
        return SimpleNamespace(names=names, type_metadata={VCT: METADATA})


def verdict(claims, question="any", *, failing=None, verdict="valid", code=""):
    checks = [
        Check(n, n != failing, "crypto words", verdict, code if n == failing else "")
        for n in CHECKS
    ]
    made = Verdict(verdict, checks, issuer=ISSUER, vct=VCT, claims=dict(claims))
    return made.conclude(Question.parse(question), DAY)


def text(shown):
    rows = [shown.headline, shown.advice, shown.question, shown.document, shown.issuer]
    rows += [f"{line.label} {line.value}" for line in shown.claims + shown.checks]
    return "\n".join(r for r in rows + list(shown.warnings) if r)


def test_a_border_card_in_polish_names_the_document_and_its_issuer_in_words():
    claims = {**CITIZEN_BORDER_CLAIMS, "sex": "F", "portrait": PORTRAIT}
    shown = card(verdict(claims, "identity"), Known(), "pl")
    assert (shown.colour, shown.headline) == ("green", "WAŻNY")
    assert shown.document == "ID card: border check"  # no Polish name: the English one
    assert shown.issuer == "Державна міграційна служба України"
    assert shown.portrait == PORTRAIT
    assert [line.label for line in shown.claims][:3] == [
        "Nazwisko",
        "Imię",
        "Nazwisko (alfabet łaciński)",
    ]
    values = {line.label: line.value for line in shown.claims}
    assert values["Data urodzenia"] == "15.03.1990"
    assert values["Płeć"] == "kobieta"
    assert values["Obywatelstwo"] == "Ukraina"
    body = text(shown)
    assert not SNAKE.search(body)
    assert "urn:" not in body
    assert "http" not in body


def test_the_issuers_own_label_wins_in_its_language_and_english_dates_are_words():
    shown = card(verdict({"family_name": "Коваленко", "birth_date": "1990-03-15"}), Known(), "en")
    assert [(line.label, line.value) for line in shown.claims] == [
        ("Surname", "Коваленко"),
        ("Date of birth", "15 Mar 1990"),
    ]


def test_values_in_words_never_a_repr():
    claims = {
        "age_equal_or_over": {"21": False, "18": True},
        "driving_privileges": [
            {"vehicle_category_code": "B", "issue_date": "2010-01-02"},
            {"vehicle_category_code": "C", "issue_date": None},
        ],
        "nicknames": ["Оля", "Лена"],
        "organ_donor": True,
    }
    shown = card(verdict(claims), Known(), "de")
    lines = [(line.label, line.value) for line in shown.claims]
    assert lines[:2] == [("18 oder älter", "ja"), ("21 oder älter", "nein")]
    values = dict(lines)
    assert values["Klassen"] == (
        "Vehicle category code: B, Ausstellungsdatum: 02.01.2010; "
        "Vehicle category code: C, Ausstellungsdatum: —"
    )
    assert values["Nicknames"] == "Оля, Лена"
    assert values["Organ donor"] == "ja"
    for bad in ("{", "[", "True", "False", "None", "_"):
        assert bad not in text(shown)


def test_a_portrait_that_is_not_an_inline_picture_is_not_shown():
    shown = card(verdict({"portrait": "https://tracker.example/p.jpg"}), Known(), "uk")
    assert shown.portrait is None
    assert shown.claims == ()


def test_a_forged_code_has_a_plain_reason_and_no_document():
    forged = verdict(NAMES, failing="signature", verdict="invalid", code="signature_invalid")
    shown = card(forged, Known(), "uk")
    assert (shown.colour, shown.headline) == ("red", "НЕДІЙСНИЙ")
    assert shown.advice.startswith("Підпис видавця не збігається")
    assert (shown.document, shown.issuer, shown.claims) == (None, None, ())
    assert "crypto words" not in text(shown)


def test_a_minor_under_age_18():
    shown = card(verdict({"age_equal_or_over": {"18": False}}, "age:18"), Known(), "uk")
    assert (shown.colour, shown.headline) == ("red", "МОЛОДШЕ 18")
    assert shown.advice == "Документ справжній, але власнику ще не виповнилося 18."


def test_not_enough_data_names_what_is_missing():
    shown = card(verdict({"family_name": "Коваленко"}, "identity"), Known(), "en")
    assert shown.headline == "NOT ENOUGH DATA"
    assert "Given name, Date of birth" in shown.advice


def test_unreadable_says_what_to_do():
    unreadable = Verdict("unreadable", [Check("readable", False, "no QR code", "unreadable")])
    shown = card(unreadable.conclude(Question.parse("identity"), DAY), Known(), "de")
    assert (shown.colour, shown.headline) == ("grey", "NOCHMAL VERSUCHEN")
    assert "näher" in shown.advice


def test_warnings_in_words_with_the_time_of_the_list():
    made = verdict(NAMES)
    made.warnings = ["status as of an older list: sync when online"]
    made.status_as_of = DAY
    shown = card(made, Known(), "pl")
    assert shown.colour == "amber"
    assert shown.warnings == (
        "Status unieważnienia na 01.05.2026 00:00 UTC. Zsynchronizuj, gdy będzie sieć.",
    )
