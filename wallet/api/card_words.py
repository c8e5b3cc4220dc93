"""A document as a person reads it: whose it is, its number, until when it is valid, who issued
it, its status, its claims as rows in the document's order, and what a preset would show.

Built from the wallet's views (:mod:`wallet.views`) with the shared vocabulary
(:mod:`posvid.common.wording`): no claim name, code, URL or ISO date reaches a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from posvid.common.wording import (
    AGE_CLAIM,
    Row,
    age_words,
    claim_rows,
    default_labels,
    iso_date_words,
    time_words,
)

from ..views import CardDetails
from .words import code_kind, text

#: a status learnt longer ago than this is checked again when the documents are shown
STATUS_FRESH_SECONDS: Final = 300
_NUMBERS: Final = ("document_number", "certificate_number", "tax_number")
#: the claims that say until when a document is valid
_VALIDITY: Final = ("expiry_date", "valid_until")


@dataclass(frozen=True)
class CardView:
    """One document in words."""

    id: str
    name: str
    #: the holder's name as the reader knows it (Latin on an English page, when there is one)
    holder: str
    #: the other spelling beneath it (the Cyrillic on an English page), or nothing
    other: str
    number: str
    valid_until: str
    issuer: str
    status: str
    status_words: str
    checked: str
    todo: str
    rows: list[Row]
    presets: tuple[str, ...]
    #: whether the document carries the holder's photo (said before everything is shown)
    portrait: bool
    #: the photo itself, only as a ``data:image/...;base64`` URI (never a URL the page fetches)
    portrait_uri: str | None
    ready: list[tuple[str, int]]
    #: each kind of code: what it is for, how many are ready, for how long they can be made
    codes: list[tuple[str, int, str]]

    @property
    def blocked(self) -> bool:
        """Revoked or suspended: shown in red, never as a QR code."""
        return self.status in ("revoked", "suspended")


#: a photo the card shows: an inline WebP (what the issuer encodes), PNG or JPEG image in
#: canonical base64, bounded; anything else (a URL above all) is not shown
_IMAGE_URI: Final = re.compile(
    r"data:image/(?:webp|png|jpeg);base64,(?:[A-Za-z0-9+/]{4}){1,16384}"
    r"(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
)


def image_uri(value: Any) -> str | None:
    """``value`` when it is an inline image the card may show, else None."""
    return value if isinstance(value, str) and _IMAGE_URI.fullmatch(value) else None


def _holder(claims: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The holder's name as the page's reader knows it, and beneath it the other spelling: on an
    English page the Latin name (when the document has it) with the Cyrillic beneath, on a
    Ukrainian page the name as the document writes it."""
    native = " ".join(
        str(claims[k]) for k in ("family_name", "given_name", "patronymic") if claims.get(k)
    )
    latin = " ".join(
        str(claims[k]) for k in ("given_name_latin", "family_name_latin") if claims.get(k)
    )
    if lang == "en" and latin:
        return latin, native
    return native, ""


def _number(claims: Mapping[str, Any]) -> str:
    """The document's own number (a birth certificate's with its series)."""
    number = next((str(claims[k]) for k in _NUMBERS if claims.get(k)), "")
    series = claims.get("series")
    return f"{series} {number}".strip() if series else number


def _valid_until(claims: Mapping[str, Any], lang: str) -> str:
    """The document's own validity (not its credentials'), in words."""
    until = next((claims[k] for k in _VALIDITY if claims.get(k)), None)
    return iso_date_words(str(until), lang) if until else text(lang)["no_expiry"]


def issuer_name(names: Mapping[str, str], lang: str) -> str:
    """The issuer by its name in ``lang`` (a locale ``en-GB`` counts as ``en``), else in
    Ukrainian, else any it gave; never its address."""
    by_lang: dict[str, str] = {}
    for locale, name in names.items():
        if name:
            by_lang.setdefault(locale.split("-")[0].lower(), name)
    found = by_lang.get(lang) or by_lang.get("uk") or next(iter(by_lang.values()), "")
    return found or text(lang)["issuer_unknown"]


def _status(details: CardDetails, lang: str, issuer: str) -> tuple[str, str, str]:
    """The status in words, when it was checked, and what to do about it."""
    words = text(lang)
    checked = ""
    if details.status_checked_at is not None:
        when = time_words(details.status_checked_at, lang)
        checked = words["checked_at"].format(when=when)
    todo = words.get(f"{details.status}_todo", "").format(issuer=issuer)
    label = words["not_checked"] if details.status == "unknown" else words[details.status]
    return label, checked, todo


