"""The verdict as an officer reads it, in one language: the card the page and the CLI show.

A headline that answers the question (colour, words, what it means and what to do next), which
document it is and who issued it (display names from the trust store, never a URN or a URL),
the portrait first, the claims in a fixed order (names first) with their values in words, the
warnings and every check with its reason in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol

from posvid.common import wording
from posvid.common.vocabulary import BORDER_CLAIMS

from . import i18n
from .inbound import claim_labels, language_of
from .known_types import known_type_metadata
from .verdict import AGE_CLAIM, Check, Question, Verdict

if TYPE_CHECKING:
    from .storage.models import TrustedIssuer

__all__ = ["Card", "Line", "card", "question_words"]

#: the order claims are shown in: names, then the border profile's, then the rest by name
ORDER: Final = tuple(
    dict.fromkeys(
        (
            "family_name",
            "given_name",
            "patronymic",
            *BORDER_CLAIMS,
            "birthdate",
            "place_of_birth",
            "nationalities",
            "sex",
            "birth_place",
            AGE_CLAIM,
            "issue_date",
            "valid_until",
            "issuing_authority",
            "record_number",
            "tax_number",
        )
    )
)
ICONS: Final = {"green": "✔", "blue": "▣", "amber": "⚠", "red": "✖", "grey": "↻"}
#: the checks a paper credential does not need (no holder key: docs/verifier.md)
PAPER_NOT_NEEDED: Final = frozenset({"key_binding", "freshness", "audience_nonce", "replay"})
#: a portrait is shown only as an inline picture: never a URL the browser would fetch
PORTRAIT: Final = re.compile(r"data:image/(?:jpeg|png|webp);base64,[A-Za-z0-9+/=]+")


class Known(Protocol):
    """What the card needs of the trust store."""

    def record(self, issuer: str) -> TrustedIssuer | None: ...


@dataclass(frozen=True)
class Line:
    """A row of the card: a label and its value (for a check: a mark, its name, a note)."""

    label: str
    value: str
    mark: str = ""  # ok, fail, skip for a check


@dataclass(frozen=True)
class Card:
    lang: str
    colour: str
    icon: str
    headline: str
    advice: str
    question: str
    document: str | None
    issuer: str | None
    portrait: str | None
    claims: tuple[Line, ...]
    #: the signature's algorithm and the trust path, once the signature verified
    trust: str | None
    warnings: tuple[str, ...]
    checks: tuple[Line, ...]


def card(verdict: Verdict, trust: Known, lang: str) -> Card:
    """The card of ``verdict`` in ``lang``."""
    record = trust.record(verdict.issuer or "") if verdict.intact else None
    metadata = (record.type_metadata if record else {}).get(verdict.vct or "")
    if not isinstance(metadata, dict) and verdict.intact:
        metadata = known_type_metadata(verdict.vct)
    labels = _Labels(lang, metadata)
    portrait = verdict.claims.get("portrait")
    shown_portrait = (
        portrait if isinstance(portrait, str) and PORTRAIT.fullmatch(portrait) else None
    )
    return Card(
        lang=lang,
        colour=verdict.colour,
        icon=ICONS[verdict.colour],
        headline=i18n.headline(verdict.answer.headline, lang, verdict.answer.age),
        advice=_advice(verdict, labels, has_portrait=bool(shown_portrait)),
        question=question_words(verdict.question, lang),
        document=_display(metadata.get("display") if isinstance(metadata, dict) else None, lang),
        issuer=_issuer_name(record, lang) or _certificate_name(verdict, lang),
        portrait=shown_portrait,
        claims=tuple(_claim_lines(_coded(verdict.claims, lang), labels)),
        trust=_trust_words(verdict, lang),
        warnings=tuple(_warnings(verdict, lang)),
        checks=tuple(_check_line(c, verdict, lang) for c in verdict.checks),
    )


def question_words(question: Question, lang: str) -> str:
    """What was checked, in words."""
    if "request:" in question.text:
        return i18n.word("q_request", lang)
    if question.text == "identity":
        return i18n.word("q_identity", lang)
    if question.ages:
        return i18n.word("q_age", lang, age=max(question.ages))
    return i18n.word("q_any", lang)


class _Labels:
    """Claim labels: the issuer's in ``lang``, else the verifier's, else the issuer's English."""

    def __init__(self, lang: str, metadata: Any) -> None:
        self.lang = lang
        self.issuer = claim_labels(metadata, lang)
        self.english = claim_labels(metadata, "en")

    def __call__(self, name: str) -> str:
        if name.startswith(f"{AGE_CLAIM}.") and name.split(".")[1].isdigit():
            return i18n.word("age_over", self.lang, age=name.split(".")[1])
        ours = i18n.claim_label(name, self.lang)
        mine = self.issuer.get(name)
        if mine and (self.lang == "en" or mine != self.english.get(name) or ours is None):
            return mine
        return ours or name.replace("_", " ").replace(".", ": ").capitalize()


