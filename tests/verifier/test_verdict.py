"""The question answered: identity, age:N, any; two-way requests; claims hidden unless intact."""

from __future__ import annotations

import datetime as dt

import pytest

from crypto import FixedClock, Jwks, SigningKey, present
from tests.support.factory import DISCLOSE, ISSUER, NONCE, NOW, OFFLINE, VCT, credential
from verifier.checks import IssuerInfo, StatusFetch, verify
from verifier.errors import QuestionInvalid
from verifier.policy import Policy
from verifier.settings import VerifierSettings
from verifier.verdict import ANY, CHECKS, Check, Question, Verdict

DAY = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC).timestamp()
NAMES = {"family_name": "Коваленко", "given_name": "Олена", "birth_date": "1990-03-15"}


def valid(claims, question="any", *, warnings=(), now=DAY):
    verdict = Verdict("valid", [Check(n, True) for n in CHECKS], list(warnings), claims=claims)
    return verdict.conclude(Question.parse(question), now)


def test_questions_parse():
    assert Question.parse("identity").needs == ("family_name", "given_name", "birth_date")
    assert Question.parse(" AGE:21 ") == Question("age:21", ("age_equal_or_over.21",))
    assert Question.parse("any") is ANY
    for wrong in ("age:0", "age:x", "age:", "adult", "age:1000", ""):
        with pytest.raises(QuestionInvalid):
            Question.parse(wrong)


def test_a_minors_age_code_under_age_18_is_red_under_18():
    verdict = valid({"age_equal_or_over": {"18": False}}, "age:18")
    assert (verdict.answer.answer, verdict.answer.headline, verdict.answer.age) == (
        "no",
        "under_age",
        18,
    )
    assert verdict.colour == "red"
    shown = verdict.to_json()
    assert (shown["verdict"], shown["answer"], shown["question"]) == ("valid", "no", "age:18")


def test_an_adults_age_code_is_green_18_or_over():
    verdict = valid({"age_equal_or_over": {"18": True}}, "age:18")
    assert (verdict.answer.answer, verdict.answer.headline, verdict.colour) == (
        "yes",
        "of_age",
        "green",
    )


@pytest.mark.parametrize(
    ("predicates", "answer"),
    [
        ({"16": True, "18": True}, "yes"),  # 18 or over: 17 or over
        ({"16": False}, "no"),  # under 16: under 17
        ({"16": True, "18": False}, "not_enough_data"),  # 16 or 17: cannot tell
        ({"18": "yes"}, "not_enough_data"),  # not a boolean
    ],
)
def test_an_age_between_the_predicates(predicates, answer):
    assert valid({"age_equal_or_over": predicates}, "age:17").answer.answer == answer


@pytest.mark.parametrize(
    ("birth", "answer"),
    [
        ("2008-05-01", "yes"),  # 18 today
        ("2008-05-02", "no"),  # 18 tomorrow
        ("1990-03-15", "yes"),
        ("not a date", "not_enough_data"),
    ],
)
def test_an_age_from_the_birth_date_on_the_day_of_the_check(birth, answer):
    assert valid({"birth_date": birth}, "age:18").answer.answer == answer


def test_identity_without_a_name_is_not_enough_data():
    verdict = valid({"family_name": "Коваленко", "birth_date": "1990-03-15"}, "identity")
    assert (verdict.answer.answer, verdict.answer.missing) == ("not_enough_data", ("given_name",))
    assert verdict.colour == "red"
    assert verdict.to_json()["missing"] == ["given_name"]


def test_identity_with_the_names_is_green_and_amber_with_a_warning():
    assert (valid(NAMES, "identity").answer.answer, valid(NAMES, "identity").colour) == (
        "yes",
        "green",
    )
    assert valid(NAMES, "identity", warnings=["status unknown: x"]).colour == "amber"


def test_any_question_is_yes_for_any_valid_verdict():
    assert valid({}, "any").answer.answer == "yes"
    assert valid({}, "any").answer.headline == "valid"


def test_a_verdict_that_is_not_valid_answers_no_with_its_own_headline():
    checks = [Check(n, n != "status", verdict="revoked") for n in CHECKS]
    verdict = Verdict("revoked", checks, claims=dict(NAMES)).conclude(ANY, DAY)
    assert (verdict.answer.answer, verdict.answer.headline, verdict.colour) == (
        "no",
        "revoked",
        "red",
    )
    assert verdict.claims == NAMES  # authentic claims of a revoked document are still shown


def test_unreadable_is_grey_try_again():
    verdict = Verdict("unreadable", [Check("readable", False, verdict="unreadable")])
    verdict.conclude(Question.parse("identity"), DAY)
    assert (verdict.answer.answer, verdict.answer.headline, verdict.colour) == (
        "try_again",
        "try_again",
        "grey",
    )


def test_a_two_way_request_asks_its_own_claims():
    asked = ANY.and_asked(("given_name", "age_equal_or_over.18"))
    assert (asked.text, asked.needs) == (
        "request:given_name,age_equal_or_over.18",
        ("given_name", "age_equal_or_over.18"),
    )
    both = Question.parse("identity").and_asked(("given_name",))
    assert both.needs == ("family_name", "given_name", "birth_date")
    verdict = Verdict("valid", [Check(n, True) for n in CHECKS], claims={"given_name": "О"})
    assert verdict.conclude(asked, DAY).answer.answer == "not_enough_data"
    verdict.claims["age_equal_or_over"] = {"18": False}
    assert verdict.answer.headline == "under_age"


# --- claims hidden unless every integrity check passed, in the verdict itself -------------

ISSUER_KEY = SigningKey.generate(kid="1")
HOLDER = SigningKey.generate()
THIEF = SigningKey.generate()


class Trust:
    def issuer(self, iss):
        return (
            IssuerInfo(ISSUER, Jwks.of([ISSUER_KEY]), frozenset({VCT})) if iss == ISSUER else None
        )


class Env:
    def status_token(self, uri) -> StatusFetch | None:
        return None

    def seen_before(self, nonce):
        return False

    def requested(self, nonce):
        return False


def check(holder_key, question=ANY):
    text = present(
        credential(ISSUER_KEY, HOLDER),
        disclose=DISCLOSE,
        holder_key=holder_key,
        aud=OFFLINE,
        nonce=NONCE,
        iat=NOW,
    )
    policy = Policy.from_settings(VerifierSettings())
    return verify(
        text, policy=policy, trust=Trust(), env=Env(), clock=FixedClock(NOW), question=question
    )


def test_claims_shown_when_every_integrity_check_passed():
    verdict = check(HOLDER, Question.parse("identity"))
    assert verdict.verdict == "valid"
    assert verdict.answer.answer == "yes"
    assert verdict.to_json()["claims"]["given_name"] == "Олена"


def test_claims_hidden_when_key_binding_fails():
    verdict = check(THIEF, Question.parse("identity"))
    assert verdict.failed == ["key_binding"]
    assert verdict.claims == {}
    assert verdict.to_json()["claims"] == {}
    assert (verdict.to_json()["answer"], verdict.colour) == ("no", "red")


@pytest.mark.parametrize("failing", ["format", "issuer_trusted", "signature", "disclosures"])
def test_claims_hidden_when_any_integrity_check_failed(failing):
    checks = [Check(n, n != failing) for n in CHECKS]
    verdict = Verdict("invalid", checks, claims=dict(NAMES)).conclude(ANY, DAY)
    assert verdict.claims == {}
