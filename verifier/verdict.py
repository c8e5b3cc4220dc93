"""What a verification returns: a verdict, every check with its outcome, warnings, claims,
and the answer to the question the officer asked (``identity``, ``age:18``, ``any``).

The verdict says whether the credential is genuine; the answer says whether it shows what the
officer needs: a genuine "18 or over" code of a 16-year-old is a valid verdict whose answer to
``age:18`` is no. Claims are kept only when every integrity check passed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from .errors import QuestionInvalid

if TYPE_CHECKING:
    from crypto.x509_chain import CertifiedIssuer

#: the checks, in the order they run
CHECKS: Final = (
    "readable",
    "format",
    "issuer_trusted",
    "signature",
    "validity",
    "disclosures",
    "key_binding",
    "freshness",
    "audience_nonce",
    "replay",
    "status",
)
#: verdicts, most severe first: when several checks fail, the first listed wins
VERDICTS: Final = (
    "unreadable",
    "untrusted",
    "invalid",
    "revoked",
    "suspended",
    "expired",
    "not_yet_valid",
    "replayed",
    "stale",
    "status_unknown",
    "valid",
)
#: the checks that make the claims authentic: when one did not pass, no claim is shown
INTEGRITY: Final = (
    "readable",
    "format",
    "issuer_trusted",
    "signature",
    "disclosures",
    "key_binding",
)
#: what an identity (border, ID) check needs to see
IDENTITY_CLAIMS: Final = ("family_name", "given_name", "birth_date")
#: the answers: yes only when the verdict is valid and the claims answer the question
ANSWERS: Final = ("yes", "no", "not_enough_data", "try_again")
AGE_CLAIM: Final = "age_equal_or_over"
#: the same claim under another issuer's name (the EU PID's ``birthdate``, OpenID Connect's)
ALIASES: Final = {"birth_date": ("birthdate",)}
_AGE_QUESTION = re.compile(r"age:(\d{1,3})")


@dataclass(frozen=True)
class Question:
    """What the officer checks: the claim paths it needs (``age_equal_or_over.N`` for ages)."""

    text: str
    needs: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Question:
        """``identity``, ``age:N`` (1–150) or ``any``; anything else is :class:`QuestionInvalid`."""
        text = text.strip().lower()
        if text == "any":
            return ANY
        if text == "identity":
            return cls("identity", IDENTITY_CLAIMS)
        age = _AGE_QUESTION.fullmatch(text)
        if age is None or not 1 <= int(age[1]) <= 150:
            raise QuestionInvalid("ask identity, age:N (say age:18) or any", field="expect")
        return cls(f"age:{int(age[1])}", (f"{AGE_CLAIM}.{int(age[1])}",))

    def and_asked(self, claims: tuple[str, ...]) -> Question:
        """This question together with what a two-way request asked for."""
        asked = f"request:{','.join(claims)}"
        text = asked if not self.needs else f"{self.text}+{asked}"
        return Question(text, tuple(dict.fromkeys(self.needs + claims)))

    @property
    def ages(self) -> tuple[int, ...]:
        return tuple(int(n.split(".")[1]) for n in self.needs if _age_need(n))


ANY: Final = Question("any")


def _age_need(need: str) -> bool:
    head, _, age = need.partition(".")
    return head == AGE_CLAIM and age.isdigit()


@dataclass
class Check:
    """One check: ``passed`` is None when it could not run (an earlier check made it moot).

    ``code`` is the crypto core's error code when one of its steps failed (the officer's words
    for the reason are chosen by check name and code, see :mod:`verifier.i18n`).
    """

    name: str
    passed: bool | None
    reason: str = ""
    verdict: str = "invalid"  # the verdict this check gives when it fails
    error_code: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "reason": self.reason,
            "code": self.error_code,
        }


@dataclass(frozen=True)
class Answer:
    """The answer to a question: ``headline`` names the words and colour of the banner."""

    answer: str  # one of ANSWERS
    headline: str  # a verdict, or under_age, of_age, not_enough_data, try_again
    age: int | None = None  # the age of an under_age or of_age headline
    missing: tuple[str, ...] = ()  # the needs the claims do not show


@dataclass
class Verdict:
    """The outcome an officer sees: green (yes), blue (yes, on paper: compare the photo), amber
    (yes with warnings), red (no), grey."""

    verdict: str
    checks: list[Check]
    warnings: list[str] = field(default_factory=list)
    issuer: str | None = None
    vct: str | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    status: str | None = None
    status_as_of: float | None = None
    #: the Key Binding nonce once key binding passed (for the replay window; not shown)
    nonce: str | None = None
    question: Question = ANY
    #: the day of the check (UTC), for ages worked out from a birth date
    day: dt.date | None = None
    #: once the issuer's signature verified: its algorithm, and the trust path that vouched
    #: for the key (``issuer_keys``, ``issuer_metadata``, ``did``, ``x5c`` with its anchor)
    alg: str | None = None
    trust_path: str | None = None
    trust_anchor: str | None = None
    #: for ``x5c``: the signing certificate's subject (organisation, country, common name)
    certificate: dict[str, str | None] | None = None
    #: a paper credential (printed, no holder key: docs/verifier.md): blue, "compare the photo"
    paper: bool = False

    def vouched_by(
        self, alg: str, path: str, anchor: str | None, certified: CertifiedIssuer | None
    ) -> None:
        """Record how the issuer's signature was verified."""
        self.alg, self.trust_path, self.trust_anchor = alg, path, anchor
        if certified is not None:
            self.certificate = {
                "organisation": certified.organisation,
                "country": certified.country,
                "common_name": certified.common_name,
            }

    def conclude(self, question: Question, now: float) -> Verdict:
        """Hide the claims unless every integrity check passed; ask ``question`` on ``now``."""
        if not self.intact:
            self.claims = {}
        self.question = question
        self.day = dt.datetime.fromtimestamp(now, dt.UTC).date()
        return self

    @property
    def intact(self) -> bool:
        """Whether every integrity check passed: the claims are the issuer's and the holder's."""
        passed = {c.name for c in self.checks if c.passed}
        return all(name in passed for name in INTEGRITY)

    @property
    def answer(self) -> Answer:
        return answer(self)

    @property
    def colour(self) -> str:
        answered = self.answer
        if answered.answer == "try_again":
            return "grey"
        if answered.answer != "yes":
            return "red"
        if self.warnings:
            return "amber"
        return "blue" if self.paper else "green"

    @property
    def failed(self) -> list[str]:
        return [c.name for c in self.checks if c.passed is False]

    def to_json(self) -> dict[str, Any]:
        answered = self.answer
        return {
            "verdict": self.verdict,
            "question": self.question.text,
            "answer": answered.answer,
            "headline": answered.headline,
            "missing": list(answered.missing),
            "colour": self.colour,
            "checks": [c.to_json() for c in self.checks],
            "warnings": self.warnings,
            "issuer": self.issuer,
            "vct": self.vct,
            "claims": self.claims,
            "status": self.status,
            "status_as_of": self.status_as_of,
            "alg": self.alg,
            "trust_path": self.trust_path,
            "trust_anchor": self.trust_anchor,
            "certificate": self.certificate,
            "paper": self.paper,
        }


