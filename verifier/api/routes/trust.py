"""The trust page: whom this verifier trusts, in the officer's language.

Three lists: issuers with their own keys (their status lists and how long ago each was
fetched, by the verifier's clock), certificate authorities (trust anchors: organisation and
country in words, valid until, the fingerprint to compare with the operator's) and DID issuers.
Document types are shown by their display names (the trust store's type metadata, else the
type metadata Posvid ships), never as URNs; a name nobody published is said so, its URN beside
it only as a raw value (``data-raw-ok``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ... import i18n
from ...inbound import language_of
from ...known_types import known_type_metadata
from ...storage.models import TrustedIssuer
from ..deps import LangDep, VerifierDep
from ..views import page

router = APIRouter(include_in_schema=False)


def _display_name(names: dict[str, str], lang: str) -> str | None:
    """A name in ``lang``, else English, else any."""
    return names.get(lang) or names.get("en") or next(iter(names.values()), None)


def _type_name(metadata: Any, lang: str) -> str | None:
    """A type's display name from its SD-JWT VC type metadata (``display``, else ``name``)."""
    if not isinstance(metadata, dict):
        return None
    names = {
        language_of(d) or "": d["name"]
        for d in metadata.get("display") or []
        if isinstance(d, dict) and isinstance(d.get("name"), str) and d["name"]
    }
    named = metadata.get("name")
    return _display_name(names, lang) or (named if isinstance(named, str) and named else None)


class _Types:
    """Document types in words: the trust store's type metadata, else Posvid's shipped."""

    def __init__(self, records: list[TrustedIssuer], lang: str) -> None:
        self.lang = lang
        self.metadata: dict[str, Any] = {}
        for record in records:
            for vct, metadata in (record.type_metadata or {}).items():
                self.metadata.setdefault(vct, metadata)

    def __call__(self, vcts: list[str], own: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        shown = []
        for vct in vcts:
            metadata = (own or {}).get(vct) or self.metadata.get(vct)
            name = _type_name(metadata, self.lang) or _type_name(
                known_type_metadata(vct), self.lang
            )
            shown.append({"name": name, "vct": vct})
        return shown


def _source(source: str) -> str:
    return "source_" + {"bundle": "bundle", "did": "did"}.get(source, source.split(":")[0])


def _issuer(
    record: TrustedIssuer, types: _Types, lang: str, now: float, fetched: dict[str, float]
) -> dict[str, Any]:
    names = record.names if isinstance(record.names, dict) else {}
    return {
        "name": _display_name(names, lang),
        "issuer": record.issuer,
        "types": types(record.vcts, record.type_metadata),
        "source": _source(record.source),
        "lists": [
            (uri, int((now - fetched[uri]) // 60) if uri in fetched else None)
            for uri in record.status_lists
        ],
    }


def _anchor(described: dict[str, Any], types: _Types, lang: str, now: float) -> dict[str, Any]:
    until = dt.datetime.fromtimestamp(described["not_after"], dt.UTC)
    return {
        "organisation": described["organisation"],
        "country": i18n.country(described["country"], lang),
        "until": i18n.date_words(until.date(), lang),
        "expired": described["not_after"] < now,
        "fingerprint": described["fingerprint"],
        "types": types(described["vcts"]),
        "source": _source(described["source"]),
    }


@router.get("/trust")
def trust_page(request: Request, verifier: VerifierDep, lang: LangDep) -> HTMLResponse:
    """Issuers with keys, certificate authorities and DID issuers, with their document types."""
    now = verifier.clock.now()
    records = verifier.trust.records()
    types = _Types(records, lang)
    fetched = verifier.status_ages()
    issuers = [_issuer(r, types, lang, now, fetched) for r in records]
    store = verifier.trust.anchor_store
    anchors = [_anchor(store.describe(r), types, lang, now) for r in store.records()]
    return page(
        request,
        lang,
        "trust.html",
        issuers=[i for i in issuers if not i["issuer"].startswith("did:")],
        dids=[i for i in issuers if i["issuer"].startswith("did:")],
        anchors=anchors,
    )
