"""What the wallet hands its callers (the CLI, the web page): typed, frozen values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from .records import HistoryRecord


@dataclass(frozen=True)
class CardSummary:
    """What ``list`` shows for one document."""

    id: str
    issuer: str
    type: str
    vct: str
    display_name: Mapping[str, str]
    expires_at: str
    status: str
    unused_credentials: Mapping[str, int]
    #: the issuer's own names by locale (its metadata), empty for documents kept before
    issuer_names: Mapping[str, str]
    #: when ``status`` was learnt (Unix seconds), None before the first check
    status_checked_at: int | None
    #: until when codes of each configuration can be made: its valid credentials' last expiry
    codes_until: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def name(self, lang: str) -> str:
        """The document's display name in ``lang``, else its type."""
        return self.display_name.get(lang, self.type)


@dataclass(frozen=True)
class Claim:
    """One claim of a document with its label in the asked language."""

    name: str
    label: str
    value: Any


@dataclass(frozen=True)
class CardDetails(CardSummary):
    """A document and its claims (``show``), in the order of the issuer's type metadata, and
    the presets its credentials can show."""

    claims: tuple[Claim, ...] = ()
    presets: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryItem(HistoryRecord):
    """One presentation: when, which document, which claims, to whom (when known)."""

    id: str
    at: dt.datetime


@dataclass(frozen=True)
class StatusResult:
    """A document's status at its issuer: valid, revoked, suspended or unknown (and why)."""

    id: str
    type: str
    status: str
    reason: str | None = None


class PresentOptions(TypedDict, total=False):
    """What to present: claim names, a preset, a verifier's request; a QR on screen to renew."""

    disclose: list[str] | None
    preset: str | None
    request: str | None
    renew: str | None


@dataclass(frozen=True)
class Presentation:
    """A presentation ready to show: the QR text, what it discloses, until when."""

    payload: str
    sd_jwt: str
    audience: str
    nonce: str
    claims: tuple[str, ...]
    expires_at: int
    credential_id: str
    warnings: tuple[str, ...] = ()


def to_json(value: Any) -> Any:
    """A view (or a list of views) as JSON-ready data; times as ISO 8601 text."""
    if isinstance(value, list):
        return [to_json(v) for v in value]
    data = dataclasses.asdict(value)
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in data.items()}