def decide(checks: list[Check]) -> str:
    """The most severe verdict among the failed checks, else ``valid``."""
    failed = {c.verdict for c in checks if c.passed is False}
    return next((v for v in VERDICTS if v in failed), "valid")


def answer(verdict: Verdict) -> Answer:
    """The answer of ``verdict`` to its question: yes only for a valid verdict whose claims
    show every need; no for another verdict or a claim that says no (under age); not enough
    data for a need the claims do not show; try again when nothing could be read."""
    if verdict.verdict == "unreadable":
        return Answer("try_again", "try_again")
    if verdict.verdict != "valid":
        return Answer("no", verdict.verdict)
    missing: list[str] = []
    for need in verdict.question.needs:
        if _age_need(need):
            age = int(need.split(".")[1])
            over = age_at_least(verdict.claims, age, verdict.day)
            if over is False:
                return Answer("no", "under_age", age)
            if over is None:
                missing.append(need)
        elif all(claim_at(verdict.claims, n) is None for n in (need, *ALIASES.get(need, ()))):
            missing.append(need)
    if missing:
        return Answer("not_enough_data", "not_enough_data", missing=tuple(missing))
    ages = verdict.question.ages
    if verdict.paper:  # whatever was asked, the face decides first
        return Answer("yes", "paper", max(ages) if ages else None)
    if ages and len(ages) == len(verdict.question.needs):
        return Answer("yes", "of_age", max(ages))
    return Answer("yes", "valid")


def claim_at(claims: dict[str, Any], path: str) -> Any:
    """The value at a dotted claim path (``address.locality``), or None."""
    value: Any = claims
    for step in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def age_at_least(claims: dict[str, Any], age: int, day: dt.date | None) -> bool | None:
    """Whether the claims show their holder is ``age`` or over: from an age predicate (18+
    true answers 17+, 16+ false answers 17+), else from the birth date on ``day``; None when
    they cannot tell."""
    predicates = claims.get(AGE_CLAIM)
    if isinstance(predicates, dict):
        known = {int(k): v for k, v in predicates.items() if k.isdigit() and isinstance(v, bool)}
        if any(ok and over >= age for over, ok in known.items()):
            return True
        if any(not ok and over <= age for over, ok in known.items()):
            return False
    birth = claims.get("birth_date", claims.get("birthdate"))
    if day is None or not isinstance(birth, str):
        return None
    try:
        born = dt.date.fromisoformat(birth)
    except ValueError:
        return None
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return years >= age