def _advice(verdict: Verdict, labels: _Labels, *, has_portrait: bool) -> str:
    answered = verdict.answer
    if answered.headline == "paper":
        return i18n.advice("paper" if has_portrait else "paper_no_portrait", labels.lang)
    if answered.headline == "valid" and not has_portrait:
        return i18n.advice("valid_no_portrait", labels.lang)
    if answered.headline in i18n.ADVICE:
        missing = ", ".join(labels(need) for need in answered.missing)
        return i18n.advice(answered.headline, labels.lang, age=answered.age, missing=missing)
    deciding = next(
        (c for c in verdict.checks if c.passed is False and c.verdict == verdict.verdict),
        Check("readable", False, verdict="unreadable"),
    )
    return i18n.reason(deciding.name, deciding.error_code, deciding.verdict, labels.lang)


def _display(display: Any, lang: str) -> str | None:
    """A ``display`` list's ``name`` in ``lang``, else English, else the first."""
    names = {
        language_of(d): d.get("name")
        for d in (display if isinstance(display, list) else [])
        if isinstance(d, dict) and isinstance(d.get("name"), str) and d.get("name")
    }
    return names.get(lang) or names.get("en") or next(iter(names.values()), None)


def _issuer_name(record: TrustedIssuer | None, lang: str) -> str | None:
    names = record.names if record is not None and isinstance(record.names, dict) else {}
    return _display([{"locale": k, "name": v} for k, v in names.items()], lang)


def _certificate_name(verdict: Verdict, lang: str) -> str | None:
    """The signing certificate's subject in plain words: organisation, country."""
    subject = verdict.certificate if verdict.intact else None
    if not subject:
        return None
    name = subject.get("organisation") or subject.get("common_name")
    place = i18n.country(subject.get("country"), lang)
    return ", ".join(part for part in (name, place) if part) or None


def _trust_words(verdict: Verdict, lang: str) -> str | None:
    if verdict.alg is None or verdict.trust_path is None:
        return None
    return i18n.trust_path(verdict.alg, verdict.trust_path, verdict.trust_anchor, lang)


#: claims (and members) whose values are ISO 3166-1 alpha-2 codes (EU PID, EHIC)
COUNTRY_CLAIMS: Final = frozenset({"nationalities", "issuing_country", "country"})
#: ISO/IEC 5218 sex codes as the PID carries them, as Posvid's codes
SEX_CODES: Final = {1: "M", 2: "F"}


def _coded(value: Any, lang: str, name: str = "") -> Any:
    """Values that are codes of other issuers in words: countries, the PID's numeric sex."""
    if isinstance(value, dict):
        return {k: _coded(v, lang, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_coded(v, lang, name) for v in value]
    if name in COUNTRY_CLAIMS and isinstance(value, str) and len(value) == 2:
        return i18n.country(value, lang)
    if name == "sex" and type(value) is int:
        return SEX_CODES.get(value, value)
    return value


def _claim_lines(claims: dict[str, Any], labels: _Labels) -> list[Line]:
    rank = {name: i for i, name in enumerate(ORDER)}
    names = sorted((n for n in claims if n != "portrait"), key=lambda n: (rank.get(n, 99), n))
    lines: list[Line] = []
    for name in names:
        value = claims[name]
        if name == AGE_CLAIM and isinstance(value, dict):
            for age, over in sorted(
                value.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0
            ):
                lines.append(Line(labels(f"{AGE_CLAIM}.{age}"), _words(over, labels)))
        else:
            lines.append(Line(labels(name), _words(value, labels, name)))
    return lines


def _words(value: Any, labels: _Labels, name: str = "") -> str:
    """A claim value in words: dates as the language writes them, yes/no, codes, lists, objects."""
    return wording.value_words(value, labels.lang, labels, name)


def _warnings(verdict: Verdict, lang: str) -> list[str]:
    at = verdict.status_as_of
    time = i18n.time_words(dt.datetime.fromtimestamp(at, dt.UTC), lang) if at else "—"
    return list(dict.fromkeys(i18n.warning(w, lang, time) for w in verdict.warnings))


def _check_line(check: Check, verdict: Verdict, lang: str) -> Line:
    name = i18n.check_name(check.name, lang)
    if check.passed and verdict.paper and check.name in PAPER_NOT_NEEDED:
        return Line(name, i18n.word("paper_not_needed", lang), "skip")
    if check.passed:
        return Line(name, "", "ok")
    if check.passed is False:
        return Line(name, i18n.reason(check.name, check.error_code, check.verdict, lang), "fail")
    unknown = check.name == "status" and verdict.status == "unknown"
    return Line(name, i18n.word("unknown" if unknown else "not_run", lang), "skip")
