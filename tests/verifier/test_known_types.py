"""Type metadata for other issuers' document types (issue 15, item 5): the EU PID and the EHIC
are named and their claims labelled in uk/en/pl/de from the shipped data files, which name
their sources; codes become words; a PID answers the identity question by its birthdate."""

from __future__ import annotations

import json

import pytest

from crypto import FixedClock
from tests.support.raw_text import PATTERNS
from tests.verifier.foreign import NOW, Chain, presentation
from tests.verifier.test_resolvers import Env, Trust, anchor
from verifier import i18n
from verifier.card import card
from verifier.checks import verify
from verifier.known_types import FOLDER, known_type_metadata
from verifier.policy import Policy
from verifier.settings import VerifierSettings
from verifier.verdict import Question

CHAIN = Chain()
PID_CLAIMS = {
    "family_name": "Kowalenko",
    "given_name": "Olena",
    "birthdate": "1990-03-15",
    "nationalities": ["UA"],
    "place_of_birth": {"country": "UA", "locality": "Kharkiv"},
    "sex": 2,
    "issuing_country": "PL",
    "date_of_expiry": "2031-01-01",
}


def test_every_shipped_file_names_its_source_and_labels_every_claim_in_four_languages():
    files = sorted(FOLDER.glob("*.json"))
    assert [f.name for f in files] == ["eudi-ehic-1.json", "eudi-pid-1.json"]
    for path in files:
        document = json.loads(path.read_text())
        assert "commit" in document["$comment"], path
        assert {d["lang"] for d in document["display"]} == set(i18n.LANGUAGES)
        for claim in document["claims"]:
            assert {d["lang"] for d in claim["display"]} == set(i18n.LANGUAGES), claim["path"]


@pytest.mark.parametrize(
    ("vct", "name"),
    [
        ("urn:eudi:pid:1", "Person Identification Data (EU PID)"),
        ("urn:eudi:pid:de:1", "Person Identification Data (EU PID)"),
        ("urn:eu.europa.ec.eudi:pid:1", "Person Identification Data (EU PID)"),
        ("urn:eudi:ehic:1", "European Health Insurance Card"),
    ],
)
def test_known_types(vct, name):
    assert known_type_metadata(vct)["display"][0]["name"] == name


def test_unknown_types_have_none():
    assert known_type_metadata("urn:example:other:1") is None
    assert known_type_metadata(None) is None


IDENTITY = Question.parse("identity")


def _pid_verdict(claims, vct="urn:eudi:pid:1", question=IDENTITY):
    shown = presentation(CHAIN.leaf_key, iss=None, vct=vct, claims=claims, x5c=CHAIN.x5c())
    return verify(
        shown,
        policy=Policy.from_settings(VerifierSettings()),
        trust=Trust(roots=[anchor(CHAIN.root, vcts=(vct,))]),
        env=Env(),
        clock=FixedClock(NOW),
        question=question,
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_officer_sees_a_pid_by_name_with_labelled_claims(lang):
    verdict = _pid_verdict(PID_CLAIMS)
    assert verdict.verdict == "valid", verdict.checks
    assert verdict.answer.answer == "yes"  # identity: the PID's birthdate counts
    shown = card(verdict, Trust(), lang)
    metadata = known_type_metadata("urn:eudi:pid:1")
    assert shown.document == next(d["name"] for d in metadata["display"] if d["lang"] == lang)
    lines = {line.label: line.value for line in shown.claims}
    for line in shown.claims:
        for what, pattern in PATTERNS.items():
            assert not pattern.search(line.label), (what, line)
            assert not pattern.search(line.value), (what, line)
    if lang == "en":
        assert lines["Date of birth"] == "15 Mar 1990"
        assert lines["Nationality"] == "Ukraine"
        assert lines["Sex"] == "female"
        assert lines["Issuing country"] == "Poland"
        assert lines["Place of birth"] == "Country: Ukraine, Locality: Kharkiv"
    if lang == "de":
        assert lines["Staatsangehörigkeit"] == "Ukraine"
        assert lines["Geburtsdatum"] == "15.03.1990"


def test_the_officer_sees_an_ehic_by_name():
    claims = {
        "personal_administrative_number": "DE987654321",
        "authentic_source": {"id": "DE:103411401", "name": "AOK Nordwest"},
        "ending_date": "2030-07-30",
    }
    verdict = _pid_verdict(claims, vct="urn:eudi:ehic:1", question=Question.parse("any"))
    shown = card(verdict, Trust(), "uk")
    assert shown.document == "Європейська картка медичного страхування"
    lines = {line.label: line.value for line in shown.claims}
    assert lines["Номер соціального страхування"] == "DE987654321"
    assert lines["Компетентна установа"] == "Код: DE:103411401, Назва: AOK Nordwest"
    assert lines["Страхування до"] == "30.07.2030"