def _own_card_values(
    values: Mapping[str, Any], lang: str, *, blocked: bool = False
) -> dict[str, Any]:
    """The claims as their holder reads them on the card: the age checks as one value, the
    thresholds met (``14+, 16+, 18+, 21+``), else ``under 14`` (the consent for an age check,
    and the officer, keep one row per threshold); a revoked or suspended document without its
    validity (it would contradict the red notice)."""
    if blocked:
        values = {k: v for k, v in values.items() if k not in _VALIDITY}
    ages = values.get(AGE_CLAIM)
    if not isinstance(ages, Mapping):
        return dict(values)
    checks = sorted((int(a), over) for a, over in ages.items() if str(a).isdigit())
    met = [f"{age}+" for age, over in checks if over is True]
    if met:
        said = ", ".join(met)
    elif checks:
        said = text(lang)["age_under"].format(age=checks[0][0])
    else:
        said = "—"
    return {**values, AGE_CLAIM: said}


def days_words(seconds: int, lang: str) -> str:
    """A time left in whole days, as a person says it (``ще 89 днів``, ``for 89 more days``);
    less than a day is ``only today``."""
    days = max(seconds, 0) // 86400
    if days == 0:
        return text(lang)["codes_today"]
    if lang == "en":
        return f"for {days} more day{'s' if days != 1 else ''}"
    last, tens = days % 10, days % 100
    if last == 1 and tens != 11:
        unit = "день"
    elif 2 <= last <= 4 and not 12 <= tens <= 14:
        unit = "дні"
    else:
        unit = "днів"
    return f"ще {days} {unit}"


def _codes(details: CardDetails, lang: str, now: int) -> list[tuple[str, int, str]]:
    """Each kind of code the document can still make: what for, how many ready, for how long."""
    configs = sorted(set(details.codes_until) | set(details.unused_credentials))
    return [
        (
            code_kind(config, lang),
            details.unused_credentials.get(config, 0),
            days_words(details.codes_until.get(config, now) - now, lang),
        )
        for config in configs
    ]


def card_view(details: CardDetails, lang: str, now: int) -> CardView:
    """``details`` in words in ``lang``, at ``now`` (the wallet's clock, Unix seconds)."""
    values = {c.name: c.value for c in details.claims}
    labels = default_labels(lang, {c.name: c.label for c in details.claims})
    issuer = issuer_name(details.issuer_names, lang)
    holder, other = _holder(values, lang)
    label, checked, todo = _status(details, lang, issuer)
    unused = sorted(details.unused_credentials.items())
    ready = [(code_kind(config, lang), count) for config, count in unused]
    return CardView(
        id=details.id,
        name=details.name(lang),
        holder=holder,
        other=other,
        number=_number(values),
        valid_until=_valid_until(values, lang),
        issuer=issuer,
        status=details.status,
        status_words=label,
        checked=checked,
        todo=todo,
        rows=claim_rows(
            _own_card_values(values, lang, blocked=details.status in ("revoked", "suspended")),
            lang,
            lambda name: text(lang)["age"] if name == AGE_CLAIM else labels(name),
            [c.name for c in details.claims],
        ),
        presets=details.presets,
        portrait="portrait" in values,
        portrait_uri=image_uri(values.get("portrait")),
        ready=ready,
        codes=_codes(details, lang, now),
    )


def shown_rows(details: CardDetails, paths: Iterable[str], lang: str) -> list[Row]:
    """What a presentation of ``paths`` shows, as rows with their values (the consent step)."""
    values = {c.name: c.value for c in details.claims}
    labels = default_labels(lang, {c.name: c.label for c in details.claims})
    picked: dict[str, Any] = {}
    order = [c.name for c in details.claims]
    for path in paths:
        head, _, rest = path.partition(".")
        value = values.get(head)
        if rest and isinstance(value, Mapping):
            picked.setdefault(head, {})[rest] = value.get(rest)
        elif head in values:
            picked[head] = value
    rows = claim_rows(picked, lang, labels, order)
    if "portrait" in picked:
        rows.insert(0, Row(text(lang)["photo"], text(lang)["your_photo"]))
    return rows


def shown_words(paths: Iterable[str], labels: Mapping[str, str], lang: str) -> list[str]:
    """What a presentation disclosed, in words (the history), in the document's order (that of
    ``labels``): labels, ages as phrases, every age check as one."""
    label = default_labels(lang, labels)
    rank = {name: i for i, name in enumerate(labels)}
    words = []
    for path in sorted(paths, key=lambda p: (rank.get(p.partition(".")[0], len(rank)), p)):
        rest = path.partition(".")[2]
        if rest.isdigit():
            words.append(age_words(int(rest), lang))
        elif path == AGE_CLAIM:
            words.append(text(lang)["age_checks"])
        else:
            words.append(label(path))
    return words


def needs_check(cards: Iterable[CardDetails], now: int) -> bool:
    """Whether any document's status is unknown or older than :data:`STATUS_FRESH_SECONDS`."""
    return any(
        c.status_checked_at is None or now - c.status_checked_at > STATUS_FRESH_SECONDS
        for c in cards
    )
